import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Reply } from '../chat/message.js';
import type { Config } from '../config/config.js';
import { WhoownsError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { PostureSource } from '../posture/service.js';
import type { Db } from '../store/db.js';
import { DigestStore } from '../store/digests.js';
import { HistoryStore } from '../store/history.js';
import { systemClock, type Clock } from './clock.js';
import { createDestination, type Destination, type Senders } from './destinations.js';
import { loadRasterizer, type SvgToPng } from './png.js';
import { type DigestDeps } from './runner.js';
import { createScanSource, postableTo, type ScanFn } from './scan-source.js';
import { DigestScheduler, type SchedulerOptions } from './scheduler.js';
import { destinationKey, parseSchedules, type DestinationSpec, type Schedule } from './schedule-config.js';
import { DigestService } from './service.js';

// Scheduled posture digests: the pieces put together. app.ts prepares them before the chat
// adapters start and starts the scheduler after; the CLI builds the same system without timers.

export { buildDigest, type BuildOptions } from './build.js';
export { renderDingTalkDigest, renderSlackDigest } from './render.js';
export { parseSchedules, destinationKey, describeDestination, type Schedule, type DestinationSpec } from './schedule-config.js';
export { runDigest, buildMessage, renderPayload, runIdFor, type RunOutcome, type RunRequest, type DigestDeps } from './runner.js';
export { DigestScheduler } from './scheduler.js';
export { DigestService, type ScheduleStatus } from './service.js';
export { createDestination, type Destination, type Senders, type RenderedDigest } from './destinations.js';
export { trendSvg } from './chart.js';
export { loadRasterizer, type SvgToPng } from './png.js';
export { systemClock, type Clock } from './clock.js';
export type { DigestMessage, DigestState, DigestItem } from './types.js';

export interface DigestSystemOptions {
  schedules: Schedule[];
  db: Db;
  scan: ScanFn;
  senders: Senders;
  log: Logger;
  clock?: Clock;
  holder?: string;
  rasterize?: SvgToPng;
  dingtalkRobotCode?: string;
  /** Applied to every reply before it is posted (the app's secret redaction). */
  redact?: (reply: Reply) => Reply;
  /** accountAccess: may this schedule's digest be posted there? Absent: everywhere. */
  mayPost?: (s: Schedule, d: DestinationSpec) => boolean;
}

export interface DigestSystem {
  service: DigestService;
  scheduler: DigestScheduler;
  deps: DigestDeps;
}

export function createDigestSystem(o: DigestSystemOptions): DigestSystem {
  const clock = o.clock ?? systemClock;
  const store = new DigestStore(o.db);
  let service: DigestService | undefined;
  const deps: DigestDeps = {
    store,
    history: new HistoryStore(o.db),
    scan: o.scan,
    destinations: async (s) => postable(s, await service!.destinationSpecs(s), o.mayPost, o.log).map((d) => redacting(createDestination(d, o.senders, s.lang), o.redact)),
    clock,
    log: o.log.child({ component: 'digest' }),
    holder: o.holder ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    ...(o.rasterize ? { rasterize: o.rasterize } : {}),
  };
  const scheduler = new DigestScheduler({ schedules: o.schedules, deps });
  service = new DigestService({
    schedules: o.schedules,
    store,
    clock,
    runNow: (name) => scheduler.runNow(name),
    ...(o.dingtalkRobotCode ? { dingtalkRobotCode: o.dingtalkRobotCode } : {}),
  });
  return { service, scheduler, deps };
}

function postable(s: Schedule, specs: DestinationSpec[], mayPost: DigestSystemOptions['mayPost'], log: Logger): DestinationSpec[] {
  if (!mayPost) return specs;
  const kept = specs.filter((d) => mayPost(s, d));
  if (kept.length < specs.length) log.warn({ digest: s.name, leftOut: specs.filter((d) => !kept.includes(d)).map(destinationKey) }, 'digest not posted where its account may not be seen (accountAccess)');
  return kept;
}

function redacting(d: Destination, redact: ((r: Reply) => Reply) | undefined): Destination {
  if (!redact) return d;
  return { ...d, send: (r, ctx) => d.send({ ...r, slack: redact(r.slack), dingtalk: redact(r.dingtalk) }, ctx) };
}

/** The schedules in the config, validated (throws CONFIG_INVALID naming schedule and field). */
export function schedulesFromConfig(config: Config, env: NodeJS.ProcessEnv, opts: { sending?: boolean } = {}): Schedule[] {
  return parseSchedules(config.schedules, {
    accounts: config.cloud.accounts.map((a) => a.name),
    discovery: config.cloud.resourceDirectory !== undefined,
    env,
    ...opts,
    ...(config.owners ? { owners: config.owners } : {}),
    ...(config.dingtalk ? { dingtalkRobotCode: config.dingtalk.clientId } : {}),
  });
}

export interface PrepareDigestsOptions {
  config: Config;
  env: NodeJS.ProcessEnv;
  db: Db;
  /** The one posture source: digests scan through it (its cache, its mutes). */
  posture: Pick<PostureSource, 'scoped' | 'scopedAcross' | 'accounts'>;
  log: Logger;
  clock?: Clock;
  /** False for commands that only read the schedules (their sending secrets need not be set). */
  sending?: boolean;
  /** The bot refuses destinations on platforms it is not connected to; a one-off CLI run does not. */
  checkPlatforms?: boolean;
  /** Applied to every reply before it is posted (the app's secret redaction). */
  redact?: (reply: Reply) => Reply;
  /** How messages leave (the DingTalk senders; Slack's is handed over in start()): built by the wiring. */
  senders: Senders;
}

export interface PreparedDigests {
  schedules: Schedule[];
  service: DigestService;
  /** What a run uses (store, history, scan source, destinations, clock): a dry run builds from these. */
  deps: DigestDeps;
  /** Once the chat adapters are up: hand over the Slack sender and (when `schedule`) arm the timers. */
  start(o: { slack?: Senders['slack']; schedule: boolean; dispatch?: SchedulerOptions['dispatch'] }): void;
  stop(): Promise<void>;
}

/**
 * Validate the schedules (throws CONFIG_INVALID naming schedule and field, before any adapter
 * starts) and build the digest system. Its service can go into the chat Services at once.
 */
export async function prepareDigests(o: PrepareDigestsOptions): Promise<PreparedDigests> {
  const schedules = schedulesFromConfig(o.config, o.env, { sending: o.sending ?? true });
  if ((o.checkPlatforms ?? true) && (o.config.slack || o.config.dingtalk)) checkPlatforms(schedules, { slack: !!o.config.slack, dingtalk: !!o.config.dingtalk });
  // resvg is a native module: loaded at the first chart, not by every command that builds the core.
  let loading: Promise<SvgToPng | undefined> | undefined;
  const rasterize: SvgToPng = async (svg) => {
    const r = await (loading ??= loadRasterizer());
    if (!r) throw new Error('@resvg/resvg-js could not be loaded: the digest is posted without its chart');
    return r(svg);
  };
  const senders = o.senders;
  const rules = o.config.access.accounts;
  let places: (s: Schedule) => Promise<DestinationSpec[]> = async () => [];
  const system = createDigestSystem({
    schedules,
    db: o.db,
    scan: createScanSource(o.posture, { ...(rules ? { rules } : {}), places: (s) => places(s) }),
    ...(rules ? { mayPost: (s: Schedule, d: DestinationSpec) => postableTo(rules, o.posture.accounts, s, d) } : {}),
    senders,
    log: o.log,
    ...(o.clock ? { clock: o.clock } : {}),
    rasterize,
    ...(o.config.dingtalk ? { dingtalkRobotCode: o.config.dingtalk.clientId } : {}),
    ...(o.redact ? { redact: o.redact } : {}),
  });
  places = (s) => system.service.destinationSpecs(s);
  return {
    schedules,
    service: system.service,
    deps: system.deps,
    start({ slack, schedule, dispatch }) {
      if (slack) senders.slack = slack;
      if (!schedule || !schedules.length) return;
      if (dispatch) system.scheduler.dispatchTo(dispatch);
      system.scheduler.start();
      o.log.info(
        { schedules: schedules.map((s) => ({ name: s.name, next: system.scheduler.next(s.name)?.toISOString() })) },
        'digest scheduler started',
      );
    },
    stop: () => system.scheduler.stop(),
  };
}

/** A destination on a platform the bot is not connected to would fail every morning: say so now. */
export function checkPlatforms(schedules: Schedule[], have: { slack: boolean; dingtalk: boolean }): void {
  const problems: string[] = [];
  schedules.forEach((s, i) =>
    s.destinations.forEach((d, j) => {
      if (d.kind === 'slack' && !have.slack) problems.push(`schedules[${i}] (${s.name}).destinations.${j}: a Slack channel, but Slack is not configured (SLACK_BOT_TOKEN)`);
      if (d.kind === 'dingtalk' && !have.dingtalk) {
        problems.push(`schedules[${i}] (${s.name}).destinations.${j}: a DingTalk group, but the DingTalk robot is not configured (DINGTALK_CLIENT_ID, DINGTALK_CLIENT_SECRET)`);
      }
    }),
  );
  if (!problems.length) return;
  const list = problems.map((p) => `  - ${p}`).join('\n');
  throw new WhoownsError('CONFIG_INVALID', {
    zh: `定时摘要的目的地所在平台未配置,请补全配置或去掉这些目的地:\n${list}`,
    en: `Some digest destinations are on platforms the bot is not connected to; configure them or remove the destinations:\n${list}`,
  });
}
