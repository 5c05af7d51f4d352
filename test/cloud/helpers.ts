// Shared set-up for collector tests: a real emulator, real SDK clients, fast retry settings.

import { Writable } from 'node:stream';
import { pino } from 'pino';
import {
  DEFAULT_EMULATOR_CREDENTIAL,
  scenario,
  startEmulator,
  type FaultRule,
  type RunningEmulator,
  type Scenario,
  type ScenarioInput,
} from '../../src/emulator/index.js';
import { CLOUD_SERVICES, collectSnapshot, type CollectOptions, type EndpointOverrides } from '../../src/cloud/index.js';
import { REDACT_PATHS, silentLogger, type Logger } from '../../src/core/logger.js';
import type { Snapshot } from '../../src/cloud/snapshot.js';

export async function withEmulator<T>(
  s: Scenario | ScenarioInput,
  fn: (emu: RunningEmulator, s: Scenario) => Promise<T>,
  faults: FaultRule[] = [],
): Promise<T> {
  const resolved = isScenario(s) ? s : scenario(s);
  const emu = await startEmulator({ scenario: resolved, faults });
  try {
    return await fn(emu, resolved);
  } finally {
    await emu.stop();
  }
}

function isScenario(s: Scenario | ScenarioInput): s is Scenario {
  return typeof (s as Scenario).account?.accountId === 'string' && typeof (s as Scenario).ram?.passwordPolicy === 'object';
}

export function endpointsOf(emu: RunningEmulator): EndpointOverrides {
  const url = `http://${emu.endpoint}`;
  return Object.fromEntries(CLOUD_SERVICES.map((s) => [s, url]));
}

/** Options for collectSnapshot against the emulator, with small delays so retries are quick. */
export function optionsFor(emu: RunningEmulator, over: Partial<CollectOptions> = {}): CollectOptions {
  return {
    account: { name: 'test' },
    endpoints: endpointsOf(emu),
    credential: DEFAULT_EMULATOR_CREDENTIAL,
    log: silentLogger(),
    timeouts: { readMs: 3000, connectMs: 1000 },
    ...over,
    limits: { baseDelayMs: 5, maxDelayMs: 80, maxRetryAfterMs: 200, ...over.limits },
  };
}

export function collectFrom(emu: RunningEmulator, over: Partial<CollectOptions> = {}): Promise<Snapshot> {
  return collectSnapshot(optionsFor(emu, over));
}

/** A logger that keeps every line it writes (with the project's redaction), for secret checks. */
export function capturingLogger(): { log: Logger; lines: string[] } {
  const lines: string[] = [];
  const dest = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  const log = pino({ level: 'debug', redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, dest);
  return { log, lines };
}

/** Drop fields the emulator's scenario keeps but a snapshot does not have. */
export function omit<T extends object, K extends string>(items: T[], ...keys: K[]): Array<Omit<T, K>> {
  return items.map((x) => {
    const copy = { ...x } as Record<string, unknown>;
    for (const k of keys) delete copy[k];
    return copy as Omit<T, K>;
  });
}
