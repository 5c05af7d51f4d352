import { describe, expect, it } from 'vitest';
import type { Block, Reply } from '../../../src/chat/message.js';
import {
  MAX_MARKDOWN_BYTES,
  neutraliseMentions,
  sendMessageUrl,
  toActionCard,
  toDingTalkMarkdown,
  truncateMarkdown,
  utf8Bytes,
} from '../../../src/adapters/dingtalk/render.js';

const reply = (blocks: Block[], extra: Partial<Reply> = {}): Reply => ({ summary: 'Who owns it', blocks, ...extra });

describe('toDingTalkMarkdown', () => {
  it('renders every block kind in DingTalk markdown', () => {
    const md = toDingTalkMarkdown(
      reply([
        { type: 'header', text: 'OS patches' },
        { type: 'text', text: '**You** patch the guest OS.\n• run `yum update`\n• reboot' },
        { type: 'fields', fields: [{ label: 'Owner', value: 'Customer' }, { label: '负责方', value: '客户' }] },
        { type: 'divider' },
        { type: 'context', text: 'source: KB os-patching' },
      ]),
    );
    expect(md.title).toBe('Who owns it');
    expect(md.text).toBe(
      [
        '### OS patches',
        '**You** patch the guest OS.  \n- run `yum update`  \n- reboot',
        '- **Owner**: Customer\n- **负责方**: 客户',
        '---',
        '> source: KB os-patching',
      ].join('\n\n'),
    );
  });

  it('puts the demo label first', () => {
    const md = toDingTalkMarkdown(reply([{ type: 'text', text: 'x' }], { demo: true }));
    expect(md.text.split('\n')[0]).toBe('**演示数据 DEMO DATA**');
  });

  it('renders buttons as links that send the command back', () => {
    const md = toDingTalkMarkdown(reply([{ type: 'actions', buttons: [{ label: 'Details', command: 'posture sg sg-1' }] }]));
    expect(md.text).toBe('[Details](dtmd://dingtalkclient/sendMessage?content=posture%20sg%20sg-1)');
  });

  it('appends the mention after neutralising the body', () => {
    const md = toDingTalkMarkdown(reply([{ type: 'text', text: 'ping @all and @所有人 and @manager0042' }]), { mentionStaffId: 'staff01' });
    expect(md.text).not.toMatch(/@(all|所有人|manager0042)/);
    expect(md.text.endsWith('\n\n@staff01')).toBe(true);
  });

  it('neutralises mentions in the title and field values', () => {
    const md = toDingTalkMarkdown({ summary: '@all look', blocks: [{ type: 'fields', fields: [{ label: '@x', value: '＠所有人' }] }] });
    expect(md.title).not.toMatch(/@all/);
    expect(md.text).not.toMatch(/@x|＠所有人/);
  });

  it('shortens long titles and falls back when empty', () => {
    expect([...toDingTalkMarkdown({ summary: '长'.repeat(200), blocks: [] }).title].length).toBe(60);
    expect(toDingTalkMarkdown({ summary: '  ', blocks: [] }).title).toBe('whoowns');
  });

  it('truncates huge replies under the limit with a note, keeping the mention', () => {
    const big = Array.from({ length: 3000 }, (_, i) => `第 ${i} 行:安全组规则放行 0.0.0.0/0`).join('\n');
    const md = toDingTalkMarkdown(reply([{ type: 'text', text: big }]), { mentionStaffId: 's1' });
    expect(utf8Bytes(md.text)).toBeLessThanOrEqual(MAX_MARKDOWN_BYTES);
    expect(md.text).toContain('已截断');
    expect(md.text.endsWith('@s1')).toBe(true);
  });
});

describe('toActionCard', () => {
  it('moves buttons into btns and keeps the rest as text', () => {
    const card = toActionCard(
      reply([
        { type: 'text', text: '3 findings' },
        { type: 'actions', buttons: [{ label: 'SG', command: 'posture sg' }, { label: '帮助', command: '帮助' }] },
      ]),
      { mentionStaffId: 'u1' },
    );
    expect(card.text).toBe('3 findings\n\n@u1');
    expect(card.btnOrientation).toBe('1');
    expect(card.btns).toEqual([
      { title: 'SG', actionURL: 'dtmd://dingtalkclient/sendMessage?content=posture%20sg' },
      { title: '帮助', actionURL: sendMessageUrl('帮助') },
    ]);
    expect(decodeURIComponent(card.btns[1]!.actionURL.split('content=')[1]!)).toBe('帮助');
  });

  it('stacks three or more buttons', () => {
    const buttons = ['a', 'b', 'c'].map((x) => ({ label: x, command: x }));
    expect(toActionCard(reply([{ type: 'actions', buttons }])).btnOrientation).toBe('0');
  });
});

describe('helpers', () => {
  it('neutraliseMentions leaves lone @ and already-broken ones alone', () => {
    expect(neutraliseMentions('a @ b')).toBe('a @ b');
    expect(neutraliseMentions('@\u200Ball')).toBe('@\u200Ball');
    expect(neutraliseMentions('@all')).toBe('@\u200Ball');
  });

  it('truncateMarkdown never splits a multi-byte character', () => {
    const out = truncateMarkdown('安'.repeat(100), 90);
    expect(utf8Bytes(out)).toBeLessThanOrEqual(90);
    expect(out).not.toContain('\uFFFD');
    expect(truncateMarkdown('short', 90)).toBe('short');
  });
});
