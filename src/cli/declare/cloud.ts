import type { Command } from 'commander';
import type { InventoryCliOptions, WhoamiCliOptions } from '../cloud-commands.js';
import type { AccountsCliOptions } from '../accounts.js';
import { choiceOption, langOption, listOption, parsePort } from '../options.js';
import type { CommandContext } from '../state.js';

// Commands that read the cloud (whoami, inventory) and the local emulator. The SDKs load in the action.

export function declareCloud(program: Command, { io, state }: CommandContext): void {
  program
    .command('whoami')
    .description('show the account, identity and credential source in use (never the secret) and the regions reachable')
    .option('--account <name>', 'configured account to use')
    .option('--demo', 'use the built-in demo account')
    .option('--json', 'print JSON')
    .addOption(langOption())
    .action(async (opts: WhoamiCliOptions) => {
      const { runWhoami } = await import('../cloud-commands.js');
      state.code = await runWhoami(opts, io);
    });

  program
    .command('accounts')
    .description('list the configured accounts and those the Resource Directory lists (resourceDirectory), merged by id')
    .option('--demo', 'use the built-in demo account')
    .option('--json', 'print JSON')
    .addOption(langOption())
    .action(async (opts: AccountsCliOptions) => {
      const { runAccounts } = await import('../accounts.js');
      state.code = await runAccounts(opts, io);
    });

  program
    .command('inventory')
    .description('count resources per region and service, and list what could not be read')
    .option('--account <name>', 'configured account to use')
    .addOption(listOption('--region <ids>', 'only these regions (repeat or comma-separate)'))
    .option('--demo', 'use the built-in demo account')
    .addOption(choiceOption('--format <format>', 'output format', ['table', 'json'] as const).default('table'))
    .addOption(langOption())
    .action(async (opts: InventoryCliOptions) => {
      const { runInventory } = await import('../cloud-commands.js');
      state.code = await runInventory(opts, io);
    });

  program
    .command('emulator')
    .description('run the local Alibaba Cloud OpenAPI emulator (for trying whoowns without an account)')
    .option('--scenario <name|file>', 'demo, clean, large, directory (a Resource Directory with members), or a scenario YAML/JSON file', 'demo')
    .option('--port <port>', 'port on 127.0.0.1 (0 = any free port)', parsePort, 18080)
    .action(async (opts: { scenario: string; port: number }) => {
      const { runEmulatorCommand } = await import('../../emulator/cli.js');
      await runEmulatorCommand({ scenario: opts.scenario, port: opts.port, log: (line) => io.out(`${line}\n`) });
    });
}
