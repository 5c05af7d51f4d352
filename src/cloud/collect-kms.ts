// KMS keys of one region: ListKeys (paged) for the ids, DescribeKey per key for state and
// rotation. A key whose DescribeKey failed stays listed with meta null and its own gap.

import type { Caller } from './caller.js';
import { list, num, str, strOrNull } from './coerce.js';
import { nextPageNumber, pageSizeWithin, readAllPages } from './paging.js';
import type { KmsDescribeKey } from './rpc-bodies.js';
import type { KmsKey, KmsKeyMeta } from './snapshot.js';

export async function readKmsKeys(caller: Caller, regionId: string, pageSize = 100): Promise<KmsKey[] | null> {
  const size = pageSizeWithin(100, pageSize);
  let soFar = 0;
  const ids = await readAllPages(
    caller,
    'kms:ListKeys',
    regionId,
    (page: number | undefined) => ({ RegionId: regionId, PageSize: size, PageNumber: page ?? 1 }),
    (body, page) => {
      const got = list(body.Keys?.Key).map((k) => str(k.KeyId)).filter((id) => id !== '');
      soFar += got.length;
      return { items: got, next: nextPageNumber(page, size, got.length, soFar, num(body.TotalCount, NaN)) };
    },
  );
  if (ids === null) return null;
  return Promise.all(
    ids.map(async (keyId): Promise<KmsKey> => {
      const res = await caller.call('kms:DescribeKey', regionId, { RegionId: regionId, KeyId: keyId }, { resource: keyId });
      return { keyId, regionId, meta: res.ok ? toKeyMeta(res.body) : null };
    }),
  );
}

export function toKeyMeta(body: KmsDescribeKey): KmsKeyMeta | null {
  const m = body.KeyMetadata;
  if (!m || str(m.KeyState) === '') return null;
  return {
    keyState: str(m.KeyState),
    keySpec: str(m.KeySpec),
    origin: str(m.Origin),
    creator: str(m.Creator),
    automaticRotation: str(m.AutomaticRotation),
    rotationInterval: str(m.RotationInterval),
    deleteDate: strOrNull(m.DeleteDate),
    description: str(m.Description),
  };
}
