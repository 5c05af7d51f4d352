import { createHmac } from 'node:crypto';
import type { Reply } from '../../chat/message.js';
import { WhoownsError } from '../../core/errors.js';
import { excerpt, postJson, type FetchLike, type JsonResult } from './http.js';
import { atTargets, toDingTalkMarkdown } from './render.js';

// Proactive messages (scheduled digests): the robot's group-send OpenAPI with an app access
// token, or a custom group robot webhook signed with its secret. Nothing here is stream mode.

export const DINGTALK_API = 'https://api.dingtalk.com';
/** Refresh the token this long before DingTalk says it expires. */
const TOKEN_MARGIN_MS = 5 * 60_000;

export interface OpenApiOptions {
  clientId: string;
  clientSecret: string;
  /** Tests point this at a local server. */
  apiBaseUrl?: string;
  fetch?: FetchLike;
  now?: () => number;
}

export interface GroupMessage {
  openConversationId: string;
  robotCode: string;
  reply: Reply;
}

export interface DingTalkOpenApi {
  sendGroupMessage(msg: GroupMessage): Promise<{ processQueryKey?: string }>;
}

export function createOpenApi(opts: OpenApiOptions): DingTalkOpenApi {
  const base = (opts.apiBaseUrl ?? DINGTALK_API).replace(/\/+$/, '');
  const fetchImpl = opts.fetch ?? fetch;
  const now = opts.now ?? Date.now;
  let cached: { token: string; until: number } | undefined;
  let pending: Promise<string> | undefined;

  async function fetchToken(): Promise<string> {
    const r = await postJson(fetchImpl, `${base}/v1.0/oauth2/accessToken`, { appKey: opts.clientId, appSecret: opts.clientSecret });
    const token = r.body.accessToken;
    if (!r.reached) throw unreachable(r);
    if (r.status !== 200 || typeof token !== 'string' || !token) {
      throw new WhoownsError('CONFIG_INVALID', {
        zh: `钉钉拒绝了应用凭据(HTTP ${r.status} ${excerpt(r.body.code)}):请检查 DINGTALK_CLIENT_ID 和 DINGTALK_CLIENT_SECRET(应用的 AppKey 和 AppSecret)。`,
        en: `DingTalk refused the app credentials (HTTP ${r.status} ${excerpt(r.body.code)}): check DINGTALK_CLIENT_ID and DINGTALK_CLIENT_SECRET (the app's AppKey and AppSecret).`,
      });
    }
    const expireIn = typeof r.body.expireIn === 'number' ? r.body.expireIn : 7200;
    cached = { token, until: now() + expireIn * 1000 - TOKEN_MARGIN_MS };
    return token;
  }

  async function token(): Promise<string> {
    if (cached && now() < cached.until) return cached.token;
    // One request for everybody waiting, not one per digest.
    pending ??= fetchToken().finally(() => (pending = undefined));
    return pending;
  }

  return {
    async sendGroupMessage({ openConversationId, robotCode, reply }) {
      const md = toDingTalkMarkdown(reply);
      const r = await postJson(
        fetchImpl,
        `${base}/v1.0/robot/groupMessages/send`,
        { robotCode, openConversationId, msgKey: 'sampleMarkdown', msgParam: JSON.stringify({ title: md.title, text: md.text }) },
        { headers: { 'x-acs-dingtalk-access-token': await token() } },
      );
      if (!r.reached) throw unreachable(r);
      if (r.status === 401 || r.status === 403) cached = undefined;
      if (r.status !== 200) {
        const what = `HTTP ${r.status} ${excerpt(r.body.code)} ${excerpt(r.body.message)}`.trim();
        throw new WhoownsError('CONFIG_INVALID', {
          zh: `钉钉群消息发送失败(${what}):请确认机器人已加入该群,robotCode 和 openConversationId 正确,并且应用有"企业内机器人发送消息"权限。`,
          en: `DingTalk did not accept the group message (${what}): check that the robot is in the group, robotCode and openConversationId are right, and the app has the robot send-message permission.`,
        });
      }
      return { processQueryKey: typeof r.body.processQueryKey === 'string' ? r.body.processQueryKey : undefined };
    },
  };
}

export interface CustomRobotMessage {
  /** https://oapi.dingtalk.com/robot/send?access_token=… — a credential: never logged. */
  webhookUrl: string;
  /** The robot's "加签" secret (SEC…); without it the robot must use keyword or IP security. */
  secret?: string;
  reply: Reply;
}

/** sign = urlencode(base64(HMAC-SHA256(secret, timestamp + "\n" + secret))). */
export function customRobotSign(secret: string, timestampMs: number): string {
  const mac = createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
  return encodeURIComponent(mac);
}

export async function sendCustomRobot(msg: CustomRobotMessage, deps: { fetch?: FetchLike; now?: () => number } = {}): Promise<void> {
  let url: URL;
  try {
    url = new URL(msg.webhookUrl);
  } catch {
    throw new WhoownsError('CONFIG_INVALID', {
      zh: '钉钉自定义机器人的 Webhook 地址无效:请从群设置 → 机器人 → 自定义机器人复制完整地址。',
      en: 'The DingTalk custom robot webhook is not a valid URL: copy the whole address from group settings → robots → custom robot.',
    });
  }
  let target = url.toString();
  if (msg.secret) {
    const ts = (deps.now ?? Date.now)();
    // Appended by hand: URLSearchParams would re-encode the already-encoded signature.
    target += `${url.search ? '&' : '?'}timestamp=${ts}&sign=${customRobotSign(msg.secret, ts)}`;
  }
  const md = toDingTalkMarkdown(msg.reply);
  const at = atTargets(msg.reply);
  const mentions = at.atUserIds.length || at.atMobiles.length ? { at: { ...at, isAtAll: false } } : {};
  const r = await postJson(deps.fetch ?? fetch, target, { msgtype: 'markdown', markdown: { title: md.title, text: md.text }, ...mentions });
  if (!r.reached) throw unreachable(r);
  const errcode = r.body.errcode;
  if (r.status !== 200 || (errcode !== undefined && errcode !== 0)) {
    const what = `HTTP ${r.status} errcode ${excerpt(errcode)} ${excerpt(r.body.errmsg)}`.trim();
    throw new WhoownsError('CONFIG_INVALID', {
      zh: `钉钉自定义机器人拒绝了消息(${what}):请检查 Webhook 地址、加签密钥,以及机器人的关键词/IP 安全设置。`,
      en: `The DingTalk custom robot refused the message (${what}): check the webhook address, the signing secret and the robot's keyword/IP security settings.`,
    });
  }
}

function unreachable(r: JsonResult): WhoownsError {
  return new WhoownsError('ENDPOINT_UNREACHABLE', {
    zh: `无法连接钉钉(${r.failure}):请检查网络、代理和防火墙是否允许访问 api.dingtalk.com / oapi.dingtalk.com。`,
    en: `Could not reach DingTalk (${r.failure}): check that the network, proxy and firewall allow api.dingtalk.com / oapi.dingtalk.com.`,
  });
}
