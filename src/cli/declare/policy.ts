import type { Command } from 'commander';
import { langOption } from '../options.js';
import type { CommandContext } from '../state.js';

// `whoowns policy`: the least-privilege RAM policy. The action list loads in the action.

export function declarePolicy(program: Command, { io, state }: CommandContext): void {
  program
    .command('policy')
    .description('print the least-privilege RAM policy whoowns needs (read-only: Describe/List/Get)')
    .option('--json', 'print only the policy document')
    .addOption(langOption())
    .action(async (opts: { json?: boolean; lang?: 'zh' | 'en' }) => {
      const { runPolicy } = await import('../policy.js');
      state.code = runPolicy(opts, io);
    });
}
