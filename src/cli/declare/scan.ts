import type { Command } from 'commander';
import { SEVERITIES } from '../../core/i18n.js';
import { FORMATS } from '../../posture/render/formats.js';
import { choiceListOption, choiceOption, listOption } from '../options.js';
import type { ScanOptions } from '../scan.js';
import type { CommandContext } from '../state.js';
import { CHECK_SERVICES } from './checks.js';

// `whoowns scan`. Exit codes: 0 ok; 1 a finding at or above --fail-on; 2 usage error; 3 the scan could not run.
// The checks, the collector and its SDKs load in the action.

export function declareScan(program: Command, { io, state }: CommandContext): void {
  program
    .command('scan')
    .description('check the account\'s posture and say who owns each fix')
    .addOption(listOption('--account <names>', 'accounts to scan, by name or id (repeat or comma-separate; all = every configured and discovered account; default: the first)'))
    .addOption(listOption('--region <ids>', 'only these regions (repeat or comma-separate)'))
    .addOption(listOption('--check <ids>', 'only these checks (repeat or comma-separate)'))
    .addOption(choiceListOption('--service <svc>', 'only checks of these services (repeat or comma-separate)', CHECK_SERVICES))
    .addOption(choiceOption('--severity <level>', 'only findings at or above this severity', SEVERITIES))
    .addOption(choiceOption('--format <format>', 'output format (default: table on a terminal, json otherwise)', FORMATS))
    .addOption(choiceOption('--fail-on <level>', 'exit 1 when a finding at or above this severity exists', SEVERITIES))
    .option('--demo', 'scan the built-in demo account (DEMO DATA)')
    .option('--no-color', 'no colours in table output')
    .option('--no-mutes', 'show findings muted from chat (/posture mute) as open; file suppressions still apply')
    .addOption(choiceOption('--lang <lang>', 'output language; both: JSON reasons in Chinese and English', ['zh', 'en', 'both'] as const))
    .option('--team <id>', 'only findings on resources this team owns (owners: in the config file)')
    .option('--include-passes', 'list passed results too (otherwise they are counted per check)')
    .action(async (opts: ScanOptions) => {
      const { runScan } = await import('../scan.js');
      state.code = await runScan(opts, io);
    });
}
