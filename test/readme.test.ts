import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// Every command block of the README runs here against the demo, and its output must keep the shape
// the README shows, so the README cannot drift from what a new user sees. Shape, not letters: numbers,
// times and ids may differ; lines may be left out where the README says "..." / "…".

const ROOT = resolve(import.meta.dirname, '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const CLI = join(ROOT, 'dist', 'src', 'cli', 'bin.js');
const MAIN = join(ROOT, 'dist', 'src', 'main.js');

export interface Example {
  /** Commands of one block share a folder, as one person typing them in turn would. */
  block: number;
  line: number;
  command: string;
  expected: string[];
}

/** `$ command` lines in ```text blocks, each with the lines it prints up to the next command. */
export function examplesOf(markdown: string): Example[] {
  const out: Example[] = [];
  let inText = false;
  let current: Example | undefined;
  let block = 0;
  markdown.split('\n').forEach((line, i) => {
    if (line.startsWith('```')) {
      inText = !inText && line.trim() === '```text';
      block += 1;
      current = undefined;
      return;
    }
    if (!inText) return;
    if (line.startsWith('$ ')) {
      current = { block, line: i + 1, command: line.slice(2), expected: [] };
      out.push(current);
    } else current?.expected.push(line);
  });
  return out;
}

const ELISION = /^\s*(\.\.\.|…)\s*$/;

/** Numbers, times and hex ids vary between runs; the words and the layout may not. */
export function shapeOf(line: string): string {
  return line
    .replace(/\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z?/g, '<time>')
    .replace(/\d+(\.\d+)?/g, '0')
    .replace(/\s+/g, ' ')
    .trim();
}

function lineMatcher(expected: string): RegExp {
  const parts = shapeOf(expected).split(/\s*(?:\.\.\.|…)\s*/);
  return new RegExp(`^${parts.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
}

/** Every shown line, in order, matches a line of the real output; "..." lines stand for any number of lines. */
export function missingLines(expected: string[], actual: string[]): string[] {
  const shapes = actual.map(shapeOf);
  const missing: string[] = [];
  let at = 0;
  for (const want of expected) {
    if (ELISION.test(want) || want.trim() === '') continue;
    const re = lineMatcher(want);
    const found = shapes.findIndex((s, i) => i >= at && re.test(s));
    if (found < 0) missing.push(want);
    else at = found + 1;
  }
  return missing;
}

interface Run {
  code: number | null;
  output: string[];
}

const servers: ChildProcess[] = [];

/**
 * A server command (emulator, serve) is read until the lines the README shows have appeared, then
 * left running to the end of the file, so a later command can meet it (e.g. "port in use").
 */
function run(command: string, expected: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  // A fresh folder with the repo's examples, as a new user's clone would have them.
  const cwd = env.HOME!;
  cpSync(join(ROOT, 'examples'), join(cwd, 'examples'), { recursive: true, force: false });
  const shell = command
    .replace(/(^|[\s;&|(])(npx )?whoowns(?=\s|$)/g, `$1node ${CLI}`)
    .replace(/\bnpm start\b/g, `node ${MAIN}`)
    .replace(/\bnode dist\//g, `node ${join(ROOT, 'dist')}/`);
  return new Promise((done, fail) => {
    const child = spawn('bash', ['-c', shell], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let text = '';
    let settled = false;
    const finish = (code: number | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      done({ code, output: text.split('\n') });
    };
    const settle = (): void => {
      if (/emulator|serve/.test(command) && missingLines(expected, text.split('\n')).length === 0) {
        servers.push(child);
        finish(null);
      }
    };
    child.stdout.on('data', (b: Buffer) => ((text += b.toString('utf8')), settle()));
    child.stderr.on('data', (b: Buffer) => ((text += b.toString('utf8')), settle()));
    const timer = setTimeout(() => (stop(child, 'SIGKILL'), finish(null)), 30_000);
    child.on('error', fail);
    child.on('close', (code) => finish(code));
  });
}

/** The whole process group: bash and the node it started. */
function stop(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // already gone
  }
}

afterAll(() => {
  for (const s of servers) stop(s, 'SIGINT');
});

function cleanEnv(): NodeJS.ProcessEnv {
  const home = mkdtempSync(join(tmpdir(), 'whoowns-readme-'));
  const keep = ['PATH', 'SYSTEMROOT', 'TMPDIR'];
  const env: NodeJS.ProcessEnv = Object.fromEntries(keep.filter((k) => process.env[k]).map((k) => [k, process.env[k]]));
  return { ...env, HOME: home, WHOOWNS_DATA_DIR: join(home, 'data'), LANG: 'en_US.UTF-8', ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true', NO_COLOR: '1' };
}

describe('the README shape-matcher', () => {
  it('ignores numbers and times but not words, and honours "..."', () => {
    expect(missingLines(['Posture: 43 open finding(s)', '...', 'Top risks'], ['x', 'Posture: 44 open finding(s)', 'a', 'b', 'Top risks'])).toEqual([]);
    expect(missingLines(['Posture: 43 open findings'], ['Posture: 44 closed findings'])).toEqual(['Posture: 43 open findings']);
    expect(missingLines(['{ "text": "a ...", "blocks": [ ... ] }'], ['{ "text": "a b c", "blocks": [ {"x":1} ] }'])).toEqual([]);
    expect(missingLines(['scanned 2026-11-28T13:23:07.685Z'], ['scanned 2027-01-02T01:02:03.004Z'])).toEqual([]);
  });
});

describe('every command the README shows runs as written on a fresh install', () => {
  const examples = examplesOf(README);
  const envs = new Map<number, NodeJS.ProcessEnv>();
  const envOf = (block: number): NodeJS.ProcessEnv => envs.get(block) ?? envs.set(block, cleanEnv()).get(block)!;

  it('finds the README examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(8);
  });

  it('shows the example config file as it is in examples/', () => {
    const file = readFileSync(join(ROOT, 'examples', 'whoowns.yaml'), 'utf8');
    expect(README).toContain(`\`\`\`yaml\n${file}\`\`\``);
  });

  for (const ex of examples) {
    it(`README line ${ex.line}: ${ex.command}`, async () => {
      const result = await run(ex.command, ex.expected, envOf(ex.block));
      expect(missingLines(ex.expected, result.output), `output was:\n${result.output.join('\n')}`).toEqual([]);
    }, 40_000);
  }
});
