// Network ACL precedence: entries apply in the listed order and the first that matches a packet
// decides it (custom entries first, the system entries last). An ACL "admits everything from the
// world" for one address family when the first entry covering every world packet (protocol all,
// every port, source /0) accepts; drops listed before it only carve exceptions out of that.

import type { NetworkAcl, NetworkAclEntry } from '../../cloud/snapshot.js';
import { parseCidr, isWorld } from '../ecs/sg-rules.js';

export interface AllowAll {
  family: 4 | 6;
  entry: NetworkAclEntry;
  /** Narrower drop entries from the world listed before it. */
  exceptions: NetworkAclEntry[];
}

function coversAllTraffic(e: NetworkAclEntry): boolean {
  const port = e.port.trim();
  return e.protocol.toLowerCase() === 'all' && (port === '-1/-1' || port === '1/65535' || port === '');
}

function worldFamily(e: NetworkAclEntry): 4 | 6 | null {
  const c = parseCidr(e.sourceCidrIp);
  return c !== null && isWorld(c) ? c.family : null;
}

export function allowAllFromWorld(acl: NetworkAcl, family: 4 | 6): AllowAll | null {
  const exceptions: NetworkAclEntry[] = [];
  for (const e of acl.ingress) {
    const f = worldFamily(e);
    if (f !== family) continue;
    const accept = e.policy.toLowerCase() === 'accept';
    if (coversAllTraffic(e)) return accept ? { family, entry: e, exceptions } : null;
    if (!accept) exceptions.push(e);
  }
  return null;
}
