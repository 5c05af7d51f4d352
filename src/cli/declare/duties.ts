import type { Command } from 'commander';
import { COMPLIANCE_FORMATS } from '../../posture/render/formats.js';
import type { DutiesOptions } from '../duties.js';
import { choiceOption, langOption } from '../options.js';
import type { CommandContext } from '../state.js';

// `whoowns duties`: each customer duty of the shared responsibility model with the evidence from
// one scan. Exit codes: 0 ok; 2 usage error; 3 the scan could not run. Everything heavy loads in the action.

export function declareDuties(program: Command, { io, state }: CommandContext): void {
  program
    .command('duties')
    .description("each customer duty of the shared responsibility model with this account's evidence: checks, helping products in use, gaps")
    .option('--account <name>', 'configured account to scan (default: the first)')
    .addOption(choiceOption('--format <format>', 'output format (default: table on a terminal, json otherwise)', COMPLIANCE_FORMATS))
    .option('--demo', 'scan the built-in demo account (DEMO DATA)')
    .addOption(langOption())
    .action(async (opts: DutiesOptions) => {
      const { runDuties } = await import('../duties.js');
      state.code = await runDuties(opts, io);
    });
}
