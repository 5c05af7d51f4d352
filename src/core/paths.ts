import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Source runs from src/ (tests) and from dist/src/ (installed); find the package root either way.
let cached: string | undefined;

export function packageRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'knowledge'))) {
      cached = dir;
      return dir;
    }
    const up = dirname(dir);
    if (up === dir) throw new Error('whoowns: cannot find the package root (package.json + knowledge/)');
    dir = up;
  }
}

export function knowledgeDir(): string {
  return join(packageRoot(), 'knowledge');
}
