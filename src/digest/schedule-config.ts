import { createHash } from 'node:crypto';
import { Cron } from 'croner';
import { z } from 'zod';
import { WhoownsError } from '../core/errors.js';
import { SEVERITIES, type Severity } from '../posture/types.js';
import type { OwnersConfig } from '../config/file.js';
import type { Mentions } from '../chat/message.js';

// The `schedules:` list of the YAML config file (WHOOWNS_CONFIG). Validated once at start-up;
// every problem names the schedule and the field, and says what to write instead.
//
// A custom robot's signing secret never sits in the YAML: the file names an environment
// variable (secretEnv) and the secret is read from it only when a message is sent.

const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/;
const ENV_NAME = /^[A-Z_][A-Z0-9_]{0,127}$/;
export const SLACK_CHANNEL = /^[CGD][A-Z0-9]{2,}$/;

/** A destination with `team:` gets that team's digest (its findings only) instead of the whole account's. */
const teamRef = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'must be a team id declared under owners.teams').optional();
const destinationSchema = z.union([
  z.object({ slack: z.object({ channel: z.string().regex(SLACK_CHANNEL, 'must be a Slack channel id such as C0123456789 (not a #name)') }).strict(), team: teamRef }).strict(),
  z
    .object({
      dingtalk: z
        .object({
          openConversationId: z.string().min(3, 'must be the group\'s openConversationId (cid…)'),
          robotCode: z.string().min(1, 'must be the robot\'s robotCode (usually the app\'s AppKey)'),
        })
        .strict(),
      team: teamRef,
    })
    .strict(),
  z
    .object({
      dingtalkWebhook: z
        .object({
          url: z.string().refine(isWebhookUrl, 'must be the custom robot\'s https webhook address (https://oapi.dingtalk.com/robot/send?access_token=…)'),
          secretEnv: z.string().regex(ENV_NAME, 'must be the NAME of an environment variable holding the signing secret (SEC…), not the secret itself').optional(),
        })
        .strict(),
      team: teamRef,
    })
    .strict(),
]);

export const scheduleSchema = z
  .object({
    name: z.string().regex(NAME, 'use letters, digits, _ and - (at most 40), starting with a letter or digit'),
    cron: z.string().min(1),
    timezone: z.string().min(1, 'is required: an IANA time zone such as Asia/Shanghai'),
    account: z.string().optional(),
    /** One digest across accounts: `all` (configured and discovered) or a list of names/ids. */
    accounts: z.union([z.literal('all'), z.array(z.string().min(1)).min(1)]).optional(),
    lang: z.enum(['zh', 'en']).default('en'),
    scope: z
      .object({
        regions: z.array(z.string().regex(/^[a-z]{2}(-[a-z0-9]+)+$/, 'is not a region id like cn-hangzhou')).min(1).optional(),
        minSeverity: z.enum(SEVERITIES).optional(),
      })
      .strict()
      .default({}),
    destinations: z.array(destinationSchema).default([]),
    maxSnapshotAgeMinutes: z.number().int().min(0).max(1440).default(30),
    graceMinutes: z.number().int().min(0).max(1440).default(60),
    /** Besides its destinations, each team in owners: gets its own digest in its own chat place. */
    perTeam: z.boolean().default(false),
    /** Team digests mention their team (user group, atUserIds) unless the team says mention: false. */
    mention: z.boolean().default(false),
  })
  .strict();

/** `team`: this place gets that team's digest, not the account's. */
export type DestinationSpec = (
  | { kind: 'slack'; channel: string }
  | { kind: 'dingtalk'; openConversationId: string; robotCode: string }
  | { kind: 'dingtalk-webhook'; url: string; secretEnv?: string }
) & { team?: string };

