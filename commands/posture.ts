import { textReply, type Reply } from '../src/chat/message.js';
import { accountIdOf } from '../src/cloud/directory.js';
import type { AccountConfig } from '../src/cloud/index.js';
import { accountUnavailable, noVisibleAccount, visibleAccounts } from '../src/posture/account-access.js';
import type { ChatContext } from '../src/chat/types.js';
import { canAdminister } from '../src/chat/access.js';
import { echo } from '../src/core/echo.js';
import { WhoownsError, isWhoownsError, type Bilingual } from '../src/core/errors.js';
import type { Finding, ResourceType } from '../src/posture/types.js';
import { codeWord, unknownWordError } from './suggest.js';
import type { CommandSpec, Services } from './types.js';
import { explainReply, findingsReply, summaryReply } from './posture/view.js';
import { dutiesReply } from './posture/duties.js';
import { buildDuties } from '../src/posture/duties.js';
import { loadDutyMap } from '../src/posture/duty-map.js';
import { estateOf } from '../src/posture/estate.js';
import { MINE_USAGE, MINE_WORDS, TEAM_ID, TEAM_USAGE, TEAM_WORDS, askerTeams, mineReply, teamReply } from './posture/team.js';
import { accountsReply, overviewReply, type AccountRow } from './posture/accounts.js';

// /posture and its subcommands, each one row of data: words, argument shape, handler.

const ID = {
  sg: /^sg-[a-z0-9]{1,64}$/,
  instance: /^i-[a-z0-9]{1,64}$/,
  user: /^[A-Za-z0-9._@-]{1,64}$/,
  check: /^[a-z0-9]+(?:[.-][a-z0-9]+)*$/,
  fingerprint: /^[0-9a-f]{16}$/,
};

interface Sub {
  words: string[];
  usage: { zh: string; en: string };
  /** `account`: named with --account, or the place's default; undefined = the first account. */
  run(ctx: ChatContext, args: string[], s: Services, account?: string): Promise<void>;
}

function usageError(sub: Sub, problem: { zh: string; en: string }): WhoownsError {
  return new WhoownsError('USAGE', {
    zh: `${problem.zh}\n用法:${sub.usage.zh}`,
    en: `${problem.en}\nUsage: ${sub.usage.en}`,
  });
}

const FINGERPRINT_EXPECTED = {
  zh: '需要 16 位十六进制(0–9、a–f),即每个问题下方显示的“指纹”。',
  en: 'expected 16 hex digits (0-9, a-f), the fingerprint shown under each finding.',
};
const DAYS_EXPECTED = { zh: '需要 1 到 365 之间的整数。', en: 'expected a whole number from 1 to 365.' };
const MUTE_EXAMPLE = { zh: '/posture mute 3f9a0c1b2d4e5f60 30 迁移完成前接受此风险', en: '/posture mute 3f9a0c1b2d4e5f60 30 accepted until the migration' };
const UNMUTE_EXAMPLE = { zh: '/posture unmute 3f9a0c1b2d4e5f60', en: '/posture unmute 3f9a0c1b2d4e5f60' };

/** Which argument is wrong and what it should be, an example that works, then the usage line. */
function argError(sub: Sub, problem: Bilingual, example: Bilingual): WhoownsError {
  return usageError(sub, { zh: `${problem.zh}\n例如:\`${example.zh}\``, en: `${problem.en}\nExample: \`${example.en}\`` });
}

function checkFingerprint(fp: string | undefined, bad: (p: Bilingual) => WhoownsError): asserts fp is string {
  if (!fp) throw bad({ zh: `缺少问题指纹:${FINGERPRINT_EXPECTED.zh}`, en: `Missing the finding fingerprint: ${FINGERPRINT_EXPECTED.en}` });
  if (!ID.fingerprint.test(fp)) {
    throw bad({ zh: `${codeWord(fp)} 不是问题指纹:${FINGERPRINT_EXPECTED.zh}`, en: `${codeWord(fp)} is not a finding fingerprint: ${FINGERPRINT_EXPECTED.en}` });
  }
}

