import type { Block, Reply } from '../src/chat/message.js';
import { textReply } from '../src/chat/message.js';
import { canAdminister, placeCleared, type AccessPolicy } from '../src/chat/access.js';
import type { ChatContext, Locale } from '../src/chat/types.js';
import { WhoownsError } from '../src/core/errors.js';
import type { RunOutcome } from '../src/digest/runner.js';
import { describeDestination } from '../src/digest/schedule-config.js';
import { noSchedules, type DigestService, type ScheduleStatus } from '../src/digest/service.js';
import { localTime } from '../src/digest/words.js';
import { unknownWordError } from './suggest.js';
import type { CommandSpec } from './types.js';
import { count } from '../src/core/plural.js';

// /digest: status of the scheduled digests, a run now, and (allowed users only) subscribing or
// unsubscribing the channel the command is typed in.

const USAGE = {
  zh: ['/digest status [名称]', '/digest now [名称]', '/digest subscribe [名称]', '/digest unsubscribe [名称]'],
  en: ['/digest status [name]', '/digest now [name]', '/digest subscribe [name]', '/digest unsubscribe [name]'],
};

type Sub = (ctx: ChatContext, name: string | undefined, digests: DigestService, access: AccessPolicy) => Promise<void>;

const SUBS: Record<string, Sub> = {
  async status(ctx, name, d) {
    await ctx.reply(statusReply(await d.status(name), ctx.locale));
  },
  async now(ctx, name, d, access) {
    if (!canAdminister(access, ctx)) throw notAllowed();
    const s = d.find(name);
    const zh = ctx.locale === 'zh';
    await ctx.reply(textReply(zh ? `正在生成摘要 ${s.name}……完成后会发到它的目的地。` : `Running digest ${s.name} now… it goes to its destinations when done.`));
    await ctx.reply(outcomeReply(s.name, await d.runNow(s.name), ctx.locale));
  },
  async subscribe(ctx, name, d, access) {
    if (!canAdminister(access, ctx)) throw notAllowed();
    // The dispatcher lets allowed people ask from any Slack channel (answering privately); a
    // digest is posted for everyone in the channel, so the channel itself must be cleared.
    if (!placeCleared(access, ctx)) throw placeNotCleared();
    const spec = d.placeSpec(ctx.platform, ctx.place);
    const { schedule, added } = await d.subscribe(name, spec, `${ctx.platform}:${ctx.user.id}`);
    const next = (await d.status(schedule.name))[0]?.next;
    const when = next ? localTime(next.toISOString(), schedule.timezone) : '?';
    const zh = ctx.locale === 'zh';
    const text = added
      ? zh
        ? `已订阅:${describeDestination(spec, 'zh')} 将收到摘要 ${schedule.name}。下一次:${when}。`
        : `Subscribed: ${describeDestination(spec, 'en')} will get digest ${schedule.name}. Next one: ${when}.`
      : zh
        ? `这里已经会收到摘要 ${schedule.name}。下一次:${when}。`
        : `This place already gets digest ${schedule.name}. Next one: ${when}.`;
    await ctx.reply(textReply(text));
  },
  async unsubscribe(ctx, name, d, access) {
    if (!canAdminister(access, ctx)) throw notAllowed();
    const { schedule, result } = await d.unsubscribe(name, d.placeSpec(ctx.platform, ctx.place));
    const zh = ctx.locale === 'zh';
    const text = {
      removed: zh ? `已退订:这里不再收到摘要 ${schedule.name}。` : `Unsubscribed: digest ${schedule.name} no longer comes here.`,
      absent: zh ? `这里没有订阅摘要 ${schedule.name}。` : `This place was not subscribed to digest ${schedule.name}.`,
      config: zh
        ? `这里是在配置文件中设置的摘要 ${schedule.name} 的目的地,聊天中无法退订;请管理员修改配置文件。`
        : `This place gets digest ${schedule.name} from the config file, which chat cannot change; ask an administrator to edit it.`,
    }[result];
    await ctx.reply(textReply(text));
  },
};

const WORDS: Record<string, keyof typeof SUBS> = {
  status: 'status',
  状态: 'status',
  now: 'now',
  立即: 'now',
  subscribe: 'subscribe',
  订阅: 'subscribe',
  unsubscribe: 'unsubscribe',
  退订: 'unsubscribe',
};

export const digest: CommandSpec = {
  name: 'digest',
  aliases: ['摘要'],
  access: 'posture',
  summary: { zh: '定时安全摘要:状态、立即生成、订阅本频道', en: 'Scheduled posture digests: status, run now, subscribe this channel' },
  usage: USAGE,
  async run(ctx, text, services) {
    const [word, name, ...rest] = text.split(/\s+/).filter(Boolean);
    const w = (word ?? 'status').toLowerCase();
    if (w === 'help' || w === '帮助') return ctx.reply(textReply(USAGE[ctx.locale].map((u) => `• \`${u}\``).join('\n')));
    const sub = WORDS[w];
    if (!sub || rest.length) {
      throw unknownWordError({ kind: 'subcommand', word: word ?? '', candidates: [...Object.keys(WORDS), 'help', '帮助'], prefix: 'digest', usage: USAGE });
    }
    if (!services.digests || !services.digests.schedules.length) throw noSchedules();
    // The dispatcher has checked the user and the place; changing what a channel receives is
    // for allowed users only (canAdminister), as with mutes.
    await SUBS[sub]!(ctx, name, services.digests, services.access);
  },
};

