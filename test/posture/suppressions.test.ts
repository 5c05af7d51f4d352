import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../src/checks/index.js';
import { isWhoownsError } from '../../src/core/errors.js';
import { applySuppressions, globMatches, loadSuppressions, parseSuppressions } from '../../src/posture/suppressions.js';
import type { Finding, Suppression } from '../../src/posture/types.js';
import { scanWith } from '../builders/context.js';
import { buildSecurityGroup, buildSnapshot, buildWorldRule, NOW } from '../builders/snapshot.js';

const knownCheckIds = ALL_CHECKS.map((c) => c.meta.id);
const opts = { now: NOW, knownCheckIds, file: 'mute.yaml' };

const GOOD = `# accepted risks
- check: ecs.sg.admin-port-open-world
  resource: sg-bastion-*
  reason: Bastion hosts; source narrowed by Cloud Firewall
  by: alice@example.com
  until: 2025-12-31

- check: ram.user.console-no-mfa
  resource: break-glass
  reason: Hardware token kept in the safe
  by: bob
  until: "2025-06-15"
`;

function errorOf(text: string): string {
  try {
    parseSuppressions(text, opts);
  } catch (e) {
    expect(isWhoownsError(e) && e.code).toBe('SUPPRESSIONS_INVALID');
    return (e as Error).message;
  }
  throw new Error('expected SUPPRESSIONS_INVALID');
}

describe('parseSuppressions', () => {
  it('reads a good file, remembering where each entry is', () => {
    const s = parseSuppressions(GOOD, opts);
    expect(s).toEqual([
      { check: 'ecs.sg.admin-port-open-world', resource: 'sg-bastion-*', reason: 'Bastion hosts; source narrowed by Cloud Firewall', by: 'alice@example.com', until: '2025-12-31', file: 'mute.yaml', line: 2 },
      { check: 'ram.user.console-no-mfa', resource: 'break-glass', reason: 'Hardware token kept in the safe', by: 'bob', until: '2025-06-15', file: 'mute.yaml', line: 8 },
    ]);
  });

  it('accepts an empty file', () => {
    expect(parseSuppressions('', opts)).toEqual([]);
    expect(parseSuppressions('# nothing muted\n', opts)).toEqual([]);
  });

  it.each([
    ['an unknown check id', GOOD.replace('ram.user.console-no-mfa', 'ram.user.no-such-check'), 'mute.yaml:8: unknown check id "ram.user.no-such-check"'],
    ['a missing reason', GOOD.replace('  reason: Hardware token kept in the safe\n', ''), 'mute.yaml:8: missing field "reason"'],
    ['an empty reason', GOOD.replace('reason: Hardware token kept in the safe', 'reason: ""'), 'mute.yaml:10: field "reason" must be non-empty text'],
    ['a malformed date', GOOD.replace('2025-12-31', '31/12/2025'), 'mute.yaml:6: "until" must be a date written YYYY-MM-DD'],
    ['an impossible date', GOOD.replace('2025-12-31', '2025-02-30'), 'mute.yaml:6: "until" must be a date'],
    ['a past date', GOOD.replace('2025-12-31', '2025-06-14'), 'mute.yaml:6: expired on 2025-06-14'],
    ['an unknown field', GOOD.replace('  by: bob\n', '  by: bob\n  ticket: SEC-1\n'), 'mute.yaml:12: unknown field "ticket"'],
    ['a mapping instead of a list', 'check: ecs.sg.unused\n', 'mute.yaml:1: the file must be a list'],
    ['an entry that is not a mapping', '- just a string\n', 'mute.yaml:1: each entry must be a mapping'],
    ['broken YAML', '- check: [unclosed\n', 'mute.yaml:'],
  ])('rejects %s with file:line', (_name, text, message) => {
    expect(errorOf(text)).toContain(message);
  });

  it('lists every problem at once, in line order, in both languages', () => {
    const text = GOOD.replace('ram.user.console-no-mfa', 'nope').replace('2025-12-31', 'soon');
    const msg = errorOf(text);
    expect(msg.indexOf('mute.yaml:6')).toBeLessThan(msg.indexOf('mute.yaml:8'));
    try {
      parseSuppressions(text, opts);
    } catch (e) {
      expect(isWhoownsError(e) && e.messages.zh).toContain('未知的检查项 ID“nope”');
    }
  });

  it('keeps today as valid (a suppression lasts through its until day)', () => {
    expect(parseSuppressions(GOOD, { ...opts, now: new Date('2025-06-15T23:59:00Z') })).toHaveLength(2);
    expect(errorOf(GOOD.replace('2025-12-31', '2025-06-14'))).toContain('expired');
  });
});

