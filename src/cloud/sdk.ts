// The only place that touches the Alibaba Cloud packages' CommonJS shape. They set
// `exports.default = Client` next to their request models. Node's ESM loader puts the whole
// module.exports on the default import; vitest's interop puts the class there and the models
// on the namespace. cjs() gives back module.exports either way.

import * as EcsNs from '@alicloud/ecs20140526';
import * as VpcNs from '@alicloud/vpc20160428';
import * as RamNs from '@alicloud/ram20150501';
import * as ImsNs from '@alicloud/ims20190815';
import * as StsNs from '@alicloud/sts20150401';
import * as CredNs from '@alicloud/credentials';
import * as CsNs from '@alicloud/cs20151215';

function cjs<M>(ns: unknown): M {
  const n = ns as Record<string, unknown>;
  const d = n['default'] as Record<string, unknown> | undefined;
  if (d && typeof d['default'] === 'function') return d as M;
  return { ...n, default: d } as M;
}

export const Ecs = cjs<typeof EcsNs.default>(EcsNs);
export const Vpc = cjs<typeof VpcNs.default>(VpcNs);
export const Ram = cjs<typeof RamNs.default>(RamNs);
export const Ims = cjs<typeof ImsNs.default>(ImsNs);
export const Sts = cjs<typeof StsNs.default>(StsNs);
export const Cred = cjs<typeof CredNs.default>(CredNs);
export const Cs = cjs<typeof CsNs.default>(CsNs);

export const EcsClient = Ecs.default;
export const VpcClient = Vpc.default;
export const RamClient = Ram.default;
export const ImsClient = Ims.default;
export const StsClient = Sts.default;
export const Credential = Cred.default;
export const CsClient = Cs.default;

export type EcsClient = InstanceType<typeof Ecs.default>;
export type VpcClient = InstanceType<typeof Vpc.default>;
export type RamClient = InstanceType<typeof Ram.default>;
export type ImsClient = InstanceType<typeof Ims.default>;
export type StsClient = InstanceType<typeof Sts.default>;
export type Credential = InstanceType<typeof Cred.default>;
export type CsClient = InstanceType<typeof Cs.default>;
