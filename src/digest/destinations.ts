import type { CustomRobotMessage, GroupMessage } from '../adapters/dingtalk/openapi.js';
import type { DigestLookup, PostOptions } from '../adapters/slack/index.js';
import type { Reply } from '../chat/message.js';
import { WhoownsError } from '../core/errors.js';
import { describeDestination, destinationKey, platformOf, type DestinationSpec } from './schedule-config.js';
import type { Lang } from './words.js';

// Where a digest goes, behind one small interface. The senders are the adapters' proactive
// methods; this module never touches a platform SDK itself.

export interface RenderedDigest {
  slack: Reply;
  dingtalk: Reply;
  /** The trend chart as PNG, when a rasteriser is available. */
  chart?: { filename: string; data: Buffer; title: string };
}

/** Which run a post belongs to: carried in the message (Slack metadata) so a resume can find it. */
export interface PostContext {
  runId: string;
}

/** A message the platform accepted; `ref` is its id there (Slack ts) when it gives one. */
export interface Posted {
  ref?: string;
}

export interface Destination {
  /** Stable and credential-free (see destinationKey): deliveries are recorded under it. */
  key: string;
  platform: 'slack' | 'dingtalk';
  label: string;
  /** Set when this place gets a team's digest rather than the account's. */
  team?: string;
  /** Post the message itself (no chart): one call, so its answer can be recorded at once. */
  send(d: RenderedDigest, ctx: PostContext): Promise<Posted | void>;
  /**
   * Look for this run's message posted since `since` (a crash may have hidden the answer).
   * Absent: the platform cannot tell, and a resume posts again (at-least-once). Throws when the
   * look-up itself fails.
   */
  find?(ctx: PostContext & { since: Date }): Promise<Posted | undefined>;
  /** The trend chart, a separate step after the message; absent where charts are not posted. */
  sendChart?(d: RenderedDigest, posted: Posted): Promise<void>;
  /** Whether the chart `filename` was shared after the posted message (a crash hid the answer); throws when the look-up fails. */
  findChart?(posted: Posted, filename: string): Promise<boolean>;
}

/** The Slack metadata event type of a digest message; its payload carries the run id. */
export const DIGEST_EVENT_TYPE = 'whoowns_digest';

export interface SlackSender {
  postMessage(channel: string, reply: Reply, opts?: PostOptions): Promise<{ ts?: string } | void>;
  findMessage?(channel: string, q: DigestLookup): Promise<{ ts: string } | undefined>;
  uploadImage?(channel: string, image: NonNullable<RenderedDigest['chart']>): Promise<void>;
  findFile?(channel: string, q: { filename: string; afterTs: string }): Promise<boolean>;
}

export interface Senders {
  slack?: SlackSender;
  dingtalk?: { sendGroupMessage(msg: GroupMessage): Promise<unknown> };
  dingtalkWebhook?: (msg: CustomRobotMessage) => Promise<void>;
  /** Where secretEnv names are looked up, at send time only. */
  env: NodeJS.ProcessEnv;
}

/** Thrown when retrying cannot help (a platform that is not configured at all). */
export class PermanentDeliveryError extends WhoownsError {}

export function createDestination(spec: DestinationSpec, senders: Senders, lang: Lang): Destination {
  const base = { key: destinationKey(spec), platform: platformOf(spec), label: describeDestination(spec, lang), ...(spec.team ? { team: spec.team } : {}) };
  switch (spec.kind) {
    case 'slack':
      return slackDestination(base, spec.channel, senders, lang);
    case 'dingtalk':
      return {
        ...base,
        async send(d) {
          if (!senders.dingtalk) throw notConfigured('DingTalk', 'DINGTALK_CLIENT_ID and DINGTALK_CLIENT_SECRET');
          await senders.dingtalk.sendGroupMessage({ openConversationId: spec.openConversationId, robotCode: spec.robotCode, reply: d.dingtalk });
        },
      };
    case 'dingtalk-webhook':
      return {
        ...base,
        async send(d) {
          if (!senders.dingtalkWebhook) throw notConfigured('DingTalk custom robot', 'nothing (this is a bug)');
          const secret = spec.secretEnv ? senders.env[spec.secretEnv] : undefined;
          if (spec.secretEnv && !secret) {
            throw new PermanentDeliveryError('CONFIG_INVALID', {
              zh: `环境变量 ${spec.secretEnv} 未设置:请设为该自定义机器人的加签密钥(SEC…)。`,
              en: `The environment variable ${spec.secretEnv} is not set: set it to the custom robot's signing secret (SEC…).`,
            });
          }
          await senders.dingtalkWebhook({ webhookUrl: spec.url, ...(secret ? { secret } : {}), reply: d.dingtalk });
        },
      };
  }
}

// DingTalk (group send and custom robot) has no look-up of what a robot posted and no
// idempotency key: a crash between its post and our record repeats that one post on resume.

function slackDestination(base: Omit<Destination, 'send'>, channel: string, senders: Senders, lang: Lang): Destination {
  const slack = (): SlackSender => senders.slack ?? throwing(notConfigured('Slack', 'SLACK_BOT_TOKEN (and SLACK_APP_TOKEN or SLACK_SIGNING_SECRET)'));
  // The account's digest and a team's in one channel are two messages of one run: the look-up must tell them apart.
  const tagged = (runId: string) => (base.team ? `${runId}#team:${base.team}` : runId);
  return {
    ...base,
    async send(d, ctx) {
      const r = await slack().postMessage(channel, d.slack, { locale: lang, metadata: { event_type: DIGEST_EVENT_TYPE, event_payload: { run_id: tagged(ctx.runId) } } });
      return r?.ts ? { ref: r.ts } : {};
    },
    async find(ctx) {
      const s = slack();
      if (!s.findMessage) return undefined;
      const hit = await s.findMessage(channel, { eventType: DIGEST_EVENT_TYPE, runId: tagged(ctx.runId), oldest: ctx.since });
      return hit ? { ref: hit.ts } : undefined;
    },
    async sendChart(d) {
      const s = slack();
      if (d.chart && s.uploadImage) await s.uploadImage(channel, d.chart);
    },
    async findChart(posted, filename) {
      const s = slack();
      return !!posted.ref && !!s.findFile && (await s.findFile(channel, { filename, afterTs: posted.ref }));
    },
  };
}

function throwing(e: Error): never {
  throw e;
}

function notConfigured(platform: string, vars: string): PermanentDeliveryError {
  return new PermanentDeliveryError('CONFIG_INVALID', {
    zh: `${platform} 未配置,无法发送摘要:请设置 ${vars},或从该摘要计划中去掉这个目的地。`,
    en: `${platform} is not configured, so the digest cannot be sent there: set ${vars}, or remove this destination from the schedule.`,
  });
}
