// Text a person typed, shown back in a reply ("sg-x" is not a valid id, Reason: …). It can be
// anything: keep it short and on one line, drop the invisible and direction-changing characters
// that would disguise it, and break mention syntax so that no platform reads it as a ping
// (<!channel>, <@U…>, @all, @所有人). Renderers defuse their own platform's syntax as well; this
// keeps the neutral reply safe for every adapter, the console and the logs.

const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;
/** Zero-width space: DingTalk's renderer treats "@" followed by it as already defused. */
const ZWSP = '\u200B';

export function echo(text: string, maxChars = 80): string {
  const flat = text.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  const short = chars.length > maxChars ? `${chars.slice(0, maxChars - 1).join('')}…` : flat;
  return short.replace(/<(?=[!@#])/g, `<${ZWSP}`).replace(/[@＠](?=\S)/g, (at) => `${at}${ZWSP}`);
}
