import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { textReply } from '../../src/chat/message.js';
import type { ChatContext } from '../../src/chat/types.js';
import { WhoownsError, toWhoownsError } from '../../src/core/errors.js';
import { createLogger, silentLogger } from '../../src/core/logger.js';
import { REDACTED, createRedactor, redactPatterns } from '../../src/core/redact.js';
import { redactError, redactingDispatch } from '../../src/security/guard.js';
import { redactingIo } from '../../src/cli/io.js';
import { secretsFromConfigFile, secretsFromEnv } from '../../src/core/secrets.js';

const AK_ID = 'LTAI5tBotOwnKey0000001';
const AK_SECRET = 'AkSecret0123456789abcdefXYZ';

describe('Redactor', () => {
  const r = createRedactor([AK_ID, AK_SECRET, 'p@ss "quoted" \\ value/+=']);

  it('replaces known values in raw, JSON-escaped and URL-encoded form', () => {
    expect(r.redact(`key ${AK_ID} secret=${AK_SECRET}.`)).toBe(`key ${REDACTED} secret=${REDACTED}.`);
    const json = JSON.stringify({ msg: 'failed with p@ss "quoted" \\ value/+=' });
    expect(r.redact(json)).toBe(JSON.stringify({ msg: `failed with ${REDACTED}` }));
    expect(JSON.parse(r.redact(json))).toEqual({ msg: `failed with ${REDACTED}` });
    expect(r.redact(`https://x.test/?q=${encodeURIComponent('p@ss "quoted" \\ value/+=')}`)).not.toMatch(/quoted/);
  });

  it('leaves RAM users\' AccessKey ids alone: they are resource ids findings need', () => {
    expect(r.redact('user bob has LTAI5tSomeoneElse00001 unused for 400 days')).toBe('user bob has LTAI5tSomeoneElse00001 unused for 400 days');
  });

  it('ignores values too short to be secrets, and learns new ones', () => {
    const short = createRedactor(['abc', '', undefined, '   ']);
    expect(short.size).toBe(0);
    expect(short.redact('abc')).toBe('abc');
    short.add('fetched-access-token-1234');
    expect(short.redact('token fetched-access-token-1234 ok')).toBe(`token ${REDACTED} ok`);
  });

  it('replaces credential-shaped text even when the value is not known', () => {
    const cases: [string, string][] = [
      ['bot xoxb-1234-5678-abcdefgh failed', `bot ${REDACTED} failed`],
      ['user token xoxp-99-aa-bb', `user token ${REDACTED}`],
      ['app xapp-1-A0-123-abcdef', `app ${REDACTED}`],
      ['POST https://oapi.dingtalk.com/robot/sendBySession?session=abc123def456 failed', `POST https://oapi.dingtalk.com/robot/sendBySession?session=${REDACTED} failed`],
      ['https://oapi.dingtalk.com/robot/send?access_token=0123456789abcdef&timestamp=1&sign=abc%2Bdef%3D', `https://oapi.dingtalk.com/robot/send?access_token=${REDACTED}&timestamp=1&sign=${REDACTED}`],
      ['https://hooks.slack.com/services/T000/B000/XXXXXXXX', `https://hooks.slack.com/${REDACTED}`],
      ['authorization: ACS3-HMAC-SHA256 Credential=LTAI5tAnyKey0000001,SignedHeaders=host,Signature=abcdef0123', `authorization: ACS3-HMAC-SHA256 Credential=${REDACTED},SignedHeaders=host,Signature=${REDACTED}`],
      ['token CAISabcdefghijklmnopqrstuvwxyz0123456789 expired', `token ${REDACTED} expired`],
      ['key STS.NUgYrLnoC37mZZCNnAbez2EEC rejected', `key ${REDACTED} rejected`],
      ['Authorization: Bearer abcdefgh.ijklmnop', `Authorization: Bearer ${REDACTED}`],
      ['robot secret SEC0123456789abcdef0123456789abcdef0123456789abcdef', `robot secret ${REDACTED}`],
    ];
    for (const [input, want] of cases) expect(redactPatterns(input), input).toBe(want);
  });

  it('keeps hints that only name the shape of a credential', () => {
    for (const hint of [
      'SLACK_BOT_TOKEN must start with xoxb- (the Bot User OAuth Token)',
      "set it to your app's Bot User OAuth Token (xoxb-...)",
      'must be the custom robot\'s https webhook address (https://oapi.dingtalk.com/robot/send?access_token=…)',
      'set it to the robot\'s signing secret (SEC…)',
    ]) {
      expect(redactPatterns(hint)).toBe(hint);
    }
  });

  it('never lets a known secret through, whatever text surrounds it', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 6, maxLength: 40 }).filter((s) => s.trim() === s && s.length >= 6), fc.string(), fc.string(), (secret, before, after) => {
        const red = createRedactor([secret]);
        expect(red.redact(before + secret + after)).not.toContain(secret);
        expect(red.redact(JSON.stringify({ m: before + secret + after }))).not.toContain(JSON.stringify(secret).slice(1, -1));
      }),
    );
  });

  it('deep-redacts a reply, leaving non-strings as they are', () => {
    const reply = { summary: `x ${AK_SECRET}`, blocks: [{ type: 'fields', fields: [{ label: 'k', value: AK_ID }] }], ephemeral: true };
    expect(r.deep(reply)).toEqual({ summary: `x ${REDACTED}`, blocks: [{ type: 'fields', fields: [{ label: 'k', value: REDACTED }] }], ephemeral: true });
  });
});