function byResource(types: ResourceType[], id?: string) {
  return (f: Finding) => types.includes(f.resource.type) && (!id || f.resource.id === id || f.resource.name === id);
}

function areaSub(words: string[], title: { zh: string; en: string }, types: ResourceType[], idRule?: RegExp, idLabel?: { zh: string; en: string }): Sub {
  const arg = idLabel ? ` [${idLabel.en}]` : '';
  const sub: Sub = {
    words,
    usage: { zh: `/posture ${words[0]}${idLabel ? ` [${idLabel.zh}]` : ''}`, en: `/posture ${words[0]}${arg}` },
    async run(ctx, args, s, account) {
      const id = args[0];
      if (args.length > 1 || (id && (!idRule || !idRule.test(id)))) {
        throw usageError(sub, {
          zh: id && idLabel ? `“${echo(id)}” 不是有效的${idLabel.zh}。` : '参数太多。',
          en: id && idLabel ? `"${echo(id)}" is not a valid ${idLabel.en}.` : 'Too many arguments.',
        });
      }
      const view = await currentView(ctx, s, account);
      const findings = view.scan.findings.filter((f) => f.status === 'fail' && byResource(types, id)(f));
      const t = id ? `${title[ctx.locale]} ${echo(id)}` : title[ctx.locale];
      await ctx.reply(findingsReply(t, findings, view, ctx.locale));
    },
  };
  return sub;
}

