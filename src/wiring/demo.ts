import type { Logger } from '../core/logger.js';
import { DEFAULT_EMULATOR_CREDENTIAL, loadScenario, startEmulator } from '../emulator/index.js';
import type { DemoCloud } from '../posture/backend.js';

// The demo wiring: with no cloud credentials, posture reads the built-in emulator's demo account.
// The only product path to the emulator (see .dependency-cruiser.cjs).

export async function startDemoCloud(log: Logger, now: () => Date): Promise<DemoCloud> {
  const emulator = await startEmulator({ scenario: loadScenario('demo', { now: now() }) });
  log.info({ endpoint: emulator.endpoint }, 'no cloud credentials: using the demo account on the local emulator');
  return { url: `http://${emulator.endpoint}`, credential: { ...DEFAULT_EMULATOR_CREDENTIAL }, stop: () => emulator.stop() };
}
