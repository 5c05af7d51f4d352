import { describe, expect, it } from 'vitest';
import { cli } from './helpers.js';

// Every enumerated option refuses a value outside its list with exit 2, names the value and the
// valid choices, in the user's language; nothing runs first (a CI gate must not pass on zero checks).

const EN = { HOME: '/nonexistent', LANG: 'en_US.UTF-8' };
const ZH = { HOME: '/nonexistent', LANG: 'zh_CN.UTF-8' };

describe('enumerated options refuse unknown values (exit 2, with the choices)', () => {
  const cases: [string, string[], string, RegExp][] = [
    ['scan --service', ['scan', '--demo', '--service', 'cdn', '--fail-on', 'low'], 'cdn', /ecs, ram, vpc/],
    ['scan --severity', ['scan', '--demo', '--severity', 'urgent'], 'urgent', /critical, high, medium, low, info/],
    ['scan --format', ['scan', '--demo', '--format', 'xml'], 'xml', /table, json/],
    ['scan --fail-on', ['scan', '--demo', '--fail-on', 'hgih'], 'hgih', /critical, high, medium, low, info/],
    ['inventory --format', ['inventory', '--demo', '--format', 'yaml'], 'yaml', /table, json/],
    ['kb list --kind', ['kb', 'list', '--kind', 'nope'], 'nope', /layer.*product-group/],
    ['kb list --owner', ['kb', 'list', '--owner', 'me'], 'me', /alibaba-cloud, customer, shared/],
    ['ask --lang', ['ask', '--lang', 'fr', 'who patches the OS?'], 'fr', /zh, en/],
    ['checks --service', ['checks', '--service', 'cdn'], 'cdn', /ecs, ram, vpc/],
  ];

  it.each(cases)('%s (en)', async (_name, argv, bad, choices) => {
    const r = await cli(argv, { env: EN });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^Error: /);
    expect(r.stderr).toContain(`"${bad}"`);
    expect(r.stderr).toMatch(choices);
  });

  it.each(cases)('%s (zh)', async (_name, argv, bad, choices) => {
    const r = await cli(argv, { env: ZH });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^错误:/);
    expect(r.stderr).toContain(`"${bad}"`);
    expect(r.stderr).toMatch(/可选值/);
    expect(r.stderr).toMatch(choices);
  });

  it('--lang zh on the command line picks the language of the refusal', async () => {
    const r = await cli(['scan', '--demo', '--lang', 'zh', '--service', 'cdn'], { env: EN });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^错误: .*"cdn"/);
  });

  it('case does not matter: RAM is ram', async () => {
    const r = await cli(['scan', '--demo', '--format', 'JSON', '--service', 'RAM', '--severity', 'High'], { env: EN });
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { checks: Record<string, { service: string; severity: string }>; findings: { checkId: string }[] };
    expect(doc.findings.length).toBeGreaterThan(0);
    expect(new Set(doc.findings.map((f) => doc.checks[f.checkId]!.service))).toEqual(new Set(['ram']));
    expect(doc.findings.every((f) => ['critical', 'high'].includes(doc.checks[f.checkId]!.severity))).toBe(true);
  });

  it('--service takes several values, repeated or comma-separated', async () => {
    const r = await cli(['checks', '--json', '--service', 'ram,VPC'], { env: EN });
    expect(r.code, r.stderr).toBe(0);
    const rows = JSON.parse(r.stdout) as { service: string }[];
    expect(new Set(rows.map((x) => x.service))).toEqual(new Set(['ram', 'vpc']));
  });

  it('kb list --kind accepts a valid kind in any case', async () => {
    const r = await cli(['kb', 'list', '--json', '--kind', 'LAYER'], { env: EN });
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as { kind: string }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((x) => x.kind === 'layer')).toBe(true);
  });
});

describe('other values that select nothing or are not what they claim', () => {
  it('an unknown check id names the nearest ids (en, zh)', async () => {
    const en = await cli(['scan', '--demo', '--check', 'ecs.disk.unencrypte'], { env: EN });
    expect(en.code).toBe(2);
    expect(en.stderr).toMatch(/Unknown check: "ecs\.disk\.unencrypte".*Did you mean: ecs\.disk\.unencrypted/);
    expect(en.stderr).toMatch(/whoowns checks/);
    const zh = await cli(['scan', '--demo', '--check', 'ecs.disk.unencrypte'], { env: ZH });
    expect(zh.code).toBe(2);
    expect(zh.stderr).toMatch(/^错误: 未知的检查项:"ecs\.disk\.unencrypte".*ecs\.disk\.unencrypted/);
  });

  it('--check and --service that leave no check to run are refused, not passed', async () => {
    const r = await cli(['scan', '--demo', '--service', 'ram', '--check', 'ecs.disk.unencrypted', '--fail-on', 'low'], { env: EN });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no check/i);
    const zh = await cli(['scan', '--demo', '--service', 'ram', '--check', 'ecs.disk.unencrypted'], { env: ZH });
    expect(zh.code).toBe(2);
    expect(zh.stderr).toMatch(/^错误: .*没有/);
  });

  it.each([
    [['scan', '--demo', '--region', ','], '--region'],
    [['scan', '--demo', '--check', ' '], '--check'],
    [['inventory', '--demo', '--region', ''], '--region'],
    [['checks', '--service', ','], '--service'],
  ])('%j: an empty list is refused, not read as "everything"', async (argv, flag) => {
    const r = await cli(argv, { env: EN });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${flag} needs at least one value`);
    const zh = await cli(argv, { env: ZH });
    expect(zh.stderr).toMatch(new RegExp(`^错误: ${flag} 至少需要一个值`));
  });

  it('an unknown region is refused with the regions the account can use', async () => {
    const r = await cli(['scan', '--demo', '--format', 'json', '--region', 'cn-hangzou'], { env: EN });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Unknown regions?: cn-hangzou.*cn-hangzhou/);
  });

  it.each([['abc'], ['80.5'], ['65536'], ['']])('emulator --port %j is refused with the valid range', async (port) => {
    const r = await cli(['emulator', '--port', port], { env: EN });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Invalid port: "?.*"?.*0 to 65535/);
    const zh = await cli(['emulator', '--port', port], { env: ZH });
    expect(zh.stderr).toMatch(/^错误: 端口无效.*0 到 65535/);
  });
});
