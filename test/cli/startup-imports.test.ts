import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The CLI's import graph, as `npm run lint` (dependency-cruiser) sees it: no cycle through the CLI,
// nothing below the CLI imports it, and a command's declaration imports nothing heavy (only its
// action's dynamic import() reaches the runtime). Other layers' rules are not this test's business.

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
  cycle?: { name: string }[];
}

function cliViolations(): Violation[] {
  const bin = resolve('node_modules/.bin/depcruise');
  const r = spawnSync(bin, ['--config', '.dependency-cruiser.cjs', '--output-type', 'json', 'src'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const result = JSON.parse(r.stdout) as { summary: { violations: Violation[] } };
  const touchesCli = (v: Violation): boolean =>
    [v.from, v.to, ...(v.cycle ?? []).map((c) => c.name)].some((p) => p.startsWith('src/cli/')) || v.rule.name === 'cli-declarations-stay-cheap';
  return result.summary.violations.filter(touchesCli);
}

describe('CLI import graph', () => {
  it('has no cycle, no upward import of the CLI, and cheap declarations', () => {
    const found = cliViolations().map((v) => `${v.rule.name}: ${v.from} → ${v.to}${v.cycle ? ` (${v.cycle.map((c) => c.name).join(' → ')})` : ''}`);
    expect(found).toEqual([]);
  }, 120_000);
});
