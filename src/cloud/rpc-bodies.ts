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
