// What the snapshot says about the helping products, for the duties report: used or not, and for
// how much of the estate. Pure over a snapshot. `unknown` means the call that tells failed (its
// gap names the permission) and is never read as unused; `not-read` means whoowns has no
// read-only call for the product, so the report says so instead of guessing.

import type { Bilingual } from '../core/errors.js';
import type { Gap, Instance, RegionSnapshot, Service, Snapshot } from '../cloud/snapshot.js';
import { count } from '../core/plural.js';

export const USAGE_STATES = ['used', 'unused', 'unknown', 'not-read'] as const;
export type UsageState = (typeof USAGE_STATES)[number];

export interface ProductUsageEvidence {
  state: UsageState;
  /** "Security Center agent on 3 of 4 instances; 1 with unfixed high vulnerabilities". */
  detail: Bilingual;
  /** How much of the estate it covers, when that can be counted. */
  coverage?: { covered: number; of: number; unit: 'instances' | 'disks' | 'users' | 'regions' };
}

/** product id (knowledge/products.yaml) → what the snapshot says about it. */
export type Estate = Record<string, ProductUsageEvidence>;

type Reader = (s: Snapshot) => ProductUsageEvidence;

/** Every region's list, or null when any region could not be read (undefined: not collected). */
function allRegions<T>(s: Snapshot, pick: (r: RegionSnapshot) => T[] | null | undefined): T[] | null | undefined {
  const out: T[] = [];
  let notCollected = false;
  for (const r of Object.values(s.regionData)) {
    const v = pick(r);
    if (v === null) return null;
    if (v === undefined) notCollected = true;
    else out.push(...v);
  }
  return notCollected && out.length === 0 ? undefined : out;
}

function unknown(s: Snapshot, service: Service, what: Bilingual): ProductUsageEvidence {
  const g: Gap | undefined = s.gaps.find((x) => x.service === service);
  const why = g ? `${g.action}: ${g.code}${g.missingAction ? ` (${g.missingAction})` : ''}` : service;
  return { state: 'unknown', detail: { en: `${what.en} could not be read (${why}).`, zh: `无法读取${what.zh}(${why})。` } };
}

const NOT_COLLECTED: ProductUsageEvidence = {
  state: 'not-read',
  detail: { en: 'Not collected in this scan (an older snapshot or a --service filter).', zh: '本次扫描未采集(旧快照或 --service 过滤)。' },
};

const ofWhat = (n: number, of: number, en: string, zh: string): Bilingual => ({ en: `${en} on ${n} of ${of} instances`, zh: `${of} 台实例中 ${n} 台${zh}` });

const securityCenter: Reader = (s) => {
  const instances = allRegions(s, (r) => r.instances);
  const sas = s.securityCenter;
  if (sas === undefined) return NOT_COLLECTED;
  if (!instances || !sas || !sas.agents) return unknown(s, instances ? 'sas' : 'ecs', { en: 'Security Center agents', zh: '云安全中心客户端状态' });
  const installed = instances.filter((i) => sas.agents![i.instanceId] !== undefined);
  const online = installed.filter((i) => sas.agents![i.instanceId] === 'online').length;
  const agents = ofWhat(installed.length, instances.length, 'Security Center agent', '安装了云安全中心客户端');
  const on = { en: ` (${online} online)`, zh: `(${online} 台在线)` };
  let vulns: Bilingual;
  if (sas.vulns === null) vulns = { en: '; vulnerabilities could not be read', zh: ';漏洞信息无法读取' };
  else {
    const high = instances.filter((i) => (sas.vulns![i.instanceId]?.high ?? 0) > 0).length;
    vulns = { en: `; ${high} with unfixed high vulnerabilities`, zh: `;${high} 台有未修复的高危漏洞` };
  }
  const edition = sas.edition ? (sas.edition.version === 1 ? { en: ', Basic (free) edition', zh: ',免费版' } : { en: '', zh: '' }) : { en: ', edition unknown', zh: ',版本未知' };
  return {
    state: installed.length > 0 ? 'used' : 'unused',
    detail: { en: `${agents.en}${on.en}${vulns.en}${edition.en}.`, zh: `${agents.zh}${on.zh}${vulns.zh}${edition.zh}。` },
    coverage: { covered: installed.length, of: instances.length, unit: 'instances' },
  };
};

