// `whoowns scan --team`: the real CLI over the demo account with the owners example config.

import { chmodSync, copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'whoowns-team-'));
const config = join(dir, 'owners.yaml');
copyFileSync(new URL('../../examples/owners.yaml', import.meta.url), config);
chmodSync(config, 0o600);
const env = (extra: NodeJS.ProcessEnv = {}) => ({ HOME: '/nonexistent', LANG: 'en_US.UTF-8', WHOOWNS_CONFIG: config, ...extra });

interface Doc {
  findings: { status: string; resource: { id: string }; team: { teams: string[]; why: string } | null }[];
  unowned: { tagKey: string | null; resources: { id: string }[]; commands: string[] }[] | null;
}

describe('whoowns scan --team', () => {
  it('routes the demo findings: tags, the conflicting disk, the shared group, the unowned list', async () => {
    const r = await cli(['scan', '--demo', '--format', 'json'], { env: env() });
    expect(r.stderr).toBe('');
    const doc = JSON.parse(r.stdout) as Doc;
    const team = (id: string) => doc.findings.find((f) => f.resource.id === id && f.status === 'fail')?.team;
    expect(team('sg-bp1web000001')).toEqual({ teams: ['search', 'web'], why: 'shared by search, web (via instances i-bp1web0000001, i-bp1web0000002)' });
    expect(team('d-bp1legacysys01')?.teams).toEqual([]);
    expect(team('deploy-bot')).toEqual({ teams: ['platform'], why: 'name deploy-bot matches "deploy-*"' });
    const ids = doc.unowned!.flatMap((g) => g.resources.map((x) => x.id));
    expect(ids).toEqual(expect.arrayContaining(['i-bp1legacy0001', 'i-t4ntest000001', 'sg-bp1legacy001', 'bob']));
    expect(doc.unowned![0]!.commands[0]).toMatch(/^aliyun ecs TagResources --RegionId cn-hangzhou --ResourceType instance --ResourceId.1 i-bp1legacy0001 /);
  });

  it('--team web keeps only what web owns', async () => {
    const r = await cli(['scan', '--demo', '--format', 'json', '--team', 'web'], { env: env() });
    const doc = JSON.parse(r.stdout) as Doc;
    expect(doc.findings.length).toBeGreaterThan(0);
    expect(doc.findings.every((f) => f.team?.teams.includes('web'))).toBe(true);
    expect(doc.findings.some((f) => f.resource.id === 'i-bp1web0000001')).toBe(true);
  });

  it('refuses an unknown team with exit 2 and the teams it knows', async () => {
    const r = await cli(['scan', '--demo', '--team', 'wbe'], { env: env() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Unknown team: "?wbe"?\. Did you mean: web\?/);
    expect(r.stderr).toMatch(/analytics, data, finance, platform, search, web/);
  });

  it('refuses --team without an owners block, saying where to add one', async () => {
    const r = await cli(['scan', '--demo', '--team', 'web'], { env: { HOME: '/nonexistent', LANG: 'en_US.UTF-8' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--team needs an owners: block in the config file \(WHOOWNS_CONFIG\)/);
  });
});
