import type { OwnersConfig } from '../../src/config/file.js';
import { COMMANDS, createDispatch, type Services } from '../../commands/index.js';
import type { Reply } from '../../src/chat/message.js';
import { createRateLimiter } from '../../src/chat/rate-limit.js';
import type { ChatContext, ChatRequest, Locale, Platform } from '../../src/chat/types.js';
import type { Snapshot } from '../../src/cloud/snapshot.js';
import { silentLogger } from '../../src/core/logger.js';
import { defaultEngine } from '../builders/engine.js';
import { buildPostureSource } from '../builders/posture.js';
import { buildSnapshot, NOW } from '../builders/snapshot.js';

/** A plain fake chat context that records replies. */
export function fakeContext(o: { locale?: Locale; platform?: Platform; user?: string; place?: string; kind?: 'direct' | 'group' } = {}) {
  const replies: Reply[] = [];
  const platform = o.platform ?? 'slack';
  const ctx: ChatContext = {
    platform,
    user: { platform, id: o.user ?? 'U_ADMIN' },
    place: { id: o.place ?? 'D1', kind: o.kind ?? 'direct' },
    locale: o.locale ?? 'en',
    log: silentLogger(),
    reply: async (r) => void replies.push(r),
  };
  return { ctx, replies, text: () => replies.map(replyText).join('\n---\n') };
}

export function replyText(r: Reply): string {
  return r.blocks
    .map((b) => {
      switch (b.type) {
        case 'header':
        case 'text':
        case 'context':
          return b.text;
        case 'fields':
          return b.fields.map((f) => `${f.label}: ${f.value}`).join('\n');
        case 'actions':
          return b.buttons.map((x) => `[${x.label}→${x.command}]`).join(' ');
        case 'divider':
          return '---';
      }
    })
    .join('\n');
}

export interface Harness {
  services: Services;
  dispatch: (req: ChatRequest, ctx: ChatContext) => Promise<void>;
  clock: { now: Date };
  collects: { count: number };
}

/** Real commands, real posture service and checks, over a builder snapshot and an in-memory DB. */
export function harness(o: { snapshot?: Snapshot; users?: string[]; channels?: string[]; burst?: number; owners?: OwnersConfig } = {}): Harness {
  const clock = { now: NOW };
  const collects = { count: 0 };
  const snapshot = o.snapshot ?? buildSnapshot();
  const posture = buildPostureSource({
    collect: async () => {
      collects.count++;
      return snapshot;
    },
    now: () => clock.now,
    ...(o.owners ? { owners: o.owners } : {}),
  });
  const services: Services = {
    qa: defaultEngine(),
    posture,
    access: { postureUsers: o.users ?? ['U_ADMIN'], postureChannels: o.channels ?? ['C_SEC'], adminContact: 'secops@example.com' },
    limiter: createRateLimiter({ perMinute: 30, burst: o.burst ?? 100, now: () => clock.now.getTime() }),
    ...(o.owners ? { owners: o.owners } : {}),
  };
  return { services, dispatch: createDispatch(() => COMMANDS, services), clock, collects };
}