export interface Schedule {
  name: string;
  cron: string;
  timezone: string;
  /** Configured account name (for a schedule across accounts: its label, e.g. "all accounts"). */
  account: string;
  /** Set for a digest across accounts. */
  accounts?: 'all' | string[];
  lang: 'zh' | 'en';
  scope: { regions?: string[]; minSeverity?: Severity };
  destinations: DestinationSpec[];
  /** Reuse a snapshot collected less than this long ago (0 = always scan). */
  maxSnapshotAgeMs: number;
  /** A slot missed while the bot was down still runs if the bot is back within this. */
  graceMs: number;
  /** The teams that get their own digest from this schedule (resolved from owners: at start). */
  teams?: Record<string, TeamDigestSpec>;
}

export interface ScheduleContext {
  /** Names from config.cloud.accounts; the first is the default. */
  accounts: string[];
  /** resourceDirectory is configured: members are only known once listed, so their names are checked when a digest runs. */
  discovery?: boolean;
  env: NodeJS.ProcessEnv;
  /** Listing and dry runs send nothing, so a signing secret that is not set yet is no reason to refuse them. */
  sending?: boolean;
  /** The owners: block: perTeam and team: destinations are resolved against it. */
  owners?: OwnersConfig;
  /** robotCode for team DingTalk groups (the app's AppKey). */
  dingtalkRobotCode?: string;
}

export function parseSchedules(raw: unknown[], ctx: ScheduleContext): Schedule[] {
  const problems: string[] = [];
  const out: Schedule[] = [];
  const seen = new Set<string>();
  raw.forEach((item, i) => {
    const rawName = typeof item === 'object' && item !== null && typeof (item as { name?: unknown }).name === 'string' ? (item as { name: string }).name : undefined;
    const where = rawName ? `schedules[${i}] (${rawName})` : `schedules[${i}]`;
    const parsed = scheduleSchema.safeParse(item);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push(`${where}${issue.path.length ? `.${issue.path.join('.')}` : ''}: ${issue.message}`);
      return;
    }
    const s = parsed.data;
    const before = problems.length;
    if (seen.has(s.name)) problems.push(`${where}.name: another schedule is already called ${s.name}; names must be unique`);
    seen.add(s.name);
    if (!isTimeZone(s.timezone)) problems.push(`${where}.timezone: "${s.timezone}" is not an IANA time zone; write one such as Asia/Shanghai or Europe/Berlin`);
    else {
      const cronProblem = checkCron(s.cron, s.timezone);
      if (cronProblem) problems.push(`${where}.cron: "${s.cron}" ${cronProblem}`);
    }
    const account = s.accounts ? acrossLabel(s.accounts) : (s.account ?? ctx.accounts[0]);
    if (s.accounts && s.account) problems.push(`${where}: set either account or accounts, not both`);
    if (Array.isArray(s.accounts) && !ctx.discovery) {
      for (const n of s.accounts) if (!ctx.accounts.includes(n)) problems.push(`${where}.accounts: no account named ${n} in accounts: (configured: ${ctx.accounts.join(', ') || 'none'})`);
    }
    if (s.accounts) {
      // checked above
    } else if (!account && ctx.discovery) {
      problems.push(`${where}.account: name the account (a member of the Resource Directory): with only resourceDirectory and no accounts: there is no default`);
    } else if (!account || (!ctx.accounts.includes(account) && !ctx.discovery)) {
      problems.push(`${where}.account: no account named ${s.account} in accounts: (configured: ${ctx.accounts.join(', ') || 'none'})`);
    }
    s.destinations.forEach((d, j) => {
      if ((ctx.sending ?? true) && 'dingtalkWebhook' in d && d.dingtalkWebhook.secretEnv && !ctx.env[d.dingtalkWebhook.secretEnv]) {
        problems.push(`${where}.destinations.${j}.dingtalkWebhook.secretEnv: the environment variable ${d.dingtalkWebhook.secretEnv} is not set; set it to the robot's signing secret (SEC…)`);
      }
    });
    const teams = teamDigests(s, where, ctx, problems);
    if (problems.length > before) return;
    out.push({
      name: s.name,
      cron: s.cron,
      timezone: s.timezone,
      account: account!,
      ...(s.accounts ? { accounts: s.accounts } : {}),
      lang: s.lang,
      scope: { ...(s.scope.regions ? { regions: s.scope.regions } : {}), ...(s.scope.minSeverity ? { minSeverity: s.scope.minSeverity } : {}) },
      destinations: [...s.destinations.map(toSpec), ...(teams?.destinations ?? [])],
      maxSnapshotAgeMs: s.maxSnapshotAgeMinutes * 60_000,
      graceMs: s.graceMinutes * 60_000,
      ...(teams ? { teams: teams.specs } : {}),
    });
  });
  if (problems.length) {
    const list = problems.map((p) => `  - ${p}`).join('\n');
    throw new WhoownsError('CONFIG_INVALID', {
      zh: `配置文件中的定时摘要(schedules)有误,请修改后重新启动:\n${list}`,
      en: `The digest schedules in the config file are invalid; fix them and start again:\n${list}`,
    });
  }
  return out;
}

