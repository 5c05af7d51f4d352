import type { Command } from 'commander';
import { OWNERS, type Lang, type Owner } from '../../core/i18n.js';
import { KINDS, type Kind } from '../../kb/kinds.js';
import { uiLang } from '../io.js';
import { choiceOption, langOption } from '../options.js';
import type { CommandContext } from '../state.js';

// `whoowns ask` and `whoowns kb`: the knowledge base and its engine load when one of them runs.

export function declareAsk(program: Command, { io, state }: CommandContext): void {
  program
    .command('ask')
    .description('answer a question about ECS security responsibility (Chinese or English)')
    .argument('[question...]', 'the question; with --json and none, reads one question per line from stdin')
    .option('--json', 'print one JSON object (JSON Lines when reading stdin: one output line per input line)')
    .option('--long', 'the full answer instead of the short one')
    .addOption(langOption('answer language'))
    .action(async (words: string[], opts: { json?: boolean; long?: boolean; lang?: Lang }) => {
      const [{ runAsk }, { loadDefaultEngine }] = await Promise.all([import('../ask.js'), import('../../qa/default.js')]);
      const question = words.length ? words.join(' ') : undefined;
      state.code = await runAsk(await loadDefaultEngine(), question, opts, io);
    });
}

export function declareKb(program: Command, { io, state }: CommandContext): void {
  const kb = program.command('kb').description('browse the knowledge base');
  kb.command('list')
    .description('list entries')
    .addOption(choiceOption('--kind <kind>', 'only this kind', KINDS))
    .addOption(choiceOption('--owner <owner>', 'only this owner', OWNERS))
    .option('--json', 'print JSON')
    .addOption(langOption('answer language'))
    .action(async (opts: { kind?: Kind; owner?: Owner; json?: boolean; lang?: Lang }) => {
      const [{ runKbList }, { loadDefaultEngine }] = await Promise.all([import('../kb.js'), import('../../qa/default.js')]);
      state.code = runKbList((await loadDefaultEngine()).kb, { ...opts, lang: opts.lang ?? uiLang(io.env) }, io);
    });
  kb.command('show')
    .description('show one entry')
    .argument('<id>', 'entry id, e.g. customer.os-patching')
    .option('--json', 'print JSON')
    .addOption(langOption('answer language'))
    .action(async (id: string, opts: { json?: boolean; lang?: Lang }) => {
      const [{ runKbShow }, { loadDefaultEngine }] = await Promise.all([import('../kb.js'), import('../../qa/default.js')]);
      state.code = runKbShow((await loadDefaultEngine()).kb, id, { ...opts, lang: opts.lang ?? uiLang(io.env) }, io);
    });
}
