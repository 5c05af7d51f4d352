import { describe, expect, it } from 'vitest';
import { withoutThreadMentions } from '../../../src/adapters/slack/delivery.js';
import { toBlockKit } from '../../../src/adapters/slack/render.js';
import type { Reply } from '../../../src/chat/message.js';

// A team mention is data on the reply (set only where the config allows it); the adapter alone
// turns it into <!subteam^…>, and text that merely looks like one never pings anybody.

const reply = (o: Partial<Reply> = {}): Reply => ({ summary: 'Security digest', blocks: [{ type: 'text', text: 'ping <!subteam^SEVIL> and <!channel>' }], ...o });

describe('Slack mentions', () => {
  it('renders configured user groups as a ping, and only those', () => {
    const m = toBlockKit(reply({ mentions: { slackUsergroups: ['S0WEB', 'not-an-id'] } }));
    expect(m.text).toBe('<!subteam^S0WEB> Security digest');
    expect(m.blocks[0]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: '<!subteam^S0WEB>' } });
    const all = JSON.stringify(m.blocks);
    expect(all).not.toContain('<!subteam^SEVIL>');
    expect(all).not.toContain('<!channel>');
    expect(all).not.toContain('not-an-id');
  });

  it('pings nobody without mentions', () => {
    expect(JSON.stringify(toBlockKit(reply()))).not.toContain('<!subteam^');
  });

  it('a thread reply drops the mention unless the reply allows it in threads', () => {
    expect(withoutThreadMentions(reply({ mentions: { slackUsergroups: ['S0WEB'] } })).mentions).toBeUndefined();
    expect(withoutThreadMentions(reply({ mentions: { slackUsergroups: ['S0WEB'], inThread: true } })).mentions).toEqual({ slackUsergroups: ['S0WEB'], inThread: true });
  });
});