function toSpec(d: z.infer<typeof destinationSchema>): DestinationSpec {
  const team = d.team ? { team: d.team } : {};
  if ('slack' in d) return { kind: 'slack', channel: d.slack.channel, ...team };
  if ('dingtalk' in d) return { kind: 'dingtalk', openConversationId: d.dingtalk.openConversationId, robotCode: d.dingtalk.robotCode, ...team };
  const spec: DestinationSpec = { kind: 'dingtalk-webhook', url: d.dingtalkWebhook.url, ...team };
  if (d.dingtalkWebhook.secretEnv) spec.secretEnv = d.dingtalkWebhook.secretEnv;
  return spec;
}

/** A stable id for a destination that never contains a credential (webhook URLs carry a token). */
export function destinationKey(d: DestinationSpec): string {
  // A team's digest and the account's to the same place are two deliveries, each exactly once.
  return d.team ? `team:${d.team}:${placeKey(d)}` : placeKey(d);
}

function placeKey(d: DestinationSpec): string {
  switch (d.kind) {
    case 'slack':
      return `slack:${d.channel}`;
    case 'dingtalk':
      return `dingtalk:${d.openConversationId}`;
    case 'dingtalk-webhook':
      return `dingtalk-webhook:${createHash('sha256').update(d.url).digest('hex').slice(0, 12)}`;
  }
}

/** How a destination is named to people: never the webhook token. */
export function describeDestination(d: DestinationSpec, lang: 'zh' | 'en'): string {
  const place = describePlace(d, lang);
  if (!d.team) return place;
  return lang === 'zh' ? `${place}(团队 ${d.team} 的摘要)` : `${place} (team ${d.team}'s digest)`;
}

function describePlace(d: DestinationSpec, lang: 'zh' | 'en'): string {
  const zh = lang === 'zh';
  switch (d.kind) {
    case 'slack':
      return zh ? `Slack 频道 ${d.channel}` : `Slack channel ${d.channel}`;
    case 'dingtalk':
      return zh ? `钉钉群 ${d.openConversationId}` : `DingTalk group ${d.openConversationId}`;
    case 'dingtalk-webhook': {
      const id = placeKey(d).split(':')[1];
      return zh ? `钉钉自定义机器人 ${id}` : `DingTalk custom robot ${id}`;
    }
  }
}

export function platformOf(d: DestinationSpec): 'slack' | 'dingtalk' {
  return d.kind === 'slack' ? 'slack' : 'dingtalk';
}

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** A paused croner job: used only to compute run times, never to run anything. */
export function cronFor(s: Pick<Schedule, 'cron' | 'timezone'>): Cron {
  return new Cron(s.cron, { timezone: s.timezone, paused: true, mode: '5-part' });
}

function checkCron(cron: string, timezone: string): string | undefined {
  try {
    const next = cronFor({ cron, timezone }).nextRun(new Date());
    if (!next) return 'never runs; check the day and month fields';
    return undefined;
  } catch (e) {
    const msg = e instanceof Error ? e.message.replace(/^CronPattern: /, '') : String(e);
    return `is not a five-field cron expression (minute hour day-of-month month day-of-week, e.g. "0 9 * * 1-5"): ${msg}`;
  }
}

