import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { packageRoot } from '../core/paths.js';
import { toWhoownsError } from '../core/errors.js';
import { defaultEngine } from '../qa/default.js';
import { runAsk } from './ask.js';
import type { CliIo } from './io.js';
import { uiLang } from './io.js';
import { runKbList, runKbShow } from './kb.js';
import { registerCloudCommands } from './cloud-commands.js';
import { registerPolicyCommand } from './policy.js';
import { registerServeCommand } from './serve.js';
import { redactingIo } from '../security/guard.js';
import { createRedactor } from '../core/redact.js';
import { secretsFromEnv } from '../core/secrets.js';
import { choiceOption, langFromArgv, langOption } from './options.js';
import { KINDS, OWNERS, type Kind, type Owner } from '../kb/schema.js';
import { registerChecksCommand } from './checks.js';

// The `whoowns` command line. Each subcommand is a small function over (options, io) that
// returns an exit code: 0 ok, 1 findings/failure, 2 usage or bad input, 3 could not run.

export interface CliState {
  code: number;
}

export function buildProgram(io: CliIo, state: CliState): Command {
  const program = new Command('whoowns')
    .description('Who owns the fix on Alibaba Cloud ECS: the shared responsibility model, live posture and digests.')
    .version(packageVersion(), '-V, --version')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });

  program
    .command('ask')
    .description('answer a question about ECS security responsibility (Chinese or English)')
    .argument('[question...]', 'the question; with --json and none, reads one question per line from stdin')
    .option('--json', 'print one JSON object (JSON Lines when reading stdin)')
    .addOption(langOption('answer language'))
    .action(async (words: string[], opts: { json?: boolean; lang?: 'zh' | 'en' }) => {
      const question = words.length ? words.join(' ') : undefined;
      state.code = await runAsk(defaultEngine(), question, opts, io);
    });

  const kb = program.command('kb').description('browse the knowledge base');
  kb.command('list')
    .description('list entries')
    .addOption(choiceOption('--kind <kind>', 'only this kind', KINDS))
    .addOption(choiceOption('--owner <owner>', 'only this owner', OWNERS))
    .option('--json', 'print JSON')
    .addOption(langOption('answer language'))
    .action((opts: { kind?: Kind; owner?: Owner; json?: boolean; lang?: 'zh' | 'en' }) => {
      state.code = runKbList(defaultEngine().kb, { ...opts, lang: opts.lang ?? uiLang(io.env) }, io);
    });
  kb.command('show')
    .description('show one entry')
    .argument('<id>', 'entry id, e.g. customer.os-patching')
    .option('--json', 'print JSON')
    .addOption(langOption('answer language'))
    .action((id: string, opts: { json?: boolean; lang?: 'zh' | 'en' }) => {
      state.code = runKbShow(defaultEngine().kb, id, { ...opts, lang: opts.lang ?? uiLang(io.env) }, io);
    });

  registerCloudCommands(program, io, state);
  registerPolicyCommand(program, io, state);
  registerChecksCommand(program, io, state);
  registerServeCommand(program, io, state);
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
