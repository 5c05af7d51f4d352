import { loadKnowledgeFast } from '../kb/compiled.js';
import { QaEngine } from './engine.js';

// One engine per process: the knowledge base is read and indexed once, on first use.
let engine: QaEngine | undefined;

/** From the build's compiled knowledge base when it is current (fast start), else from the YAML. */
export async function loadDefaultEngine(): Promise<QaEngine> {
  engine ??= new QaEngine(await loadKnowledgeFast());
  return engine;
}
