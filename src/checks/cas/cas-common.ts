import type { Need } from '../model.js';

export const CAS_NEEDS: Need[] = [{ service: 'cas', action: 'ListUserCertificateOrder' }];
export const CERTS_WHAT = { en: 'the list of SSL certificates', zh: 'SSL 证书列表' };

const DAY_MS = 86_400_000;

/** Whole days from now until the certificate's end (negative once expired). */
export function daysLeft(endDate: string, now: Date): number {
  return Math.floor((Date.parse(endDate) - now.getTime()) / DAY_MS);
}