const SUBS: Sub[] = [
  areaSub(['sg', 'securitygroups', 'security-groups', '安全组'], { zh: '安全组问题', en: 'Security group findings' }, ['security-group'], ID.sg, { zh: '安全组 ID(sg-…)', en: 'security group id (sg-…)' }),
  areaSub(['instances', 'instance', 'ecs', '实例'], { zh: '实例问题', en: 'Instance findings' }, ['instance'], ID.instance, { zh: '实例 ID(i-…)', en: 'instance id (i-…)' }),
  areaSub(['ram', 'users', '账号'], { zh: 'RAM 问题', en: 'RAM findings' }, ['ram-user', 'access-key', 'ram-policy', 'ram-group', 'account'], ID.user, { zh: 'RAM 用户名', en: 'RAM user name' }),
  areaSub(['disks', 'disk', '云盘'], { zh: '云盘与快照问题', en: 'Disk and snapshot findings' }, ['disk', 'auto-snapshot-policy', 'region']),
  {
    words: ['duties', 'duty', '责任'],
    usage: { zh: '/posture duties', en: '/posture duties' },
    async run(ctx, args, s, account) {
      if (args.length > 0) throw usageError(this, { zh: 'duties 不需要参数。', en: 'duties takes no arguments.' });
      // Read before scanning, so a broken map file is reported without touching the cloud.
      const map = loadDutyMap();
      if (!s.posture.hasFreshScan(account)) await currentView(ctx, s, account);
      const view = await s.posture.currentWithSnapshot(account);
      await ctx.reply(dutiesReply(buildDuties(view.scan, estateOf(view.snapshot), s.qa.kb, map), view, ctx.locale));
    },
  },
  {
    words: TEAM_WORDS,
    usage: TEAM_USAGE,
    async run(ctx, args, s, account) {
      const id = args[0];
      if (!id || args.length > 1 || !TEAM_ID.test(id)) {
        throw usageError(this, { zh: id ? `“${echo(id)}” 不是团队 ID(小写字母、数字、_ -)。` : '缺少团队 ID。', en: id ? `"${echo(id)}" is not a team id (lower-case letters, digits, _ -).` : 'Missing the team id.' });
      }
      await ctx.reply(teamReply(id, await currentView(ctx, s, account), ctx.locale));
    },
  },
  {
    words: MINE_WORDS,
    usage: MINE_USAGE,
    async run(ctx, args, s, account) {
      if (args.length > 0) throw usageError(this, { zh: 'mine 不需要参数。', en: 'mine takes no arguments.' });
      const mine = await askerTeams(ctx.user, s.owners, ctx.log);
      await ctx.reply(mineReply(ctx.user.id, mine, s.owners, await currentView(ctx, s, account), ctx.locale));
    },
  },
  {
    words: ['check'],
    usage: { zh: '/posture check <检查项 ID>', en: '/posture check <check-id>' },
    async run(ctx, args, s, account) {
      const id = args[0];
      const unknown = () => usageError(this, { zh: `未知的检查项:${echo(id ?? '')}。`, en: `Unknown check id: ${echo(id ?? '')}.` });
      // Refuse what cannot be a check id before reading the account.
      if (!id || args.length > 1 || !ID.check.test(id)) throw unknown();
      const view = await currentView(ctx, s, account);
      const meta = view.scan.checks.find((c) => c.id === id);
      if (!meta) throw unknown();
      await ctx.reply(findingsReply(meta.title[ctx.locale], view.scan.findings.filter((f) => f.checkId === id && f.status !== 'pass' && f.status !== 'skip'), view, ctx.locale));
    },
  },
  {
    words: ['explain', '解释'],
    usage: { zh: '/posture explain <问题指纹或检查项 ID>', en: '/posture explain <finding fingerprint or check id>' },
    async run(ctx, args, s, account) {
      const id = args[0] ?? '';
      const unknown = () => usageError(this, { zh: `找不到 “${echo(id)}” 对应的问题或检查项。`, en: `No finding or check matches "${echo(id)}".` });
      // A fingerprint and a check id both have a shape; anything else is refused before a scan.
      if (args.length !== 1 || !ID.check.test(id)) throw unknown();
      const view = await currentView(ctx, s, account);
      const finding = ID.fingerprint.test(id) ? view.scan.findings.find((f) => f.fingerprint === id) : undefined;
      const meta = view.scan.checks.find((c) => c.id === (finding?.checkId ?? id));
      if (!meta) throw unknown();
      await ctx.reply(explainReply(meta, finding, s.qa.kb, view, ctx.locale));
    },
  },
  {
    words: ['mute', '静音'],
    usage: { zh: '/posture mute <问题指纹> <天数> <原因>', en: '/posture mute <fingerprint> <days> <reason>' },
    async run(ctx, args, s, account) {
      const [fp, daysText, ...why] = args;
      const reason = why.join(' ').trim();
      const bad = (problem: Bilingual) => argError(this, problem, MUTE_EXAMPLE);
      checkFingerprint(fp, bad);
      if (!daysText) throw bad({ zh: `缺少天数:${DAYS_EXPECTED.zh}`, en: `Missing the number of days: ${DAYS_EXPECTED.en}` });
      const days = Number(daysText);
      if (!/^\d+$/.test(daysText) || days < 1 || days > 365) {
        throw bad({ zh: `${codeWord(daysText)} 不是有效的天数:${DAYS_EXPECTED.zh}`, en: `${codeWord(daysText)} is not a valid number of days: ${DAYS_EXPECTED.en}` });
      }
      if (!reason) throw bad({ zh: '缺少原因:用几个字说明为什么静音,方便之后的人判断。', en: 'Missing the reason: say in a few words why it is muted, for whoever reads it later.' });
      if (!canAdminister(s.access, ctx)) throw notAllowed();
      const view = await currentView(ctx, s, account);
      if (!view.scan.findings.some((f) => f.fingerprint === fp)) {
        throw usageError(this, { zh: `当前扫描结果里没有指纹为 ${fp} 的问题。`, en: `The current scan has no finding with fingerprint ${fp}.` });
      }
      const until = await s.posture.mute(fp!, days, reason.slice(0, 500), `${ctx.platform}:${ctx.user.id}`);
      await ctx.reply(textReply(ctx.locale === 'zh' ? `已静音 ${fp},至 ${until}。原因:${echo(reason, 500)}` : `Muted ${fp} until ${until}. Reason: ${echo(reason, 500)}`));
    },
  },
  {
    words: ['unmute', '取消静音'],
    usage: { zh: '/posture unmute <问题指纹>', en: '/posture unmute <fingerprint>' },
    async run(ctx, args, s, account) {
      const fp = args[0];
      const bad = (problem: Bilingual) => argError(this, problem, UNMUTE_EXAMPLE);
      checkFingerprint(fp, bad);
      if (args.length > 1) throw bad({ zh: '参数太多:unmute 只需要一个问题指纹。', en: 'Too many arguments: unmute takes one fingerprint.' });
      if (!canAdminister(s.access, ctx)) throw notAllowed();
      const removed = await s.posture.unmute(fp!);
      await ctx.reply(textReply(removed ? (ctx.locale === 'zh' ? `已取消静音 ${fp}。` : `Unmuted ${fp}.`) : ctx.locale === 'zh' ? `${fp} 没有被静音。` : `${fp} was not muted.`));
    },
  },
  {
    words: ['refresh', '刷新'],
    usage: { zh: '/posture refresh [sg-… | user <RAM 用户名>]', en: '/posture refresh [sg-… | user <RAM user>]' },
    async run(ctx, args, s, account) {
      const zh = ctx.locale === 'zh';
      if (args.length === 0) {
        const announce = () => ctx.reply(textReply(zh ? '正在扫描……完成后会在这里回复。' : "Scanning… I'll post here when done."));
        await ctx.reply(summaryReply(await s.posture.refresh(announce, account), ctx.locale));
        return;
      }
      const [what, name] = args;
      const sgId = what && ID.sg.test(what) && args.length === 1 ? what : undefined;
      const user = what === 'user' && name && ID.user.test(name) && args.length === 2 ? name : undefined;
      if (!sgId && !user) {
        throw usageError(this, { zh: '只能刷新整个账号、一个安全组或一个 RAM 用户。', en: 'Refresh the whole account, one security group or one RAM user.' });
      }
      await currentView(ctx, s, account);
      if (sgId) {
        const region = await s.posture.groupRegion(sgId, account);
        if (!region) {
          throw usageError(this, { zh: `上次扫描里没有安全组 ${sgId};用 /posture refresh 重新扫描整个账号。`, en: `Security group ${sgId} was not in the last scan; use /posture refresh to rescan the account.` });
        }
        const next = await s.posture.refreshOne({ type: 'security-group', region, id: sgId }, account);
        await ctx.reply(findingsReply(`${zh ? '安全组问题(已刷新)' : 'Security group findings (refreshed)'} ${sgId}`, next.scan.findings.filter((f) => f.status === 'fail' && byResource(['security-group'], sgId)(f)), next, ctx.locale));
        return;
      }
      const next = await s.posture.refreshOne({ type: 'ram-user', name: user! }, account);
      await ctx.reply(findingsReply(`${zh ? 'RAM 问题(已刷新)' : 'RAM findings (refreshed)'} ${echo(user!)}`, next.scan.findings.filter((f) => f.status === 'fail' && byResource(['ram-user', 'access-key'], user)(f)), next, ctx.locale));
    },
  },
];

