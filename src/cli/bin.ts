#!/usr/bin/env node
import { createInterface } from 'node:readline';
import { runCli } from './program.js';
import type { CliIo } from './io.js';

const io: CliIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  lines: () => createInterface({ input: process.stdin, crlfDelay: Infinity }),
  isTTY: Boolean(process.stdout.isTTY),
  env: process.env,
};

process.exitCode = await runCli(process.argv.slice(2), io);
