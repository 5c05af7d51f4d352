import type { Command } from 'commander';
import type { CliIo } from './io.js';
import type { CliState } from './program.js';

// Cloud-facing commands (whoami, inventory, emulator, scan) register here as they are built.
export function registerCloudCommands(_program: Command, _io: CliIo, _state: CliState): void {}
