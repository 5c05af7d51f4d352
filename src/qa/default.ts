import { loadCompiled } from '../kb/compiled.js';
import { QaEngine } from './engine.js';
import type { SerializedIndex } from './index.js';

// One engine per process: the knowledge base is read and indexed once, on first use.
let engine: QaEngine | undefined;

/** From the build's compiled knowledge base and index when current (fast start), else from the YAML. */
export async function loadDefaultEngine(): Promise<QaEngine> {
  if (engine) return engine;
  const { kb, index } = await loadCompiled();
  engine = new QaEngine(kb, index as SerializedIndex | undefined);
  return engine;
}
