import { describe, expect, it } from 'vitest';
import { routeTeams } from '../../src/posture/teams.js';
import { ownersSchema, type OwnersConfig } from '../../src/config/file.js';
import { buildAccessKey, buildDisk, buildInstance, buildRegion, buildSecurityGroup, buildSnapshot, buildUser } from '../builders/snapshot.js';

const owners = (o: Partial<OwnersConfig> & { rules: unknown[] }): OwnersConfig =>
  ownersSchema.parse({
    teams: {
      payments: { name: { zh: '支付', en: 'Payments' } },
      search: { name: { zh: '搜索', en: 'Search' } },
      platform: { name: { zh: '平台', en: 'Platform' } },
    },
    ...o,
  });
const byTag = (team: string, value = team) => ({ team, match: { tag: { key: 'team', value } } });

describe('routeTeams', () => {
  it('assigns an instance by its tag and says why', () => {
    const snap = buildSnapshot({ region: { instances: [buildInstance({ instanceId: 'i-pay1', tags: { team: 'payments' } })] } });
    const r = routeTeams(snap, owners({ rules: [byTag('payments')] }));
    expect(r.of({ type: 'instance', id: 'i-pay1' })).toEqual({
      teams: ['payments'],
      why: { en: 'tag team=payments on i-pay1', zh: 'i-pay1 的标签 team=payments' },
    });
  });

  it('tries rules in order: the first match wins', () => {
    const snap = buildSnapshot({ region: { instances: [buildInstance({ instanceId: 'i-1', instanceName: 'search-api', tags: { team: 'payments' } })] } });
    const rules = [{ team: 'search', match: { name: 'search-*' } }, byTag('payments')];
    expect(routeTeams(snap, owners({ rules })).of({ type: 'instance', id: 'i-1' })?.teams).toEqual(['search']);
    expect(routeTeams(snap, owners({ rules: [...rules].reverse() })).of({ type: 'instance', id: 'i-1' })?.teams).toEqual(['payments']);
  });

  it('compares tag keys and values case-sensitively unless the rule says ignoreCase', () => {
    const snap = buildSnapshot({ region: { instances: [buildInstance({ instanceId: 'i-1', tags: { Team: 'Payments' } })] } });
    expect(routeTeams(snap, owners({ rules: [byTag('payments')] })).of({ type: 'instance', id: 'i-1' })?.teams).toEqual([]);
    const loose = { team: 'payments', match: { tag: { key: 'team', value: 'payments' }, ignoreCase: true } };
    expect(routeTeams(snap, owners({ rules: [loose] })).of({ type: 'instance', id: 'i-1' })?.teams).toEqual(['payments']);
  });

  it('keeps rule order across tag look-ups: an earlier ignoreCase or name rule wins over a later exact tag', () => {
    const snap = buildSnapshot({ region: { instances: [buildInstance({ instanceId: 'i-1', instanceName: 'search-api', tags: { Team: 'Payments', team: 'search' } })] } });
    const loose = { team: 'payments', match: { tag: { key: 'team', value: 'payments' }, ignoreCase: true } };
    const route = (rules: OwnersConfig['rules']) => routeTeams(snap, owners({ rules })).of({ type: 'instance', id: 'i-1' });
    expect(route([loose, byTag('search')])).toEqual({ teams: ['payments'], why: { en: 'tag Team=Payments on i-1', zh: 'i-1 的标签 Team=Payments' } });
    expect(route([byTag('search'), loose])?.teams).toEqual(['search']);
    expect(route([{ team: 'platform', match: { name: 'search-*' } }, byTag('search')])?.why.en).toBe('name search-api matches "search-*"');
  });

  it('reads and serializes like plain data: the why is written when read, team lists are shared and frozen', () => {
    const snap = buildSnapshot({ region: { instances: [buildInstance({ instanceId: 'i-1', tags: { team: 'payments' } }), buildInstance({ instanceId: 'i-2', tags: { team: 'payments' } })] } });
    const r = routeTeams(snap, owners({ rules: [byTag('payments')] }));
    const a = r.of({ type: 'instance', id: 'i-1' })!;
    expect(JSON.parse(JSON.stringify(a))).toEqual({ teams: ['payments'], why: { en: 'tag team=payments on i-1', zh: 'i-1 的标签 team=payments' } });
    expect({ ...a }).toEqual({ teams: ['payments'], why: { en: 'tag team=payments on i-1', zh: 'i-1 的标签 team=payments' } });
    expect(r.of({ type: 'instance', id: 'i-2' })!.teams).toBe(a.teams);
    expect(Object.isFrozen(a.teams)).toBe(true);
  });

  it('matches by resource group, account and region', () => {
    const snap = buildSnapshot({ region: { instances: [buildInstance({ instanceId: 'i-1', resourceGroupId: 'rg-pay' })] } });
    const rg = routeTeams(snap, owners({ rules: [{ team: 'payments', match: { resourceGroup: 'rg-pay' } }] }));
    expect(rg.of({ type: 'instance', id: 'i-1' })).toMatchObject({ teams: ['payments'], why: { en: 'resource group rg-pay of i-1' } });
    const acct = routeTeams(snap, owners({ rules: [{ team: 'platform', match: { account: 'prod', region: 'cn-hangzhou' } }] }));
    expect(acct.of({ type: 'instance', id: 'i-1' })?.teams).toEqual(['platform']);
    const other = routeTeams(snap, owners({ rules: [{ team: 'platform', match: { account: 'prod', region: 'ap-southeast-1' } }] }));
    expect(other.of({ type: 'instance', id: 'i-1' })?.teams).toEqual([]);
  });

  it('gives a disk without a matching tag its instance\'s team; the disk\'s own tag wins a conflict', () => {
    const snap = buildSnapshot({
      region: {
        instances: [buildInstance({ instanceId: 'i-pay1', tags: { team: 'payments' } })],
        disks: [buildDisk({ diskId: 'd-1', instanceId: 'i-pay1' }), buildDisk({ diskId: 'd-2', instanceId: 'i-pay1', tags: { team: 'search' } })],
      },
    });
    const r = routeTeams(snap, owners({ rules: [byTag('payments'), byTag('search')] }));
    expect(r.of({ type: 'disk', id: 'd-1' })).toEqual({ teams: ['payments'], why: { en: 'via instance i-pay1 (tag team=payments on i-pay1)', zh: '经由实例 i-pay1(i-pay1 的标签 team=payments)' } });
    expect(r.of({ type: 'disk', id: 'd-2' })).toMatchObject({ teams: ['search'], why: { en: 'tag team=search on d-2 (its instance i-pay1 is payments)' } });
  });

  it('gives a security group the teams of the instances in it: several teams → shared', () => {
    const snap = buildSnapshot({
      region: {
        securityGroups: [buildSecurityGroup({ securityGroupId: 'sg-web' }), buildSecurityGroup({ securityGroupId: 'sg-idle' })],
        instances: [
          buildInstance({ instanceId: 'i-s', securityGroupIds: ['sg-web'], tags: { team: 'search' } }),
          buildInstance({ instanceId: 'i-p', securityGroupIds: ['sg-web'], tags: { team: 'payments' } }),
          buildInstance({ instanceId: 'i-p2', securityGroupIds: ['sg-web'], tags: { team: 'payments' } }),
        ],
      },
    });
    const r = routeTeams(snap, owners({ rules: [byTag('payments'), byTag('search')] }));
    expect(r.of({ type: 'security-group', id: 'sg-web' })).toEqual({
      teams: ['payments', 'search'],
      why: { en: 'shared by payments, search (via instances i-s, i-p, i-p2)', zh: '由 payments、search 共用(经由实例 i-s、i-p、i-p2)' },
    });
    expect(r.of({ type: 'security-group', id: 'sg-idle' })?.teams).toEqual([]);
  });

  it('routes RAM users by name pattern and access keys by their user', () => {
    const snap = buildSnapshot({ ramData: { users: [buildUser({ userName: 'deploy-bot', accessKeys: [buildAccessKey({ accessKeyId: 'LTAI-k1' })] }), buildUser({ userName: 'bob', accessKeys: [] })] } });
    const r = routeTeams(snap, owners({ rules: [{ team: 'platform', match: { name: 'deploy-*' } }] }));
    expect(r.of({ type: 'ram-user', id: 'deploy-bot' })).toMatchObject({ teams: ['platform'], why: { en: 'name deploy-bot matches "deploy-*"' } });
    expect(r.of({ type: 'access-key', id: 'LTAI-k1' })).toMatchObject({ teams: ['platform'], why: { en: 'via user deploy-bot (name deploy-bot matches "deploy-*")' } });
    expect(r.of({ type: 'ram-user', id: 'bob' })?.teams).toEqual([]);
  });

  it('falls back to the default team, and still lists what no rule matched, grouped by missing tag, with the TagResources command', () => {
    const snap = buildSnapshot({
      region: {
        instances: [
          buildInstance({ instanceId: 'i-1', tags: {}, securityGroupIds: [] }),
          buildInstance({ instanceId: 'i-2', tags: { Team: 'x' }, securityGroupIds: [] }),
          buildInstance({ instanceId: 'i-3', tags: { team: 'payments' }, securityGroupIds: [] }),
        ],
        securityGroups: [buildSecurityGroup({ securityGroupId: 'sg-1' })],
        disks: [buildDisk({ diskId: 'd-loose', instanceId: null })],
      },
    });
    const r = routeTeams(snap, owners({ rules: [byTag('payments')], default: 'platform' }));
    expect(r.of({ type: 'instance', id: 'i-1' })).toEqual({ teams: ['platform'], why: { en: 'default team (no rule matched i-1)', zh: '默认团队(没有规则匹配 i-1)' } });
    expect(r.unowned.map((g) => g.tagKey)).toEqual(['team', null]);
    const g = r.unowned[0]!;
    expect(g.resources.map((x) => x.id)).toEqual(['i-1', 'i-2', 'd-loose', 'sg-1']);
    // RAM users carry no tags here: they are listed for a name rule, with no command.
    expect(r.unowned[1]).toEqual({ tagKey: null, resources: [{ type: 'ram-user', id: 'alice', name: 'alice' }], commands: [] });
    expect(g.commands).toEqual([
      'aliyun ecs TagResources --RegionId cn-hangzhou --ResourceType instance --ResourceId.1 i-1 --ResourceId.2 i-2 --Tag.1.Key team --Tag.1.Value <team>',
      'aliyun ecs TagResources --RegionId cn-hangzhou --ResourceType disk --ResourceId.1 d-loose --Tag.1.Key team --Tag.1.Value <team>',
      'aliyun ecs TagResources --RegionId cn-hangzhou --ResourceType securitygroup --ResourceId.1 sg-1 --Tag.1.Key team --Tag.1.Value <team>',
    ]);
  });

  it('answers for resources outside the graph (a region, the account) by name, account and region rules', () => {
    const r = routeTeams(buildSnapshot(), owners({ rules: [{ team: 'platform', match: { region: 'cn-hangzhou' } }] }));
    expect(r.of({ type: 'region', id: 'cn-hangzhou', name: 'cn-hangzhou', region: 'cn-hangzhou' })?.teams).toEqual(['platform']);
    expect(r.of({ type: 'account', id: '1234', name: 'prod' })?.teams).toEqual([]);
  });
});
