// ApsaraDB RDS (2014-08-15): instances of a region and their security settings. Wire shapes follow
// the API reference; the collector reaches them through openapi-core's generic callApi.

import { ApiError } from '../api-error.js';
import type { Handlers } from '../handler.js';
import type { AccountData } from '../data.js';
import type { Params } from '../params.js';
import type { ScenarioRdsInstance } from '../scenario.js';

/** Per-instance calls name only the instance, so it is looked up in every region. */
function instanceOf(data: AccountData, p: Params): ScenarioRdsInstance {
  const id = p.required('DBInstanceId');
  for (const r of data.regionList()) {
    const found = r.rdsInstances.find((d) => d.dbInstanceId === id);
    if (found) return found;
  }
  throw new ApiError(404, 'InvalidDBInstanceId.NotFound', 'The specified instance is not found.');
}

export const rdsHandlers: Handlers = {
  DescribeDBInstances: ({ params: p, data }) => {
    const { region } = data.regionOf(p);
    // The real API accepts PageSize 30..100 (default 30).
    const pageNumber = p.int('PageNumber', { min: 1 }) ?? 1;
    const pageSize = p.int('PageSize', { min: 30, max: 100 }) ?? 30;
    const items = region.rdsInstances.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
    return {
      PageNumber: pageNumber,
      PageRecordCount: items.length,
      TotalRecordCount: region.rdsInstances.length,
      Items: {
        DBInstance: items.map((d) => ({
          DBInstanceId: d.dbInstanceId,
          DBInstanceDescription: d.description,
          RegionId: d.regionId,
          ZoneId: `${d.regionId}-a`,
          Engine: d.engine,
          EngineVersion: d.engineVersion,
          DBInstanceStatus: d.status,
          DBInstanceNetType: d.netType,
          InstanceNetworkType: 'VPC',
          DBInstanceType: 'Primary',
          PayType: 'Postpaid',
          LockMode: 'Unlock',
        })),
      },
    };
  },

  DescribeDBInstanceIPArrayList: ({ params: p, data }) => {
    const d = instanceOf(data, p);
    return {
      Items: {
        DBInstanceIPArray: [
          { DBInstanceIPArrayName: 'default', DBInstanceIPArrayAttribute: '', SecurityIPType: 'IPv4', WhitelistNetworkType: 'MIX', SecurityIPList: d.whitelist.join(',') },
        ],
      },
    };
  },

  DescribeDBInstanceSSL: ({ params: p, data }) => {
    const d = instanceOf(data, p);
    // PostgreSQL answers on/off, the other engines Yes/No.
    const on = d.engine === 'PostgreSQL' ? (d.sslEnabled ? 'on' : 'off') : d.sslEnabled ? 'Yes' : 'No';
    return { SSLEnabled: on, RequireUpdate: 'No', ConnectionString: d.sslEnabled ? `${d.dbInstanceId}.mysql.rds.aliyuncs.com` : '', SSLExpireTime: '' };
  },

  DescribeDBInstanceTDE: ({ params: p, data }) => ({ TDEStatus: instanceOf(data, p).tdeEnabled ? 'Enabled' : 'Disabled' }),

  DescribeSQLCollectorPolicy: ({ params: p, data }) => {
    const on = instanceOf(data, p).sqlAuditEnabled;
    return { SQLCollectorStatus: on ? 'Enable' : 'Disabled', StoragePeriod: on ? 30 : 0 };
  },

  DescribeSQLCollectorRetention: ({ params: p, data }) => ({ ConfigValue: String(instanceOf(data, p).sqlAuditRetentionDays) }),

  DescribeDBInstanceEncryptionKey: ({ params: p, data }) => {
    const d = instanceOf(data, p);
    if (!d.ownKey) return { EncryptionKey: '', Creator: '', Origin: '', EncryptionKeyStatus: '', KeyUsage: '', Description: '' };
    return {
      EncryptionKey: `key-${d.dbInstanceId}`,
      Creator: data.accountId,
      Origin: 'Aliyun_KMS',
      EncryptionKeyStatus: 'Enabled',
      KeyUsage: 'ENCRYPT/DECRYPT',
      Description: `TDE key of ${d.dbInstanceId}`,
      DeleteDate: '',
      MaterialExpireTime: '',
    };
  },

  DescribeParameters: ({ params: p, data }) => {
    const d = instanceOf(data, p);
    const param = ([name, value]: [string, string]) => ({ ParameterName: name, ParameterValue: value, ParameterDescription: '' });
    return {
      Engine: d.engine,
      EngineVersion: d.engineVersion,
      // The real API lists every running parameter; a few unrelated ones keep the collector honest.
      RunningParameters: { DBInstanceParameter: [['shared_buffers', '1GB'] as [string, string], ...Object.entries(d.pgParameters)].map(param) },
      ConfigParameters: { DBInstanceParameter: [] },
    };
  },
};
