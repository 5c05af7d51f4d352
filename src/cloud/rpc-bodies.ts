// Response bodies of the APIs called through rpc.ts, as the APIs document them (PascalCase).
// Only the fields the collector reads; everything is optional because nothing is guaranteed.

export interface KmsListKeys {
  Keys?: { Key?: Array<{ KeyId?: string; KeyArn?: string }> };
  PageNumber?: number;
  PageSize?: number;
  TotalCount?: number;
}

export interface KmsDescribeKey {
  KeyMetadata?: {
    KeyId?: string;
    KeyState?: string;
    KeySpec?: string;
    Origin?: string;
    Creator?: string;
    AutomaticRotation?: string;
    RotationInterval?: string;
    DeleteDate?: string;
    Description?: string;
  };
}

export interface CasCertificateList {
  CertificateOrderList?: Array<{
    CertificateId?: number | string;
    Name?: string;
    CommonName?: string;
    EndDate?: string;
    /** Not-after in epoch ms. */
    CertEndTime?: number | string;
    Status?: string;
    Upload?: boolean;
  }>;
  CurrentPage?: number;
  ShowSize?: number;
  TotalCount?: number;
}

/** ResourceManager 2020-03-31 ListAccounts (paged by PageNumber/PageSize). */
export interface ListAccountsBody {
  TotalCount?: number;
  PageNumber?: number;
  PageSize?: number;
  Accounts?: { Account?: { AccountId?: string; DisplayName?: string; Type?: string; Status?: string }[] };
}

// ApsaraDB RDS (2014-08-15).
export interface RdsDescribeDBInstances {
  Items?: {
    DBInstance?: Array<{
      DBInstanceId?: string;
      DBInstanceDescription?: string;
      RegionId?: string;
      Engine?: string;
      EngineVersion?: string;
      DBInstanceStatus?: string;
      DBInstanceNetType?: string;
    }>;
  };
  PageNumber?: number;
  PageRecordCount?: number;
  TotalRecordCount?: number;
}

export interface RdsIpArrayList {
  Items?: { DBInstanceIPArray?: Array<{ DBInstanceIPArrayName?: string; DBInstanceIPArrayAttribute?: string; SecurityIPList?: string }> };
}

export interface RdsSsl {
  /** Yes | No (MySQL, SQL Server); on | off (PostgreSQL). */
  SSLEnabled?: string;
}

export interface RdsTde {
  /** Enabled | Disabled */
  TDEStatus?: string;
}

export interface RdsSqlCollectorPolicy {
  /** Enable | Disabled */
  SQLCollectorStatus?: string;
  StoragePeriod?: number;
}

export interface RdsSqlCollectorRetention {
  /** Days, as a string: 30 | 180 | 365 | 1095 | 1825. */
  ConfigValue?: string;
}

export interface RdsEncryptionKeyBody {
  EncryptionKey?: string;
  Creator?: string;
  Origin?: string;
  EncryptionKeyStatus?: string;
}

export interface RdsParameters {
  Engine?: string;
  RunningParameters?: { DBInstanceParameter?: Array<{ ParameterName?: string; ParameterValue?: string }> };
}
