// The bad-input corpus: what people (and attackers) type at a chat bot. Data only; the tests
// beside it run every entry through the real dispatch, the renderers and the CLI.
// Kept as TypeScript rather than JSON so the huge entries are built, not stored.

export type Tag =
  /** Nothing a person could act on: empty, spaces, invisible characters. */
  | 'blank'
  /** Far longer than any question. */
  | 'huge'
  /** Tries to make the bot ping a channel, a group or a person. */
  | 'mention'
  /** Shell, SQL, template or path tricks: must never be run or looked up. */
  | 'injection'
  /** Markup the renderers must not pass through live. */
  | 'markup'
  /** Odd but harmless text: emoji, scripts, controls. */
  | 'unicode'
  /** Command-shaped text: unknown subcommands, nesting, wrong id shapes. */
  | 'command';

export interface CorpusEntry {
  name: string;
  text: string;
  tags: Tag[];
}

const entry = (name: string, text: string, ...tags: Tag[]): CorpusEntry => ({ name, text, tags });

/** Characters that can never be shown back live, in any platform's text. */
export const LIVE_MENTIONS = ['<!channel>', '<!here>', '<!everyone>', '<!subteam^', '@channel', '@here', '@everyone', '@all', '@所有人', '＠所有人', '＠all'];

export const CHAT_INPUTS: CorpusEntry[] = [
  // Blank and invisible
  entry('empty', '', 'blank'),
  entry('spaces', '     ', 'blank'),
  entry('tabs and newlines', '\t\n\r\n\t ', 'blank'),
  entry('zero-width only', '\u200B\u200C\u200D\u2060\uFEFF', 'blank', 'unicode'),
  entry('full-width spaces', '\u3000\u3000\u3000', 'blank', 'unicode'),
  entry('NUL bytes', '\u0000\u0000who owns\u0000', 'unicode'),
  entry('C0 controls', 'who\u0001 owns\u0007 the\u001b[31m OS\u001b[0m?', 'unicode'),
  entry('bell and backspace flood', '\u0007\u0008'.repeat(200), 'unicode'),
  entry('lone surrogates', '\uD800 who owns \uDFFF', 'unicode'),
  entry('replacement characters', '\uFFFD'.repeat(50), 'unicode'),

  // Size
  entry('10,000 characters', 'who owns patching? '.repeat(527).slice(0, 10_000), 'huge'),
  entry('10,000 Han characters', '谁负责补丁'.repeat(2000), 'huge', 'unicode'),
  entry('3 MB message', 'A'.repeat(3 * 1024 * 1024), 'huge'),
  entry('3 MB of mentions', '<!channel> @all '.repeat(200_000), 'huge', 'mention'),
  entry('one 2001-character word', 'x'.repeat(2001), 'huge'),

  // Direction and look-alikes
  entry('RTL override', 'who owns \u202Etxt.exe\u202C patching?', 'unicode'),
  entry('RTL override in an id', 'sg-\u202E1abc', 'unicode', 'command'),
  entry('bidi isolates', '\u2066who\u2069 \u2067owns\u2069 \u2068the OS\u2069?', 'unicode'),
  entry('zero-width inside words', 'w\u200Bh\u200Bo o\u200Bw\u200Bn\u200Bs patching', 'unicode'),
  entry('full-width question', 'ＷＨＯ ＯＷＮＳ ＳＳＨ　ｐｏｒｔ ２２？', 'unicode'),
  entry('homoglyph command', 'pоsture sg', 'unicode', 'command'), // Cyrillic о

  // Emoji and scripts
  entry('emoji only', '🔥🔥🔥🛡️👩‍💻🏳️‍🌈', 'unicode'),
  entry('emoji question', '🤔 who owns 🔐 keys? 🙏', 'unicode'),
  entry('mixed scripts', '谁负责 patching the OS на ECS? من المسؤول؟ 누가?', 'unicode'),
  entry('Arabic', 'من المسؤول عن تصحيح نظام التشغيل؟', 'unicode'),
  entry('combining marks (zalgo)', 'w̴̡̛h̸o̵ ̶o̷w̸n̴s̵ ̶t̷h̸e̵ ̶O̷S̸?̵'.repeat(20), 'unicode'),

  // Slack markup
  entry('user mention', '<@U123> who owns the OS?', 'markup', 'mention'),
  entry('user mention with name', '<@U123|alice> please answer', 'markup', 'mention'),
  entry('channel link', 'see <#C123|general> for patching', 'markup'),
  entry('broadcast channel', '<!channel> who owns the OS?', 'markup', 'mention'),
  entry('broadcast here', '<!here> 谁负责补丁', 'markup', 'mention'),
  entry('broadcast everyone', '<!everyone>', 'markup', 'mention'),
  entry('user group', '<!subteam^S1|@oncall> wake up', 'markup', 'mention'),
  entry('link markup', '<https://x.example|y> who owns it', 'markup'),
  entry('javascript link markup', '<javascript:alert(1)|click>', 'markup', 'injection'),
  entry('escaped entities', '&lt;!channel&gt; &amp;amp;', 'markup', 'mention'),

  // Mention injection in plain text
  entry('@channel', '@channel who owns the OS?', 'mention'),
  entry('@here', 'who owns the OS? @here', 'mention'),
  entry('@everyone', '@everyone', 'mention'),
  entry('@all', '@all 谁负责补丁', 'mention'),
  entry('@所有人', '@所有人 谁负责补丁?', 'mention'),
  entry('full-width @所有人', '＠所有人 安全组是什么', 'mention'),
  entry('mention as posture argument', 'posture sg <!channel>', 'mention', 'command'),
  entry('mention as unknown subcommand', 'posture <!here>', 'mention', 'command'),
  entry('@all as unknown subcommand', 'posture @all', 'mention', 'command'),
  entry('@所有人 as RAM user', 'posture ram @所有人', 'mention', 'command'),
  entry('subteam as check id', 'posture check <!subteam^S1>', 'mention', 'command'),
  entry('@channel as explain target', 'posture explain @channel', 'mention', 'command'),

  // Shell and SQL metacharacters
  entry('shell chain', 'posture sg sg-1; rm -rf /', 'injection', 'command'),
  entry('SQL quote', "posture ram bob' OR 1=1 --", 'injection', 'command'),
  entry('SQL quoted argument', 'posture ram "bob\' OR 1=1 --"', 'injection', 'command'),
  entry('command substitution', 'posture sg $(reboot)', 'injection', 'command'),
  entry('backticks', 'posture instances `reboot`', 'injection', 'command'),
  entry('pipe', 'posture sg | cat /etc/passwd', 'injection', 'command'),
  entry('redirect', 'posture ram > /tmp/x', 'injection', 'command'),
  entry('and-and', 'who owns && shutdown -h now', 'injection'),
  entry('SQL drop', "'; DROP TABLE mutes; --", 'injection'),
  entry('SQL union', 'posture check x UNION SELECT * FROM mutes', 'injection', 'command'),
  entry('template literal', '${process.exit(1)} {{7*7}} #{7*7}', 'injection'),
  entry('prototype pollution', 'posture check __proto__', 'injection', 'command'),
  entry('constructor', 'posture explain constructor', 'injection', 'command'),
  entry('path traversal', '../../etc/passwd', 'injection'),
  entry('path traversal as id', 'posture sg ../../etc/passwd', 'injection', 'command'),
  entry('path traversal as check', 'posture check ../../../knowledge/products', 'injection', 'command'),
  entry('newline then command', 'who owns?\nposture mute 0123456789abcdef 30 pwned', 'injection', 'command'),

  // JSON, HTML, markdown
  entry('script tag', '</script><script>alert(1)</script>', 'injection', 'markup'),
  entry('html', '<img src=x onerror=alert(1)> <b>bold</b>', 'injection', 'markup'),
  entry('json', '{"command":"posture","text":"mute"}', 'injection'),
  entry('markdown bold run', '**'.repeat(500), 'markup'),
  entry('markdown javascript link', '[x](javascript:alert(1))', 'markup', 'injection'),
  entry('markdown data link', '[click](data:text/html,<script>alert(1)</script>)', 'markup', 'injection'),
  entry('markdown heading and quote', '# title\n> quote\n---\n```code```', 'markup'),
  entry('dtmd link', '[go](dtmd://dingtalkclient/sendMessage?content=posture%20mute)', 'markup', 'injection'),

  // Command-shaped
  entry('unknown subcommand', 'posture frobnicate', 'command'),
  entry('unknown slash command', '/frobnicate now', 'command'),
  entry('nested command', 'posture posture posture sg', 'command'),
  entry('nested help', 'help posture help', 'command'),
  entry('whoowns inside whoowns', '/whoowns /whoowns /posture sg', 'command'),
  entry('sg id wrong prefix', 'posture sg i-123', 'command'),
  entry('sg id upper case', 'posture sg SG-ABC', 'command'),
  entry('sg id too long', `posture sg sg-${'a'.repeat(200)}`, 'command'),
  entry('instance id with spaces', 'posture instances i- 123', 'command'),
  entry('two ids', 'posture sg sg-1 sg-2', 'command'),
  entry('RAM user with slash', 'posture ram alice/../../root', 'command'),
  entry('check id with glob', 'posture check ecs.*', 'command'),
  entry('fingerprint too short', 'posture explain abc', 'command'),
  entry('mute without reason', 'posture mute 0123456789abcdef 30', 'command'),
  entry('mute negative days', 'posture mute 0123456789abcdef -5 because', 'command'),
  entry('mute huge days', 'posture mute 0123456789abcdef 99999999999999999999 because', 'command'),
  entry('mute NaN days', 'posture mute 0123456789abcdef NaN because', 'command'),
  entry('unmute not hex', 'posture unmute zzzzzzzzzzzzzzzz', 'command'),
  entry('disks with argument', 'posture disks d-123', 'command'),
  entry('digest junk', 'digest $(reboot)', 'command', 'injection'),
  entry('only a slash', '/', 'command'),
  entry('only punctuation', '?!?!…。，', 'command'),
  entry('question mark command', '? posture', 'command'),
];

/** Arguments tried after each posture subcommand: every one must be refused before any scan. */
export const BAD_IDS: string[] = [
  '$(reboot)',
  '`reboot`',
  'sg-1;rm',
  "bob'--",
  '../../etc/passwd',
  '<!channel>',
  '@all',
  '@所有人',
  'sg-\u202Eabc',
  'i-\u200B123',
  'SG-ABC',
  '%2e%2e%2f',
  `sg-${'a'.repeat(65)}`,
  '\u0000',
  '🔥',
];

/** Subcommands whose first argument is an id validated by shape (refused without reading the cloud). */
export const ID_SUBCOMMANDS = ['sg', 'instances', 'ram', 'mute', 'unmute'];
