import { loadKnowledge } from '../../src/kb/load.js';
import { QaEngine } from '../../src/qa/engine.js';

// The engine over the YAML in knowledge/ as it is now (tests never read the build's compiled copy).
let engine: QaEngine | undefined;

export function defaultEngine(): QaEngine {
  engine ??= new QaEngine(loadKnowledge());
  return engine;
}