const cloudAssistant: Reader = (s) => {
  const instances = allRegions(s, (r) => r.instances);
  const regions = Object.values(s.regionData);
  if (!instances || regions.some((r) => r.cloudAssistant === null)) return unknown(s, 'ecs', { en: 'Cloud Assistant status', zh: '云助手状态' });
  const running = instances.filter((i) => s.regionData[i.regionId]?.cloudAssistant?.[i.instanceId] === true).length;
  return countOf(running, instances.length, 'instances', ofWhat(running, instances.length, 'Cloud Assistant agent running', '云助手客户端在运行'));
};

function countOf(n: number, of: number, unit: NonNullable<ProductUsageEvidence['coverage']>['unit'], text: Bilingual): ProductUsageEvidence {
  return { state: n > 0 ? 'used' : 'unused', detail: { en: `${text.en}.`, zh: `${text.zh}。` }, coverage: { covered: n, of, unit } };
}

function instanceCount(pred: (i: Instance) => boolean, en: string, zh: string): Reader {
  return (s) => {
    const instances = allRegions(s, (r) => r.instances);
    if (!instances) return unknown(s, 'ecs', { en: 'Instances', zh: '实例列表' });
    const n = instances.filter(pred).length;
    return countOf(n, instances.length, 'instances', ofWhat(n, instances.length, en, zh));
  };
}

const securityGroups: Reader = (s) => {
  const groups = allRegions(s, (r) => r.securityGroups);
  if (!groups) return unknown(s, 'ecs', { en: 'Security groups', zh: '安全组' });
  return { state: groups.length > 0 ? 'used' : 'unused', detail: { en: `${count(groups.length, 'security group')}.`, zh: `${groups.length} 个安全组。` } };
};

const networkAcls: Reader = (s) => {
  const acls = allRegions(s, (r) => r.networkAcls);
  if (acls === undefined) return NOT_COLLECTED;
  if (acls === null) return unknown(s, 'vpc', { en: 'Network ACLs', zh: '网络 ACL' });
  const bound = acls.reduce((n, a) => n + a.boundVSwitches.length, 0);
  return { state: acls.length > 0 ? 'used' : 'unused', detail: { en: `${count(acls.length, 'network ACL')} bound to ${count(bound, 'vSwitch', 'vSwitches')}.`, zh: `${acls.length} 个网络 ACL,绑定 ${bound} 个交换机。` } };
};

function diskCount(pred: (d: { encrypted: boolean; enableAutoSnapshot: boolean }) => boolean, en: string, zh: string): Reader {
  return (s) => {
    const disks = allRegions(s, (r) => r.disks);
    if (!disks) return unknown(s, 'ecs', { en: 'Disks', zh: '云盘' });
    const n = disks.filter(pred).length;
    return countOf(n, disks.length, 'disks', { en: `${en} on ${n} of ${disks.length} disks`, zh: `${disks.length} 块云盘中 ${n} 块${zh}` });
  };
}

const kms: Reader = (s) => {
  const keys = allRegions(s, (r) => r.kmsKeys);
  if (keys === undefined) return NOT_COLLECTED;
  if (keys === null) return unknown(s, 'kms', { en: 'KMS keys', zh: 'KMS 密钥' });
  const byDisks = allRegions(s, (r) => r.disks)?.filter((d) => d.kmsKeyId).length;
  const disks = byDisks === undefined ? { en: '', zh: '' } : { en: `; ${count(byDisks, 'disk')} encrypted with a KMS key`, zh: `;${byDisks} 块云盘用 KMS 密钥加密` };
  return { state: keys.length > 0 ? 'used' : 'unused', detail: { en: `${count(keys.length, 'KMS key')}${disks.en}.`, zh: `${keys.length} 个 KMS 密钥${disks.zh}。` } };
};

