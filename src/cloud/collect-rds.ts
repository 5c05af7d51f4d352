// ApsaraDB RDS instances of one region: DescribeDBInstances (paged) for the list, then per
// instance its whitelist, SSL, TDE, SQL audit and its retention, encryption key, and (PostgreSQL
// only) the logging parameters. A per-instance call that failed leaves that
// field null with its own gap; the instance stays listed.

import type { Caller } from './caller.js';
import { list, num, str } from './coerce.js';
import { nextPageNumber, pageSizeWithin, readAllPages } from './paging.js';
import type { RdsDescribeDBInstances, RdsEncryptionKeyBody, RdsIpArrayList, RdsParameters } from './rpc-bodies.js';
import { PG_LOG_PARAMETERS, type RdsEncryptionKey, type RdsInstance } from './snapshot.js';

type RdsItem = NonNullable<NonNullable<RdsDescribeDBInstances['Items']>['DBInstance']>[number];

/** DescribeDBInstances accepts PageSize 30..100. */
const MIN_PAGE = 30;

export async function readRdsInstances(caller: Caller, regionId: string, pageSize = 100): Promise<RdsInstance[] | null> {
  const size = pageSizeWithin(100, pageSize, MIN_PAGE);
  let soFar = 0;
  const items = await readAllPages(
    caller,
    'rds:DescribeDBInstances',
    regionId,
    (page: number | undefined) => ({ RegionId: regionId, PageSize: size, PageNumber: page ?? 1 }),
    (body, page) => {
      const got = list(body.Items?.DBInstance);
      soFar += got.length;
      return { items: got, next: nextPageNumber(page, size, got.length, soFar, num(body.TotalRecordCount, NaN)) };
    },
  );
  if (items === null) return null;
  return Promise.all(items.filter((i) => str(i.DBInstanceId) !== '').map((i) => readDetails(caller, regionId, i)));
}

async function readDetails(caller: Caller, regionId: string, item: RdsItem): Promise<RdsInstance> {
  const id = str(item.DBInstanceId);
  const req = { DBInstanceId: id };
  const opts = { resource: id };
  const engine = str(item.Engine);
  const [ips, ssl, tde, audit, retention, key, params] = await Promise.all([
    caller.call('rds:DescribeDBInstanceIPArrayList', regionId, req, opts),
    caller.call('rds:DescribeDBInstanceSSL', regionId, req, opts),
    caller.call('rds:DescribeDBInstanceTDE', regionId, req, opts),
    caller.call('rds:DescribeSQLCollectorPolicy', regionId, req, opts),
    caller.call('rds:DescribeSQLCollectorRetention', regionId, req, opts),
    caller.call('rds:DescribeDBInstanceEncryptionKey', regionId, req, opts),
    // Parameters are asked only where the benchmark names some (PostgreSQL): fewer calls, no noise.
    engine === 'PostgreSQL' ? caller.call('rds:DescribeParameters', regionId, req, opts) : Promise.resolve(null),
  ]);
  const base: RdsInstance = {
    dbInstanceId: id,
    description: str(item.DBInstanceDescription),
    regionId: str(item.RegionId) || regionId,
    engine,
    engineVersion: str(item.EngineVersion),
    status: str(item.DBInstanceStatus),
    netType: str(item.DBInstanceNetType),
    whitelist: ips.ok ? toWhitelist(ips.body) : null,
    sslEnabled: ssl.ok ? onOff(ssl.body.SSLEnabled) : null,
    tdeEnabled: tde.ok ? onOff(tde.body.TDEStatus) : null,
    sqlAuditEnabled: audit.ok ? onOff(audit.body.SQLCollectorStatus) : null,
    sqlAuditRetentionDays: retention.ok ? days(retention.body.ConfigValue) : null,
    encryptionKey: key.ok ? toEncryptionKey(key.body) : null,
  };
  if (params !== null) base.pgLogParameters = params.ok ? toPgLogParameters(params.body) : null;
  return base;
}

/** A retention that is not a whole number of days is unknown, never zero. */
function days(v: unknown): number | null {
  const n = num(v, NaN);
  return Number.isInteger(n) && n >= 0 ? n : null;
}

export function toEncryptionKey(body: RdsEncryptionKeyBody): RdsEncryptionKey {
  return { keyId: str(body.EncryptionKey), creator: str(body.Creator), origin: str(body.Origin) };
}

/** The running values (lower-cased) of the parameters CIS names; one not reported stays absent. */
export function toPgLogParameters(body: RdsParameters): Record<string, string> {
  const wanted = new Set<string>(PG_LOG_PARAMETERS);
  const out: Record<string, string> = {};
  for (const p of list(body.RunningParameters?.DBInstanceParameter)) {
    const name = str(p.ParameterName);
    if (wanted.has(name)) out[name] = str(p.ParameterValue).trim().toLowerCase();
  }
  return out;
}

/** Every address of every group, hidden ones too: a hidden group admits traffic all the same. */
export function toWhitelist(body: RdsIpArrayList): string[] {
  const out = new Set<string>();
  for (const g of list(body.Items?.DBInstanceIPArray)) {
    for (const ip of str(g.SecurityIPList).split(',')) if (ip.trim() !== '') out.add(ip.trim());
  }
  return [...out];
}

/** The RDS APIs spell a switch several ways (Yes/No, on/off, Enable/Disabled, Enabled/Disabled). */
export function onOff(v: unknown): boolean | null {
  const s = str(v).trim().toLowerCase();
  if (['yes', 'on', 'enable', 'enabled', 'true', '1'].includes(s)) return true;
  if (['no', 'off', 'disable', 'disabled', 'false', '0'].includes(s)) return false;
  return null;
}
