import { toDingTalkMarkdown } from '../adapters/dingtalk/render.js';
import { createSlackAdapter } from '../adapters/slack/index.js';
import { toBlockKit } from '../adapters/slack/render.js';
import { WhoownsError } from '../core/errors.js';
import { buildMessage, renderPayload } from '../digest/runner.js';
import { describeDestination, platformOf, type Schedule } from '../digest/schedule-config.js';
import { localTime, type Lang } from '../digest/words.js';
import { withCore } from './cloud-commands.js';
import { alignColumns } from '../core/text-width.js';
import type { CliIo } from './io.js';
import { uiLang } from './io.js';

// `whoowns digest` (declared in ./declare/digest.ts): list the schedules, or run one by hand (--now),
// optionally as a dry run that prints what each platform would get and records nothing.

export interface DigestCliOptions {
  list?: boolean;
  schedule?: string;
  now?: boolean;
  dryRun?: boolean;
  demo?: boolean;
  lang?: Lang;
}

export async function runDigest(opts: DigestCliOptions, io: CliIo): Promise<number> {
  const lang = opts.lang ?? uiLang(io.env);
  if (opts.list) return listSchedules(io, lang);
  if (!opts.now) {
    throw new WhoownsError('USAGE', {
      zh: '请使用 --list 查看摘要计划,或 --schedule 名称 --now [--dry-run] 立即生成一次。',
      en: 'Use --list to see the schedules, or --schedule NAME --now [--dry-run] to run one now.',
    });
  }
  return opts.dryRun ? dryRun(io, opts, lang) : runNow(io, opts, lang);
}

function pick(schedules: Schedule[], name: string | undefined): Schedule {
  if (!schedules.length) {
    throw new WhoownsError('USAGE', {
      zh: '没有配置定时摘要:请在配置文件(WHOOWNS_CONFIG)中添加 schedules:。',
      en: 'No digest schedules are configured: add schedules: to the config file (WHOOWNS_CONFIG).',
    });
  }
  const names = schedules.map((s) => s.name).join(', ');
  if (!name) {
    if (schedules.length === 1) return schedules[0]!;
    throw new WhoownsError('USAGE', { zh: `请用 --schedule 指定一个摘要计划:${names}。`, en: `Name a schedule with --schedule: ${names}.` });
  }
  const found = schedules.find((s) => s.name === name);
  if (!found) throw new WhoownsError('USAGE', { zh: `没有名为 ${name} 的摘要计划;已配置:${names}。`, en: `No schedule named ${name}; configured: ${names}.` });
  return found;
}

function listSchedules(io: CliIo, lang: Lang): Promise<number> {
  // Only the schedules and the state: no credentials needed, and nothing reads the cloud.
  return withCore(io, { demo: true }, async ({ digests }) => {
    const zh = lang === 'zh';
    if (!digests.schedules.length) {
      io.out(zh ? '没有配置定时摘要(在 WHOOWNS_CONFIG 指向的文件中添加 schedules:)。\n' : 'No digest schedules configured (add schedules: to the WHOOWNS_CONFIG file).\n');
      return 0;
    }
    for (const st of await digests.service.status()) {
      const s = st.schedule;
      io.out(`${s.name}\n`);
      const rows: [string, string][] = [
        [zh ? '计划' : 'cron', `${s.cron} (${s.timezone})`],
        [zh ? '账号' : 'account', s.account],
        [zh ? '下一次' : 'next run', st.next ? `${localTime(st.next.toISOString(), s.timezone)} = ${st.next.toISOString()}` : zh ? '不再运行' : 'never'],
        [zh ? '上一次' : 'last run', st.last ? `${localTime(st.last.scheduledFor, s.timezone)} ${st.last.status}${st.last.total ? ` ${st.last.sent}/${st.last.total}` : ''}` : zh ? '尚未运行' : 'not yet'],
      ];
      const dests = st.destinations.map((d) => `${d.label}${d.from === 'chat' ? (zh ? '(聊天订阅)' : ' (chat)') : ''}`);
      rows.push([zh ? '目的地' : 'destinations', dests.length ? dests.join(', ') : zh ? '无' : 'none']);
      for (const l of alignColumns(rows)) io.out(`  ${l}\n`);
    }
    return 0;
  });
}

async function dryRun(io: CliIo, opts: DigestCliOptions, lang: Lang): Promise<number> {
  return withCore(io, opts, async ({ digests, clock }, _config, log) => {
    const schedule = pick(digests.schedules, opts.schedule);
    const now = clock.now();
    const { message } = await buildMessage(schedule, { trigger: 'manual', scheduledFor: now }, digests.deps, now, { record: false, log });
    const rendered = await renderPayload({ kind: 'digest', lang: schedule.lang, message }, undefined, log);
    const specs = await digests.service.destinationSpecs(schedule);
    const platforms = new Set(specs.map(platformOf));
    const zh = lang === 'zh';
    io.out(zh ? `摘要 ${schedule.name}(试运行:不会发送或记录任何内容)\n` : `Digest ${schedule.name} (dry run: nothing is posted or recorded)\n`);
    io.out(`${zh ? '目的地' : 'Destinations'}: ${specs.length ? specs.map((d) => describeDestination(d, lang)).join(', ') : zh ? '无' : 'none'}\n`);
    if (!platforms.size || platforms.has('slack')) {
      io.out(`\n--- Slack (Block Kit) ---\n${JSON.stringify(toBlockKit(rendered.slack, { locale: schedule.lang }), null, 2)}\n`);
    }
    if (!platforms.size || platforms.has('dingtalk')) {
      const md = toDingTalkMarkdown(rendered.dingtalk);
      io.out(`\n--- DingTalk (markdown) ---\n# ${md.title}\n${md.text}\n`);
    }
    return 0;
  });
}

async function runNow(io: CliIo, opts: DigestCliOptions, lang: Lang): Promise<number> {
  return withCore(
    io,
    opts,
    async ({ digests }, config, log) => {
      const schedule = pick(digests.schedules, opts.schedule);
      // Not started: only its Web API client is used, to post. Posts pass the core's redaction, as the bot's do.
      const slack = config.slack ? createSlackAdapter({ ...config.slack, port: 0, dispatch: async () => undefined, log, defaultLocale: schedule.lang }) : undefined;
      digests.start({ slack, schedule: false });
      const out = await digests.service.runNow(schedule.name);
      const zh = lang === 'zh';
      if (out.status === 'busy') {
        io.err(zh ? `摘要 ${schedule.name} 正在另一处运行(机器人或另一条命令),请稍后再试。\n` : `Digest ${schedule.name} is running elsewhere (the bot or another command); try again shortly.\n`);
        return 3;
      }
      io.out(`${zh ? '摘要' : 'Digest'} ${schedule.name}: ${out.status} (${out.runId})\n`);
      for (const d of out.deliveries) io.out(`  ${d.destination.padEnd(32)} ${d.status}${d.attempts > 1 ? ` after ${d.attempts} attempts` : ''}${d.lastError && d.status !== 'sent' ? ` — ${d.lastError}` : ''}\n`);
      if (out.error) io.out(`${out.error[lang]}\n`);
      return out.status === 'sent' ? 0 : 1;
    },
    { store: 'write', sending: true },
  );
}
