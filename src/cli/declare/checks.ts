import type { Command } from 'commander';
import type { CheckService } from '../../posture/types.js';
import type { ChecksOptions } from '../checks.js';
import { choiceListOption, langOption } from '../options.js';
import type { CommandContext } from '../state.js';

// `whoowns checks`: the check catalogue without running a scan. The checks load in the action.

export const CHECK_SERVICES: readonly CheckService[] = ['ecs', 'ram', 'vpc', 'kms', 'cas', 'actiontrail', 'sas', 'rds', 'ack', 'sls', 'oss'];

export function declareChecks(program: Command, { io, state }: CommandContext): void {
  program
    .command('checks')
    .description('list every posture check: id, service, severity, owner, CIS recommendation, title')
    .addOption(choiceListOption('--service <svc>', 'only checks of these services (repeat or comma-separate)', CHECK_SERVICES))
    .option('--json', 'print JSON')
    .addOption(langOption())
    .action(async (opts: ChecksOptions) => {
      const { runChecks } = await import('../checks.js');
      state.code = runChecks(opts, io);
    });
}
