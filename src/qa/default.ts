import { loadKnowledge } from '../kb/load.js';
import { QaEngine } from './engine.js';

// One engine per process: the knowledge base is read and indexed once, on first use.
let engine: QaEngine | undefined;

export function defaultEngine(): QaEngine {
  engine ??= new QaEngine(loadKnowledge());
  return engine;
}
