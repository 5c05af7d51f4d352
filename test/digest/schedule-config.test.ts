import { describe, expect, it } from 'vitest';
import { WhoownsError } from '../../src/core/errors.js';
import { cronFor, describeDestination, destinationKey, parseSchedules } from '../../src/digest/schedule-config.js';

const CTX = { accounts: ['prod', 'staging'], env: { DT_ROBOT_SECRET: 'SECabc' } };

function problems(raw: unknown[]): string {
  try {
    parseSchedules(raw, CTX);
  } catch (e) {
    expect(e).toBeInstanceOf(WhoownsError);
    return (e as WhoownsError).messages.en;
  }
  throw new Error('expected a problem');
}

const base = { name: 'morning', cron: '0 9 * * 1-5', timezone: 'Asia/Shanghai' };

describe('parseSchedules', () => {
  it('fills defaults: first account, English, 30-minute snapshots, one-hour grace', () => {
    const [s] = parseSchedules([base], CTX);
    expect(s).toEqual({
      name: 'morning',
      cron: '0 9 * * 1-5',
      timezone: 'Asia/Shanghai',
      account: 'prod',
      lang: 'en',
      scope: {},
      destinations: [],
      maxSnapshotAgeMs: 30 * 60_000,
      graceMs: 60 * 60_000,
    });
  });

  it('reads every destination kind and the scope', () => {
    const [s] = parseSchedules(
      [
        {
          ...base,
          account: 'staging',
          lang: 'zh',
          scope: { regions: ['cn-hangzhou'], minSeverity: 'high' },
          destinations: [
            { slack: { channel: 'C0123456789' } },
            { dingtalk: { openConversationId: 'cidAbC==', robotCode: 'dingrobot' } },
            { dingtalkWebhook: { url: 'https://oapi.dingtalk.com/robot/send?access_token=tok', secretEnv: 'DT_ROBOT_SECRET' } },
          ],
          graceMinutes: 0,
        },
      ],
      CTX,
    );
    expect(s!.account).toBe('staging');
    expect(s!.scope).toEqual({ regions: ['cn-hangzhou'], minSeverity: 'high' });
    expect(s!.destinations.map((d) => d.kind)).toEqual(['slack', 'dingtalk', 'dingtalk-webhook']);
    expect(s!.graceMs).toBe(0);
  });

  it('names the schedule and field of every problem at once', () => {
    const text = problems([
      { ...base, timezone: 'Asia/Shangai' },
      { ...base, name: 'weekly', cron: '0 9 * *' },
      { ...base, name: 'other', account: 'nope', destinations: [{ slack: { channel: '#security' } }] },
    ]);
    expect(text).toContain('schedules[0] (morning).timezone: "Asia/Shangai" is not an IANA time zone');
    expect(text).toContain('schedules[1] (weekly).cron: "0 9 * *" is not a five-field cron expression');
    expect(text).toContain('schedules[2] (other).destinations.0');
    expect(text).toContain('Slack channel id');
  });

  it('rejects unknown accounts, duplicate names, unknown keys and seconds fields', () => {
    expect(problems([{ ...base, account: 'nope' }])).toContain('schedules[0] (morning).account: no account named nope');
    expect(problems([base, base])).toContain('schedules[1] (morning).name: another schedule is already called morning');
    expect(problems([{ ...base, crons: 'x' }])).toContain('crons');
    expect(problems([{ ...base, cron: '0 0 9 * * 1-5' }])).toContain('five-field');
    expect(problems([{ ...base, cron: '0 0 31 2 *' }])).toContain('never runs');
  });

  it('takes the custom robot secret from a named environment variable only', () => {
    const hook = (d: object) => problems([{ ...base, destinations: [{ dingtalkWebhook: { url: 'https://oapi.dingtalk.com/robot/send?access_token=t', ...d } }] }]);
    expect(hook({ secretEnv: 'MISSING_SECRET' })).toContain('the environment variable MISSING_SECRET is not set');
    expect(hook({ secretEnv: 'SECxyz-not-a-name' })).toContain('NAME of an environment variable');
    expect(hook({ secret: 'SECxyz' })).toContain('secret');
    expect(problems([{ ...base, destinations: [{ dingtalkWebhook: { url: 'http://oapi.dingtalk.com/robot/send?access_token=t' } }] }])).toContain('https');
  });
});

describe('destinations', () => {
  it('keys and names never contain the webhook token', () => {
    const d = { kind: 'dingtalk-webhook' as const, url: 'https://oapi.dingtalk.com/robot/send?access_token=very-secret-token' };
    expect(destinationKey(d)).toMatch(/^dingtalk-webhook:[0-9a-f]{12}$/);
    expect(describeDestination(d, 'en')).not.toContain('very-secret-token');
    expect(destinationKey({ kind: 'slack', channel: 'C1' })).toBe('slack:C1');
    expect(describeDestination({ kind: 'dingtalk', openConversationId: 'cid1', robotCode: 'r' }, 'zh')).toBe('钉钉群 cid1');
  });
});

describe('cronFor', () => {
  it('computes run times in the schedule’s time zone', () => {
    const c = cronFor({ cron: '0 9 * * 1-5', timezone: 'Asia/Shanghai' });
    // Sunday 2025-06-15 → Monday 09:00 in Shanghai is 01:00 UTC.
    expect(c.nextRun(new Date('2025-06-15T00:00:00Z'))!.toISOString()).toBe('2025-06-16T01:00:00.000Z');
  });
});