const actiontrail: Reader = (s) => {
  if (s.actiontrail === undefined) return NOT_COLLECTED;
  const trails = s.actiontrail?.trails;
  if (!trails) return unknown(s, 'actiontrail', { en: 'ActionTrail trails', zh: '操作审计跟踪' });
  const on = trails.filter((t) => t.status === 'Enable');
  const logging = on.filter((t) => t.isLogging === true).length;
  const all = on.some((t) => t.trailRegion === 'All');
  return {
    state: on.length > 0 ? 'used' : 'unused',
    detail: {
      en: `${count(trails.length, 'trail')}, ${on.length} enabled, ${logging} logging${all ? ', one covers all regions' : on.length ? ', none covers all regions' : ''}.`,
      zh: `${trails.length} 个跟踪,${on.length} 个已启用,${logging} 个正在记录${all ? ',其中有覆盖全部地域的跟踪' : on.length ? ',没有覆盖全部地域的跟踪' : ''}。`,
    },
  };
};

const certificates: Reader = (s) => {
  if (s.certificates === undefined) return NOT_COLLECTED;
  if (s.certificates === null) return unknown(s, 'cas', { en: 'Certificates', zh: '证书' });
  const n = s.certificates.length;
  return { state: n > 0 ? 'used' : 'unused', detail: { en: `${count(n, 'certificate')} in Certificate Management Service.`, zh: `数字证书管理服务中有 ${n} 张证书。` } };
};

const ram: Reader = (s) => {
  const users = s.ram?.users;
  if (!users) return unknown(s, 'ram', { en: 'RAM users', zh: 'RAM 用户' });
  const mfa = users.filter((u) => u.mfaEnabled === true).length;
  return countOf(users.length, users.length, 'users', { en: `${count(users.length, 'RAM user')}, ${mfa} with MFA`, zh: `${users.length} 个 RAM 用户,${mfa} 个绑定了 MFA` });
};

const READERS: Record<string, Reader> = {
  'product.security-center': securityCenter,
  'product.cloud-assistant': cloudAssistant,
  'product.ssh-key-pair': instanceCount((i) => i.keyPairName !== null, 'SSH key pair', '绑定了 SSH 密钥对'),
  'product.security-group': securityGroups,
  'product.vpc': instanceCount((i) => i.networkType === 'vpc', 'in a VPC', '在专有网络中'),
  'product.network-acl': networkAcls,
  'product.snapshot': diskCount((d) => d.enableAutoSnapshot, 'Automatic snapshots', '开启了自动快照'),
  'product.encrypted-disk': diskCount((d) => d.encrypted, 'Encryption', '已加密'),
  'product.kms': kms,
  'product.actiontrail': actiontrail,
  'product.ssl-certificates': certificates,
  'product.certificate-management': certificates,
  'product.ram': ram,
};

/** Usage of every product the snapshot can speak for; the rest are absent (not read). */
export function estateOf(s: Snapshot): Estate {
  const out: Estate = {};
  for (const [id, read] of Object.entries(READERS)) out[id] = read(s);
  // One cheap list call per product (collect-products.ts), e.g. the VPN gateway.
  for (const [id, u] of Object.entries(s.products ?? {})) {
    out[id] =
      'unknown' in u
        ? { state: 'unknown', detail: { en: `Could not be read (${u.action}: ${u.code}).`, zh: `无法读取(${u.action}:${u.code})。` } }
        : { state: u.used ? 'used' : 'unused', detail: u.used ? { en: `In use: ${u.assets.length} (${u.assets.slice(0, 5).join(', ')}${u.assets.length > 5 ? ', …' : ''}).`, zh: `在用:${u.assets.length} 个(${u.assets.slice(0, 5).join('、')}${u.assets.length > 5 ? '等' : ''})。` } : { en: 'None found in any region read.', zh: '所有已读取的地域中都没有。' } };
  }
  return out;
}

/** What the report says for a product no reader speaks for. */
export const NO_READER: ProductUsageEvidence = {
  state: 'not-read',
  detail: { en: 'whoowns has no read-only call for this product yet; check its console.', zh: 'whoowns 暂无读取该产品的只读调用,请在其控制台查看。' },
};
