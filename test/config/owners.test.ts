import { describe, expect, it } from 'vitest';
import { fileSchema } from '../../src/config/file.js';
import { parseYamlText } from '../../src/kb/load.js';
import type { WhoownsError } from '../../src/core/errors.js';

const parse = (text: string) => parseYamlText(text, 'whoowns.yaml', fileSchema, 'CONFIG_FILE');
const failure = (text: string): WhoownsError => {
  try {
    parse(text);
  } catch (e) {
    return e as WhoownsError;
  }
  throw new Error('expected the file to be refused');
};

const GOOD = `owners:
  teams:
    payments:
      name: { zh: 支付组, en: Payments }
      slack: { usergroup: S0PAYMENTS }
      dingtalk: { atUserIds: [u123] }
    search:
      name: { zh: 搜索组, en: Search }
      slack: { channel: C0SEARCH }
  rules:
    - team: payments
      match: { tag: { key: team, value: payments } }
    - team: search
      match: { name: "search-*", region: cn-hangzhou }
  default: search
`;

describe('owners block of the config file', () => {
  it('reads teams, ordered rules and the default team', () => {
    const f = parse(GOOD);
    expect(Object.keys(f.owners!.teams)).toEqual(['payments', 'search']);
    expect(f.owners!.rules.map((r) => r.team)).toEqual(['payments', 'search']);
    expect(f.owners!.rules[0]!.match.tag).toEqual({ key: 'team', value: 'payments' });
    expect(f.owners!.default).toBe('search');
  });

  it('refuses a rule naming a team that is not declared, with its file:line', () => {
    const e = failure(GOOD.replace('- team: search\n', '- team: serach\n'));
    expect(e.code).toBe('CONFIG_FILE');
    expect(e.messages.en).toMatch(/^whoowns\.yaml:13: field owners\.rules\.1\.team is invalid: .*serach.*declared under owners\.teams/);
  });

  it('refuses a default team that is not declared', () => {
    const e = failure(GOOD.replace('default: search', 'default: nobody'));
    expect(e.messages.en).toMatch(/whoowns\.yaml:15: field owners\.default is invalid: .*nobody/);
  });

  it('refuses a rule with an empty match (it would match everything by accident)', () => {
    const e = failure(GOOD.replace('match: { name: "search-*", region: cn-hangzhou }', 'match: {}'));
    expect(e.messages.en).toMatch(/owners\.rules\.1\.match is invalid: .*at least one of tag, resourceGroup, name, account, region/);
  });

  it('takes a Slack channel (where the team digest goes) together with the user group (whom it mentions)', () => {
    const f = parse(GOOD.replace('{ usergroup: S0PAYMENTS }', '{ usergroup: S0PAYMENTS, channel: C0PAY }'));
    expect(f.owners!.teams.payments!.slack).toEqual({ usergroup: 'S0PAYMENTS', channel: 'C0PAY' });
  });

  it('refuses an empty Slack block and a user group that is not an S… id', () => {
    expect(failure(GOOD.replace('{ usergroup: S0PAYMENTS }', '{}')).messages.en).toMatch(/owners\.teams\.payments\.slack is invalid: give usergroup/);
    expect(failure(GOOD.replace('{ usergroup: S0PAYMENTS }', '{ usergroup: payments }')).messages.en).toMatch(/owners\.teams\.payments\.slack\.usergroup/);
  });

  it('refuses an unknown key in a match, at its line', () => {
    const e = failure(GOOD.replace('match: { tag: { key: team, value: payments } }', 'match: { tags: { key: team } }'));
    expect(e.messages.en).toMatch(/whoowns\.yaml:12: .*owners\.rules\.0\.match/);
  });
});
