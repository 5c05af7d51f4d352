import { count } from '../../core/plural.js';
import { say } from '../labels.js';
import type { CheckMeta } from '../model.js';
import { defineCheck, ref, regionsOf, result, withList } from '../helpers.js';
import { allowAllFromWorld } from './acl-rules.js';

const meta: CheckMeta = {
  id: 'vpc.acl-allow-all',
  title: { en: 'Network ACL admits all traffic from the internet', zh: '网络 ACL 放行来自公网的全部流量' },
  severity: 'medium',
  owner: 'customer',
  service: 'vpc',
  resourceType: 'network-acl',
  responsibility: 'customer.security-groups',
  products: ['product.network-acl', 'product.security-group'],
  references: ['https://www.alibabacloud.com/help/en/vpc/user-guide/network-acl-overview'],
  remediation: {
    why: {
      en: 'A network ACL is the vSwitch-level layer under your security groups. One that admits every port from 0.0.0.0/0 adds no protection, so a single loose security group rule exposes the whole subnet. Its rules are yours to write.',
      zh: '网络 ACL 是安全组之下的交换机级防护。放行 0.0.0.0/0 所有端口的 ACL 不提供任何保护,一条宽松的安全组规则就会暴露整个子网。ACL 规则由您编写。',
    },
    console: {
      en: '1. VPC console (region {region}) > Network ACL: open {resource}.\n2. Under Inbound Rules, replace the rule that accepts all protocols from 0.0.0.0/0 with rules for the ports your services need (e.g. 443 from 0.0.0.0/0, 22 from your office range).\n3. Keep a final drop rule, and check the bound vSwitches still work.',
      zh: '1. 专有网络控制台(地域 {region})> 网络 ACL:打开 {resource}。\n2. 在入方向规则中,把放行 0.0.0.0/0 全部协议的规则替换为业务所需端口的规则(如对 0.0.0.0/0 放行 443,对办公网段放行 22)。\n3. 保留最后的拒绝规则,并确认绑定的交换机业务正常。',
    },
    cli: 'aliyun vpc DescribeNetworkAclAttributes --RegionId {region} --NetworkAclId {resourceId}',
  },
  needs: [{ service: 'vpc', action: 'DescribeNetworkAcls' }],
};

export const aclAllowAll = defineCheck(meta, (ctx) =>
  regionsOf(ctx).flatMap((region) =>
    withList(ctx, region.regionId, region.networkAcls ?? null, meta.needs, { en: 'the list of network ACLs', zh: '网络 ACL 列表' }, (acls) =>
      acls.map((a) => {
        const r = ref(ctx, 'network-acl', a.networkAclId, a.networkAclName, a.regionId);
        if (a.boundVSwitches.length === 0) {
          return result('skip', r, say(r, (l) => `${l} is not bound to any vSwitch, so it filters nothing.`, (l) => `${l}未绑定任何交换机,不过滤流量。`));
        }
        const open = [allowAllFromWorld(a, 4), allowAllFromWorld(a, 6)].filter((x) => x !== null);
        if (open.length === 0) {
          return result('pass', r, say(r, (l) => `${l} does not admit all traffic from the internet.`, (l) => `${l}未放行来自公网的全部流量。`));
        }
        const sources = open.map((o) => o.entry.sourceCidrIp).join(', ');
        const except = open.flatMap((o) => o.exceptions);
        const note = except.length > 0 ? { en: ` (except ${count(except.length, 'earlier drop rule')})`, zh: `(前面另有 ${except.length} 条拒绝规则例外)` } : { en: '', zh: '' };
        const vsw = a.boundVSwitches.join(', ');
        return result(
          'fail',
          r,
          say(r, (l) => `${l} admits every protocol and port from ${sources}${note.en} into vSwitch ${vsw}.`, (l) => `${l}放行来自 ${sources} 的全部协议和端口${note.zh},作用于交换机 ${vsw}。`),
          { detail: open.map((o) => o.entry.entryId).join(','), evidence: { entries: open.map((o) => o.entry), exceptions: except, boundVSwitches: a.boundVSwitches } },
        );
      }),
    ),
  ),
);
