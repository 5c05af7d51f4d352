import type { CliIo } from './io.js';

// A leaf every command module may import: what a command is given, and where it leaves its exit code.
// It imports nothing, so declaring a command never drags a runtime module (or an import cycle) in.

export interface CliState {
  code: number;
}

/** What a command's action gets: the (redacting) output and the run's exit-code slot. */
export interface CommandContext {
  io: CliIo;
  state: CliState;
}
