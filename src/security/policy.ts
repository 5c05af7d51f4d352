// The least-privilege RAM policy the bot needs, derived from the one table of cloud actions it
// can call (src/cloud/actions.ts), so the shipped policy cannot drift from the code.
// deploy/ram-policy.json is this function's output; test/security/policy.test.ts keeps them equal.

import { WhoownsError, type Bilingual } from '../core/errors.js';

export interface RamPolicyStatement {
  Effect: 'Allow';
  Action: string[];
  Resource: '*';
}

export interface RamPolicy {
  Version: '1';
  Statement: [RamPolicyStatement];
}

/** Read-only by name: what RAM calls Describe*, List* and Get*. */
export const READ_ONLY_ACTION = /^[a-z][a-z0-9-]*:(Describe|List|Get)[A-Za-z0-9]+$/;

/**
 * The actions the bot may call that are not Describe/List/Get, and why each is still read-only.
 * `needsPermission: false` = RAM authorises it for every identity, so it is left out of the policy.
 */
export const READ_ONLY_EXCEPTIONS: Readonly<Record<string, { needsPermission: boolean; why: Bilingual }>> = {
  'sts:AssumeRole': {
    needsPermission: true,
    why: {
      zh: '只读取某个角色的临时凭证(配置了 roleArn 的账号才用);目标角色的信任策略还必须信任当前身份。',
      en: 'only reads temporary credentials for a role (accounts with roleArn); the target role must also trust this identity in its trust policy.',
    },
  },
  'sts:GetCallerIdentity': {
    needsPermission: false,
    why: {
      zh: '返回调用者是谁;任何身份无需授权都可调用。',
      en: 'says who the caller is; every identity may call it without a policy.',
    },
  },
};

export function isReadOnlyAction(ramAction: string): boolean {
  return READ_ONLY_ACTION.test(ramAction) || ramAction in READ_ONLY_EXCEPTIONS;
}

/** Whether the policy has to grant this action (GetCallerIdentity needs no grant). */
export function needsGrant(ramAction: string): boolean {
  return READ_ONLY_EXCEPTIONS[ramAction]?.needsPermission ?? true;
}

/**
 * One Allow statement listing exactly the RAM actions the calls need, sorted, each once.
 * Refuses (as a bug) anything that is not read-only, so a mutating call can never be shipped.
 */
export function buildPolicy(actions: ReadonlyArray<{ ramAction: string }>): RamPolicy {
  const bad = actions.map((a) => a.ramAction).filter((a) => !isReadOnlyAction(a));
  if (bad.length) {
    throw new WhoownsError('INTERNAL', {
      zh: `动作表中有非只读的云 API:${bad.join(', ')}。whoowns 只允许调用 Describe*/List*/Get*。`,
      en: `The action table holds cloud APIs that are not read-only: ${bad.join(', ')}. whoowns may only call Describe*/List*/Get*.`,
    });
  }
  const granted = [...new Set(actions.map((a) => a.ramAction).filter(needsGrant))].sort();
  return { Version: '1', Statement: [{ Effect: 'Allow', Action: granted, Resource: '*' }] };
}

/** The policy document as shipped in deploy/ram-policy.json (two-space JSON, trailing newline). */
export function renderPolicy(policy: RamPolicy): string {
  return `${JSON.stringify(policy, null, 2)}\n`;
}
