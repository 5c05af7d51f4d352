import { WhoownsError } from '../core/errors.js';
import { ALL_CHECKS, findCheck } from '../checks/index.js';
import { renderTo, type Format, type Write } from '../posture/render/index.js';
import { severityRank, type CheckService, type Severity, type ScanResult } from '../posture/types.js';
import type { Snapshot } from '../cloud/index.js';
import { withCore } from './cloud-commands.js';
import type { CliIo } from './io.js';
import { uiLang } from './io.js';
import { progressReporter } from './progress.js';
import { nearest, quoted } from './options.js';
import type { OwnersConfig } from '../config/file.js';

// `whoowns scan` (declared in ./declare/scan.ts): collect once, run the checks, print in the chosen format.
// Exit codes: 0 ok; 1 a finding at or above --fail-on; 2 usage error; 3 the scan could not run.

export interface ScanOptions {
  /** Names or ids, repeatable; `all` = every configured and discovered account. */
  account?: string[];
  region?: string[];
  check?: string[];
  service?: CheckService[];
  severity?: Severity;
  format?: Format;
  failOn?: Severity;
  demo?: boolean;
  lang?: 'zh' | 'en' | 'both';
  color?: boolean;
  /** False with --no-mutes: chat mutes are not applied (file suppressions still are). */
  mutes?: boolean;
  includePasses?: boolean;
  /** Only findings whose resource this team owns (owners: in the config file). */
  team?: string;
}

/** Pieces of output gathered to about 64 KB before each io.out (and its redaction pass). */
export function bufferedOut(out: (text: string) => void, size = 64 * 1024): { write: Write; flush(): void } {
  let parts: string[] = [];
  let length = 0;
  const flush = () => {
    if (length === 0) return;
    out(parts.join(''));
    parts = [];
    length = 0;
  };
  // Renderers' pieces end on line breaks and a secret never spans one, so redacting each flushed
  // batch catches what redacting the whole report would.
  return {
    write: (chunk) => {
      parts.push(chunk);
      length += chunk.length;
      if (length >= size) flush();
    },
    flush,
  };
}

/** True when an unmuted failed finding is at or above the threshold. */
export function failsAt(scan: ScanResult, threshold: Severity): boolean {
  return scan.findings.some((f) => f.status === 'fail' && !f.muted && severityRank(f.severity) <= severityRank(threshold));
}

/** Not one list, setting or identity came back: the account was not reachable at all. */
export function readNothing(s: Snapshot): boolean {
  if (s.identity) return false;
  const regionRead = Object.values(s.regionData).some((r) =>
    [r.instances, r.securityGroups, r.disks, r.autoSnapshotPolicies, r.systemEvents, r.cloudAssistant, r.vpcs, r.flowLogs, r.diskEncryptionByDefault].some((v) => v !== null),
  );
  const ramRead = s.ram !== null && [s.ram.users, s.ram.groups, s.ram.customPolicies, s.ram.passwordPolicy, s.ram.securityPreference].some((v) => v !== null);
  return !regionRead && !ramRead;
}

/** Refuse check ids that do not exist, and filters that leave no check at all: a gate must not pass on nothing. */
export function assertSomethingToRun(checkIds: string[] | undefined, services: CheckService[] | undefined): void {
  for (const id of checkIds ?? []) {
    if (findCheck(id)) continue;
    const near = nearest(id, ALL_CHECKS.map((c) => c.meta.id));
    throw new WhoownsError('USAGE', {
      zh: `未知的检查项:${quoted(id)}。${near.length ? `你是不是想找:${near.join(', ')}?` : ''}用 whoowns checks 查看全部检查项。`,
      en: `Unknown check: ${quoted(id)}. ${near.length ? `Did you mean: ${near.join(', ')}? ` : ''}Run whoowns checks to list every check.`,
    });
  }
  const selected = ALL_CHECKS.filter((c) => (!checkIds?.length || checkIds.includes(c.meta.id)) && (!services?.length || services.includes(c.meta.service)));
  if (selected.length === 0) {
    const svc = services!.join(', ');
    throw new WhoownsError('USAGE', {
      zh: `--check 与 --service ${svc} 组合后没有任何检查项可运行。请去掉其中一个,或选择属于 ${svc} 的检查项(whoowns checks --service ${svc})。`,
      en: `--check and --service ${svc} together leave no check to run. Drop one of them, or pick checks of ${svc} (whoowns checks --service ${svc}).`,
    });
  }
}

