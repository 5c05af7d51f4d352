import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { WhoownsError, isWhoownsError } from '../core/errors.js';
import { endpointsFromEnv, regionsFromEnv, type AccountConfig, type DirectoryConfig, type EndpointOverrides } from '../cloud/index.js';
import { parseThresholds, type Thresholds } from '../checks/thresholds.js';
import { readYamlFile } from '../kb/load.js';
import { assertNotWorldReadable } from '../security/file-mode.js';
import { VERBATIM_ENV_VARS, secretEnvNames, secretsFromConfigFile, secretsFromEnv, varsWithWhitespace } from '../core/secrets.js';
import { idShapeWarnings, splitIdList } from './access-ids.js';
import { fileSchema, type ConfigFile, type OwnersConfig } from './file.js';
import type { AccountAccessRules } from '../posture/account-access.js';

// Configuration is a pure function of the environment, validated once at start-up.
// Every problem is reported at once, each with what to change.

const idList = z.string().optional().transform(splitIdList);

// DingTalk endpoints (private deployments, local stand-ins in tests): https, or http on loopback only.
const dingtalkUrl = () =>
  z
    .string()
    .refine(isHttpsOrLoopback, `must be an https URL such as https://api.dingtalk.com (plain http only on a loopback address, e.g. http://127.0.0.1:4010)`)
    .transform((v) => v.replace(/\/+$/, ''))
    .optional();

const envSchema = z.object({
  WHOOWNS_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WHOOWNS_DATA_DIR: z.string().optional(),
  WHOOWNS_LANG: z.enum(['zh', 'en']).optional(),
  /** 0 = any free port (tests). */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  WHOOWNS_HOST: z.string().default('0.0.0.0'),
  SLACK_BOT_TOKEN: z.string().regex(/^xoxb-/, 'must start with xoxb- (the Bot User OAuth Token from your Slack app page)').optional(),
  SLACK_APP_TOKEN: z.string().regex(/^xapp-/, 'must start with xapp- (an App-Level Token with connections:write)').optional(),
  SLACK_SIGNING_SECRET: z.string().min(8, 'is too short; copy the Signing Secret from Basic Information').optional(),
  SLACK_API_URL: z.url('must be a URL such as https://slack.com/api/').optional(),
  DINGTALK_CLIENT_ID: z.string().min(1).optional(),
  DINGTALK_CLIENT_SECRET: z.string().min(1).optional(),
  DINGTALK_API_URL: dingtalkUrl(),
  DINGTALK_GATEWAY_URL: dingtalkUrl(),
  WHOOWNS_POSTURE_USERS: idList,
  WHOOWNS_POSTURE_CHANNELS: idList,
  WHOOWNS_ADMIN_CONTACT: z.string().optional(),
  WHOOWNS_CONFIG: z.string().optional(),
  WHOOWNS_DEMO: z.enum(['true', 'false', '1', '0']).optional(),
  WHOOWNS_CONSOLE: z.enum(['stdin'], 'must be stdin (run the console on a pipe, for scripts and benchmarks)').optional(),
  WHOOWNS_SUPPRESSIONS: z.string().optional(),
  // The message never quotes the value: it holds the database password.
  WHOOWNS_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, 'must be a PostgreSQL URL such as postgres://whoowns:PASSWORD@db.internal:5432/whoowns (unset it to use the local SQLite file)')
    .optional(),
});

