import type { CommandSpec } from './types.js';
import { ask } from './ask.js';
import { kb } from './kb.js';
import { makeHelp } from './help.js';
import { posture } from './posture.js';
import { digest } from './digest.js';

// The one list of chat commands. Adding a command = its module + one line here.
export const COMMANDS: CommandSpec[] = [ask, kb, posture, digest, makeHelp(() => COMMANDS)];

export { createDispatch, route } from './dispatch.js';
export type { CommandSpec, Services } from './types.js';
