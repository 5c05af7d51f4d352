import { say } from '../labels.js';
import type { CheckMeta } from '../model.js';
import { defineCheck, result } from '../helpers.js';
import { LIST_NEED, perInstance } from './rds-common.js';

/** Entries that admit every IPv4 address: the whitelist then filters nothing. */
const OPEN = new Set(['0.0.0.0/0', '0.0.0.0']);

const meta: CheckMeta = {
  id: 'rds.whitelist-open-world',
  title: { en: 'RDS instance whitelist admits the whole internet', zh: 'RDS 实例白名单对全网开放' },
  severity: 'critical',
  owner: 'customer',
  service: 'rds',
  resourceType: 'rds-instance',
  responsibility: 'customer.security-groups',
  products: ['product.rds'],
  references: ['rds-instances-security-ip-check', 'https://www.alibabacloud.com/help/en/rds/apsaradb-rds-for-mysql/configure-an-ip-address-whitelist'],
  remediation: {
    why: {
      en: 'With 0.0.0.0/0 in the whitelist, anyone who finds the endpoint can try passwords against the database. Alibaba Cloud runs the database service; who may connect to it is the whitelist you keep.',
      zh: '白名单含 0.0.0.0/0 时,任何找到连接地址的人都可以尝试登录数据库。数据库服务由阿里云运行,允许谁连接由您维护的白名单决定。',
    },
    console: {
      en: '1. RDS console (region {region}) > Instances: open {resource}.\n2. Whitelist and SecGroup: edit each group that holds 0.0.0.0/0.\n3. Replace it with the addresses of your application servers or VPC CIDR, and save.',
      zh: '1. 云数据库 RDS 控制台(地域 {region})> 实例列表:打开 {resource}。\n2. 白名单与安全组:编辑含 0.0.0.0/0 的每个分组。\n3. 改为应用服务器地址或 VPC 网段,并保存。',
    },
    cli: 'aliyun rds DescribeDBInstanceIPArrayList --RegionId {region} --DBInstanceId {resourceId}',
  },
  needs: [LIST_NEED, { service: 'rds', action: 'DescribeDBInstanceIPArrayList' }],
};

export const rdsWhitelistOpenWorld = defineCheck(meta, (ctx) =>
  perInstance(
    ctx,
    meta.needs,
    { en: 'the IP whitelist (DescribeDBInstanceIPArrayList)', zh: 'IP 白名单(DescribeDBInstanceIPArrayList)' },
    (d) => d.whitelist,
    (d, whitelist, r) => {
      const open = whitelist.filter((ip) => OPEN.has(ip));
      if (open.length === 0) {
        return result('pass', r, say(r, (l) => `${l} admits no address range open to the world.`, (l) => `${l}的白名单未对全网开放。`));
      }
      const pub = d.netType.toLowerCase() === 'internet';
      const en = pub ? ' It also has a public endpoint.' : '';
      const zh = pub ? '且该实例开通了公网地址。' : '';
      return result('fail', r, say(r, (l) => `${l} has ${open.join(', ')} in its IP whitelist.${en}`, (l) => `${l}的 IP 白名单包含 ${open.join('、')}。${zh}`), {
        evidence: { whitelist, netType: d.netType },
      });
    },
  ),
);
