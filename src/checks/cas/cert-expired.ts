import { say } from '../labels.js';
import type { CheckMeta } from '../model.js';
import { day, defineCheck, ref, result, withList } from '../helpers.js';
import { CAS_NEEDS, CERTS_WHAT } from './cas-common.js';

const meta: CheckMeta = {
  id: 'cas.cert-expired',
  title: { en: 'SSL certificate expired', zh: 'SSL 证书已过期' },
  severity: 'high',
  owner: 'customer',
  service: 'cas',
  resourceType: 'certificate',
  responsibility: 'customer.traffic-security',
  products: ['product.ssl-certificates', 'product.certificate-management'],
  references: ['https://www.alibabacloud.com/help/en/ssl-certificate/user-guide/renew-an-ssl-certificate'],
  remediation: {
    why: {
      en: 'Clients refuse an expired certificate, or users learn to click through the warning, which is what an attacker in the middle needs. Renewing and deploying certificates is yours.',
      zh: '客户端会拒绝已过期的证书,或者用户习惯性忽略告警,这正是中间人攻击所需要的。证书的续费与部署由您负责。',
    },
    console: {
      en: '1. Certificate Management Service console > SSL Certificates: find {resource}.\n2. Renew or buy a new certificate for the same domains and deploy it to every service that used the old one (SLB, CDN, WAF ...).\n3. Delete the expired certificate once nothing references it.',
      zh: '1. 数字证书管理服务控制台 > SSL 证书:找到 {resource}。\n2. 为相同域名续费或购买新证书,并部署到使用旧证书的所有服务(SLB、CDN、WAF 等)。\n3. 确认没有服务引用后删除过期证书。',
    },
    cli: 'aliyun cas ListUserCertificateOrder --OrderType CERT --Status EXPIRED',
  },
  needs: CAS_NEEDS,
};

export const certExpired = defineCheck(meta, (ctx) =>
  withList(ctx, undefined, ctx.snapshot.certificates ?? null, meta.needs, CERTS_WHAT, (certs) =>
    certs.map((c) => {
      const r = ref(ctx, 'certificate', c.certificateId, c.name);
      const cn = c.commonName ? ` for ${c.commonName}` : '';
      const cnZh = c.commonName ? `(${c.commonName})` : '';
      return Date.parse(c.endDate) <= ctx.now.getTime()
        ? result('fail', r, say(r, (l) => `${l}${cn} expired on ${day(c.endDate)}.`, (l) => `${l}${cnZh}已于 ${day(c.endDate)} 过期。`), {
            evidence: { endDate: c.endDate, commonName: c.commonName, upload: c.upload },
          })
        : result('pass', r, say(r, (l) => `${l}${cn} is valid until ${day(c.endDate)}.`, (l) => `${l}${cnZh}有效期至 ${day(c.endDate)}。`));
    }),
  ),
);