export interface Config {
  logLevel: string;
  dataDir: string;
  /** WHOOWNS_DATABASE_URL: state in PostgreSQL (shared by replicas) instead of dataDir's SQLite file. A secret. */
  databaseUrl?: string;
  lang?: 'zh' | 'en';
  /** WHOOWNS_CONSOLE=stdin: the console reads a pipe (scripts, benchmarks), not only a terminal. */
  consoleOnPipe?: boolean;
  port: number;
  /** Address the HTTP server (Slack events, health probes) binds. */
  host: string;
  slack?: { botToken: string; appToken?: string; signingSecret?: string; apiUrl?: string };
  /** apiBaseUrl / gatewayUrl: DINGTALK_API_URL / DINGTALK_GATEWAY_URL; absent = DingTalk's own. */
  dingtalk?: { clientId: string; clientSecret: string; apiBaseUrl?: string; gatewayUrl?: string };
  /** `accounts`: who may see which account (accountAccess: in the config file); absent = no per-account limits. */
  access: { postureUsers: string[]; postureChannels: string[]; adminContact?: string; accounts?: AccountAccessRules };
  cloud: {
    accounts: AccountConfig[];
    /** Discover member accounts from a Resource Directory (merged with accounts by id). */
    resourceDirectory?: DirectoryConfig;
    /** Restrict to these regions; undefined = every region DescribeRegions lists. */
    regions?: string[];
    endpoints: EndpointOverrides;
    timeouts: { readMs?: number; connectMs?: number };
    limits: { global?: number; perService?: number };
    /** No cloud credentials found (or WHOOWNS_DEMO=true): posture runs on the built-in demo account. */
    demo: boolean;
  };
  posture: {
    thresholds: Thresholds;
    suppressionsFile?: string;
    ttlMs: number;
    refreshIntervalMs: number;
  };
  /** Digest schedules, validated by the digest module. */
  schedules: unknown[];
  /** Ownership rules (owners: in the config file); absent = findings are not routed to teams. */
  owners?: OwnersConfig;
  /** Secret values from the environment and the config file, for the redaction layer (src/security). */
  secrets?: string[];
  /** Things that do not stop the start but probably are not what was meant; logged at start. */
  warnings?: string[];
}

export interface ConfigDeps {
  readFile?: (path: string) => ConfigFile;
  exists?: (path: string) => boolean;
  home?: string;
}

/**
 * Where the Alibaba Cloud credential chain would find credentials, checked without calling it:
 * the instance-metadata step is only used when asked for (ALIBABA_CLOUD_ECS_METADATA), so a
 * laptop without credentials falls back to the demo account instead of probing the network.
 */
export function hasCloudCredentials(env: NodeJS.ProcessEnv, exists: (p: string) => boolean = existsSync, home: string = homedir()): boolean {
  return Boolean(
    env.ALIBABA_CLOUD_ACCESS_KEY_ID ||
      (env.ALIBABA_CLOUD_ROLE_ARN && env.ALIBABA_CLOUD_OIDC_TOKEN_FILE) ||
      env.ALIBABA_CLOUD_CREDENTIALS_URI ||
      env.ALIBABA_CLOUD_ECS_METADATA ||
      env.ALIBABA_CLOUD_PROFILE ||
      exists(env.ALIBABA_CLOUD_CREDENTIALS_FILE ?? join(home, '.alibabacloud', 'credentials')) ||
      exists(join(home, '.aliyun', 'config.json')),
  );
}

