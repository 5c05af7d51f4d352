// Pieces shared by RAM (2015-05-01) and IMS (2019-08-15): both describe the same users, keys,
// login profiles and MFA devices, with slightly different field names.

import type { AccessKey, AttachedPolicy } from '../../cloud/snapshot.js';
import { entityNotFound } from '../api-error.js';
import type { AccountData } from '../data.js';
import type { ScenarioRamUser } from '../scenario.js';

export function userBody(u: ScenarioRamUser): Record<string, unknown> {
  return {
    UserName: u.userName,
    UserId: u.userId,
    DisplayName: u.displayName,
    Comments: u.comments,
    Email: '',
    MobilePhone: '',
    CreateDate: u.createDate,
    UpdateDate: u.createDate,
  };
}

/** LastLoginDate only appears once the user has signed in. */
export function lastLogin(u: ScenarioRamUser): Record<string, unknown> {
  return u.lastLoginDate ? { LastLoginDate: u.lastLoginDate } : {};
}

export function accessKeyBody(k: AccessKey): Record<string, unknown> {
  return { AccessKeyId: k.accessKeyId, Status: k.status, CreateDate: k.createDate };
}

export function attachedBody(data: AccountData, a: AttachedPolicy, attachDate: string): Record<string, unknown> {
  const p = data.attached(a);
  return {
    PolicyName: a.policyName,
    PolicyType: a.policyType,
    DefaultVersion: p?.defaultVersion ?? 'v1',
    Description: p?.description ?? '',
    AttachDate: attachDate,
  };
}

export function requireLoginProfile(u: ScenarioRamUser): void {
  if (!u.hasConsoleLogin) {
    throw entityNotFound('EntityNotExist.User.LoginProfile', `The login profile does not exist for user: ${u.userName}.`);
  }
}

export function mfaSerial(data: AccountData, u: ScenarioRamUser): string {
  return `acs:ram::${data.accountId}:mfa/${u.userName}`;
}

export function requireMfaDevice(data: AccountData, u: ScenarioRamUser): { SerialNumber: string; Type: string } {
  if (!u.mfaEnabled) throw entityNotFound('EntityNotExist.User.MFADevice', `The MFA device does not exist for user: ${u.userName}.`);
  return { SerialNumber: mfaSerial(data, u), Type: 'VMFA' };
}

export function mfaUsers(data: AccountData): ScenarioRamUser[] {
  return data.users.filter((u) => u.mfaEnabled);
}
