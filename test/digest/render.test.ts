import { describe, expect, it } from 'vitest';
import { toDingTalkMarkdown, utf8Bytes } from '../../src/adapters/dingtalk/render.js';
import { LIMITS, toBlockKit } from '../../src/adapters/slack/render.js';
import { buildDigest } from '../../src/digest/build.js';
import { renderDingTalkDigest, renderSlackDigest } from '../../src/digest/render.js';
import type { DigestMessage } from '../../src/digest/types.js';
import { headline } from '../../src/digest/words.js';
import type { ScanResult } from '../../src/posture/types.js';
import { scanWith } from '../builders/context.js';
import { buildGap, buildSecurityGroup, buildSnapshot, buildSystemEvent, buildWorldRule, type SnapshotOverrides } from '../builders/snapshot.js';

const OPTS = { schedule: 'morning', timezone: 'Asia/Shanghai' };
const MON = new Date('2025-06-16T01:00:00Z');
const THU = new Date('2025-06-19T01:00:00Z');

function scan(when: Date, o: SnapshotOverrides = {}): ScanResult {
  return scanWith(buildSnapshot({ collectedAt: when.toISOString(), ...o }), { now: when });
}
const ssh = (id = 'sg-1') => buildSecurityGroup({ securityGroupId: id, securityGroupName: `web-${id}`, rules: [buildWorldRule({ portRange: '22/22' })] });

function blockText(blocks: unknown): string {
  return JSON.stringify(blocks);
}

describe('headline', () => {
  it('is one short line when nothing changed', () => {
    const prev = buildDigest(null, scan(MON, { region: { securityGroups: [ssh()] } }), MON, OPTS).state;
    const m = buildDigest(prev, scan(THU, { region: { securityGroups: [ssh()] } }), THU, OPTS);
    expect(headline(m, 'en')).toBe('No change since Monday: 1 open, all high');
    expect(headline(m, 'zh')).toBe('自周一以来没有变化:1 个待处理,均为高危');
  });

  it('counts what changed', () => {
    const prev = buildDigest(null, scan(MON), MON, OPTS).state;
    const m = buildDigest(prev, scan(THU, { region: { securityGroups: [ssh('sg-1'), ssh('sg-2')] } }), THU, OPTS);
    expect(headline(m, 'en')).toBe('Since Monday: 2 new. Now 2 open, all high');
  });
});