describe('loadSuppressions', () => {
  it('reads a file and reports its path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'whoowns-supp-'));
    const path = join(dir, 'suppressions.yaml');
    writeFileSync(path, GOOD);
    expect(loadSuppressions(path, { now: NOW, knownCheckIds })[0]!.file).toBe(path);
    writeFileSync(path, GOOD.replace('ram.user.console-no-mfa', 'bad.id'));
    expect(() => loadSuppressions(path, { now: NOW, knownCheckIds })).toThrow(`${path}:8`);
  });
  it('says so when the file is missing', () => {
    try {
      loadSuppressions('/nonexistent/whoowns.yaml', { now: NOW, knownCheckIds });
      expect.unreachable();
    } catch (e) {
      expect(isWhoownsError(e) && e.code).toBe('SUPPRESSIONS_INVALID');
    }
  });
});

describe('globMatches', () => {
  it.each([
    ['sg-*', 'sg-123', true],
    ['sg-*', 'xsg-1', false],
    ['sg-?', 'sg-1', true],
    ['sg-?', 'sg-12', false],
    ['i-1', 'i-1', true],
    ['a.b', 'axb', false],
    ['*', 'anything', true],
  ])('%s ~ %s = %s', (glob, value, expected) => {
    expect(globMatches(glob, value)).toBe(expected);
  });
});

describe('applySuppressions', () => {
  const snap = buildSnapshot({
    region: {
      securityGroups: [
        buildSecurityGroup({ securityGroupId: 'sg-bastion-1', rules: [buildWorldRule({ portRange: '22/22' })] }),
        buildSecurityGroup({ securityGroupId: 'sg-web', rules: [buildWorldRule({ ruleId: 'w', portRange: '22/22' })] }),
      ],
    },
  });
  const findings: Finding[] = scanWith(snap).findings;
  const sup = (o: Partial<Suppression>): Suppression => ({ check: 'ecs.sg.admin-port-open-world', resource: 'sg-bastion-*', reason: 'r', by: 'b', until: '2025-12-31', ...o });

  it('mutes only matching failed findings', () => {
    const out = applySuppressions(findings, [sup({})], NOW);
    const muted = out.findings.filter((f) => f.muted);
    expect(muted.map((f) => [f.checkId, f.resource.id])).toEqual([['ecs.sg.admin-port-open-world', 'sg-bastion-1']]);
    expect(muted[0]!.muted).toEqual({ reason: 'r', by: 'b', until: '2025-12-31' });
    expect(out.findings.every((f) => f.status === 'fail' || !f.muted)).toBe(true);
  });

  it('does not cross checks', () => {
    const out = applySuppressions(findings, [sup({ check: 'ecs.sg.risky-port-open-world', resource: '*' })], NOW);
    expect(out.findings.some((f) => f.muted)).toBe(false);
  });

  it('stops muting once expired, and reports expired and soon-expiring entries', () => {
    const soon = sup({ until: '2025-06-20' });
    const gone = sup({ resource: 'sg-web', until: '2025-06-14' });
    const out = applySuppressions(findings, [soon, gone], NOW);
    expect(out.findings.filter((f) => f.muted).map((f) => f.resource.id)).toEqual(['sg-bastion-1']);
    expect(out.expired).toEqual([gone]);
    expect(out.expiringSoon).toEqual([soon]);
    const later = applySuppressions(findings, [soon], new Date('2025-06-21T00:00:00Z'));
    expect(later.findings.some((f) => f.muted)).toBe(false);
    expect(later.expired).toEqual([soon]);
  });
});
