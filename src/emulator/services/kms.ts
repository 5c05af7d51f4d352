// KMS (2016-01-20): keys of a region and their metadata. Wire shapes follow the API reference;
// the collector reaches them through openapi-core's generic callApi (see src/cloud/rpc.ts).

import { ApiError } from '../api-error.js';
import type { Handlers } from '../handler.js';
import { numberPage } from '../paging.js';

export const kmsHandlers: Handlers = {
  ListKeys: ({ params: p, data }) => {
    const { region } = data.regionOf(p);
    const page = numberPage(region.kmsKeys, p, { defaultSize: 10, maxSize: 100 });
    return {
      ...page.fields,
      Keys: { Key: page.items.map((k) => ({ KeyId: k.keyId, KeyArn: `acs:kms:${k.regionId}:${data.accountId}:key/${k.keyId}` })) },
    };
  },

  DescribeKey: ({ params: p, data }) => {
    const { region } = data.regionOf(p);
    const keyId = p.required('KeyId');
    const key = region.kmsKeys.find((k) => k.keyId === keyId);
    if (!key) throw new ApiError(404, 'Forbidden.KeyNotFound', `The specified Key is not found.`);
    const m = key.meta;
    return {
      KeyMetadata: {
        KeyId: key.keyId,
        KeyArn: `acs:kms:${key.regionId}:${data.accountId}:key/${key.keyId}`,
        KeyState: m.keyState,
        KeySpec: m.keySpec,
        KeyUsage: /^(RSA|EC)_/.test(m.keySpec) ? 'SIGN/VERIFY' : 'ENCRYPT/DECRYPT',
        Origin: m.origin,
        Creator: m.creator,
        CreationDate: key.creationDate,
        Description: m.description,
        AutomaticRotation: m.automaticRotation,
        RotationInterval: m.rotationInterval,
        LastRotationDate: key.creationDate,
        NextRotationDate: '',
        DeleteDate: m.deleteDate ?? '',
        MaterialExpireTime: '',
        ProtectionLevel: 'SOFTWARE',
        PrimaryKeyVersion: `${key.keyId}-v1`,
        DeletionProtection: 'Disabled',
      },
    };
  },
};
