import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../src/store/db.js';
import { DigestStore } from '../../src/store/digests.js';
import { startFakeSlack, type FakeSlack } from '../adapters/slack/fake-slack.js';
import { cli } from '../cli/helpers.js';

// The real CLI, in-process, on the demo account (local emulator) with a fake Slack.

let dir: string;
let slack: FakeSlack;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  slack = await startFakeSlack();
  dir = mkdtempSync(join(tmpdir(), 'whoowns-digest-cli-'));
  const config = join(dir, 'config.yaml');
  writeFileSync(
    config,
    [
      'schedules:',
      '  - name: morning',
      '    cron: "0 9 * * 1-5"',
      '    timezone: Asia/Shanghai',
      '    destinations:',
      '      - slack: { channel: C0123456789 }',
      '  - name: weekly',
      '    cron: "0 10 * * 1"',
      '    timezone: Europe/Berlin',
      '    lang: zh',
      '    scope: { minSeverity: high }',
      '    destinations:',
      '      - dingtalk: { openConversationId: cidWeekly, robotCode: ding-robot }',
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  env = {
    LANG: 'en_US.UTF-8',
    WHOOWNS_CONFIG: config,
    WHOOWNS_DATA_DIR: join(dir, 'data'),
    WHOOWNS_DEMO: 'true',
    SLACK_BOT_TOKEN: 'xoxb-cli-test',
    SLACK_SIGNING_SECRET: 'cli-signing-secret',
    SLACK_API_URL: slack.apiUrl,
    ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true',
  };
});
afterAll(async () => {
  await slack.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('whoowns digest', () => {
  it('--list shows each schedule with its next run', async () => {
    const r = await cli(['digest', '--list'], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('morning');
    expect(r.stdout).toMatch(/next run\s+\d{4}-\d{2}-\d{2} 09:00 \(Asia\/Shanghai\) = /);
    expect(r.stdout).toMatch(/weekly[\s\S]*next run\s+\d{4}-\d{2}-\d{2} 10:00 \(Europe\/Berlin\)/);
    expect(r.stdout).toContain('Slack channel C0123456789');
  });

  it('--now --dry-run prints what each platform would get and records nothing', async () => {
    const r = await cli(['digest', '--schedule', 'weekly', '--now', '--dry-run'], { env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('dry run: nothing is posted or recorded');
    expect(r.stdout).toContain('--- DingTalk (markdown) ---');
    expect(r.stdout).not.toContain('--- Slack');
    expect(r.stdout).toContain('### 安全摘要');
    expect(r.stdout).toContain('演示数据 DEMO DATA');
    expect(slack.callsTo('chat.postMessage')).toHaveLength(0);

    const slackDry = await cli(['digest', '--schedule', 'morning', '--now', '--dry-run'], { env });
    const json = slackDry.stdout.slice(slackDry.stdout.indexOf('{'));
    expect(JSON.parse(json).blocks[0]).toMatchObject({ type: 'context' });
    const db = openDb(join(dir, 'data', 'whoowns.db'));
    expect(await new DigestStore(db).runs('morning')).toEqual([]);
    await db.close();
  });

  it('--now posts, records, and the next run compares with it', async () => {
    const first = await cli(['digest', '--schedule', 'morning', '--now'], { env });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Digest morning: sent \(morning@manual@/);
    expect(first.stdout).toMatch(/slack:C0123456789\s+sent/);
    expect(slack.callsTo('chat.postMessage')[0]!.body.text).toContain('First digest for');

    const second = await cli(['digest', '--schedule', 'morning', '--now'], { env });
    expect(second.code).toBe(0);
    expect(slack.callsTo('chat.postMessage')[1]!.body.text).toContain('No change since');
    const list = await cli(['digest', '--list'], { env });
    expect(list.stdout).toMatch(/last run\s+.* sent 1\/1/);
  });

  it('explains usage and unknown schedules', async () => {
    expect((await cli(['digest'], { env })).stderr).toContain('--list');
    const r = await cli(['digest', '--now', '--dry-run'], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Name a schedule with --schedule: morning, weekly');
    expect((await cli(['digest', '--schedule', 'nope', '--now'], { env })).stderr).toContain('No schedule named nope');
  });

  it('a bad schedule stops with the schedule and field named', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'schedules:\n  - name: morning\n    cron: "0 9 * * 1-5"\n    timezone: Asia/Shangai\n', { mode: 0o600 });
    const r = await cli(['digest', '--list'], { env: { ...env, WHOOWNS_CONFIG: bad } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('schedules[0] (morning).timezone: "Asia/Shangai" is not an IANA time zone');
  });
});
