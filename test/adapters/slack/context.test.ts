import { describe, expect, it } from 'vitest';
import { localeOf, placeKind } from '../../../src/adapters/slack/context.js';
import { stripBotMention } from '../../../src/adapters/slack/listeners/events.js';

describe('stripBotMention', () => {
  it('removes the bot mention in both forms, wherever it is', () => {
    expect(stripBotMention('<@UBOT> who owns patching?', 'UBOT')).toBe('who owns patching?');
    expect(stripBotMention('help <@UBOT|whoowns>', 'UBOT')).toBe('help');
  });

  it('keeps other people’s mentions as text', () => {
    expect(stripBotMention('<@UBOT> ask <@U2>', 'UBOT')).toBe('ask <@U2>');
  });

  it('strips only a leading mention when the bot id is unknown', () => {
    expect(stripBotMention('<@UX> hi <@U2>')).toBe('hi <@U2>');
  });
});

describe('placeKind and localeOf', () => {
  it('decides from the id and the event channel_type, never from a channel name', () => {
    expect(placeKind('D1')).toBe('direct');
    expect(placeKind('D1', 'im')).toBe('direct');
    expect(placeKind('G1', 'mpim')).toBe('group');
    expect(placeKind('C1', 'channel')).toBe('group');
    expect(placeKind('C1')).toBe('group');
    // Anyone can create a public channel named "directmessage" or "im"; the name is not a kind.
    expect(placeKind('C1', 'directmessage')).toBe('group');
  });

  it('detects the language and falls back on empty text', () => {
    expect(localeOf('谁负责打补丁', 'en')).toBe('zh');
    expect(localeOf('who patches', 'zh')).toBe('en');
    expect(localeOf('  ', 'zh')).toBe('zh');
  });
});
