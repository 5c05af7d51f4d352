import { chmodSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/core/logger.js';
import { loadScenario, startEmulator, type FaultRule, type RunningEmulator } from '../../src/emulator/index.js';
import { endpointEnv } from '../../src/cloud/endpoints.js';
import { robotPayload } from '../adapters/dingtalk/builders.js';
import { startFakeApi, type FakeApi } from '../adapters/dingtalk/fake-api.js';
import { startFakeGateway, type FakeGateway } from '../adapters/dingtalk/fake-gateway.js';
import { startFakeSlack, type FakeSlack } from '../adapters/slack/fake-slack.js';
import { FORM, post, slashCommand } from '../adapters/slack/slack-requests.js';
import { cli } from '../cli/helpers.js';

// Seed every secret the bot can hold into runs that fail in every way the tests can produce —
// the real CLI against the emulator with faults, a wrong secret, an expired STS token, a dead
// endpoint and bad configuration; the whole app on Slack and DingTalk answering failing
// commands — capture everything that comes out (stdout, stderr, log lines, console output,
// chat replies, JSON and SARIF documents, the SQLite files) and look for the secrets in it.

const S = {
  akId: 'LTAI5tSeedBotOwnKey4242', // the bot's own AccessKey id
  akSecret: 'seedAkSecret9f3kLq0ZxV7bNw',
  stsToken: 'seedStsToken-Qm83hd0Xz1kk29',
  expiredAkId: 'LTAI5tSeedExpiredKey7777',
  expiredSecret: 'seedExpiredSecret-2b9c4d',
  expiredToken: 'seedExpiredStsToken-5e6f7a',
  wrongSecret: 'seedWrongSecret-55aa-bb66',
  slackBot: 'xoxb-111-222-seedSlackBotToken',
  slackApp: 'xapp-1-A111-222-seedSlackAppToken',
  signing: 'seedSigningSecret-8c7d6e5f',
  dingSecret: 'seedDingTalkClientSecret-31f2',
  session: 'seedSessionWebhook-77e1d2',
  revokedSession: 'revoked-seedSession-9a8b7c',
  robotToken: 'seedRobotAccessToken0123abcd',
  robotSecret: 'SECseedRobotSigningSecret-4d3c',
} as const;

/** Everything the bot wrote or sent, with where it came from. */
const captured: { where: string; text: string }[] = [];
const capture = (where: string, text: unknown) => captured.push({ where, text: typeof text === 'string' ? text : JSON.stringify(text) });

let emu: RunningEmulator;
let dataDir: string;
let configPath: string;
const savedEnv = { ...process.env };

const denyEtc: FaultRule[] = [
  { action: 'DescribeDisks', kind: 'deny' }, // AccessDenied detail names the caller's key id
  { action: 'DescribeSecurityGroups', kind: 'error', status: 500, code: 'InternalError' },
  { action: 'DescribeInstancesFullStatus', kind: 'error', status: 502 },
  { action: 'ListUsers', kind: 'malformed' },
  { action: 'DescribeVpcs', region: 'ap-southeast-1', kind: 'timeout', ms: 5000 },
];

function cloudEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const url = `http://${emu.endpoint}`;
  return {
    HOME: '/nonexistent',
    LANG: 'en_US.UTF-8',
    ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true',
    ALIBABA_CLOUD_ACCESS_KEY_ID: S.akId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: S.akSecret,
    ALIBABA_CLOUD_SECURITY_TOKEN: S.stsToken,
    ...endpointEnv(url),
    WHOOWNS_CONFIG: configPath,
    WHOOWNS_LOG_LEVEL: 'trace',
    SEED_ROBOT_SECRET: S.robotSecret,
    ...extra,
  };
}

/** The SDK's credential chain reads the process environment, as in production. */
function useCredentials(id: string, secret: string, token: string): void {
  process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = id;
  process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = secret;
  process.env.ALIBABA_CLOUD_SECURITY_TOKEN = token;
}

async function run(label: string, argv: string[], env: NodeJS.ProcessEnv) {
  const r = await cli(argv, { env });
  capture(`${label}: stdout`, r.stdout);
  capture(`${label}: stderr`, r.stderr);
  return r;
}

function leaks(): string[] {
  const found: string[] = [];
  for (const [name, secret] of Object.entries(S)) {
    for (const c of captured) {
      const at = c.text.indexOf(secret);
      if (at >= 0) found.push(`${name} in ${c.where}: …${c.text.slice(Math.max(0, at - 80), at + secret.length + 20)}…`);
    }
  }
  return found;
}