function isWebhookUrl(v: string): boolean {
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    return false;
  }
  // Plain http only for a local stand-in (tests, a local relay).
  return u.protocol === 'https:' || (u.protocol === 'http:' && (u.hostname === '127.0.0.1' || u.hostname === 'localhost'));
}

/** The name a digest across accounts goes by (in its messages and its scan history). */
export function acrossLabel(accounts: 'all' | string[]): string {
  return accounts === 'all' ? 'all accounts' : accounts.join(', ');
}

// ── team digests (issue #15) ───────────────────────────────────────────────────────────────
// perTeam: true sends each team in owners: its own digest in its own chat place (owners.teams.<id>
// .slack.channel, .dingtalk.conversationId); a destination with team: <id> does the same for one
// team at a place the schedule names. Resolved here, once, so the rest of the digest machinery
// sees ordinary destinations (keyed team:<id>:…, so each is delivered exactly once per slot).

export interface TeamDigestSpec {
  name: { zh: string; en: string };
  /** Set only where the config allows mentions (team mention: true, or the schedule's and not false). */
  mention?: Mentions;
}

function teamDigests(
  s: z.infer<typeof scheduleSchema>,
  where: string,
  ctx: ScheduleContext,
  problems: string[],
): { specs: Record<string, TeamDigestSpec>; destinations: DestinationSpec[] } | undefined {
  const named = s.destinations.map((d, j) => ({ team: d.team, j })).filter((x): x is { team: string; j: number } => !!x.team);
  if (!s.perTeam && !named.length) return undefined;
  const owners = ctx.owners;
  if (!owners) {
    problems.push(`${where}: perTeam and team: destinations need an owners: block (teams and their rules) in the config file`);
    return undefined;
  }
  for (const { team, j } of named) {
    if (!Object.hasOwn(owners.teams, team)) problems.push(`${where}.destinations.${j}.team: team "${team}" is not declared under owners.teams (declared: ${Object.keys(owners.teams).join(', ')})`);
  }
  const destinations: DestinationSpec[] = [];
  if (s.perTeam) {
    for (const [id, t] of Object.entries(owners.teams)) {
      if (t.slack?.channel !== undefined) {
        if (SLACK_CHANNEL.test(t.slack.channel)) destinations.push({ kind: 'slack', channel: t.slack.channel, team: id });
        else problems.push(`${where}.perTeam: owners.teams.${id}.slack.channel "${t.slack.channel}" must be a Slack channel id such as C0123456789 (not a #name)`);
      }
      // robotCode '' when DingTalk is not configured: the bot refuses that at start (checkPlatforms).
      if (t.dingtalk?.conversationId) destinations.push({ kind: 'dingtalk', openConversationId: t.dingtalk.conversationId, robotCode: ctx.dingtalkRobotCode ?? '', team: id });
    }
    if (!destinations.length) problems.push(`${where}.perTeam: no team under owners.teams has a chat place; give a team slack: { channel: C… } or dingtalk: { conversationId: cid… }`);
  }
  const ids = new Set([...named.map((n) => n.team), ...destinations.map((d) => d.team!)].filter((t) => Object.hasOwn(owners.teams, t)));
  const specs: Record<string, TeamDigestSpec> = {};
  for (const id of ids) {
    const t = owners.teams[id]!;
    const spec: TeamDigestSpec = { name: t.name };
    const mention = mentionsOf(t);
    if ((t.mention ?? s.mention) && mention) spec.mention = mention;
    specs[id] = spec;
  }
  return { specs, destinations };
}

function mentionsOf(t: OwnersConfig['teams'][string]): Mentions | undefined {
  const m: Mentions = {};
  if (t.slack?.usergroup) m.slackUsergroups = [t.slack.usergroup];
  if (t.dingtalk?.atUserIds) m.atUserIds = t.dingtalk.atUserIds;
  if (t.dingtalk?.atMobiles) m.atMobiles = t.dingtalk.atMobiles;
  return Object.keys(m).length ? m : undefined;
}
// ── end team digests ───────────────────────────────────────────────────────────────────────
