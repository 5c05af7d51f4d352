import { say } from '../labels.js';
import type { CheckMeta } from '../model.js';
import { unknownResult } from '../gaps.js';
import { defineCheck, ref, regionsOf, result, withList } from '../helpers.js';
import { canRotate, isServiceKey, KEY_META_WHAT, KEYS_WHAT, KMS_NEEDS, keysOf } from './kms-common.js';

const meta: CheckMeta = {
  id: 'kms.key-rotation-off',
  title: { en: 'KMS key without automatic rotation', zh: 'KMS 密钥未开启自动轮转' },
  severity: 'medium',
  owner: 'customer',
  service: 'kms',
  resourceType: 'kms-key',
  responsibility: 'customer.data-security',
  products: ['product.kms'],
  references: ['kms-key-rotation-enabled', 'https://www.alibabacloud.com/help/en/kms/key-management-service/user-guide/configure-key-rotation'],
  remediation: {
    why: {
      en: 'A key that never rotates protects ever more data with the same material, so one leak exposes all of it. KMS runs the rotation; turning it on and choosing the period is yours.',
      zh: '从不轮转的密钥会用同一份密钥材料保护越来越多的数据,一旦泄露全部暴露。轮转由 KMS 执行,是否开启及轮转周期由您决定。',
    },
    console: {
      en: '1. KMS console (region {region}) > Keys: open {resource}.\n2. Under Key Rotation, turn on automatic rotation.\n3. Choose a period (365 days or less), and save.',
      zh: '1. 密钥管理服务控制台(地域 {region})> 密钥:打开 {resource}。\n2. 在密钥轮转处开启自动轮转。\n3. 选择轮转周期(不超过 365 天)并保存。',
    },
    cli: 'aliyun kms UpdateRotationPolicy --RegionId {region} --KeyId {resourceId} --EnableAutomaticRotation true --RotationInterval 31536000s',
  },
  needs: KMS_NEEDS,
};

export const keyRotationOff = defineCheck(meta, (ctx) =>
  regionsOf(ctx).flatMap((region) =>
    withList(ctx, region.regionId, keysOf(region.kmsKeys), meta.needs, KEYS_WHAT, (keys) =>
      keys.map((k) => {
        const r = ref(ctx, 'kms-key', k.keyId, k.keyId, k.regionId);
        const m = k.meta;
        if (m === null) return unknownResult(ctx.snapshot, meta.needs, r, KEY_META_WHAT);
        if (m.keyState === 'PendingDeletion') {
          return result('skip', r, say(r, (l) => `${l} is scheduled for deletion; rotation no longer matters.`, (l) => `${l}已计划删除,轮转不再适用。`));
        }
        if (isServiceKey(m)) {
          return result('skip', r, say(r, (l) => `${l} is a service key of ${m.creator}; the service manages its rotation.`, (l) => `${l}是 ${m.creator} 的服务密钥,轮转由该服务管理。`));
        }
        if (!canRotate(m)) {
          return result('skip', r, say(r, (l) => `${l} (${m.keySpec}, ${m.origin}) cannot rotate automatically; rotate it by hand.`, (l) => `${l}(${m.keySpec},${m.origin})不支持自动轮转,请手动轮转。`));
        }
        if (m.automaticRotation.toLowerCase() === 'enabled') {
          const every = m.rotationInterval ? ` every ${m.rotationInterval}` : '';
          return result('pass', r, say(r, (l) => `${l} rotates automatically${every}.`, (l) => `${l}已开启自动轮转${m.rotationInterval ? `(周期 ${m.rotationInterval})` : ''}。`));
        }
        return result('fail', r, say(r, (l) => `${l} has automatic rotation ${m.automaticRotation.toLowerCase() || 'off'}.`, (l) => `${l}未开启自动轮转(${m.automaticRotation || 'Disabled'})。`), {
          evidence: { automaticRotation: m.automaticRotation, keySpec: m.keySpec, keyState: m.keyState },
        });
      }),
    ),
  ),
);
