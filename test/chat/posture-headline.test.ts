import { describe, expect, it } from 'vitest';
import { findingsReply, summaryReply } from '../../commands/posture/view.js';
import { toBlockKit } from '../../src/adapters/slack/render.js';
import type { ScanView } from '../../src/posture/service.js';
import { scanWith } from '../builders/context.js';
import { buildGap, buildSnapshot } from '../builders/snapshot.js';

// The headline (Slack's notification text, DingTalk's title) is all many people read: an
// incomplete scan must not preview as "0 open findings".

function view(gaps = [buildGap({ missingAction: 'ecs:DescribeSecurityGroupAttribute' })]): ScanView {
  const snapshot = buildSnapshot({ gaps });
  return { scan: scanWith(snapshot), ageMs: 0, demo: false };
}

describe('posture headlines', () => {
  it('say incomplete in both languages when calls failed', () => {
    const v = view();
    expect(v.scan.incomplete || v.scan.gaps.length > 0).toBe(true);
    expect(summaryReply(v, 'en').summary).toMatch(/incomplete/i);
    expect(summaryReply(v, 'zh').summary).toMatch(/不完整/);
    expect(findingsReply('Security group findings', [], v, 'en').summary).toMatch(/incomplete/i);
    expect(findingsReply('安全组问题', [], v, 'zh').summary).toMatch(/不完整/);
  });

  it('reach Slack as the top-level text', () => {
    expect(toBlockKit(summaryReply(view(), 'en'), { locale: 'en' }).text).toMatch(/incomplete/i);
  });

  it('stay plain when the scan is complete', () => {
    const v = view([]);
    expect(summaryReply(v, 'en').summary).toMatch(/^Posture: \d+ open findings$/);
    expect(findingsReply('Security group findings', [], v, 'en').summary).toBe('Security group findings');
  });
});
