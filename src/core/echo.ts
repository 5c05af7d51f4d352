// Text a person typed, shown back in a reply ("sg-x" is not a valid id, Reason: …). It can be
// anything: keep it short and on one line, drop the invisible and direction-changing characters
// that would disguise it, break mention syntax so that no platform reads it as a ping
// (<!channel>, <@U…>, @all, @所有人), and break link syntax so that nothing the user typed turns
// into something another person can click ([x](url), ![x](url), <url|x>, bare URLs, dtmd://
// buttons that would send a command as whoever taps them). Defused, not dropped: the words stay
// readable. Renderers defuse their own platform's syntax as well; this keeps the neutral reply
// safe for every adapter, the console and the logs.

const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;
/** Zero-width space: DingTalk's renderer treats "@" followed by it as already defused. */
const ZWSP = '\u200B';
/** "scheme://host" or "www.host", and a host with a path ("evil.example/p"): what autolinkers pick up. */
const URL_START = /\b(?:([a-z][a-z0-9+.-]*):\/\/|(www)\.)([^\s/?#<>|()[\]]*)|\b((?:[a-z0-9-]+\.)+[a-z]{2,})(?=\/)/gi;

export function echo(text: string, maxChars = 80): string {
  const flat = text.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  const short = chars.length > maxChars ? `${chars.slice(0, maxChars - 1).join('')}…` : flat;
  return defuseLinks(defuseMentions(short));
}

function defuseMentions(s: string): string {
  return s.replace(/[@＠](?=\S)/g, (at) => `${at}${ZWSP}`);
}

/** "https[:]//evil[.]example", "www[.]evil[.]example", "[x]​(…)", "<​…|x>": readable, not clickable. */
function defuseLinks(s: string): string {
  const hostDots = (host: string) => host.replaceAll('.', '[.]');
  return s
    .replace(URL_START, (_all, scheme?: string, www?: string, host = '', bareHost?: string) => {
      if (bareHost) return hostDots(bareHost);
      return `${scheme ? `${scheme}[:]//` : `${www}[.]`}${hostDots(host)}`;
    })
    .replace(/\]\(/g, `]${ZWSP}(`)
    .replace(/<(?=\S)/g, `<${ZWSP}`);
}