beforeAll(async () => {
  emu = await startEmulator({
    scenario: loadScenario('demo'),
    credentials: [
      { accessKeyId: S.akId, accessKeySecret: S.akSecret, securityToken: S.stsToken },
      { accessKeyId: S.expiredAkId, accessKeySecret: S.expiredSecret, securityToken: S.expiredToken, expired: true },
    ],
  });
  dataDir = mkdtempSync(join(tmpdir(), 'whoowns-secrets-'));
  // The config file holds a custom robot's webhook token and names the signing secret's variable.
  configPath = join(dataDir, 'whoowns.yaml');
  writeFileSync(
    configPath,
    [
      'timeouts: { readMs: 1000, connectMs: 500 }',
      'schedules:',
      '  - name: daily',
      '    cron: "0 9 * * *"',
      '    timezone: Asia/Shanghai',
      '    destinations:',
      `      - dingtalkWebhook: { url: "https://oapi.dingtalk.com/robot/send?access_token=${S.robotToken}", secretEnv: SEED_ROBOT_SECRET }`,
      '',
    ].join('\n'),
  );
  chmodSync(configPath, 0o600);
  useCredentials(S.akId, S.akSecret, S.stsToken);
  process.env.SEED_ROBOT_SECRET = S.robotSecret; // digests read secretEnv variables from the process
  // dingtalk-stream and others print through console: that is output too.
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => capture(`console.${level}`, args.map((a) => (a instanceof Error ? `${a.message} ${a.stack}` : typeof a === 'string' ? a : JSON.stringify(a))).join(' ')));
  }
});

afterAll(async () => {
  await emu?.stop();
  vi.restoreAllMocks();
  for (const k of Object.keys(process.env)) if (!(k in savedEnv)) delete process.env[k];
  Object.assign(process.env, savedEnv);
});

describe('the CLI, failing in every way, prints no secret', () => {
  it('scan, whoami and inventory with AccessDenied, 5xx, malformed bodies and a hanging region', async () => {
    emu.setFaults(denyEtc);
    try {
      const json = await run('scan json', ['scan', '--format', 'json'], cloudEnv());
      const doc = JSON.parse(json.stdout) as { incomplete: boolean; gaps: { action: string; code: string; missingAction?: string }[] };
      expect(doc.incomplete).toBe(true);
      const codes = new Map(doc.gaps.map((g) => [g.action, g]));
      expect(codes.get('DescribeDisks')?.missingAction).toBe('ecs:DescribeDisks');
      expect(codes.get('ListUsers')?.code).toBe('Malformed');
      expect(codes.has('DescribeSecurityGroups')).toBe(true);
      expect(codes.has('DescribeVpcs')).toBe(true);
      await run('scan sarif', ['scan', '--format', 'sarif', '--region', 'cn-hangzhou'], cloudEnv());
      await run('scan table', ['scan', '--format', 'table', '--region', 'cn-hangzhou'], cloudEnv());
      await run('whoami json', ['whoami', '--json'], cloudEnv());
      await run('whoami', ['whoami'], cloudEnv());
      await run('inventory', ['inventory', '--format', 'json', '--region', 'cn-hangzhou'], cloudEnv());
    } finally {
      emu.setFaults([]);
    }
    expect(captured.some((c) => c.where.endsWith('stderr') && c.text.includes('"level":'))).toBe(true); // log lines were captured
  }, 120_000);

  it('a wrong AccessKey secret (SignatureDoesNotMatch)', async () => {
    useCredentials(S.akId, S.wrongSecret, S.stsToken);
    try {
      const r = await run('wrong secret', ['scan', '--format', 'json'], cloudEnv({ ALIBABA_CLOUD_ACCESS_KEY_SECRET: S.wrongSecret }));
      expect(r.code).toBe(3);
      expect(r.stdout + r.stderr).toMatch(/SignatureDoesNotMatch/);
      await run('wrong secret whoami', ['whoami', '--json'], cloudEnv({ ALIBABA_CLOUD_ACCESS_KEY_SECRET: S.wrongSecret }));
    } finally {
      useCredentials(S.akId, S.akSecret, S.stsToken);
    }
  }, 60_000);

  it('an expired STS token', async () => {
    const env = cloudEnv({ ALIBABA_CLOUD_ACCESS_KEY_ID: S.expiredAkId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: S.expiredSecret, ALIBABA_CLOUD_SECURITY_TOKEN: S.expiredToken });
    useCredentials(S.expiredAkId, S.expiredSecret, S.expiredToken);
    try {
      const r = await run('expired token', ['scan', '--format', 'json'], env);
      expect(r.stdout + r.stderr).toMatch(/Expired/);
      await run('expired token whoami', ['whoami'], env);
    } finally {
      useCredentials(S.akId, S.akSecret, S.stsToken);
    }
  }, 60_000);

  it('arguments quoting a secret are not echoed back', async () => {
    const env = cloudEnv({ SLACK_BOT_TOKEN: S.slackBot, SLACK_SIGNING_SECRET: S.signing, DINGTALK_CLIENT_ID: 'ding-seed-app', DINGTALK_CLIENT_SECRET: S.dingSecret });
    const unknownCheck = await run('unknown check', ['scan', '--check', S.akSecret], env);
    expect(unknownCheck.code).toBe(2);
    expect(unknownCheck.stderr).toContain('[redacted]');
    await run('unknown account', ['whoami', '--account', S.signing], env);
    await run('unknown entry', ['kb', 'show', S.dingSecret], env);
    await run('unknown option', ['scan', `--${S.slackBot}`], env);
    await run('unknown command', [S.stsToken], env);
  }, 60_000);

  it('an endpoint that refuses connections', async () => {
    const dead = 'http://127.0.0.1:9';
    const r = await run('dead endpoint', ['scan', '--format', 'json'], cloudEnv(endpointEnv(dead)));
    expect(r.code).toBe(3);
  }, 60_000);

  it('bad configuration: token values in the wrong variables, a world-readable or broken config file', async () => {
    const slackSwapped = await run('swapped slack tokens', ['scan'], cloudEnv({ SLACK_BOT_TOKEN: S.slackApp, SLACK_APP_TOKEN: S.slackBot, SLACK_SIGNING_SECRET: S.signing }));
    expect(slackSwapped.code).toBe(2);
    expect(slackSwapped.stderr).toMatch(/SLACK_BOT_TOKEN must start with xoxb-/);
    await run('ding without id', ['whoami'], cloudEnv({ DINGTALK_CLIENT_SECRET: S.dingSecret }));
    await run('bad signing secret', ['inventory'], cloudEnv({ SLACK_BOT_TOKEN: S.slackBot, SLACK_SIGNING_SECRET: 'short' }));

    const open = join(dataDir, 'open.yaml');
    writeFileSync(open, readFileSync(configPath));
    chmodSync(open, 0o644);
    const refused = await run('world-readable config', ['scan'], cloudEnv({ WHOOWNS_CONFIG: open }));
    expect(refused.stderr).toMatch(/chmod 600/);

    const broken = join(dataDir, 'broken.yaml');
    writeFileSync(broken, `endpoints:\n  ecs: "https://ecs.example.com/?access_token=${S.robotToken}"\n  bogus: ${S.akSecret}\nregions: [${S.robotSecret}]\n`);
    chmodSync(broken, 0o600);
    const bad = await run('broken config', ['scan'], cloudEnv({ WHOOWNS_CONFIG: broken }));
    expect(bad.code).toBe(2);
    const yamlError = join(dataDir, 'syntax.yaml');
    writeFileSync(yamlError, `regions: [${S.akSecret}\n  - : ${S.robotToken}: x\n`);
    chmodSync(yamlError, 0o600);
    expect((await run('yaml syntax error', ['scan'], cloudEnv({ WHOOWNS_CONFIG: yamlError }))).code).toBe(2);
  }, 60_000);
});

