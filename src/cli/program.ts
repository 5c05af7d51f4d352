import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { packageRoot } from '../core/paths.js';
import { toWhoownsError } from '../core/errors.js';
import { createRedactor } from '../core/redact.js';
import { secretsFromEnv } from '../core/secrets.js';
import { declareCommands } from './declare/index.js';
import type { CliIo } from './io.js';
import { redactingIo, uiLang } from './io.js';
import { langFromArgv } from './options.js';
import type { CliState } from './state.js';

// The `whoowns` command line. Each subcommand is a small function over (options, io) that
// returns an exit code: 0 ok, 1 findings/failure, 2 usage or bad input, 3 could not run.
// Only declarations load here; a command's runtime (SDKs, SQLite, the Q&A engine) loads when it runs.

export function buildProgram(io: CliIo, state: CliState): Command {
  const program = new Command('whoowns')
    .description('Who owns the fix on Alibaba Cloud ECS: the shared responsibility model, live posture and digests.')
    .version(packageVersion(), '-V, --version')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
  declareCommands(program, { io, state });
  return program;
}

function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

export async function runCli(argv: string[], rawIo: CliIo): Promise<number> {
  // Everything the CLI prints, errors included, passes the redaction layer.
  const io = redactingIo(rawIo, createRedactor(secretsFromEnv(rawIo.env)));
  const state: CliState = { code: 0 };
  const program = buildProgram(io, state);
  if (argv.length === 0) {
    program.outputHelp();
    return 0;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return state.code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end here too, with exit code 0.
      return e.exitCode === 0 ? 0 : 2;
    }
    const err = toWhoownsError(e);
    // A refusal while parsing comes before commander has read --lang: look for it in argv.
    const lang = langFromArgv(argv) ?? uiLang(io.env);
    io.err(`${lang === 'zh' ? '错误' : 'Error'}: ${err.messageIn(lang)}\n`);
    return exitCodeFor(err.code);
  }
}

const COULD_NOT_RUN = new Set(['NO_CREDENTIALS', 'ENDPOINT_UNREACHABLE', 'CLOUD_CALL']);

/** 1 for our own bugs, 3 when the cloud could not be read at all, 2 for everything the user can fix in the call. */
export function exitCodeFor(code: string): number {
  if (code === 'INTERNAL') return 1;
  return COULD_NOT_RUN.has(code) ? 3 : 2;
}