/** The cached scan; a first scan can take a while, so say so first and answer when it is done. */
async function currentView(ctx: ChatContext, s: Services, account?: string) {
  if (!s.posture.hasFreshScan(account)) {
    await ctx.reply(textReply(ctx.locale === 'zh' ? '正在扫描账号……完成后会在这里回复。' : "Scanning the account… I'll post here when done."));
  }
  return s.posture.current(account);
}

// --- many accounts (issue 14) -------------------------------------------------------------

/** `--account <name|id>` or `--account=<name|id>` anywhere in the arguments; the rest unchanged. */
export function takeAccountOption(args: string[]): { account?: string; rest: string[] } {
  const rest: string[] = [];
  let account: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--account') {
      account = args[++i];
      if (!account) throw new WhoownsError('USAGE', { zh: '--account 后面需要账号名称或 ID,例如 `/posture --account prod`。', en: '--account needs an account name or id, e.g. `/posture --account prod`.' });
    } else if (a.startsWith('--account=')) account = a.slice('--account='.length);
    else rest.push(a);
  }
  return { ...(account !== undefined ? { account } : {}), rest };
}

/** Discovery refreshes on its schedule; a failed listing keeps the accounts already known. */
async function knownAccounts(ctx: ChatContext, s: Services): Promise<void> {
  await s.posture.discover().catch((e: unknown) => ctx.log.warn({ err: e }, 'resource directory discovery failed; using the accounts already known'));
}