describe('the app on Slack and DingTalk, answering failing commands, sends and logs no secret', () => {
  let app: App;
  let slack: FakeSlack;
  let gateway: FakeGateway;
  let api: FakeApi;
  let events: string;

  beforeAll(async () => {
    slack = await startFakeSlack();
    gateway = await startFakeGateway({ clientId: 'ding-seed-app', clientSecret: S.dingSecret });
    api = await startFakeApi({ appKey: 'ding-seed-app', appSecret: S.dingSecret });
    const env = cloudEnv({
      SLACK_BOT_TOKEN: S.slackBot,
      SLACK_SIGNING_SECRET: S.signing,
      SLACK_API_URL: slack.apiUrl,
      DINGTALK_CLIENT_ID: 'ding-seed-app',
      DINGTALK_CLIENT_SECRET: S.dingSecret,
      PORT: '0',
      WHOOWNS_HOST: '127.0.0.1',
      WHOOWNS_DATA_DIR: dataDir,
      WHOOWNS_POSTURE_USERS: 'U_SEC,staff-sec',
      WHOOWNS_POSTURE_CHANNELS: 'C_SEC',
    });
    const config = loadConfig(env);
    // Like main.ts: the logger knows the configured secrets; every line is recorded.
    const log = createLogger({ level: 'trace', secrets: config.secrets, destination: { write: (l: string) => void capture('app log', l) } });
    app = await startApp(config, log, { dingtalk: { endpointOverride: gateway.openUrl, apiBaseUrl: api.url } });
    events = `http://127.0.0.1:${app.slack!.port()}/slack/events`;
    await gateway.waitForConnections(1);
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
    await gateway?.close();
    await api?.close();
    await slack?.close();
  });

  async function slash(command: string, text: string, user = 'U_SEC', channel = 'C_SEC') {
    const id = `r${Math.random().toString(36).slice(2)}`;
    const res = await post(events, slashCommand({ command, text, response_url: slack.respondUrl(id), user_id: user, channel_id: channel }), FORM, { secret: S.signing });
    capture(`slack ack ${command} #${id}`, res.body);
    expect(res.status).toBe(200);
    return id;
  }

  it('answers posture from a cloud that denies, fails and hangs, and a question quoting a secret', async () => {
    emu.setFaults(denyEtc);
    try {
      // People paste secrets into chat too: arguments and questions quoting them must not come back.
      const ids = [
        await slash('/posture', ''),
        await slash('/posture', 'sg sg-bp1nothere01'),
        await slash('/posture', `sg ${S.akSecret}`),
        await slash('/posture', `${S.signing} ${S.stsToken}`),
        await slash('/posture', `user ${S.akId}`),
        await slash('/whoowns', `help ${S.dingSecret}`),
        await slash('/whoowns', `who owns ${S.akSecret} and ${S.slackBot}?`, 'U_ANYONE', 'C_RANDOM'),
      ];
      await slack.waitFor(() => (ids.every((id) => slack.responses.some((r) => r.id === id)) ? true : undefined), 60_000);
      // The scan answer follows the "Scanning…" acknowledgement and says what it could not read.
      const answer = await slack.waitFor(() => slack.responses.find((r) => r.id === ids[0] && /DescribeDisks/.test(JSON.stringify(r.body))), 60_000);
      expect(JSON.stringify(answer.body)).toMatch(/incomplete|could not/i);
      // Commands echo bad arguments; the echo reached Slack with the secret taken out.
      await slack.waitFor(() => (slack.responses.filter((r) => ids.includes(r.id)).length >= ids.length + 1 ? true : undefined), 30_000);
      expect(JSON.stringify(slack.responses)).toContain('[redacted]');
    } finally {
      emu.setFaults([]);
    }
  }, 90_000);

  it('a response_url that fails, and a forged request', async () => {
    slack.fail('respond', 10, { kind: 'error', status: 500 });
    await slash('/whoowns', 'who patches the OS?');
    await new Promise((r) => setTimeout(r, 3000));
    const forged = await post(events, slashCommand({ command: '/posture', text: '', response_url: slack.respondUrl('x') }), FORM, { secret: S.wrongSecret });
    capture('forged ack', forged.body);
    expect(forged.status).toBe(401);
  }, 30_000);

  it('DingTalk: a revoked and an expired session webhook, a malformed frame, a refused posture request', async () => {
    const webhook = (session: string) => `${api.url}/robot/sendBySession?session=${session}`;
    const before = api.on('/robot/sendBySession').length;
    gateway.sendCallback(robotPayload({ content: ` posture ${S.dingSecret}`, sessionWebhook: webhook(S.session) }));
    gateway.sendCallback(robotPayload({ content: ' 谁负责补丁', sessionWebhook: webhook(S.revokedSession) }));
    gateway.sendCallback(robotPayload({ content: `posture sg ${S.akSecret}`, senderStaffId: 'staff-sec', conversationType: '1', sessionWebhook: webhook(S.session) }));
    gateway.sendCallback(robotPayload({ content: ' help', sessionWebhook: webhook(S.session), sessionWebhookExpiredTime: Date.now() - 1000 }));
    gateway.sendCallback({ msgId: 'broken', sessionWebhook: webhook(S.session) });
    gateway.sendRaw(`{"type":"CALLBACK","headers":{"topic":"/v1.0/im/bot/messages/get"},"data":"{not json ${webhook(S.session)}"}`);
    await api.waitFor('/robot/sendBySession', before + 3, 15_000);
    await new Promise((r) => setTimeout(r, 1000));
    for (const r of api.on('/robot/sendBySession')) capture('dingtalk reply', r.body);
    expect(JSON.stringify(api.on('/robot/sendBySession').map((r) => r.body))).toContain('[redacted]');
  }, 30_000);

  it('nothing the app sent to Slack carries a secret either', () => {
    for (const r of slack.responses) capture(`slack respond ${r.id}`, r.body);
    // Minus the credential field the Web API authenticates with (like the Authorization header).
    for (const c of slack.calls) capture(`slack ${c.method}`, { ...c.body, token: undefined });
  });

});

describe('after every run', () => {
  it('no seeded secret appears in anything captured', () => {
    // The database and its WAL, after the app closed them.
    for (const name of readdirSync(dataDir)) {
      if (/\.db/.test(name)) capture(`sqlite ${name}`, readFileSync(join(dataDir, name)).toString('latin1'));
    }
    expect(captured.length).toBeGreaterThan(30);
    expect(captured.some((c) => c.where.startsWith('sqlite'))).toBe(true);
    expect(leaks()).toEqual([]);
  });
});
