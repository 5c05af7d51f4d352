// Slack mrkdwn from our light markdown. Everything that reaches Slack may carry user-derived text
// (questions echoed back, resource names, tag values), so escaping is the default, not an option:
// no reply may ping a channel or a person because of what somebody typed.

/** An invisible character that breaks Slack's matching of @here, <!channel>, <@U…>. */
const WJ = '\u2060';

const BROADCAST = /@(here|channel|everyone)\b/gi;

/** Slack's three control characters in mrkdwn; after this `<!channel>` can no longer be parsed. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Plain "@here" is not parsed by the API today, but clients and `link_names` may: defuse it anyway. */
export function neutraliseBroadcasts(text: string): string {
  return text.replace(BROADCAST, `@${WJ}$1`);
}

/** For plain_text objects (headers, button labels): keep the text readable, drop any mention syntax. */
export function plainText(text: string): string {
  return neutraliseBroadcasts(text.replace(/<(?=[!@#])/g, `<${WJ}`));
}

/** Escaped plain text for mrkdwn places that carry no formatting (labels, fallback text). */
export function mrkdwnText(text: string): string {
  return neutraliseBroadcasts(escapeMrkdwn(text));
}

const CODE = /`([^`\n]+)`/g;
const BOLD = /\*\*(?=\S)(.+?)\*\*/g;
const LINK = /\[([^\]\n]+)\]\(([^)\s]+)\)/g;

/** **bold** → *bold*, [label](url) → <url|label>, `code` kept; all text escaped and defused. */
export function toMrkdwn(markdown: string): string {
  let out = '';
  let last = 0;
  for (const m of markdown.matchAll(CODE)) {
    out += convertProse(markdown.slice(last, m.index));
    out += '`' + mrkdwnText(m[1]!) + '`';
    last = m.index + m[0].length;
  }
  return out + convertProse(markdown.slice(last));
}

function convertProse(text: string): string {
  return neutraliseBroadcasts(
    escapeMrkdwn(text)
      .replace(BOLD, '*$1*')
      .replace(LINK, (_all, label: string, url: string) => {
        const safe = safeUrl(url);
        return safe ? `<${safe}|${label}>` : `${label} (${url})`;
      }),
  );
}

/** Only web and mail links become Slack links; `|` would end the URL early. */
function safeUrl(escapedUrl: string): string | undefined {
  if (!/^(https?:\/\/|mailto:)/i.test(escapedUrl)) return undefined;
  return escapedUrl.replace(/\|/g, '%7C');
}

/**
 * Split mrkdwn into pieces of at most `max` characters, preferring line then word boundaries,
 * and never cutting inside an entity (&amp;) or a link (<url|label>).
 */
export function splitMrkdwn(text: string, max: number): string[] {
  if (text.length <= max) return [text];
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = rest.lastIndexOf('\n', max);
    if (cut <= 0) cut = rest.lastIndexOf(' ', max);
    if (cut <= 0) cut = safeCut(rest, max);
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).replace(/^[\n ]+/, '');
  }
  if (rest) pieces.push(rest);
  return pieces.filter((p) => p.length > 0);
}

function safeCut(text: string, max: number): number {
  const head = text.slice(0, max);
  const amp = head.lastIndexOf('&');
  if (amp > 0 && !head.slice(amp).includes(';')) return amp;
  const lt = head.lastIndexOf('<');
  if (lt > 0 && !head.slice(lt).includes('>')) return lt;
  return surrogateSafe(text, max);
}

/** Do not split an emoji (a surrogate pair) in half. */
function surrogateSafe(text: string, cut: number): number {
  const code = text.charCodeAt(cut - 1);
  return code >= 0xd800 && code <= 0xdbff ? cut - 1 : cut;
}

/** Cut mrkdwn to at most `max` characters with an ellipsis, keeping entities and links whole. */
export function truncateMrkdwn(text: string, max: number): string {
  if (text.length <= max) return text;
  return text.slice(0, safeCut(text, max - 1)) + '…';
}

/** Cut plain text to at most `max` characters with an ellipsis. */
export function truncatePlain(text: string, max: number): string {
  if (text.length <= max) return text;
  return text.slice(0, surrogateSafe(text, max - 1)) + '…';
}
