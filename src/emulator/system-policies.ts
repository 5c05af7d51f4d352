// The Alibaba Cloud system policies a scenario may attach by name. Real accounts see hundreds;
// these are the ones that matter to posture checks (full admin, read-only, per-service full access).

import type { PolicyDocument } from '../cloud/snapshot.js';

export interface SystemPolicy {
  policyName: string;
  description: string;
  document: PolicyDocument;
}

function allow(action: string, description: string, policyName: string): SystemPolicy {
  return {
    policyName,
    description,
    document: { Version: '1', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] },
  };
}

export const SYSTEM_POLICIES: readonly SystemPolicy[] = [
  allow('*', 'Provides full access to Alibaba Cloud services and resources.', 'AdministratorAccess'),
  {
    policyName: 'ReadOnlyAccess',
    description: 'Provides read-only access to Alibaba Cloud services and resources.',
    document: {
      Version: '1',
      Statement: [{ Effect: 'Allow', Action: ['*:Describe*', '*:List*', '*:Get*', '*:BatchGet*', '*:Query*'], Resource: '*' }],
    },
  },
  allow('ecs:*', 'Provides full access to Elastic Compute Service (ECS).', 'AliyunECSFullAccess'),
  allow('ecs:Describe*', 'Provides read-only access to Elastic Compute Service (ECS).', 'AliyunECSReadOnlyAccess'),
  allow('vpc:*', 'Provides full access to Virtual Private Cloud (VPC).', 'AliyunVPCFullAccess'),
  allow('vpc:Describe*', 'Provides read-only access to Virtual Private Cloud (VPC).', 'AliyunVPCReadOnlyAccess'),
  allow('ram:*', 'Provides full access to Resource Access Management (RAM).', 'AliyunRAMFullAccess'),
  {
    policyName: 'AliyunRAMReadOnlyAccess',
    description: 'Provides read-only access to Resource Access Management (RAM).',
    document: { Version: '1', Statement: [{ Effect: 'Allow', Action: ['ram:Get*', 'ram:List*'], Resource: '*' }] },
  },
  allow('oss:*', 'Provides full access to Object Storage Service (OSS).', 'AliyunOSSFullAccess'),
  allow('oss:Get*', 'Provides read-only access to Object Storage Service (OSS).', 'AliyunOSSReadOnlyAccess'),
  allow('log:*', 'Provides full access to Log Service (SLS).', 'AliyunLogFullAccess'),
  allow('sts:AssumeRole', 'Allows assuming RAM roles through STS.', 'AliyunSTSAssumeRoleAccess'),
  allow('yundun-sas:*', 'Provides full access to Security Center.', 'AliyunYundunSASFullAccess'),
];

export const SYSTEM_POLICY_NAMES: ReadonlySet<string> = new Set(SYSTEM_POLICIES.map((p) => p.policyName));
