import { describe, expect, it } from 'vitest';
import { findOsEol, loadOsEol, parseOsEol } from '../../src/checks/os-eol.js';
import { isWhoownsError } from '../../src/core/errors.js';

describe('knowledge/os-eol.yaml', () => {
  const table = loadOsEol();

  it('covers the releases the catalogue names', () => {
    const have = new Set(table.entries.map((e) => `${e.distribution} ${e.version}`));
    for (const want of [
      'CentOS 6', 'CentOS 7', 'CentOS 8', 'CentOS Stream 8',
      'Ubuntu 14.04', 'Ubuntu 16.04', 'Ubuntu 18.04', 'Ubuntu 20.04',
      'Debian 8', 'Debian 9', 'Debian 10',
      'Red Hat Enterprise Linux 6', 'Red Hat Enterprise Linux 7',
      'Windows Server 2008', 'Windows Server 2008 R2', 'Windows Server 2012', 'Windows Server 2012 R2',
      'Alibaba Cloud Linux 2',
    ]) expect(have, want).toContain(want);
  });

  it('matches every example to its own entry and to no other', () => {
    for (const entry of table.entries) {
      for (const example of entry.examples) {
        const hits = table.entries.filter((e) => e.pattern.test(example.replace(/\s+/g, ' ').trim()));
        expect(hits.map((h) => `${h.distribution} ${h.version}`), example).toEqual([`${entry.distribution} ${entry.version}`]);
      }
    }
  });

  it('matches the ECS OSName strings the brief lists', () => {
    expect(findOsEol(table, 'CentOS  7.9 64位')?.eol).toBe('2024-06-30');
    expect(findOsEol(table, 'Ubuntu  18.04 64位')?.eol).toBe('2023-05-31');
    expect(findOsEol(table, 'Ubuntu  20.04 64位')?.eol).toBe('2025-05-31');
    expect(findOsEol(table, 'Windows Server  2012 R2 数据中心版 64位中文版')?.version).toBe('2012 R2');
    expect(findOsEol(table, 'Alibaba Cloud Linux  2.1903 LTS 64位')?.eol).toBe('2024-03-31');
    expect(findOsEol(table, 'Debian  9.13 64位')?.version).toBe('9');
    expect(findOsEol(table, 'Red Hat Enterprise Linux 7.9 64位')?.version).toBe('7');
  });

  it('leaves current releases alone', () => {
    for (const name of ['Alibaba Cloud Linux  3.2104 LTS 64位', 'Ubuntu  22.04 64位', 'Debian  12.5 64位', 'Windows Server  2022 数据中心版 64位中文版', 'CentOS Stream  10 64位', 'Rocky Linux 9.4 64位']) {
      expect(findOsEol(table, name), name).toBeUndefined();
    }
  });

  it('gives every entry a source', () => {
    for (const e of table.entries) expect(e.source.url).toMatch(/^https:\/\//);
  });
});

describe('parseOsEol rejects bad tables with file:line', () => {
  const valid = `entries:
  - distribution: X
    version: "1"
    match: '^X 1'
    eol: "2020-01-01"
    source: { name: n, url: "https://example.com" }
    examples: ["X 1"]
`;
  it('accepts a valid table', () => {
    expect(parseOsEol(valid).entries).toHaveLength(1);
  });
  it.each([
    ['an impossible date', valid.replace('2020-01-01', '2020-02-30'), ':5'],
    ['a bad regex', valid.replace("'^X 1'", "'^X ('"), ':4'],
    ['an unknown field', valid.replace('    version: "1"', '    version: "1"\n    colour: red'), ':2'],
  ])('%s', (_name, text, line) => {
    try {
      parseOsEol(text, 'eol.yaml');
      expect.unreachable();
    } catch (e) {
      expect(isWhoownsError(e) && e.code).toBe('KB_INVALID');
      expect((e as Error).message).toContain(`eol.yaml${line}`);
    }
  });
});
