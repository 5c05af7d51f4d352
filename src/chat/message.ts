// A platform-neutral reply. Commands build these; each adapter renders them natively
// (Slack Block Kit, DingTalk markdown / ActionCard, console text). Text is already in the
// user's language when it gets here.

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';

export type Block =
  /** A title line. */
  | { type: 'header'; text: string }
  /** A paragraph of light markdown: **bold**, `code`, [label](url), bullet lines starting "• ". */
  | { type: 'text'; text: string }
  /** Label/value pairs shown side by side where the platform can. */
  | { type: 'fields'; fields: { label: string; value: string }[] }
  /** Small print: scan time, data source, "DEMO DATA". */
  | { type: 'context'; text: string }
  /** A visual break between findings. */
  | { type: 'divider' }
  /** Drill-down buttons. `command` is what the bot runs when pressed, e.g. "posture sg sg-123". */
  | { type: 'actions'; buttons: { label: string; command: string; style?: 'primary' | 'danger' }[] };

export interface Reply {
  /** Plain-text fallback and notification text (Slack `text`, DingTalk title). */
  summary: string;
  blocks: Block[];
  /** Errors and sensitive results go only to the asker where the platform allows. */
  ephemeral?: boolean;
  /** Marks every rendering with a DEMO DATA / 演示数据 label. */
  demo?: boolean;
  /** Who to notify; set only where the config allows mentions. Adapters render it natively. */
  mentions?: Mentions;
}

/** A team's chat handles (owners: in the config). Never put into text by hand: the adapters render these. */
export interface Mentions {
  /** Slack user group ids (S…): <!subteam^S…>. */
  slackUsergroups?: string[];
  /** DingTalk staff ids and phone numbers: @… in the text plus at.atUserIds / at.atMobiles. */
  atUserIds?: string[];
  atMobiles?: string[];
  /** A reply in a thread mentions nobody unless this says so. */
  inThread?: boolean;
}

export function textReply(text: string, opts: { ephemeral?: boolean } = {}): Reply {
  return { summary: text.split('\n')[0] ?? text, blocks: [{ type: 'text', text }], ephemeral: opts.ephemeral };
}
