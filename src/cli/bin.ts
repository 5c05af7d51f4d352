#!/usr/bin/env node
import { createInterface } from 'node:readline';
import { runCli } from './program.js';
import type { CliIo } from './io.js';
import { installLastResort } from '../core/last-resort.js';
import { createRedactor } from '../core/redact.js';
import { secretsFromEnv } from '../core/secrets.js';

// Whatever escapes a command (a library's stray rejection) is reported redacted, not by Node.
installLastResort(createRedactor(secretsFromEnv(process.env)));

// `whoowns scan | head` closes the pipe early: that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

const io: CliIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  lines: () => createInterface({ input: process.stdin, crlfDelay: Infinity }),
  isTTY: Boolean(process.stdout.isTTY),
  env: process.env,
};

process.exitCode = await runCli(process.argv.slice(2), io);