// Per-account access (accountAccess:) is judged here, once per command, for every posture
// answer: the named account, the place's default, the listing and the cross-account summary.

/** The accounts this asker may see in this place. */
function visibleHere(ctx: ChatContext, s: Services): AccountConfig[] {
  return visibleAccounts(s.access.accounts, s.posture.accounts, { platform: ctx.platform, user: ctx.user.id, place: ctx.place.id });
}

/** A name or id among the visible accounts; unknown and not-visible get the same answer. */
function visibleAccount(ctx: ChatContext, s: Services, visible: AccountConfig[], named: string): string {
  const found = visible.find((a) => a.name === named || accountIdOf(a) === named);
  if (!found) throw accountUnavailable(named, visible, s.access.adminContact);
  return found.name;
}

/**
 * The named account (checked), else the place's stored default while it is still known and
 * visible, else the first visible account (`chosen: false`: /posture then gives the overview).
 */
async function chosenAccount(ctx: ChatContext, s: Services, named: string | undefined, visible: AccountConfig[]): Promise<{ account?: string; chosen: boolean }> {
  if (named !== undefined) return { account: visibleAccount(ctx, s, visible, named), chosen: true };
  const stored = await s.channelAccounts?.get(ctx.platform, ctx.place.id);
  if (stored && visible.some((a) => a.name === stored)) return { account: stored, chosen: true };
  if (!visible.length && s.posture.accounts.length) throw noVisibleAccount(s.access.adminContact);
  // Named explicitly: the first configured account may be hidden here.
  return visible[0] && visible[0] !== s.posture.accounts[0] ? { account: visible[0].name, chosen: false } : { chosen: false };
}

async function accountRows(s: Services, accounts: AccountConfig[], scan: boolean): Promise<AccountRow[]> {
  return Promise.all(
    accounts.map(async (a): Promise<AccountRow> => {
      const row: AccountRow = { name: a.name, ...(accountIdOf(a) ? { accountId: accountIdOf(a)! } : {}), ...(a.discovered ? { discovered: true } : {}) };
      if (!scan) {
        const view = await s.posture.lastScan(a.name);
        return view ? { ...row, view } : row;
      }
      try {
        return { ...row, view: await s.posture.current(a.name) };
      } catch (e) {
        // One account failing (role missing, denied) is that account's gap, not the whole answer's.
        return { ...row, error: isWhoownsError(e) ? e.messages : { zh: '读取失败。', en: 'the read failed.' } };
      }
    }),
  );
}

