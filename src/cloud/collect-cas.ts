// SSL certificates in Certificate Management. With OrderType=CERT and no Status the API lists
// only valid certificates (issued and expiring soon), so expired ones need a second listing.

import type { Caller } from './caller.js';
import { list, num, numOrNull, str } from './coerce.js';
import { nextPageNumber, pageSizeWithin, readAllPages } from './paging.js';
import type { CasCertificateList } from './rpc-bodies.js';
import type { Certificate } from './snapshot.js';

type CasItem = NonNullable<CasCertificateList['CertificateOrderList']>[number];

export async function readCertificates(caller: Caller, pageSize = 50): Promise<Certificate[] | null> {
  const [valid, expired] = await Promise.all([readList(caller, undefined, pageSize), readList(caller, 'EXPIRED', pageSize)]);
  if (valid === null || expired === null) return null;
  const byId = new Map<string, Certificate>();
  for (const item of [...valid, ...expired]) {
    const c = toCertificate(item);
    if (c) byId.set(c.certificateId, c);
    else caller.gap('cas:ListUserCertificateOrder', undefined, 'Malformed', 'a certificate has no id or no readable expiry date', str(item.CertificateId) || str(item.Name));
  }
  // A certificate we could not read must not vanish: the list is then incomplete, i.e. unknown.
  if (byId.size < new Set([...valid, ...expired].map((i) => str(i.CertificateId))).size) return null;
  return [...byId.values()];
}

function readList(caller: Caller, status: string | undefined, pageSize: number): Promise<CasItem[] | null> {
  const size = pageSizeWithin(100, pageSize);
  let soFar = 0;
  return readAllPages(
    caller,
    'cas:ListUserCertificateOrder',
    undefined,
    (page: number | undefined) => ({ OrderType: 'CERT', Status: status, ShowSize: size, CurrentPage: page ?? 1 }),
    (body, page) => {
      const got = list(body.CertificateOrderList);
      soFar += got.length;
      return { items: got, next: nextPageNumber(page, size, got.length, soFar, num(body.TotalCount, NaN)) };
    },
  );
}

/** null = the entry has no id or no readable expiry: dropping it beats guessing a date. */
export function toCertificate(c: CasItem): Certificate | null {
  const id = str(c.CertificateId);
  const ms = numOrNull(c.CertEndTime);
  const fromDate = Date.parse(str(c.EndDate));
  const end = ms !== null ? ms : Number.isNaN(fromDate) ? null : fromDate;
  if (id === '' || end === null) return null;
  return {
    certificateId: id,
    name: str(c.Name) || id,
    commonName: str(c.CommonName),
    endDate: new Date(end).toISOString(),
    status: str(c.Status),
    upload: c.Upload === true,
  };
}