/** --team must name a team of the owners block: a typo must not read as "this team owns nothing". */
export function assertTeam(team: string | undefined, owners: OwnersConfig | undefined): void {
  if (team === undefined) return;
  if (!owners) {
    throw new WhoownsError('USAGE', {
      zh: `--team 需要配置文件(WHOOWNS_CONFIG)中的 owners: 段落来定义团队和归属规则,格式见 README 的“团队归属”一节。`,
      en: `--team needs an owners: block in the config file (WHOOWNS_CONFIG) that defines the teams and their rules; see "Team ownership" in the README.`,
    });
  }
  const ids = Object.keys(owners.teams).sort();
  if (ids.includes(team)) return;
  const near = nearest(team, ids);
  throw new WhoownsError('USAGE', {
    zh: `未知的团队:${quoted(team)}。${near.length ? `你是不是想找:${near.join(', ')}?` : ''}已定义的团队:${ids.join(', ')}。`,
    en: `Unknown team: ${quoted(team)}. ${near.length ? `Did you mean: ${near.join(', ')}? ` : ''}Teams in owners.teams: ${ids.join(', ')}.`,
  });
}

export async function runScan(opts: ScanOptions, io: CliIo): Promise<number> {
  assertSomethingToRun(opts.check, opts.service);
  const format: Format = opts.format ?? (io.isTTY ? 'table' : 'json');
  if (opts.lang === 'both' && format !== 'json') {
    throw new WhoownsError('USAGE', {
      zh: `--lang both 只用于 --format json(${format} 格式只能用一种语言)。请改用 --lang zh 或 --lang en。`,
      en: `--lang both is for --format json only (${format} is written in one language). Use --lang zh or --lang en.`,
    });
  }
  const bothLanguages = opts.lang === 'both';
  const lang = opts.lang === 'both' || opts.lang === undefined ? uiLang(io.env) : opts.lang;
  return withCore(io, { demo: opts.demo }, async ({ posture }, config, log) => {
    assertTeam(opts.team, config.owners);
    await posture.discover();
    const names = opts.account ?? [];
    const services = opts.service;
    const filter = { checkIds: opts.check, services, minSeverity: opts.severity, regions: opts.region, includePasses: opts.includePasses === true, ...(opts.team ? { team: opts.team } : {}) };
    if (names.length > 1 || names.includes('all')) {
      const { renderOutcomes, scanAccounts, selectAccounts } = await import('./scan-accounts.js');
      const outcomes = await scanAccounts(posture, selectAccounts(posture, names), log, { regions: opts.region, filter, mutes: opts.mutes !== false, readNothing });
      renderOutcomes(outcomes, format, lang, { bothLanguages, color: format === 'table' && io.isTTY && opts.color !== false }, io);
      for (const x of outcomes) if ('error' in x) io.err(`${x.account.name}: ${x.error[lang]}\n`);
      if (opts.failOn && outcomes.some((x) => 'scan' in x && failsAt(x.scan, opts.failOn!))) return 1;
      return outcomes.some((x) => 'error' in x) ? 3 : 0;
    }
    const account = posture.account(names[0]);
    const progress = progressReporter(io);
    let snapshot;
    try {
      snapshot = await posture.read(account, log.child({ job: 'scan' }), { regions: opts.region, services, onProgress: progress.update });
    } finally {
      progress.done();
    }
    // A scan that read nothing at all could not run: say so instead of printing an empty report.
    if (readNothing(snapshot)) {
      const first = snapshot.gaps[0]!;
      throw new WhoownsError('ENDPOINT_UNREACHABLE', {
        zh: `扫描无法进行:${first.service} ${first.action} 失败(${first.code})。请检查网络、端点(WHOOWNS_ENDPOINT_*)和凭证。`,
        en: `The scan could not run: ${first.service} ${first.action} failed (${first.code}). Check the network, endpoints (WHOOWNS_ENDPOINT_*) and credentials.`,
      });
    }
    // Chat mutes apply as they do in chat, so the CLI and the bot agree on what is open.
    const scan = await posture.assess(snapshot, filter, { mutes: opts.mutes !== false });
    const out = bufferedOut((t) => io.out(t));
    renderTo(scan, format, { lang, bothLanguages, color: format === 'table' && io.isTTY && opts.color !== false }, out.write);
    out.flush();
    return opts.failOn && failsAt(scan, opts.failOn) ? 1 : 0;
  });
}
