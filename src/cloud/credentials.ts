// Credentials for one scan. A fresh Credential every scan: after a whole-chain failure the SDK's
// Credential object stays stuck, and one bad scan must not poison the next. With a roleArn we
// assume the role ourselves through the STS SDK (the credentials package's own provider is
// https-only and retries nothing), refreshing the session before it expires.

import { WhoownsError } from '../core/errors.js';
import { ACTIONS } from './actions.js';
import { classifyError } from './call-error.js';
import type { ClientFactory } from './clients.js';
import type { Pool } from './pool.js';
import { CallFailed, runWithRetry, type Pacing, type RetryLimits } from './retry.js';
import { Cred, Credential, Sts } from './sdk.js';
import type { CallStats } from './caller.js';

/** One configured account. Without roleArn, the scan reads the account the credentials belong to. */
export interface AccountConfig {
  name: string;
  /** Known when discovered from a Resource Directory (otherwise read from roleArn, or unknown). */
  accountId?: string;
  /** Listed by Resource Directory discovery rather than configured. */
  discovered?: boolean;
  roleArn?: string;
  roleSessionName?: string;
  externalId?: string;
}

/** For tests and explicit setups: keys given directly instead of the default chain. */
export interface StaticCredential {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
}

export type CredentialInput = Credential | StaticCredential;

function isSdkCredential(c: CredentialInput): c is Credential {
  return typeof (c as Credential).getCredential === 'function';
}

/** Build the base credential: the one given, or a fresh default chain. */
export function baseCredential(input: CredentialInput | undefined): Credential {
  if (input === undefined) return new Credential();
  if (isSdkCredential(input)) return input;
  const config = new Cred.Config({
    type: input.securityToken ? 'sts' : 'access_key',
    accessKeyId: input.accessKeyId,
    accessKeySecret: input.accessKeySecret,
    ...(input.securityToken ? { securityToken: input.securityToken } : {}),
  });
  return new Credential(config);
}

/**
 * Resolve the credential once so a missing one fails early and clearly. Returns the source
 * name (type / provider, e.g. "default/env"), never the secret.
 */
export async function describeCredential(credential: Credential): Promise<string> {
  let model;
  try {
    model = await credential.getCredential();
  } catch (cause) {
    throw new WhoownsError(
      'NO_CREDENTIALS',
      {
        zh: '找不到阿里云凭证。请设置 ALIBABA_CLOUD_ACCESS_KEY_ID 和 ALIBABA_CLOUD_ACCESS_KEY_SECRET,或配置 aliyun CLI(~/.aliyun/config.json)、~/.alibabacloud/credentials、ACK RRSA(OIDC)或 ECS 实例 RAM 角色。',
        en: 'No Alibaba Cloud credentials found. Set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, or configure the aliyun CLI (~/.aliyun/config.json), ~/.alibabacloud/credentials, ACK RRSA (OIDC) or an ECS instance RAM role.',
      },
      cause,
    );
  }
  if (!model.accessKeyId || !model.accessKeySecret) {
    throw new WhoownsError('NO_CREDENTIALS', {
      zh: '阿里云凭证不完整(缺少 AccessKey ID 或 Secret)。请检查凭证配置。',
      en: 'The Alibaba Cloud credentials are incomplete (AccessKey id or secret missing). Check the credential configuration.',
    });
  }
  const provider = model.providerName ?? '';
  const type = model.type ?? credential.getType?.() ?? 'unknown';
  if (provider === '' || provider === type) return type;
  return provider.startsWith(`${type}/`) ? provider : `${type}:${provider}`;
}

interface Session {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken: string;
  expiresAtMs: number;
}

export interface AssumeRoleDeps {
  account: AccountConfig & { roleArn: string };
  /** Clients built on the base credential (only STS is used). */
  baseClients: ClientFactory;
  pool: Pool;
  retry: RetryLimits;
  pacing: Pacing;
  /** Counts the AssumeRole calls into the scan that asked (rebound when a kept session serves the next scan). */
  stats: CallStats;
  now: () => Date;
  baseSource: string;
  /** Session length asked for; refreshed `refreshBeforeMs` before it ends. */
  durationSeconds?: number;
  refreshBeforeMs?: number;
}

const ROLE_SESSION_NAME = /^[\w.@-]{2,64}$/;

/** A credentials provider (the shape @alicloud/credentials accepts) backed by sts:AssumeRole. */
export class AssumeRoleProvider {
  private session: Session | undefined;
  private inflight: Promise<Session> | undefined;
  readonly sessionName: string;

