import type { ChatPlace, Platform } from '../chat/types.js';
import { echo } from '../core/echo.js';
import { WhoownsError } from '../core/errors.js';
import type { DigestStore, RunRecord } from '../store/digests.js';
import type { Clock } from './clock.js';
import type { RunOutcome } from './runner.js';
import { cronFor, describeDestination, destinationKey, type DestinationSpec, type Schedule } from './schedule-config.js';
import type { Lang } from './words.js';

// What chat and the CLI ask of digests: status, a run now, and channel subscriptions (stored in
// SQLite and merged with the config's destinations).

export interface DestinationView {
  key: string;
  label: string;
  from: 'config' | 'chat';
  addedBy?: string;
}

export interface ScheduleStatus {
  schedule: Schedule;
  next: Date | null;
  last?: RunRecord & { sent: number; total: number };
  destinations: DestinationView[];
}

export interface DigestServiceOptions {
  schedules: Schedule[];
  store: DigestStore;
  clock: Clock;
  /** Run a schedule by hand (the scheduler's runNow, so it is tracked and leased like the rest). */
  runNow: (name: string) => Promise<RunOutcome>;
  /** robotCode for DingTalk groups subscribed from chat (the app's AppKey for an in-house robot). */
  dingtalkRobotCode?: string;
}

export class DigestService {
  constructor(private readonly o: DigestServiceOptions) {}

  get schedules(): Schedule[] {
    return this.o.schedules;
  }

  /** The named schedule, or the only one when no name is given. */
  find(name?: string): Schedule {
    const all = this.o.schedules;
    if (!all.length) throw noSchedules();
    if (!name) {
      if (all.length === 1) return all[0]!;
      const names = all.map((s) => s.name).join(', ');
      throw new WhoownsError('USAGE', { zh: `有多个摘要计划,请指定名称:${names}。`, en: `There are several digest schedules; name one: ${names}.` });
    }
    const found = all.find((s) => s.name.toLowerCase() === name.toLowerCase());
    if (!found) {
      const names = all.map((s) => s.name).join(', ');
      throw new WhoownsError('NOT_FOUND', { zh: `没有名为 ${echo(name, 40)} 的摘要计划;已配置:${names}。`, en: `No digest schedule named ${echo(name, 40)}; configured: ${names}.` });
    }
    return found;
  }

  async status(name?: string): Promise<ScheduleStatus[]> {
    const list = name ? [this.find(name)] : this.o.schedules;
    const now = this.o.clock.now();
    const out: ScheduleStatus[] = [];
    for (const s of list) {
      const last = (await this.o.store.runs(s.name, 1))[0];
      const st: ScheduleStatus = { schedule: s, next: cronFor(s).nextRun(now), destinations: await this.destinationViews(s, s.lang) };
      if (last) {
        const rows = await this.o.store.deliveries(last.id);
        st.last = { ...last, sent: rows.filter((r) => r.status === 'sent').length, total: rows.length };
      }
      out.push(st);
    }
    return out;
  }

  /** Config destinations first, then chat subscriptions; one entry per place. */
  async destinationSpecs(s: Schedule): Promise<DestinationSpec[]> {
    const out = new Map<string, DestinationSpec>();
    for (const d of s.destinations) out.set(destinationKey(d), d);
    for (const sub of await this.o.store.subscriptions(s.name)) if (!out.has(sub.destination)) out.set(sub.destination, JSON.parse(sub.spec) as DestinationSpec);
    return [...out.values()];
  }

  async destinationViews(s: Schedule, lang: Lang): Promise<DestinationView[]> {
    const views: DestinationView[] = s.destinations.map((d) => ({ key: destinationKey(d), label: describeDestination(d, lang), from: 'config' }));
    const seen = new Set(views.map((v) => v.key));
    for (const sub of await this.o.store.subscriptions(s.name)) {
      if (seen.has(sub.destination)) continue;
      views.push({ key: sub.destination, label: describeDestination(JSON.parse(sub.spec) as DestinationSpec, lang), from: 'chat', addedBy: sub.addedBy });
    }
    return views;
  }

  runNow(name?: string): Promise<RunOutcome> {
    return this.o.runNow(this.find(name).name);
  }

  /** Where digests for this chat place would go. */
  placeSpec(platform: Platform, place: ChatPlace): DestinationSpec {
    if (platform === 'slack') return { kind: 'slack', channel: place.id };
    if (platform === 'dingtalk') {
      if (place.kind !== 'group') {
        throw new WhoownsError('USAGE', {
          zh: '钉钉的定时摘要只能发到群里:请在要接收摘要的群中 @机器人 发送 /digest subscribe。',
          en: 'DingTalk digests can only go to groups: send /digest subscribe to the robot in the group that should get them.',
        });
      }
      if (!this.o.dingtalkRobotCode) {
        throw new WhoownsError('CONFIG_INVALID', { zh: '钉钉机器人未配置(DINGTALK_CLIENT_ID)。', en: 'The DingTalk robot is not configured (DINGTALK_CLIENT_ID).' });
      }
      return { kind: 'dingtalk', openConversationId: place.id, robotCode: this.o.dingtalkRobotCode };
    }
    throw new WhoownsError('USAGE', {
      zh: '控制台不能订阅摘要:请在 Slack 频道或钉钉群里使用 /digest subscribe。',
      en: 'The console cannot subscribe to digests: use /digest subscribe in a Slack channel or a DingTalk group.',
    });
  }

  /** Subscribe a place; false when it already gets this digest (from config or chat). */
  async subscribe(name: string | undefined, spec: DestinationSpec, by: string): Promise<{ schedule: Schedule; added: boolean }> {
    const s = this.find(name);
    const key = destinationKey(spec);
    if (s.destinations.some((d) => destinationKey(d) === key)) return { schedule: s, added: false };
    const added = await this.o.store.subscribe({ schedule: s.name, destination: key, spec: JSON.stringify(spec), addedBy: by, addedAt: this.o.clock.now().toISOString() });
    return { schedule: s, added };
  }

  /** 'removed', 'absent', or 'config' (the place is in the config file, which chat cannot change). */
  async unsubscribe(name: string | undefined, spec: DestinationSpec): Promise<{ schedule: Schedule; result: 'removed' | 'absent' | 'config' }> {
    const s = this.find(name);
    const key = destinationKey(spec);
    if (s.destinations.some((d) => destinationKey(d) === key)) return { schedule: s, result: 'config' };
    return { schedule: s, result: (await this.o.store.unsubscribe(s.name, key)) ? 'removed' : 'absent' };
  }
}

export function noSchedules(): WhoownsError {
  return new WhoownsError('NOT_FOUND', {
    zh: '没有配置定时摘要。请在配置文件(WHOOWNS_CONFIG)中添加 schedules:,例如每个工作日 9 点发到某个频道。',
    en: 'No digest schedules are configured. Add schedules: to the config file (WHOOWNS_CONFIG), e.g. every weekday at 09:00 to a channel.',
  });
}
