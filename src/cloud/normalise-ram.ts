// SDK body parts (RAM, IMS) → plain snapshot types. Pure.

import type { AttachedPolicy, PasswordPolicy, PolicyDocument, PolicyStatement, SecurityPreference } from './snapshot.js';
import { bool, list, num, str } from './coerce.js';
import type { Ims } from './sdk.js';

type I<T extends abstract new (...args: never) => unknown> = InstanceType<T>;
type M = typeof Ims;
export type SdkPasswordPolicy = I<M['GetPasswordPolicyResponseBodyPasswordPolicy']>;
export type SdkSecurityPreference = I<M['GetSecurityPreferenceResponseBodySecurityPreference']>;

export function toAttachedPolicies(items: Array<{ policyName?: string; policyType?: string }> | undefined): AttachedPolicy[] {
  return list(items).map((p) => ({ policyName: str(p.policyName), policyType: str(p.policyType) }));
}

export function toPasswordPolicy(p: SdkPasswordPolicy): PasswordPolicy {
  return {
    minimumPasswordLength: num(p.minimumPasswordLength),
    requireLowercaseCharacters: bool(p.requireLowercaseCharacters),
    requireUppercaseCharacters: bool(p.requireUppercaseCharacters),
    requireNumbers: bool(p.requireNumbers),
    requireSymbols: bool(p.requireSymbols),
    passwordReusePrevention: num(p.passwordReusePrevention),
    maxPasswordAge: num(p.maxPasswordAge),
    hardExpire: bool(p.hardExpire),
    // The API spells it MaxLoginAttemps.
    maxLoginAttempts: num(p.maxLoginAttemps),
  };
}

export function toSecurityPreference(p: SdkSecurityPreference): SecurityPreference {
  const login = p.loginProfilePreference;
  return {
    mfaOperationForLogin: str(login?.MFAOperationForLogin),
    enableSaveMfaTicket: bool(login?.enableSaveMFATicket),
    loginNetworkMasks: str(login?.loginNetworkMasks),
    allowUserToManageAccessKeys: bool(p.accessKeyPreference?.allowUserToManageAccessKeys),
    allowUserToManageMfaDevices: bool(p.MFAPreference?.allowUserToManageMFADevices),
    allowUserToChangePassword: bool(login?.allowUserToChangePassword),
    loginSessionDuration: num(login?.loginSessionDuration),
  };
}

/**
 * PolicyDocument (a JSON string, sometimes URL-encoded) → parsed document, or an error
 * message. A single Statement object is accepted and wrapped.
 */
export function parsePolicyDocument(raw: unknown): { ok: true; document: PolicyDocument } | { ok: false; reason: string } {
  let text = str(raw).trim();
  if (text === '') return { ok: false, reason: 'empty PolicyDocument' };
  if (text.startsWith('%7B') || text.startsWith('%7b')) {
    try {
      text = decodeURIComponent(text);
    } catch {
      return { ok: false, reason: 'PolicyDocument is badly URL-encoded' };
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'PolicyDocument is not JSON' };
  }
  if (typeof parsed !== 'object' || parsed === null) return { ok: false, reason: 'PolicyDocument is not an object' };
  const doc = parsed as Record<string, unknown>;
  const rawStatements = Array.isArray(doc['Statement']) ? doc['Statement'] : doc['Statement'] ? [doc['Statement']] : null;
  if (rawStatements === null) return { ok: false, reason: 'PolicyDocument has no Statement' };
  const statements: PolicyStatement[] = [];
  for (const s of rawStatements) {
    if (typeof s !== 'object' || s === null) return { ok: false, reason: 'a Statement is not an object' };
    const st = s as Record<string, unknown>;
    const action = st['Action'];
    if (typeof st['Effect'] !== 'string' || !(typeof action === 'string' || Array.isArray(action))) {
      return { ok: false, reason: 'a Statement lacks Effect or Action' };
    }
    statements.push(st as unknown as PolicyStatement);
  }
  return {
    ok: true,
    document: { ...(typeof doc['Version'] === 'string' ? { Version: doc['Version'] } : {}), Statement: statements },
  };
}
