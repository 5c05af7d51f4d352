import { describe, expect, it } from 'vitest';
import type { KnownBlock } from '@slack/types';
import type { Block, Reply } from '../../../src/chat/message.js';
import { LIMITS, toBlockKit } from '../../../src/adapters/slack/render.js';
import { decodeButtonValue } from '../../../src/adapters/slack/button-value.js';

function reply(blocks: Block[], extra: Partial<Reply> = {}): Reply {
  return { summary: 'summary', blocks, ...extra };
}

const VALID_TYPES = new Set(['header', 'section', 'context', 'divider', 'actions']);

/** The Block Kit limits Slack enforces with invalid_blocks. */
function expectValid(blocks: KnownBlock[]): void {
  expect(blocks.length).toBeLessThanOrEqual(LIMITS.blocks);
  const actionIds = new Set<string>();
  for (const b of blocks) {
    expect(VALID_TYPES.has(b.type)).toBe(true);
    if (b.type === 'header') {
      expect(b.text.type).toBe('plain_text');
      expect(b.text.text.length).toBeLessThanOrEqual(150);
      expect(b.text.text.length).toBeGreaterThan(0);
    }
    if (b.type === 'section') {
      if (b.text) expect(b.text.text.length).toBeLessThanOrEqual(3000);
      if (b.fields) {
        expect(b.fields.length).toBeLessThanOrEqual(10);
        for (const f of b.fields) expect(f.text.length).toBeLessThanOrEqual(2000);
      }
      expect(b.text ?? b.fields).toBeDefined();
    }
    if (b.type === 'actions') {
      expect(b.elements.length).toBeLessThanOrEqual(25);
      for (const e of b.elements) {
        if (e.type !== 'button') throw new Error('only buttons expected');
        expect(actionIds.has(e.action_id!)).toBe(false);
        actionIds.add(e.action_id!);
        expect(e.value!.length).toBeLessThanOrEqual(2000);
        expect(e.text.text.length).toBeLessThanOrEqual(75);
      }
    }
  }
}

describe('toBlockKit', () => {
  it('maps every block kind', () => {
    const out = toBlockKit(
      reply([
        { type: 'header', text: 'Who owns SSH exposure?' },
        { type: 'text', text: '**You** do. See [guide](https://example.com/g).' },
        { type: 'fields', fields: [{ label: 'Owner', value: 'Customer' }] },
        { type: 'context', text: 'Scanned 5 minutes ago' },
        { type: 'divider' },
        { type: 'actions', buttons: [{ label: 'Details', command: 'posture sg sg-123', style: 'primary' }] },
      ]),
    );
    expect(out.text).toBe('summary');
    expect(out.blocks.map((b) => b.type)).toEqual(['header', 'section', 'section', 'context', 'divider', 'actions']);
    expect(out.blocks[1]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: '*You* do. See <https://example.com/g|guide>.' } });
    expect(out.blocks[2]).toEqual({ type: 'section', fields: [{ type: 'mrkdwn', text: '*Owner*\nCustomer' }] });
    const actions = out.blocks[5]!;
    if (actions.type !== 'actions') throw new Error('expected actions');
    const button = actions.elements[0]!;
    if (button.type !== 'button') throw new Error('expected button');
    expect(button.action_id).toBe('whoowns_cmd_0');
    expect(button.style).toBe('primary');
    expect(decodeButtonValue(button.value)).toEqual({ cmd: 'posture sg sg-123', lang: 'en' });
    expectValid(out.blocks);
  });

  it('labels demo data first, in the reply language', () => {
    const en = toBlockKit(reply([{ type: 'text', text: 'x' }], { demo: true }));
    expect(en.blocks[0]).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: 'DEMO DATA' }] });
    const zh = toBlockKit(reply([{ type: 'text', text: 'x' }], { demo: true }), { locale: 'zh' });
    expect(JSON.stringify(zh.blocks[0])).toContain('演示数据');
  });

  it('enforces the limits on oversized replies', () => {
    const out = toBlockKit(
      reply([
        { type: 'header', text: 'H'.repeat(400) },
        { type: 'text', text: ('word '.repeat(20) + '\n').repeat(100) },
        { type: 'fields', fields: Array.from({ length: 23 }, (_, i) => ({ label: `L${i}`, value: 'v'.repeat(2500) })) },
        { type: 'actions', buttons: Array.from({ length: 30 }, (_, i) => ({ label: 'B'.repeat(100), command: `posture check c${i}` })) },
      ]),
    );
    expectValid(out.blocks);
    const sections = out.blocks.filter((b) => b.type === 'section' && b.fields);
    expect(sections).toHaveLength(3);
    expect(out.blocks.filter((b) => b.type === 'actions')).toHaveLength(2);
  });

  it('truncates to 50 blocks with a note saying how many more', () => {
    const many: Block[] = Array.from({ length: 80 }, (_, i) => ({ type: 'text', text: `finding ${i}` }) as Block);
    const out = toBlockKit(reply(many));
    expect(out.blocks).toHaveLength(50);
    expectValid(out.blocks);
    const last = out.blocks[49]!;
    expect(last.type).toBe('context');
    expect(JSON.stringify(last)).toContain('31 more, use /posture check &lt;id&gt;');
  });

  it('drops a button whose command cannot fit the value limit instead of cutting it', () => {
    const out = toBlockKit(reply([{ type: 'actions', buttons: [{ label: 'Huge', command: 'x'.repeat(3000) }, { label: 'Ok', command: 'help' }] }]));
    const actions = out.blocks[0]!;
    if (actions.type !== 'actions') throw new Error('expected actions');
    expect(actions.elements).toHaveLength(1);
  });

  it('skips empty blocks Slack would reject', () => {
    const out = toBlockKit(reply([{ type: 'header', text: '  ' }, { type: 'text', text: '' }, { type: 'fields', fields: [] }, { type: 'actions', buttons: [] }]));
    expect(out.blocks).toEqual([]);
  });

  it('never renders raw mentions from reply text', () => {
    const evil = '<!channel> @here <@U123> <!everyone>';
    const out = toBlockKit({
      summary: evil,
      blocks: [
        { type: 'header', text: evil },
        { type: 'text', text: evil },
        { type: 'fields', fields: [{ label: evil, value: evil }] },
        { type: 'context', text: evil },
        { type: 'actions', buttons: [{ label: evil, command: 'help' }] },
      ],
    });
    const json = JSON.stringify(out);
    for (const token of ['<!channel>', '@here', '<@U123>', '<!everyone>']) expect(json).not.toContain(token);
  });
});