function placeNotCleared(): WhoownsError {
  return new WhoownsError('NOT_ALLOWED', {
    zh: '这个频道未获准接收安全态势数据,因此不能订阅摘要。请先把它加入 WHOOWNS_POSTURE_CHANNELS(或配置文件的 posture.channels)。',
    en: 'This channel is not cleared for posture data, so it cannot subscribe to digests. Add it to WHOOWNS_POSTURE_CHANNELS (or posture.channels in the config file) first.',
  });
}

function notAllowed(): WhoownsError {
  return new WhoownsError('NOT_ALLOWED', {
    zh: '只有授权人员可以立即生成摘要或更改订阅。',
    en: 'Only authorised people can run a digest now or change subscriptions.',
  });
}

export function statusReply(list: ScheduleStatus[], locale: Locale): Reply {
  const zh = locale === 'zh';
  const blocks: Block[] = [{ type: 'header', text: zh ? '定时安全摘要' : 'Scheduled digests' }];
  for (const st of list) {
    const s = st.schedule;
    const fields = [
      { label: zh ? '计划' : 'Schedule', value: `\`${s.cron}\` (${s.timezone})` },
      { label: zh ? '下一次' : 'Next run', value: st.next ? localTime(st.next.toISOString(), s.timezone) : zh ? '不再运行' : 'never' },
      { label: zh ? '上一次' : 'Last run', value: st.last ? lastRun(st.last, s.timezone, locale) : zh ? '尚未运行' : 'not yet' },
      { label: zh ? '账号' : 'Account', value: s.account },
    ];
    const dests = st.destinations.length
      ? st.destinations.map((d) => `• ${d.label}${d.from === 'chat' ? (zh ? '(聊天中订阅)' : ' (subscribed in chat)') : ''}`).join('\n')
      : zh
        ? '• 没有目的地:在频道里用 /digest subscribe 订阅'
        : '• none yet: use /digest subscribe in a channel';
    blocks.push({ type: 'text', text: `**${s.name}**` }, { type: 'fields', fields }, { type: 'text', text: `${zh ? '目的地' : 'Destinations'}:\n${dests}` });
  }
  return { summary: zh ? `定时摘要:${list.length} 个` : `Scheduled digests: ${list.length}`, blocks };
}

function lastRun(r: NonNullable<ScheduleStatus['last']>, tz: string, locale: Locale): string {
  const zh = locale === 'zh';
  const when = localTime(r.scheduledFor, tz);
  const status: Record<string, { zh: string; en: string }> = {
    sent: { zh: '已发送', en: 'sent' },
    partial: { zh: '部分发送', en: 'partly sent' },
    failed: { zh: '失败', en: 'failed' },
    missed: { zh: '错过(机器人不在线)', en: 'missed (the bot was down)' },
    building: { zh: '进行中', en: 'in progress' },
    sending: { zh: '发送中', en: 'sending' },
  };
  const word = status[r.status]?.[locale] ?? r.status;
  const count = r.total ? ` ${r.sent}/${r.total}` : '';
  const late = r.trigger === 'catch-up' && r.status !== 'missed' ? (zh ? ',补发' : ', late') : r.trigger === 'manual' ? (zh ? ',手动' : ', by hand') : '';
  const err = r.error && r.status !== 'sent' ? ` — ${r.error.slice(0, 160)}` : '';
  return `${when}: ${word}${count}${late}${err}`;
}

export function outcomeReply(name: string, o: RunOutcome, locale: Locale): Reply {
  const zh = locale === 'zh';
  const sent = o.deliveries.filter((d) => d.status === 'sent').length;
  const total = o.deliveries.length;
  switch (o.status) {
    case 'busy':
      return textReply(zh ? `摘要 ${name} 正在生成中,请一分钟后再试。` : `Digest ${name} is already running; try again in a minute.`);
    case 'done-before':
      return textReply(zh ? `摘要 ${name} 这一次已经发送过。` : `Digest ${name} already ran for this slot.`);
    case 'sent':
      return textReply(zh ? `摘要 ${name} 已发送到 ${sent} 个目的地。` : `Digest ${name} was posted to ${sent} of ${count(total, 'destination')}.`);
    default:
      return textReply(
        zh
          ? `摘要 ${name} 只发送到 ${sent}/${total} 个目的地。${o.error?.zh ?? ''}`
          : `Digest ${name} reached ${sent} of ${count(total, 'destination')}. ${o.error?.en ?? ''}`.trim(),
      );
  }
}
