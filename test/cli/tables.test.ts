import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alignColumns, displayWidth, padDisplay } from '../../src/core/text-width.js';
import { cli } from './helpers.js';

// Every table the CLI prints lines up by display width: a Chinese character takes two columns.

const ZH = { HOME: '/nonexistent', LANG: 'zh_CN.UTF-8' };
const EN = { HOME: '/nonexistent', LANG: 'en_US.UTF-8' };

/** The display column where `cell` starts on `line`. */
const startOf = (line: string, cell: string) => {
  const i = line.indexOf(cell);
  expect(i, `${cell} in ${line}`).toBeGreaterThanOrEqual(0);
  return displayWidth(line.slice(0, i));
};

const distinct = (xs: number[]) => [...new Set(xs)];

describe('displayWidth', () => {
  it.each([
    ['abc', 3],
    ['安全组', 6],
    ['账号 ID', 7],
    ['：，。', 6], // full-width punctuation
    ['e\u0301', 1], // combining accent
    ['👍', 2],
    ['👩‍💻', 2], // ZWJ sequence, one grapheme
    ['🇨🇳', 2], // flag
    ['\u001b[31mred\u001b[39m', 3], // colour codes take no columns
    ['한국어', 6],
    ['', 0],
  ])('%j → %i', (s, w) => {
    expect(displayWidth(s)).toBe(w);
  });

  it('pads and aligns by display width, right or left', () => {
    expect(padDisplay('地域', 6)).toBe('地域  ');
    expect(padDisplay('7', 4, 'right')).toBe('   7');
    const lines = alignColumns([['账号', 'x'], ['ab', 'y']]);
    expect(lines).toEqual(['账号  x', 'ab    y']);
  });
});

describe('tables through the CLI', () => {
  it('whoowns checks: one row per check, the title column lines up (en, zh)', async () => {
    const rows = JSON.parse((await cli(['checks', '--json'], { env: EN })).stdout) as { id: string; title: { zh: string; en: string }; cis: string | null }[];
    expect(rows.length).toBeGreaterThan(20);
    for (const [lang, env] of [['en', EN], ['zh', ZH]] as const) {
      const r = await cli(['checks'], { env });
      expect(r.code).toBe(0);
      const lines = r.stdout.trimEnd().split('\n');
      const body = lines.slice(1, 1 + rows.length);
      expect(distinct(body.map((l, i) => startOf(l, rows[i]!.title[lang])))).toHaveLength(1);
      expect(startOf(lines[0]!, lang === 'zh' ? '标题' : 'title')).toBe(startOf(body[0]!, rows[0]!.title[lang]));
    }
  });

  it('whoowns checks --json carries id, title, severity, owner, service and CIS', async () => {
    const r = await cli(['checks', '--json', '--service', 'ram'], { env: EN });
    const rows = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(rows.length).toBeGreaterThan(0);
    for (const x of rows) expect(Object.keys(x).sort()).toEqual(['cis', 'id', 'owner', 'service', 'severity', 'title']);
    expect(rows.some((x) => typeof x.cis === 'string')).toBe(true);
    // Derived from the CIS v2 map, versioned: the password policy's rules are 1.7-1.12 and 1.14 (not 1.13, see the map).
    expect(rows.find((x) => x.id === 'ram.password-policy')?.cis).toBe('CIS v2 1.7, 1.8, 1.9, 1.10, 1.11, 1.12, 1.13, 1.14');
    expect(rows.find((x) => x.id === 'ram.access-key.unused')?.cis).toBeNull();
  });

  it('kb list in zh has a zh header and lines up', async () => {
    const rows = JSON.parse((await cli(['kb', 'list', '--json'], { env: ZH })).stdout) as { id: string; title: { zh: string } }[];
    const r = await cli(['kb', 'list'], { env: ZH });
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/类型.*负责方.*标题/);
    const starts = [startOf(lines[0]!, '标题'), ...rows.slice(0, 40).map((e, i) => startOf(lines[i + 1]!, e.title.zh))];
    expect(distinct(starts)).toHaveLength(1);
  });

  it('whoami in zh: the values start in one column', async () => {
    const r = await cli(['whoami', '--demo'], { env: ZH });
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n').slice(0, 5);
    expect(lines[0]).toMatch(/^账号名/);
    const starts = lines.map((l) => displayWidth(/^(\S+(?: ID)?\s+)/.exec(l)![1]!));
    expect(distinct(starts)).toHaveLength(1);
  });

  it('inventory in zh: the right-aligned region table has one width per line', async () => {
    const r = await cli(['inventory', '--demo'], { env: ZH });
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    const head = lines.findIndex((l) => l.startsWith('地域'));
    const table = lines.slice(head, head + 4); // header, rule, two regions
    expect(distinct(table.map(displayWidth))).toHaveLength(1);
  });

  it('scan table: within a severity group the reasons start in one column', async () => {
    const r = await cli(['scan', '--demo', '--format', 'table', '--lang', 'zh'], { env: EN });
    const findings = r.stdout.split('\n').filter((l) => /^ {4}x /.test(l));
    expect(findings.length).toBeGreaterThan(5);
    // Reason = what follows the check id and its padding.
    const starts = findings.map((l) => displayWidth(/^ {4}x \S+\s+/.exec(l)![0]));
    expect(distinct(starts)).toHaveLength(1);
  });
});

describe('digest --list in zh', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'whoowns-tables-'));
    writeFileSync(
      join(dir, 'config.yaml'),
      ['schedules:', '  - name: morning', '    cron: "0 9 * * 1-5"', '    timezone: Asia/Shanghai', '    destinations:', '      - dingtalk: { openConversationId: cidX, robotCode: ding-robot }', ''].join('\n'),
      { mode: 0o600 },
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the values start in one column', async () => {
    const r = await cli(['digest', '--list'], { env: { ...ZH, WHOOWNS_CONFIG: join(dir, 'config.yaml'), WHOOWNS_DATA_DIR: join(dir, 'data') } });
    expect(r.code, r.stderr).toBe(0);
    const rows = r.stdout.trimEnd().split('\n').slice(1);
    expect(rows.length).toBe(5);
    const starts = rows.map((l) => displayWidth(/^ {2}\S+\s+/.exec(l)![0]));
    expect(distinct(starts)).toHaveLength(1);
  });
});
