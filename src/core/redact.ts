// The one redaction layer. Whatever text leaves the bot — a log line, an error message, a chat
// reply, CLI output — can be passed through a Redactor, which replaces
//   - the secret values known at start-up (access keys, STS token, Slack and DingTalk secrets,
//     webhook tokens: see secrets.ts), in raw, JSON-escaped and URL-encoded form, and
//   - anything shaped like a credential (Slack tokens, STS tokens, credential query parameters,
//     Authorization values), known or not.
// AccessKey ids (LTAI...) are deliberately not a pattern: RAM users' key ids are resource ids
// that findings must show. Only the bot's own key id is redacted, as a known value.

export const REDACTED = '[redacted]';

/** Shorter values are not treated as secrets: replacing them would shred ordinary text. */
export const MIN_SECRET_LENGTH = 6;

// Characters a token is made of (base64, base64url, hex, percent-encoding); stopping at anything
// else keeps the surrounding text (quotes, brackets, "…" in hints) intact.
const T = "[A-Za-z0-9._~%+/=-]";

const PATTERNS: ReadonlyArray<readonly [RegExp, string]> = [
  // Slack bot, user, app-level, configuration and refresh tokens.
  [/\bxox(?:[abposr]|e(?:\.xox[abposr])?)-[A-Za-z0-9-]{4,}/g, REDACTED],
  [/\bxapp-[A-Za-z0-9-]{4,}/g, REDACTED],
  // Slack incoming webhooks and response_url: the path is the credential.
  [/(https:\/\/hooks\.slack\.com\/)[A-Za-z0-9/_-]+/g, `$1${REDACTED}`],
  // Credentials in URL query strings: DingTalk session webhooks (session=), custom robots
  // (access_token=, sign=), legacy signed cloud requests (AccessKeyId=, Signature=, SecurityToken=).
  [
    new RegExp(`([?&](?:access_token|accessToken|session|sign|signature|token|secret|client_secret|AccessKeyId|AccessKeySecret|SecurityToken)=)${T}{4,}`, 'gi'),
    `$1${REDACTED}`,
  ],
  // ACS3 Authorization header parts and key=value credentials in error texts.
  [new RegExp(`\\b((?:Credential|Signature|AccessKeySecret|SecurityToken|x-acs-security-token|x-acs-dingtalk-access-token)[=:]\\s*)${T}{4,}`, 'g'), `$1${REDACTED}`],
  [new RegExp(`\\b(Bearer\\s+)${T}{8,}`, 'g'), `$1${REDACTED}`],
  // STS security tokens and temporary AccessKey ids: always the bot's own session.
  [/\bCAIS[A-Za-z0-9+/=_-]{20,}/g, REDACTED],
  [/\bSTS\.[A-Za-z0-9_-]{16,}/g, REDACTED],
  // DingTalk custom robot signing secrets.
  [/\bSEC[0-9a-f]{40,}\b/g, REDACTED],
  // The password in a database URL (WHOOWNS_DATABASE_URL): postgres://user:PASSWORD@host/db.
  [/\b(postgres(?:ql)?:\/\/[^:@/\s]*:)[^@\s]+@/g, `$1${REDACTED}@`],
];

/** Only the credential-shaped patterns: for places that know no secret values (error constructors). */
export function redactPatterns(text: string): string {
  let out = text;
  for (const [re, replacement] of PATTERNS) out = out.replace(re, replacement);
  return out;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The forms a secret takes in our output: as is, inside a JSON string, inside a URL. */
function forms(secret: string): string[] {
  const out = new Set([secret, JSON.stringify(secret).slice(1, -1)]);
  try {
    out.add(encodeURIComponent(secret));
  } catch {
    // A lone surrogate cannot be URL-encoded; it cannot appear in a URL either.
  }
  return [...out];
}

export class Redactor {
  private readonly secrets = new Set<string>();
  private known: RegExp | undefined;

  constructor(secrets: Iterable<string | undefined> = []) {
    this.add(...secrets);
  }

  /** Add values learnt later (a fetched access token, an assumed role's session). */
  add(...secrets: (string | undefined)[]): void {
    let changed = false;
    for (const s of secrets) {
      if (typeof s !== 'string') continue;
      const v = s.trim();
      if (v.length < MIN_SECRET_LENGTH || this.secrets.has(v)) continue;
      this.secrets.add(v);
      changed = true;
    }
    if (!changed) return;
    // Longest first, so a secret that contains another is replaced whole.
    const alternatives = [...this.secrets].flatMap(forms).sort((a, b) => b.length - a.length).map(escapeRegExp);
    this.known = new RegExp(alternatives.join('|'), 'g');
  }

  get size(): number {
    return this.secrets.size;
  }

  redact(text: string): string {
    const known = this.known ? text.replace(this.known, REDACTED) : text;
    return redactPatterns(known);
  }

  /** A copy of a JSON-like value with every string redacted (chat replies, result documents). */
  deep<T>(value: T): T {
    return redactValue(value, (s) => this.redact(s)) as T;
  }
}

export function createRedactor(secrets: Iterable<string | undefined> = []): Redactor {
  return new Redactor(secrets);
}

function redactValue(value: unknown, fn: (s: string) => string): unknown {
  if (typeof value === 'string') return fn(value);
  if (Array.isArray(value)) return value.map((v) => redactValue(v, fn));
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactValue(v, fn)]));
  }
  return value;
}
