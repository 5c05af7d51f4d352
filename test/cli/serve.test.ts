import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './helpers.js';

// `whoowns serve` is documented in --help, and the server code stays out of the CLI's static
// import graph: `whoowns --help` and the other commands never load the app wiring for it.

describe('whoowns serve', () => {
  it('--help says what it runs, which variables it reads and its exit codes', async () => {
    const r = await cli(['serve', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: whoowns serve');
    expect(r.stdout).toContain('npm start');
    for (const v of ['SLACK_BOT_TOKEN', 'DINGTALK_CLIENT_ID', 'WHOOWNS_DATA_DIR', 'WHOOWNS_DEMO=false']) expect(r.stdout).toContain(v);
    expect(r.stdout).toMatch(/Exit codes: 0 .* 1 .* 2 /);
  });

  it('is listed in whoowns --help', async () => {
    const r = await cli(['--help']);
    expect(r.stdout).toMatch(/serve\s+run the chat bot/);
  });

  it('a bad option is refused with exit 2', async () => {
    const r = await cli(['serve', '--no-such-option']);
    expect(r.code).toBe(2);
  });
});

/** Relative modules a source file imports statically (dynamic import() is the lazy way in). */
function staticImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/^\s*(?:import|export)\s[^;]*?\sfrom\s+'(\.[^']+)'/gms)) out.push(resolve(dirname(file), m[1]!.replace(/\.js$/, '.ts')));
  for (const m of text.matchAll(/^\s*import\s+'(\.[^']+)'/gm)) out.push(resolve(dirname(file), m[1]!.replace(/\.js$/, '.ts')));
  return out;
}

function reachable(entry: string): Set<string> {
  const seen = new Set<string>();
  const todo = [entry];
  while (todo.length) {
    const f = todo.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    todo.push(...staticImports(f));
  }
  return seen;
}

describe('the CLI stays light', () => {
  const src = resolve('src');
  it('program.ts does not statically reach the server or the app wiring', () => {
    const graph = [...reachable(join(src, 'cli/program.ts'))].map((f) => f.slice(src.length + 1));
    expect(graph).toContain('cli/declare/serve.ts');
    expect(graph).not.toContain('server.ts');
    expect(graph).not.toContain('app.ts');
  });

  it('main.ts and serve.ts both run serve() from server.ts', () => {
    expect(readFileSync(join(src, 'main.ts'), 'utf8')).toMatch(/from '\.\/server\.js'/);
    expect(readFileSync(join(src, 'cli/declare/serve.ts'), 'utf8')).toMatch(/await import\('\.\.\/\.\.\/server\.js'\)/);
  });
});
