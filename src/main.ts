import { serve } from './server.js';

// `npm start`: the same start as `whoowns serve` (src/server.ts).
process.exitCode = await serve({ env: process.env, stdin: process.stdin, stdout: process.stdout, err: (t) => void process.stderr.write(t) });
