// The only place that touches the Alibaba Cloud packages' CommonJS shape. Under NodeNext the
// default import is the whole module.exports, so the client class sits on `.default` and the
// request models next to it.

import EcsPkg from '@alicloud/ecs20140526';
import VpcPkg from '@alicloud/vpc20160428';
import RamPkg from '@alicloud/ram20150501';
import ImsPkg from '@alicloud/ims20190815';
import StsPkg from '@alicloud/sts20150401';
import CredPkg from '@alicloud/credentials';

export { EcsPkg as Ecs, VpcPkg as Vpc, RamPkg as Ram, ImsPkg as Ims, StsPkg as Sts, CredPkg as Cred };

export const EcsClient = EcsPkg.default;
export const VpcClient = VpcPkg.default;
export const RamClient = RamPkg.default;
export const ImsClient = ImsPkg.default;
export const StsClient = StsPkg.default;
export const Credential = CredPkg.default;

export type EcsClient = InstanceType<typeof EcsPkg.default>;
export type VpcClient = InstanceType<typeof VpcPkg.default>;
export type RamClient = InstanceType<typeof RamPkg.default>;
export type ImsClient = InstanceType<typeof ImsPkg.default>;
export type StsClient = InstanceType<typeof StsPkg.default>;
export type Credential = InstanceType<typeof CredPkg.default>;
