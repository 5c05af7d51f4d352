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
  it('treats D… and im as direct, everything else as a group', () => {
    expect(placeKind('D1')).toBe('direct');
    expect(placeKind('C1', 'im')).toBe('direct');
    expect(placeKind('C1', 'directmessage')).toBe('direct');
    expect(placeKind('G1', 'mpdm-a--b-1')).toBe('group');
    expect(placeKind('C1')).toBe('group');
  });

  it('detects the language and falls back on empty text', () => {
    expect(localeOf('谁负责打补丁', 'en')).toBe('zh');
    expect(localeOf('who patches', 'zh')).toBe('en');
    expect(localeOf('  ', 'zh')).toBe('zh');
  });
});
