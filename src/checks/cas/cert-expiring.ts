import { say } from '../labels.js';
import type { CheckMeta } from '../model.js';
import { day, defineCheck, ref, result, withList } from '../helpers.js';
import { CAS_NEEDS, CERTS_WHAT, daysLeft } from './cas-common.js';

const meta: CheckMeta = {
  id: 'cas.cert-expiring',
  title: { en: 'SSL certificate expiring soon', zh: 'SSL 证书即将过期' },
  severity: 'medium',
  owner: 'customer',
  service: 'cas',
  resourceType: 'certificate',
  responsibility: 'customer.traffic-security',
  products: ['product.ssl-certificates', 'product.certificate-management'],
  references: ['https://www.alibabacloud.com/help/en/ssl-certificate/user-guide/renew-an-ssl-certificate'],
  remediation: {
    why: {
      en: 'A certificate that lapses takes its sites down for every client at once. Renewing in time and deploying the new certificate is yours; Alibaba Cloud only reminds you.',
      zh: '证书一旦过期,所有客户端都将无法访问相关站点。按时续费并部署新证书由您负责,阿里云只负责提醒。',
    },
    console: {
      en: '1. Certificate Management Service console > SSL Certificates: find {resource}.\n2. Renew it (or apply for a new one for the same domains) before it ends.\n3. Deploy the new certificate to every service that uses the old one, then check the sites.',
      zh: '1. 数字证书管理服务控制台 > SSL 证书:找到 {resource}。\n2. 在到期前续费(或为相同域名申请新证书)。\n3. 将新证书部署到使用旧证书的所有服务,并检查站点访问。',
    },
    cli: 'aliyun cas ListUserCertificateOrder --OrderType CERT --Status WILLEXPIRED',
  },
  needs: CAS_NEEDS,
};

export const certExpiring = defineCheck(meta, (ctx) =>
  withList(ctx, undefined, ctx.snapshot.certificates ?? null, meta.needs, CERTS_WHAT, (certs) =>
    certs.map((c) => {
      const r = ref(ctx, 'certificate', c.certificateId, c.name);
      const left = daysLeft(c.endDate, ctx.now);
      const limit = ctx.thresholds.certExpiringDays;
      if (Date.parse(c.endDate) <= ctx.now.getTime()) {
        return result('skip', r, say(r, (l) => `${l} has already expired (see cas.cert-expired).`, (l) => `${l}已过期(见 cas.cert-expired)。`));
      }
      return left < limit
        ? result('fail', r, say(r, (l) => `${l} expires on ${day(c.endDate)}, in ${left} days (threshold ${limit}).`, (l) => `${l}将于 ${day(c.endDate)} 过期,还剩 ${left} 天(阈值 ${limit} 天)。`), {
            evidence: { endDate: c.endDate, daysLeft: left, commonName: c.commonName },
          })
        : result('pass', r, say(r, (l) => `${l} is valid for ${left} more days (until ${day(c.endDate)}).`, (l) => `${l}还有 ${left} 天有效期(至 ${day(c.endDate)})。`));
    }),
  ),
);
