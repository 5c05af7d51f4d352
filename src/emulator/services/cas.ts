// Certificate Management Service (2020-04-07): ListUserCertificateOrder. With OrderType CERT or
// UPLOAD it lists certificates; an empty Status means the valid ones (ISSUED and WILLEXPIRED),
// as the real API does, so a client that never asks for EXPIRED misses expired certificates.

import { invalidParameter } from '../api-error.js';
import type { Handlers } from '../handler.js';
import type { ScenarioCertificate } from '../scenario.js';

const DAY_MS = 86_400_000;
/** The console's "expiring soon" window. */
const WILL_EXPIRE_DAYS = 30;

function statusAt(c: ScenarioCertificate, now: Date): string {
  const end = Date.parse(c.endDate);
  if (end <= now.getTime()) return 'EXPIRED';
  return end - now.getTime() <= WILL_EXPIRE_DAYS * DAY_MS ? 'WILLEXPIRED' : 'ISSUED';
}

const ymd = (iso: string) => iso.slice(0, 10);

export const casHandlers: Handlers = {
  ListUserCertificateOrder: ({ params: p, data, now }) => {
    const orderType = p.get('OrderType') ?? 'CPACK';
    if (!['CPACK', 'BUY', 'UPLOAD', 'CERT'].includes(orderType)) throw invalidParameter('OrderType');
    const status = p.get('Status');
    const current = p.int('CurrentPage', { min: 1 }) ?? 1;
    const size = p.int('ShowSize', { min: 1, max: 100 }) ?? 50;
    let items = orderType === 'CERT' || orderType === 'UPLOAD' ? data.scenario.certificates : [];
    if (orderType === 'UPLOAD') items = items.filter((c) => c.upload);
    items = items.filter((c) => (status === undefined ? statusAt(c, now) !== 'EXPIRED' : statusAt(c, now) === status));
    const page = items.slice((current - 1) * size, current * size);
    return {
      CurrentPage: current,
      ShowSize: size,
      TotalCount: items.length,
      CertificateOrderList: page.map((c) => ({
        CertificateId: /^\d+$/.test(c.certificateId) ? Number(c.certificateId) : c.certificateId,
        InstanceId: `cas-cert-${c.certificateId}`,
        Name: c.name,
        CommonName: c.commonName,
        Sans: c.commonName,
        Issuer: c.upload ? 'Uploaded' : 'DigiCert',
        StartDate: ymd(c.startDate),
        EndDate: ymd(c.endDate),
        CertStartTime: Date.parse(c.startDate),
        CertEndTime: Date.parse(c.endDate),
        Status: statusAt(c, now),
        Expired: statusAt(c, now) === 'EXPIRED',
        Upload: c.upload,
        ResourceGroupId: 'rg-default',
      })),
    };
  },
};