describe('secrets', () => {
  it('come from the credential variables and anything named like one, but not paths or flags', () => {
    const got = secretsFromEnv({
      ALIBABA_CLOUD_ACCESS_KEY_ID: AK_ID,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: AK_SECRET,
      SLACK_SIGNING_SECRET: 'sign',
      DINGTALK_ROBOT_SECRET: 'SECabcdef0123456789',
      ALIBABA_CLOUD_OIDC_TOKEN_FILE: '/var/run/secrets/token',
      USE_TOKEN: 'enabled',
      HOME: '/home/me',
    });
    expect(got.sort()).toEqual([AK_ID, AK_SECRET, 'SECabcdef0123456789', 'sign'].sort());
  });

  it('come from webhook URLs, secretEnv variables and ExternalIds in the config file', () => {
    const file = {
      accounts: [{ name: 'prod', roleArn: 'acs:ram::123:role/r', externalId: 'ext-id-123456' }],
      schedules: [{ destinations: [{ dingtalkWebhook: { url: 'https://oapi.dingtalk.com/robot/send?access_token=tok0123456789', secretEnv: 'MY_ROBOT' } }] }],
    };
    expect(secretsFromConfigFile(file, { MY_ROBOT: 'SECrobot-signing-1' }).sort()).toEqual(['SECrobot-signing-1', 'ext-id-123456', 'tok0123456789']);
  });
});

describe('the redaction layer at the choke points', () => {
  it('the logger redacts the serialized line: messages, error texts, stacks and bindings', () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'debug', secrets: [AK_SECRET, AK_ID], destination: { write: (l: string) => void lines.push(l) } });
    const err = new Error(`SignatureDoesNotMatch for ${AK_ID} with ${AK_SECRET}`);
    log.child({ who: AK_ID }).error({ err, detail: { AuthPrincipalDisplayName: AK_ID } }, `call failed ${AK_SECRET}`);
    log.info({ url: 'https://oapi.dingtalk.com/robot/sendBySession?session=live-session-99' }, 'posting xoxb-123-456-abcdef');
    const all = lines.join('\n');
    expect(all).not.toContain(AK_SECRET);
    expect(all).not.toContain(AK_ID);
    expect(all).not.toContain('live-session-99');
    expect(all).not.toContain('xoxb-123-456-abcdef');
    for (const l of lines) expect(() => JSON.parse(l)).not.toThrow();
    // The existing field-path redaction still applies.
    log.info({ clientSecret: 'short' }, 'x');
    expect(JSON.parse(lines.at(-1)!).clientSecret).toBe('[redacted]');
  });

  it('by default the logger knows the secrets in process.env', () => {
    const lines: string[] = [];
    process.env.WHOOWNS_TEST_PROBE_SECRET = 'probe-secret-value-123';
    try {
      createLogger({ destination: { write: (l: string) => void lines.push(l) } }).info('leak probe-secret-value-123');
    } finally {
      delete process.env.WHOOWNS_TEST_PROBE_SECRET;
    }
    expect(lines.join('')).not.toContain('probe-secret-value-123');
  });

  it('coded errors never carry credential-shaped text', () => {
    const e = new WhoownsError('CLOUD_CALL', { zh: 'xoxb-1-2-secretpart', en: 'reply to https://oapi.dingtalk.com/robot/sendBySession?session=abcdef123 failed' });
    expect(e.message).not.toContain('abcdef123');
    expect(e.messageIn('zh')).not.toContain('secretpart');
    expect(toWhoownsError(new Error(AK_SECRET)).messageIn('en')).not.toContain(AK_SECRET);
  });

  it('redactError keeps the code and cause and cleans the text', () => {
    const r = createRedactor([AK_SECRET]);
    const cause = new Error('x');
    const e = redactError(new WhoownsError('CLOUD_CALL', { zh: `密钥 ${AK_SECRET}`, en: `key ${AK_SECRET}` }, cause), r) as WhoownsError;
    expect(e.code).toBe('CLOUD_CALL');
    expect(e.cause).toBe(cause);
    expect(`${e.messages.zh} ${e.messages.en} ${e.stack}`).not.toContain(AK_SECRET);
    const plain = redactError(new TypeError(`bad ${AK_SECRET}`), r) as Error;
    expect(plain).toBeInstanceOf(TypeError);
    expect(`${plain.message} ${plain.stack}`).not.toContain(AK_SECRET);
  });

  it('redactingDispatch cleans every reply and every error a command throws', async () => {
    const r = createRedactor([AK_SECRET]);
    const sent: unknown[] = [];
    const ctx: ChatContext = {
      platform: 'slack',
      user: { platform: 'slack', id: 'U1' },
      place: { id: 'C1', kind: 'group' },
      locale: 'en',
      log: silentLogger(),
      reply: async (m) => void sent.push(m),
    };
    await redactingDispatch(async (_req, c) => c.reply(textReply(`the key is ${AK_SECRET}`)), r)({ command: 'ask', text: '' }, ctx);
    expect(JSON.stringify(sent)).not.toContain(AK_SECRET);
    const failing = redactingDispatch(async () => {
      throw new WhoownsError('CONFIG_INVALID', { zh: AK_SECRET, en: AK_SECRET });
    }, r);
    await expect(failing({ command: 'ask', text: '' }, ctx)).rejects.toSatisfy((e: WhoownsError) => e.code === 'CONFIG_INVALID' && !e.messages.en.includes(AK_SECRET));
  });

  it('redactingIo cleans CLI output', () => {
    let out = '';
    let err = '';
    const io = redactingIo({ out: (t) => void (out += t), err: (t) => void (err += t), lines: async function* () {}, isTTY: false, env: {} }, createRedactor([AK_SECRET]));
    io.out(`a ${AK_SECRET}`);
    io.err(`b ${AK_SECRET}`);
    expect(out + err).not.toContain(AK_SECRET);
  });
});
