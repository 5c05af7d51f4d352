import type { CustomRobotMessage, GroupMessage } from '../adapters/dingtalk/openapi.js';
import type { PostOptions } from '../adapters/slack/index.js';
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

export interface Destination {
  /** Stable and credential-free (see destinationKey): deliveries are recorded under it. */
  key: string;
  platform: 'slack' | 'dingtalk';
  label: string;
  send(d: RenderedDigest): Promise<void>;
}

export interface Senders {
  slack?: { postMessage(channel: string, reply: Reply, opts?: PostOptions): Promise<void> };
  dingtalk?: { sendGroupMessage(msg: GroupMessage): Promise<unknown> };
  dingtalkWebhook?: (msg: CustomRobotMessage) => Promise<void>;
  /** Where secretEnv names are looked up, at send time only. */
  env: NodeJS.ProcessEnv;
}

/** Thrown when retrying cannot help (a platform that is not configured at all). */
export class PermanentDeliveryError extends WhoownsError {}

export function createDestination(spec: DestinationSpec, senders: Senders, lang: Lang): Destination {
  const base = { key: destinationKey(spec), platform: platformOf(spec), label: describeDestination(spec, lang) };
  switch (spec.kind) {
    case 'slack':
      return {
        ...base,
        async send(d) {
          if (!senders.slack) throw notConfigured('Slack', 'SLACK_BOT_TOKEN (and SLACK_APP_TOKEN or SLACK_SIGNING_SECRET)');
          await senders.slack.postMessage(spec.channel, d.slack, { locale: lang, ...(d.chart ? { image: d.chart } : {}) });
        },
      };
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

function notConfigured(platform: string, vars: string): PermanentDeliveryError {
  return new PermanentDeliveryError('CONFIG_INVALID', {
    zh: `${platform} 未配置,无法发送摘要:请设置 ${vars},或从该摘要计划中去掉这个目的地。`,
    en: `${platform} is not configured, so the digest cannot be sent there: set ${vars}, or remove this destination from the schedule.`,
  });
}
