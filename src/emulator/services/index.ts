// The emulated services, told apart by the x-acs-version header (or the Version parameter).

import type { Service } from '../../cloud/snapshot.js';
import type { Handlers } from '../handler.js';
import { ecsHandlers } from './ecs.js';
import { imsHandlers } from './ims.js';
import { ramHandlers } from './ram.js';
import { stsHandlers } from './sts.js';
import { vpcHandlers } from './vpc.js';
import { kmsHandlers } from './kms.js';
import { casHandlers } from './cas.js';
import { actiontrailHandlers } from './actiontrail.js';
import { sasHandlers } from './sas.js';
import { resourceManagerHandlers } from './resourcemanager.js';
import { rdsHandlers } from './rds.js';
import { csHandlers } from './cs.js';
import { slsHandlers } from './sls.js';

export interface ServiceDef {
  name: Service;
  version: string;
  /** Product name used in the Recommend link of error bodies. */
  product: string;
  /** HostId of error bodies: the public endpoint. */
  host: string;
  /** RAM action prefix for AccessDenied details (IMS is authorised as ram:*). */
  authPrefix: string;
  handlers: Handlers;
}

export const SERVICES: readonly ServiceDef[] = [
  { name: 'ecs', version: '2014-05-26', product: 'Ecs', host: 'ecs.aliyuncs.com', authPrefix: 'ecs', handlers: ecsHandlers },
  { name: 'ram', version: '2015-05-01', product: 'Ram', host: 'ram.aliyuncs.com', authPrefix: 'ram', handlers: ramHandlers },
  { name: 'ims', version: '2019-08-15', product: 'Ims', host: 'ims.aliyuncs.com', authPrefix: 'ram', handlers: imsHandlers },
  { name: 'sts', version: '2015-04-01', product: 'Sts', host: 'sts.aliyuncs.com', authPrefix: 'sts', handlers: stsHandlers },
  { name: 'vpc', version: '2016-04-28', product: 'Vpc', host: 'vpc.aliyuncs.com', authPrefix: 'vpc', handlers: vpcHandlers },
  { name: 'kms', version: '2016-01-20', product: 'Kms', host: 'kms.aliyuncs.com', authPrefix: 'kms', handlers: kmsHandlers },
  // Certificate Management authorises under its old product code.
  { name: 'cas', version: '2020-04-07', product: 'cas', host: 'cas.aliyuncs.com', authPrefix: 'yundun-cert', handlers: casHandlers },
  { name: 'actiontrail', version: '2020-07-06', product: 'Actiontrail', host: 'actiontrail.cn-hangzhou.aliyuncs.com', authPrefix: 'actiontrail', handlers: actiontrailHandlers },
  { name: 'sas', version: '2018-12-03', product: 'Sas', host: 'tds.cn-shanghai.aliyuncs.com', authPrefix: 'yundun-sas', handlers: sasHandlers },
  { name: 'resourcemanager', version: '2020-03-31', product: 'ResourceManager', host: 'resourcemanager.aliyuncs.com', authPrefix: 'resourcemanager', handlers: resourceManagerHandlers },
  { name: 'rds', version: '2014-08-15', product: 'Rds', host: 'rds.aliyuncs.com', authPrefix: 'rds', handlers: rdsHandlers },
  // Container Service for Kubernetes: ROA (paths), routed on x-acs-action and checked on method and path.
  { name: 'cs', version: '2015-12-15', product: 'CS', host: 'cs.cn-hangzhou.aliyuncs.com', authPrefix: 'cs', handlers: csHandlers },
  // Log Service is ROA with its own wire format: the server recognises it by its headers, not a version.
  { name: 'sls', version: '2020-12-30', product: 'Sls', host: 'cn-hangzhou.log.aliyuncs.com', authPrefix: 'log', handlers: slsHandlers },
];

export const SLS_SERVICE: ServiceDef = SERVICES.find((s) => s.name === 'sls')!;

export function serviceByVersion(version: string | undefined): ServiceDef | undefined {
  return SERVICES.find((s) => s.version === version);
}
