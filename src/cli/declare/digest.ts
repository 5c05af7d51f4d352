import type { Command } from 'commander';
import type { DigestCliOptions } from '../digest.js';
import { langOption } from '../options.js';
import type { CommandContext } from '../state.js';

// `whoowns digest`: list the schedules, or run one by hand (--now), optionally as a dry run.
// The digest system, SQLite and the platform clients load in the action.

export function declareDigest(program: Command, { io, state }: CommandContext): void {
  program
    .command('digest')
    .description('scheduled posture digests: list them, or run one now (--dry-run prints what would be posted)')
    .option('--list', 'list the schedules with their next run times')
    .option('--schedule <name>', 'the schedule to run (optional when there is only one)')
    .option('--now', 'run the digest now: scan, compare, post and record')
    .option('--dry-run', 'with --now: print what would be posted to each platform; post and record nothing')
    .option('--demo', 'use the built-in demo account')
    .addOption(langOption('language of this command\'s own output'))
    .action(async (opts: DigestCliOptions) => {
      const { runDigest } = await import('../digest.js');
      state.code = await runDigest(opts, io);
    });
}
