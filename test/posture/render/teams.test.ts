// Every surface knows the team (issue #15): JSON v2, table, Markdown and CSV.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { render } from '../../../src/posture/render/index.js';
import { ownersSchema } from '../../../src/config/file.js';
import { scanWith } from '../../builders/context.js';
import { validate } from '../../builders/json-schema.js';
import { buildInstance, buildSecurityGroup, buildSnapshot, buildWorldRule } from '../../builders/snapshot.js';

const SCHEMA = JSON.parse(readFileSync(new URL('../../../schema/scan-v2.schema.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const owners = ownersSchema.parse({
  teams: { payments: { name: { zh: '支付', en: 'Payments' } } },
  rules: [{ team: 'payments', match: { tag: { key: 'team', value: 'payments' } } }],
});
const snap = buildSnapshot({
  region: {
    securityGroups: [
      buildSecurityGroup({ securityGroupId: 'sg-pay', rules: [buildWorldRule({ ruleId: 'sgr-22', portRange: '22/22' })] }),
      buildSecurityGroup({ securityGroupId: 'sg-orphan', rules: [buildWorldRule({ ruleId: 'sgr-23', portRange: '3389/3389' })] }),
    ],
    instances: [buildInstance({ instanceId: 'i-pay', securityGroupIds: ['sg-pay'], tags: { team: 'payments' } })],
  },
});
const routed = scanWith(snap, { owners, filter: { includePasses: false } });
const plain = scanWith(snap, { filter: { includePasses: false } });

describe('team on every surface', () => {
  it('JSON v2: each finding has team (null without owners), the document has unowned, both validate', () => {
    const doc = JSON.parse(render(routed, 'json', { lang: 'en' }));
    expect(validate(SCHEMA, doc)).toEqual([]);
    const f = doc.findings.find((x: { resource: { id: string }; status: string }) => x.resource.id === 'sg-pay' && x.status === 'fail');
    expect(f.team).toEqual({ teams: ['payments'], why: 'via instances i-pay' });
    expect(doc.unowned[0]).toMatchObject({ tagKey: 'team', commands: expect.arrayContaining([expect.stringContaining('aliyun ecs TagResources --RegionId cn-hangzhou --ResourceType securitygroup --ResourceId.1 sg-orphan')]) });
    const bare = JSON.parse(render(plain, 'json', { lang: 'en' }));
    expect(validate(SCHEMA, bare)).toEqual([]);
    expect(bare.findings[0].team).toBeNull();
    expect(bare.unowned).toBeNull();
  });

  it('table: the team under each finding, and the unowned list with the printed TagResources command', () => {
    const out = render(routed, 'table', { lang: 'en' });
    expect(out).toContain('team: payments (via instances i-pay)');
    expect(out).toContain('team: none (no rule matched sg-orphan)');
    expect(out).toMatch(/UNOWNED \(\d+\)/);
    expect(out).toMatch(/no "team" tag \(\d+\): .*sg-orphan/);
    expect(out).toContain('aliyun ecs TagResources --RegionId cn-hangzhou --ResourceType securitygroup');
    expect(render(plain, 'table', { lang: 'en' })).not.toContain('team:');
  });

  it('markdown and csv: a team on each finding', () => {
    const mdOut = render(routed, 'markdown', { lang: 'zh' });
    expect(mdOut).toContain('团队:payments');
    expect(mdOut).toContain('## 无主资源');
    const csv = render(routed, 'csv', { lang: 'en' }).split('\r\n');
    expect(csv[0]).toMatch(/,team,team_why$/);
    expect(csv.find((l) => l.includes('sg-pay') && l.startsWith(',') && l.includes(',fail,'))).toMatch(/,payments,via instances i-pay$/);
    expect(render(plain, 'csv', { lang: 'en' }).split('\r\n')[0]).not.toContain('team');
  });

  it('sarif: team and why in the result properties', () => {
    const doc = JSON.parse(render(routed, 'sarif', { lang: 'en' }));
    const r = doc.runs[0].results.find((x: { properties: { resourceId: string } }) => x.properties.resourceId === 'sg-pay');
    expect(r.properties).toMatchObject({ team: ['payments'], teamWhy: 'via instances i-pay' });
  });
});