export function loadConfig(env: NodeJS.ProcessEnv, deps: ConfigDeps = {}): Config {
  const problems: string[] = whitespaceProblems(env);
  const parsed = envSchema.safeParse(emptyToUndefined(env));
  if (!parsed.success) {
    for (const i of parsed.error.issues) problems.push(`${String(i.path[0])} ${i.message}`);
    throw configError(problems);
  }
  const v = parsed.data;
  let slack: Config['slack'];
  if (v.SLACK_BOT_TOKEN || v.SLACK_APP_TOKEN || v.SLACK_SIGNING_SECRET) {
    if (!v.SLACK_BOT_TOKEN) problems.push('SLACK_BOT_TOKEN is missing: set it to your app\'s Bot User OAuth Token (xoxb-...)');
    if (!v.SLACK_APP_TOKEN && !v.SLACK_SIGNING_SECRET) {
      problems.push('Slack needs SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode): set one of them');
    }
    if (v.SLACK_BOT_TOKEN) slack = { botToken: v.SLACK_BOT_TOKEN, appToken: v.SLACK_APP_TOKEN, signingSecret: v.SLACK_SIGNING_SECRET, apiUrl: v.SLACK_API_URL };
  }
  let dingtalk: Config['dingtalk'];
  if (v.DINGTALK_CLIENT_ID || v.DINGTALK_CLIENT_SECRET) {
    if (!v.DINGTALK_CLIENT_ID || !v.DINGTALK_CLIENT_SECRET) {
      problems.push('DingTalk needs both DINGTALK_CLIENT_ID and DINGTALK_CLIENT_SECRET (the robot app\'s AppKey and AppSecret)');
    } else dingtalk = { clientId: v.DINGTALK_CLIENT_ID, clientSecret: v.DINGTALK_CLIENT_SECRET, ...dingtalkEndpoints(v.DINGTALK_API_URL, v.DINGTALK_GATEWAY_URL) };
  }
  const file = v.WHOOWNS_CONFIG ? (deps.readFile ?? readConfigFile)(resolve(v.WHOOWNS_CONFIG)) : {};
  problems.push(...whitespaceProblems(env, secretEnvNames(file).filter((n) => !VERBATIM_ENV_VARS.includes(n))));
  let endpoints: EndpointOverrides = {};
  let envRegions: string[] | undefined;
  try {
    endpoints = { ...file.endpoints, ...endpointsFromEnv(env) };
    envRegions = regionsFromEnv(env);
  } catch (e) {
    if (!isWhoownsError(e)) throw e;
    problems.push(e.messages.en);
  }
  let thresholds: Thresholds | undefined;
  try {
    thresholds = parseThresholds(file.thresholds ?? {});
  } catch (e) {
    if (!isWhoownsError(e)) throw e;
    problems.push(`${v.WHOOWNS_CONFIG}: ${e.messages.en}`);
  }
  const demoFlag = v.WHOOWNS_DEMO === 'true' || v.WHOOWNS_DEMO === '1';
  const noDemo = v.WHOOWNS_DEMO === 'false' || v.WHOOWNS_DEMO === '0';
  const hasCreds = hasCloudCredentials(env, deps.exists, deps.home ?? env.HOME ?? homedir());
  // Asked for real data with nothing to read it with: say so now, not at the first question.
  if (noDemo && !hasCreds) problems.push(NO_CREDENTIALS_PROBLEM);
  if (problems.length) throw configError(problems);
  const postureUsers = [...new Set([...v.WHOOWNS_POSTURE_USERS, ...(file.posture?.users ?? [])])];
  const postureChannels = [...new Set([...v.WHOOWNS_POSTURE_CHANNELS, ...(file.posture?.channels ?? [])])];
  const useEndpointsOnly = Object.keys(endpoints).length > 0 && hasCreds;
  return {
    logLevel: v.WHOOWNS_LOG_LEVEL,
    dataDir: v.WHOOWNS_DATA_DIR ?? join(deps.home ?? env.HOME ?? homedir(), '.whoowns'),
    ...(v.WHOOWNS_DATABASE_URL ? { databaseUrl: v.WHOOWNS_DATABASE_URL } : {}),
    lang: v.WHOOWNS_LANG,
    consoleOnPipe: v.WHOOWNS_CONSOLE === 'stdin',
    port: v.PORT,
    host: v.WHOOWNS_HOST,
    slack,
    dingtalk,
    access: {
      postureUsers,
      postureChannels,
      adminContact: v.WHOOWNS_ADMIN_CONTACT ?? file.posture?.adminContact,
      ...(file.accountAccess ? { accounts: file.accountAccess } : {}),
    },
    cloud: {
      accounts: file.accounts ?? (file.resourceDirectory ? [] : [{ name: 'default' }]),
      ...(file.resourceDirectory ? { resourceDirectory: file.resourceDirectory } : {}),
      regions: envRegions ?? file.regions,
      endpoints,
      timeouts: file.timeouts ?? {},
      limits: file.limits ?? {},
      demo: demoFlag || (!noDemo && !hasCreds && !useEndpointsOnly),
    },
    posture: {
      thresholds: thresholds!,
      suppressionsFile: v.WHOOWNS_SUPPRESSIONS ?? file.suppressionsFile,
      ttlMs: (file.cache?.ttlMinutes ?? 15) * 60_000,
      refreshIntervalMs: (file.cache?.refreshIntervalSeconds ?? 60) * 1000,
    },
    schedules: file.schedules ?? [],
    ...(file.owners ? { owners: file.owners } : {}),
    secrets: [...new Set([...secretsFromEnv(env), ...secretsFromConfigFile(file, env), ...databaseSecrets(v.WHOOWNS_DATABASE_URL)])],
    warnings: [...idShapeWarnings('WHOOWNS_POSTURE_USERS', 'users', postureUsers), ...idShapeWarnings('WHOOWNS_POSTURE_CHANNELS', 'channels', postureChannels), ...accessWarnings(file.accountAccess)],
  };
}

