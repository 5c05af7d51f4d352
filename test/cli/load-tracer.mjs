// Test-only: `node --import ./test/cli/load-tracer.mjs …` records every module URL the run resolves
// into the file named by WHOOWNS_LOAD_TRACE, one per line. Public module hooks, so it works on
// Node 20.6+ and 22 alike (no internal moduleLoadList, no deprecated --experimental-loader).
import { register } from 'node:module';

register('./load-tracer-hooks.mjs', import.meta.url, { data: { file: process.env.WHOOWNS_LOAD_TRACE } });
