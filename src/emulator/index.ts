// Local Alibaba Cloud OpenAPI emulator: serves a scenario (a described account) to the real SDK
// clients over HTTP, with real signatures, pagination and error shapes, plus injectable faults.

export type { CallRecord, EmulatorCredential, EmulatorOptions, FaultKind, FaultRule, RunningEmulator } from './types.js';
export type { Scenario, ScenarioInput, ScenarioRegion, ScenarioRam, ScenarioRamUser, ScenarioAccount } from './scenario.js';
export { scenario } from './scenario.js';
export { startEmulator, DEFAULT_EMULATOR_CREDENTIAL } from './server.js';
export { loadScenario, BUNDLED_SCENARIOS } from './load.js';
export { generateLargeScenario, LARGE_SCENARIO_DEFAULTS, LARGE_SERVICE_DEFAULTS, LARGE_TEAMS, largeServiceCounts, type LargeScenarioOptions, type LargeServiceOptions } from './generate.js';
