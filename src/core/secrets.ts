// Which values are secrets, collected once at start-up from the environment and the config
// file. Pure functions of their inputs: the caller decides which environment to read.

/** Variables that always hold a credential (the caller's own AccessKey id counts: it names the bot's key). */
export const SECRET_ENV_VARS = [
  'ALIBABA_CLOUD_ACCESS_KEY_ID',
  'ALIBABA_CLOUD_ACCESS_KEY_SECRET',
  'ALIBABA_CLOUD_SECURITY_TOKEN',
  'ALICLOUD_ACCESS_KEY',
  'ALICLOUD_SECRET_KEY',
  'ALICLOUD_SECURITY_TOKEN',
  'SLACK_BOT_TOKEN',
  'SLACK_APP_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_CLIENT_SECRET',
  'DINGTALK_CLIENT_SECRET',
] as const;

/**
 * Variables whose values go verbatim into an HTTP header or a signature. Whitespace there is
 * always a paste error (a trailing newline from a file, a wrapped line), and left in it crashes
 * the HTTP client with the value in the error text: refused at start-up instead.
 */
export const VERBATIM_ENV_VARS: readonly string[] = [...SECRET_ENV_VARS, 'DINGTALK_CLIENT_ID'];

/** The names among `names` whose value in `env` contains whitespace. Returns names only, never values. */
export function varsWithWhitespace(env: NodeJS.ProcessEnv, names: Iterable<string> = VERBATIM_ENV_VARS): string[] {
  return [...new Set(names)].filter((name) => /\s/.test(env[name] ?? ''));
}

// Any other variable named like a credential (e.g. a custom robot's secretEnv such as
// DINGTALK_ROBOT_SECRET). Variables naming a file or directory hold a path, not the secret.
const SECRET_NAME = /(SECRET|TOKEN|PASSWORD|PASSWD|PRIVATE_KEY|ACCESS_KEY|API_KEY)/i;
const PATH_NAME = /_(FILE|PATH|DIR)$/i;

export function secretsFromEnv(env: NodeJS.ProcessEnv): string[] {
  const out = new Set<string>();
  for (const name of SECRET_ENV_VARS) {
    const v = env[name];
    if (v) out.add(v);
  }
  for (const [name, v] of Object.entries(env)) {
    if (v && SECRET_NAME.test(name) && !PATH_NAME.test(name) && looksRandom(v)) out.add(v);
  }
  return [...out];
}

// A flag such as USE_TOKEN=enabled is not a secret; redacting "enabled" everywhere would hurt.
function looksRandom(v: string): boolean {
  return v.length >= 16 || (v.length >= 8 && /\d/.test(v));
}

/** The variable names the config file's `secretEnv` fields point at (custom robots' signing secrets). */
export function secretEnvNames(file: unknown): string[] {
  const out = new Set<string>();
  const walk = (v: unknown, key?: string): void => {
    if (typeof v === 'string' && key === 'secretEnv') out.add(v);
    else if (Array.isArray(v)) v.forEach((x) => walk(x));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  walk(file);
  return [...out];
}

const URL_SECRET_PARAMS = /^(access_token|accesstoken|session|sign|signature|token|secret)$/i;

/**
 * Secrets inside the parsed config file: credential query parameters of webhook URLs (a custom
 * robot's access_token), the values of the variables its `secretEnv` fields name, and ExternalIds.
 */
export function secretsFromConfigFile(file: unknown, env: NodeJS.ProcessEnv): string[] {
  const out = new Set<string>();
  const walk = (v: unknown, key?: string): void => {
    if (typeof v === 'string') {
      if (key === 'secretEnv' && env[v]) out.add(env[v]!);
      else if (key === 'externalId') out.add(v);
      else if (/^https?:\/\//.test(v)) {
        try {
          for (const [k, val] of new URL(v).searchParams) if (URL_SECRET_PARAMS.test(k) && val) out.add(val);
        } catch {
          // Not a URL after all; the config schema reports it.
        }
      }
    } else if (Array.isArray(v)) v.forEach((x) => walk(x));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  walk(file);
  return [...out];
}
