import { describe, expect, it } from 'vitest';
import { aclAllowAll } from '../../../src/checks/vpc/acl-allow-all.js';
import { run, statuses } from '../../builders/context.js';
import { buildAclEntry, buildGap, buildNetworkAcl, buildSnapshot } from '../../builders/snapshot.js';

const allowAll = (o = {}) => buildAclEntry({ entryId: 'nae-all', protocol: 'all', port: '-1/-1', ...o });
const acl = (...ingress: ReturnType<typeof buildAclEntry>[]) => buildSnapshot({ region: { networkAcls: [buildNetworkAcl({ ingress })] } });

describe('vpc.acl-allow-all', () => {
  it('passes an ACL that admits only HTTPS from the world, then drops', () => {
    expect(statuses(run(aclAllowAll))).toEqual(['pass']);
  });
  it('fails an ACL whose first all-traffic world rule accepts, naming the vSwitch', () => {
    const f = run(aclAllowAll, acl(allowAll()));
    expect(statuses(f)).toEqual(['fail']);
    expect(f[0]!.reason.en).toBe('Network ACL web (nacl-1) admits every protocol and port from 0.0.0.0/0 into vSwitch vsw-1.');
  });
  it('applies entries in order: a drop-all listed first wins over a later accept-all', () => {
    expect(statuses(run(aclAllowAll, acl(allowAll({ entryId: 'nae-drop', policy: 'drop' }), allowAll())))).toEqual(['pass']);
  });
  it('still fails when only narrower drops come first, and counts them as exceptions', () => {
    const f = run(aclAllowAll, acl(buildAclEntry({ policy: 'drop', port: '22/22' }), allowAll()));
    expect(statuses(f)).toEqual(['fail']);
    expect(f[0]!.reason.en).toContain('(except 1 earlier drop rule)');
  });
  it('looks at IPv6 separately: ::/0 accept-all fails even when IPv4 is closed', () => {
    const f = run(aclAllowAll, acl(allowAll({ entryId: 'nae-v4', policy: 'drop' }), allowAll({ entryId: 'nae-v6', sourceCidrIp: '::/0' })));
    expect(statuses(f)).toEqual(['fail']);
    expect(f[0]!.detail).toBe('nae-v6');
  });
  it('does not count a rule from a private range, or an ACL bound to nothing', () => {
    expect(statuses(run(aclAllowAll, acl(allowAll({ sourceCidrIp: '10.0.0.0/8' }))))).toEqual(['pass']);
    const unbound = buildSnapshot({ region: { networkAcls: [buildNetworkAcl({ boundVSwitches: [], ingress: [allowAll()] })] } });
    expect(statuses(run(aclAllowAll, unbound))).toEqual(['skip']);
  });
  it('errors when the ACL list could not be read, naming the permission', () => {
    const f = run(aclAllowAll, buildSnapshot({ region: { networkAcls: null }, gaps: [buildGap({ service: 'vpc', action: 'DescribeNetworkAcls', missingAction: 'vpc:DescribeNetworkAcls' })] }));
    expect(statuses(f)).toEqual(['error']);
    expect(f[0]!.reason.en).toContain('vpc:DescribeNetworkAcls');
  });
});