  constructor(private readonly deps: AssumeRoleDeps) {
    const name = deps.account.roleSessionName ?? 'whoowns';
    if (!ROLE_SESSION_NAME.test(name)) {
      throw new WhoownsError('CONFIG_INVALID', {
        zh: `账号 ${deps.account.name} 的 roleSessionName "${name}" 无效:只能包含字母、数字和 . @ - _,长度 2–64。`,
        en: `Account ${deps.account.name}: roleSessionName "${name}" is invalid; use 2-64 letters, digits or . @ - _.`,
      });
    }
    this.sessionName = name;
  }

  getProviderName(): string {
    return `ram_role_arn/${this.deps.baseSource}`;
  }

  /** A kept session serving another scan counts any refresh into that scan. */
  countInto(stats: CallStats): void {
    this.deps.stats = stats;
  }

  async getCredentials(): Promise<{ accessKeyId: string; accessKeySecret: string; securityToken: string; providerName: string }> {
    const nowMs = this.deps.now().getTime();
    const refreshBefore = this.deps.refreshBeforeMs ?? 5 * 60_000;
    if (!this.session || nowMs >= this.session.expiresAtMs - refreshBefore) {
      // Concurrent callers share one AssumeRole call.
      this.inflight ??= this.assume().finally(() => {
        this.inflight = undefined;
      });
      this.session = await this.inflight;
    }
    const s = this.session;
    return { accessKeyId: s.accessKeyId, accessKeySecret: s.accessKeySecret, securityToken: s.securityToken, providerName: this.getProviderName() };
  }

  private async assume(): Promise<Session> {
    const { account, baseClients, pool, retry, pacing, stats } = this.deps;
    const def = ACTIONS['sts:AssumeRole'];
    const client = baseClients.get('sts', undefined);
    const req = new Sts.AssumeRoleRequest({
      roleArn: account.roleArn,
      roleSessionName: this.sessionName,
      durationSeconds: this.deps.durationSeconds ?? 3600,
      ...(account.externalId ? { externalId: account.externalId } : {}),
    });
    let body;
    try {
      body = await runWithRetry(
        pool,
        'sts',
        async () => (await def.invoke(client, req, baseClients.runtime())).body,
        retry,
        pacing,
        { onAttempt: () => void stats.apiCalls++, onRetry: () => void stats.retries++ },
      );
    } catch (e) {
      const f = e instanceof CallFailed ? e.failure : classifyError(e);
      throw new WhoownsError(
        'CLOUD_CALL',
        {
          zh: `账号 ${account.name}:无法扮演角色 ${account.roleArn}(${f.code})。请确认当前身份有 sts:AssumeRole 权限,且该角色的信任策略允许当前账号${account.externalId ? '并匹配 ExternalId' : ''}。`,
          en: `Account ${account.name}: cannot assume role ${account.roleArn} (${f.code}: ${f.message}). Check that the current identity may call sts:AssumeRole and that the role's trust policy trusts it${account.externalId ? ' with this ExternalId' : ''}.`,
        },
        e,
      );
    }
    const c = body?.credentials;
    if (!c?.accessKeyId || !c.accessKeySecret || !c.securityToken) {
      throw new WhoownsError('CLOUD_CALL', {
        zh: `账号 ${account.name}:AssumeRole 的响应里没有临时凭证。`,
        en: `Account ${account.name}: the AssumeRole response carried no temporary credentials.`,
      });
    }
    const parsed = Date.parse(c.expiration ?? '');
    const expiresAtMs = Number.isFinite(parsed) ? parsed : this.deps.now().getTime() + 15 * 60_000;
    return { accessKeyId: c.accessKeyId, accessKeySecret: c.accessKeySecret, securityToken: c.securityToken, expiresAtMs };
  }
}

export function assumedRoleCredential(provider: AssumeRoleProvider): Credential {
  return new Credential(null, provider);
}

/**
 * Assumed-role sessions kept across scans, one per role (and external id and session name): a bot
 * that rescans every member each cycle assumes each role once per session lifetime, refreshed
 * before it ends, instead of once per scan (STS throttles AssumeRole per account). Owned by
 * whatever outlives the scans (the posture backend); a refused role is never kept.
 */
export class RoleSessions {
  private readonly providers = new Map<string, AssumeRoleProvider>();

  provider(deps: AssumeRoleDeps): AssumeRoleProvider {
    const a = deps.account;
    const key = JSON.stringify([a.roleArn, a.externalId ?? '', a.roleSessionName ?? '', deps.baseSource]);
    const kept = this.providers.get(key);
    if (kept) {
      kept.countInto(deps.stats);
      return kept;
    }
    const made = new AssumeRoleProvider(deps);
    this.providers.set(key, made);
    return made;
  }

  /** Drops a role whose session could not be made, so the next scan asks again from scratch. */
  forget(provider: AssumeRoleProvider): void {
    for (const [k, p] of this.providers) if (p === provider) this.providers.delete(k);
  }
}
