import type { Command } from 'commander';
import type { CommandContext } from '../state.js';
import { declareAsk, declareKb } from './ask.js';
import { declareChecks } from './checks.js';
import { declareCompliance } from './compliance.js';
import { declareCloud } from './cloud.js';
import { declareDigest } from './digest.js';
import { declareDuties } from './duties.js';
import { declarePolicy } from './policy.js';
import { declareScan } from './scan.js';
import { declareServe } from './serve.js';

// What each command is (name, options, help) is declared here, cheaply and statically; how it runs
// lives in src/cli/<command>.ts and is imported by its action, so `whoowns --help` loads no SDK.
// A declaration imports only commander, ../options, ../io, ../state and constant-only leaves
// (enforced by the cli-declarations-stay-cheap rule in .dependency-cruiser.cjs).

export function declareCommands(program: Command, ctx: CommandContext): void {
  declareAsk(program, ctx);
  declareKb(program, ctx);
  declareCloud(program, ctx);
  declareScan(program, ctx);
  declareDigest(program, ctx);
  declarePolicy(program, ctx);
  declareChecks(program, ctx);
  declareCompliance(program, ctx);
  declareDuties(program, ctx);
  declareServe(program, ctx);
}
