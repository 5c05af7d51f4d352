import { describe, expect, it } from 'vitest';
import { fileSchema } from '../../src/config/file.js';
import { loadConfig } from '../../src/config/config.js';
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

const GOOD = `accounts:
  - name: finance
accountAccess:
  finance:
    users: [U0ALICE1]
    channels: [C0SEC123]
  "5000000000000005":
    channels: [cidAbC1==]
`;

describe('accountAccess in the config file', () => {
  it('reads rules keyed by account name or id', () => {
    const f = parse(GOOD);
    expect(f.accountAccess).toEqual({ finance: { users: ['U0ALICE1'], channels: ['C0SEC123'] }, '5000000000000005': { channels: ['cidAbC1=='] } });
  });

  it('refuses an empty rule (it would hide the account from everyone) at its line', () => {
    const e = failure(GOOD.replace('  "5000000000000005":\n    channels: [cidAbC1==]\n', '  staging: {}\n'));
    expect(e.code).toBe('CONFIG_FILE');
    expect(e.messages.en).toMatch(/^whoowns\.yaml:7: field accountAccess\.staging is invalid: give users, channels or both/);
  });

  it('refuses an empty list and an unknown key, at their lines', () => {
    expect(failure(GOOD.replace('users: [U0ALICE1]', 'users: []')).messages.en).toMatch(/^whoowns\.yaml:5: .*accountAccess\.finance\.users.*at least one id/);
    expect(failure(GOOD.replace('users: [U0ALICE1]', 'people: [U0ALICE1]')).messages.en).toMatch(/^whoowns\.yaml:5: .*accountAccess\.finance/);
  });

  it('goes into the access policy, and a name where an id belongs is a start-up warning', () => {
    const cfg = loadConfig({ WHOOWNS_CONFIG: 'x.yaml' }, { readFile: () => parse(GOOD.replace('U0ALICE1', '"@alice"')), exists: () => false, home: '/nonexistent' });
    expect(cfg.access.accounts?.finance?.channels).toEqual(['C0SEC123']);
    expect(cfg.warnings?.join('\n')).toMatch(/accountAccess\.finance\.users: "@alice" looks like a name/);
  });
});
