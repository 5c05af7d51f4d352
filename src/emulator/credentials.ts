// The AccessKeys the emulator accepts: the configured ones plus STS credentials it issued through
// AssumeRole, which expire like real ones.

import { randomBytes } from 'node:crypto';
import type { EmulatorCredential } from './types.js';

export interface AssumedSession {
  accountId: string;
  roleName: string;
  sessionName: string;
  roleId: string;
  /** Epoch ms. */
  expiresAt: number;
}

export class CredentialStore {
  private readonly issued = new Map<string, { credential: EmulatorCredential; session: AssumedSession }>();
  private readonly configured: Map<string, EmulatorCredential>;

  constructor(configured: readonly EmulatorCredential[]) {
    this.configured = new Map(configured.map((c) => [c.accessKeyId, c]));
  }

  /** The credential for an AccessKey id; issued ones past their expiry come back marked expired. */
  find(accessKeyId: string, now: number): EmulatorCredential | undefined {
    const issued = this.issued.get(accessKeyId);
    if (issued) return now >= issued.session.expiresAt ? { ...issued.credential, expired: true } : issued.credential;
    return this.configured.get(accessKeyId);
  }

  session(accessKeyId: string): AssumedSession | undefined {
    return this.issued.get(accessKeyId)?.session;
  }

  issue(session: AssumedSession): EmulatorCredential {
    const credential: EmulatorCredential = {
      accessKeyId: `STS.${randomBytes(12).toString('base64url')}`,
      accessKeySecret: randomBytes(24).toString('base64url'),
      securityToken: `CAIS${randomBytes(48).toString('base64url')}`,
    };
    this.issued.set(credential.accessKeyId, { credential, session });
    return credential;
  }
}