/** Name-shaped entries under accountAccess match nobody, as in the WHOOWNS_POSTURE_* lists. */
function accessWarnings(rules: AccountAccessRules | undefined): string[] {
  return Object.entries(rules ?? {}).flatMap(([account, r]) => [
    ...idShapeWarnings(`accountAccess.${account}.users`, 'users', r.users ?? []),
    ...idShapeWarnings(`accountAccess.${account}.channels`, 'channels', r.channels ?? []),
  ]);
}

/** The database URL and its password (also URL-decoded) are redacted wherever they would appear. */
function databaseSecrets(url: string | undefined): string[] {
  if (!url) return [];
  try {
    const pw = new URL(url).password;
    return pw ? [url, pw, decodeURIComponent(pw)] : [url];
  } catch {
    return [url];
  }
}

/** The stream gateway lives on the API host unless DINGTALK_GATEWAY_URL says otherwise. */
function dingtalkEndpoints(apiBaseUrl?: string, gatewayUrl?: string): { apiBaseUrl?: string; gatewayUrl?: string } {
  const gateway = gatewayUrl ?? (apiBaseUrl ? `${apiBaseUrl}/v1.0/gateway/connections/open` : undefined);
  return { ...(apiBaseUrl ? { apiBaseUrl } : {}), ...(gateway ? { gatewayUrl: gateway } : {}) };
}

function isHttpsOrLoopback(value: string): boolean {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    return false;
  }
  if (u.protocol === 'https:') return true;
  return u.protocol === 'http:' && (u.hostname === 'localhost' || u.hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(u.hostname));
}

const NO_CREDENTIALS_PROBLEM =
  'WHOOWNS_DEMO=false but no Alibaba Cloud credentials were found: set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, ' +
  'configure the aliyun CLI (aliyun configure), set ALIBABA_CLOUD_ECS_METADATA=<instance RAM role> on ECS, or remove WHOOWNS_DEMO to use the demo account';

/** Names the variables only: their values are credentials. */
function whitespaceProblems(env: NodeJS.ProcessEnv, names?: Iterable<string>): string[] {
  return varsWithWhitespace(env, names).map(
    (name) => `${name} contains whitespace or a line break (often a trailing newline from a file or a wrapped paste): set it again without it`,
  );
}

function readConfigFile(path: string): ConfigFile {
  assertNotWorldReadable(path);
  return readYamlFile(path, fileSchema, 'CONFIG_FILE');
}

function emptyToUndefined(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, val] of Object.entries(env)) out[k] = val === '' ? undefined : val;
  return out;
}

function configError(problems: string[]): WhoownsError {
  const list = problems.map((p) => `  - ${p}`).join('\n');
  return new WhoownsError('CONFIG_INVALID', {
    zh: `配置有误,请修改以下环境变量后重新启动:\n${list}`,
    en: `The configuration is invalid; fix these environment variables and start again:\n${list}`,
  });
}
