// Which helping products the account uses, for the duties report: one cheap list call per
// product (and region), never a finding by itself. A failed call makes the product unknown.

import type { Caller } from './caller.js';
import { list, num, str } from './coerce.js';
import { nextPageNumber, readAllPages } from './paging.js';
import { Vpc } from './sdk.js';
import type { ProductUsage } from './snapshot.js';

export async function readProducts(caller: Caller, regions: string[]): Promise<Record<string, ProductUsage>> {
  return { 'product.vpn-gateway': await readVpnGateways(caller, regions) };
}

async function readVpnGateways(caller: Caller, regions: string[]): Promise<ProductUsage> {
  const perRegion = await Promise.all(regions.map((r) => readVpnGatewayIds(caller, r)));
  const assets = perRegion.flatMap((ids) => ids ?? []);
  // Found somewhere = used, even if another region could not be read; none found is only
  // "unused" when every region answered.
  if (assets.length > 0) return { used: true, assets };
  if (perRegion.some((ids) => ids === null)) return { unknown: true, action: 'vpc:DescribeVpnGateways', code: failedCode(caller, 'DescribeVpnGateways') };
  return { used: false, assets: [] };
}

async function readVpnGatewayIds(caller: Caller, regionId: string): Promise<string[] | null> {
  const size = 50;
  let soFar = 0;
  const items = await readAllPages(
    caller,
    'vpc:DescribeVpnGateways',
    regionId,
    (page: number | undefined) => new Vpc.DescribeVpnGatewaysRequest({ regionId, pageSize: size, pageNumber: page ?? 1 }),
    (body, page) => {
      const got = list(body.vpnGateways?.vpnGateway);
      soFar += got.length;
      return { items: got, next: nextPageNumber(page, size, got.length, soFar, num(body.totalCount, NaN)) };
    },
  );
  return items === null ? null : items.map((g) => str(g.vpnGatewayId)).filter((id) => id !== '');
}

function failedCode(caller: Caller, action: string): string {
  return caller.gaps.find((g) => g.action === action)?.code ?? 'Unknown';
}