const ACCOUNT_SUBS: Sub[] = [
  {
    words: ['accounts', '账号列表'],
    usage: { zh: '/posture accounts [refresh](任何命令可加 --account <账号>)', en: '/posture accounts [refresh] (any command takes --account <name|id>)' },
    async run(ctx, args, s) {
      if (args.length > 1 || (args[0] && args[0] !== 'refresh')) throw usageError(this, { zh: '只接受 refresh。', en: 'Only `refresh` is accepted.' });
      if (args[0] === 'refresh') await s.posture.discover({ force: true });
      await ctx.reply(accountsReply(await accountRows(s, visibleHere(ctx, s), false), ctx.locale, s.posture.demo));
    },
  },
  {
    words: ['use', '使用'],
    usage: { zh: '/posture use <账号>', en: '/posture use <account>' },
    async run(ctx, args, s) {
      if (args.length !== 1) throw usageError(this, { zh: '需要一个账号名称或 ID。', en: 'Name one account (name or id).' });
      if (!s.channelAccounts) throw new WhoownsError('NOT_ALLOWED', { zh: '这里不能保存默认账号。', en: 'A default account cannot be stored here.' });
      const account = visibleAccount(ctx, s, visibleHere(ctx, s), args[0]!);
      await s.channelAccounts.set(ctx.platform, ctx.place.id, account, `${ctx.platform}:${ctx.user.id}`, new Date());
      await ctx.reply(textReply(ctx.locale === 'zh' ? `本频道的 posture 命令默认使用账号 ${account}。` : `Posture commands here now answer about account ${account} by default.`));
    },
  },
];

/** Buttons of a one-account reply keep naming that account. */
function withAccount(reply: Reply, account: string | undefined): Reply {
  if (!account) return reply;
  return { ...reply, blocks: reply.blocks.map((b) => (b.type === 'actions' ? { ...b, buttons: b.buttons.map((x) => ({ ...x, command: `${x.command} --account ${account}` })) } : b)) };
}

function notAllowed(): WhoownsError {
  return new WhoownsError('NOT_ALLOWED', {
    zh: '只有授权人员可以静音或取消静音。',
    en: 'Only authorised people can mute or unmute findings.',
  });
}

export const posture: CommandSpec = {
  name: 'posture',
  aliases: ['态势'],
  access: 'posture',
  summary: { zh: '查看账号的安全态势(谁负责修、怎么修)', en: "Check the account's live posture: who owns each fix and how" },
  usage: {
    zh: ['/posture', ...SUBS.map((s) => s.usage.zh), ...ACCOUNT_SUBS.map((s) => s.usage.zh), '/posture help'],
    en: ['/posture', ...SUBS.map((s) => s.usage.en), ...ACCOUNT_SUBS.map((s) => s.usage.en), '/posture help'],
  },
  async run(ctx, text, services) {
    const { account: named, rest } = takeAccountOption(text.split(/\s+/).filter(Boolean));
    const [word, ...args] = rest;
    await knownAccounts(ctx, services);
    const visible = visibleHere(ctx, services);
    const { account, chosen } = await chosenAccount(ctx, services, named, visible);
    if (!word) {
      if (!chosen && visible.length > 1) {
        if (visible.some((a) => !services.posture.hasFreshScan(a.name))) {
          await ctx.reply(textReply(ctx.locale === 'zh' ? '正在扫描所有账号……完成后会在这里回复。' : "Scanning every account… I'll post here when done."));
        }
        return ctx.reply(overviewReply(await accountRows(services, visible, true), ctx.locale, services.posture.demo));
      }
      return ctx.reply(withAccount(summaryReply(await currentView(ctx, services, account), ctx.locale), named === undefined ? undefined : account));
    }
    const w = word.toLowerCase();
    if (w === 'help' || w === '帮助') {
      return ctx.reply(textReply(posture.usage[ctx.locale].map((u) => `• \`${u}\``).join('\n')));
    }
    const sub = [...SUBS, ...ACCOUNT_SUBS].find((s) => s.words.includes(w));
    if (!sub) {
      const candidates = [...SUBS.flatMap((s) => s.words), ...ACCOUNT_SUBS.flatMap((s) => s.words), 'help', '帮助'];
      throw unknownWordError({ kind: 'subcommand', word, candidates, prefix: 'posture', usage: posture.usage });
    }
    await sub.run(ctx, args, services, account);
  },
};