describe('Slack rendering', () => {
  const changed = (): DigestMessage => {
    const prev = buildDigest(null, scan(MON, { region: { securityGroups: [ssh('sg-old')] } }), MON, OPTS).state;
    return buildDigest(prev, scan(THU, { region: { securityGroups: [ssh('sg-new')], systemEvents: [buildSystemEvent()] } }), THU, OPTS);
  };

  it('renders totals side by side, new and resolved lists, the platform line apart, and buttons', () => {
    const { text, blocks } = toBlockKit(renderSlackDigest(changed(), 'en'), { locale: 'en' });
    expect(text).toContain('Security digest (prod): Since Monday: 1 new, 1 resolved');
    expect(blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Security digest: prod', emoji: true } });
    const fields = blocks.find((b) => b.type === 'section' && 'fields' in b && b.fields);
    expect(blockText(fields)).toContain('You (customer)');
    expect(blockText(fields)).toContain('1 open: 1 high');
    const all = blockText(blocks);
    expect(all).toContain('*New (1)*');
    expect(all).toContain('Security group web-sg-new (sg-new)');
    expect(all).toContain('*Resolved (fixed, or the resource is gone) (1)*');
    expect(all).toContain("Alibaba Cloud's side (not on your to-do list)");
    expect(all).toContain('scanned 2025-06-19 09:00 (Asia/Shanghai)');
    expect(blocks.at(-1)).toMatchObject({ type: 'actions' });
  });

  it('stays inside Slack’s limits with a hundred new findings', () => {
    const many = Array.from({ length: 100 }, (_, i) => ssh(`sg-${i}`));
    const m = buildDigest(buildDigest(null, scan(MON), MON, OPTS).state, scan(THU, { region: { securityGroups: many } }), THU, OPTS);
    const { blocks } = toBlockKit(renderSlackDigest(m, 'en'));
    expect(blocks.length).toBeLessThanOrEqual(LIMITS.blocks);
    expect(blockText(blocks)).toContain('and 92 more; /posture shows them all');
  });

  it('is short on a quiet day and still says what could not be read', () => {
    const prev = buildDigest(null, scan(MON, { region: { securityGroups: [ssh()] } }), MON, OPTS).state;
    const m = buildDigest(prev, scan(THU, { region: { securityGroups: [ssh()] }, gaps: [buildGap({ service: 'vpc', action: 'DescribeFlowLogs' })] }), THU, OPTS);
    expect(m.kind).toBe('unchanged');
    const { blocks } = toBlockKit(renderSlackDigest(m, 'en'));
    const all = blockText(blocks);
    expect(all).toContain('No change since Monday: 1 open, all high');
    expect(all).toContain('This scan is incomplete');
    expect(all).toContain('DescribeFlowLogs');
    expect(all).not.toContain('*New');
    expect(blocks.length).toBeLessThanOrEqual(7);
  });

  it('labels demo data and says when it is late', () => {
    const m = buildDigest(null, scan(MON, { source: { kind: 'demo' } }), new Date('2025-06-16T01:30:00Z'), { ...OPTS, late: { scheduledFor: MON.toISOString() } });
    const { blocks } = toBlockKit(renderSlackDigest(m, 'en'), { locale: 'en' });
    expect(blockText(blocks)).toContain('DEMO DATA');
    expect(blockText(blocks)).toContain('this digest was due at 09:00 and is 30 min late because the bot was down');
  });
});

describe('DingTalk rendering', () => {
  it('renders markdown lines in Chinese without buttons, with gaps and Alibaba Cloud’s side apart', () => {
    const prev = buildDigest(null, scan(MON, { region: { securityGroups: [ssh()] } }), MON, OPTS).state;
    const m = buildDigest(
      prev,
      scan(THU, { region: { securityGroups: [buildSecurityGroup({ rules: [] })], systemEvents: [buildSystemEvent()] }, gaps: [buildGap({ resource: 'sg-1' })] }),
      THU,
      OPTS,
    );
    const md = toDingTalkMarkdown(renderDingTalkDigest(m, 'zh'));
    expect(md.title).toContain('安全摘要');
    expect(md.text).toContain('### 安全摘要:prod');
    expect(md.text).toContain('**本次未能读取(仍计为待处理) (1)**');
    expect(md.text).toContain('⚠️ 未能读取的内容');
    expect(md.text).toContain('DescribeSecurityGroupAttribute');
    expect(md.text).toContain('**阿里云侧(不在您的待办中)**');
    expect(md.text).toContain('- **您(客户)**');
    expect(md.text).not.toContain('dtmd://');
    expect(md.text).not.toContain('已解决(已修复');
    expect(md.text).toContain('1 个:高危 1');
  });

  it('summarises the 30-day trend in words', () => {
    const m = buildDigest(null, scan(MON), MON, {
      ...OPTS,
      trend: [
        { day: '2025-05-20', counts: { critical: 0, high: 3, medium: 5, low: 0, info: 0 } },
        { day: '2025-06-16', counts: { critical: 0, high: 1, medium: 5, low: 0, info: 0 } },
      ],
    });
    const md = toDingTalkMarkdown(renderDingTalkDigest(m, 'en'));
    expect(md.text).toContain('Trend 2025-05-20 to 2025-06-16: high 3 → 1, medium 5 → 5');
  });

  it('stays under DingTalk’s size limit', () => {
    const many = Array.from({ length: 300 }, (_, i) => ssh(`sg-${i}`));
    const m = buildDigest(null, scan(MON, { region: { securityGroups: many } }), MON, OPTS);
    expect(utf8Bytes(toDingTalkMarkdown(renderDingTalkDigest(m, 'zh')).text)).toBeLessThan(19_000);
  });
});
