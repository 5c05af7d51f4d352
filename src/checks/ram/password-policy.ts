import type { PasswordPolicy } from '../../cloud/snapshot.js';
import { unknownResult } from '../gaps.js';
import type { Bilingual, CheckMeta, CheckResult } from '../model.js';
import type { Thresholds } from '../thresholds.js';
import { accountRef, defineCheck, result } from '../helpers.js';

// One check, one result per rule of the policy (detail = the rule), so each can be muted alone.
const meta: CheckMeta = {
  id: 'ram.password-policy',
  title: { en: 'RAM password policy weaker than the benchmark', zh: 'RAM 密码策略弱于基线' },
  severity: 'medium',
  owner: 'customer',
  service: 'ram',
  resourceType: 'account',
  responsibility: 'customer.account-security',
  products: ['product.ram'],
  references: ['ram-password-policy-check'],
  remediation: {
    why: {
      en: 'Short, simple, reused passwords are what credential-stuffing and guessing attacks rely on. The password rules for your RAM users are yours to set.',
      zh: '简短、简单、重复使用的密码正是撞库和猜解攻击所依赖的。RAM 用户的密码规则由您设置。',
    },
    console: {
      en: '1. RAM console > Settings > Security Settings > Password Strength Settings (or Identities > Settings).\n2. Set the rule named in the finding ({detail}) to at least the benchmark value, and save.',
      zh: '1. RAM 控制台 > 设置 > 安全设置 > 密码强度设置(或 身份管理 > 设置)。\n2. 把结果中指出的规则({detail})调整到不低于基线的值并保存。',
    },
    cli: 'aliyun ram SetPasswordPolicy --MinimumPasswordLength 14 --RequireLowercaseCharacters true --RequireUppercaseCharacters true --RequireNumbers true --RequireSymbols true --PasswordReusePrevention 5 --MaxLoginAttemps 5',
  },
  terms: { detail: { en: 'rule', zh: '规则' } },
  needs: [{ service: 'ram', action: 'GetPasswordPolicy' }],
};

interface Rule {
  id: string;
  ok: (p: PasswordPolicy, t: Thresholds) => boolean | 'skip';
  /** What the rule asks for, and what the account has. */
  say: (p: PasswordPolicy, t: Thresholds) => { want: Bilingual; have: Bilingual };
  /** A fix of its own, where the thresholds' command would not meet the rule. */
  cli?: (t: Thresholds) => string;
  /** Said after a failure, e.g. that the thresholds ask for the opposite. */
  why?: (t: Thresholds) => Bilingual | null;
}

const yes = (b: boolean): Bilingual => (b ? { en: 'required', zh: '要求' } : { en: 'not required', zh: '未要求' });

const charRule = (id: string, field: keyof PasswordPolicy, en: string, zh: string): Rule => ({
  id,
  ok: (p) => p[field] === true,
  say: (p) => ({ want: { en: `passwords must contain ${en}`, zh: `密码必须包含${zh}` }, have: yes(p[field] === true) }),
});

/** CIS v2 1.13: expiry, if any, no sooner than this. */
const EXPIRY_MIN_DAYS = 365;

/** The thresholds ask for the v1 rule (expiry within fewer days than v2 allows). */
const v1Expiry = (t: Thresholds) => t.passwordMaxAgeDays > 0 && t.passwordMaxAgeDays < EXPIRY_MIN_DAYS;

/** Said when max-age and expiry-365 are both asked for: one of them fails, whatever the policy. */
const opposite = (en: string, zh: string): Bilingual => ({ en: ` ${en}, so one of the two fails whatever the policy.`, zh: `${zh},无论策略如何,两者总有一条不通过。` });

const RULES: Rule[] = [
  {
    id: 'min-length',
    ok: (p, t) => p.minimumPasswordLength >= t.passwordMinLength,
    say: (p, t) => ({ want: { en: `minimum length ≥ ${t.passwordMinLength}`, zh: `最短长度 ≥ ${t.passwordMinLength}` }, have: { en: `${p.minimumPasswordLength}`, zh: `${p.minimumPasswordLength}` } }),
  },
  charRule('uppercase', 'requireUppercaseCharacters', 'an upper-case letter', '大写字母'),
  charRule('lowercase', 'requireLowercaseCharacters', 'a lower-case letter', '小写字母'),
  charRule('numbers', 'requireNumbers', 'a number', '数字'),
  charRule('symbols', 'requireSymbols', 'a symbol', '符号'),
  {
    id: 'reuse-prevention',
    ok: (p, t) => p.passwordReusePrevention >= t.passwordReusePrevention,
    say: (p, t) => ({ want: { en: `the last ${t.passwordReusePrevention} passwords cannot be reused`, zh: `不得重复使用最近 ${t.passwordReusePrevention} 次密码` }, have: { en: `${p.passwordReusePrevention}`, zh: `${p.passwordReusePrevention}` } }),
  },
  {
    id: 'max-login-attempts',
    // 0 means no lockout at all.
    ok: (p, t) => p.maxLoginAttempts >= 1 && p.maxLoginAttempts <= t.passwordMaxLoginAttempts,
    say: (p, t) => ({
      want: { en: `lock the login after at most ${t.passwordMaxLoginAttempts} failed attempts`, zh: `连续失败不超过 ${t.passwordMaxLoginAttempts} 次即锁定登录` },
      have: p.maxLoginAttempts === 0 ? { en: 'no lockout', zh: '不锁定' } : { en: `${p.maxLoginAttempts}`, zh: `${p.maxLoginAttempts}` },
    }),
  },
  {
    id: 'max-age',
    // Threshold 0 (the default): expiry not required, CIS v2 asks the opposite (expiry-365). Policy 0: never expires.
    ok: (p, t) => (t.passwordMaxAgeDays === 0 ? 'skip' : p.maxPasswordAge >= 1 && p.maxPasswordAge <= t.passwordMaxAgeDays),
    say: (p, t) => ({
      want: { en: `passwords expire within ${t.passwordMaxAgeDays} days`, zh: `密码有效期不超过 ${t.passwordMaxAgeDays} 天` },
      have: p.maxPasswordAge === 0 ? { en: 'no expiry', zh: '永不过期' } : { en: `${p.maxPasswordAge} days`, zh: `${p.maxPasswordAge} 天` },
    }),
    why: (t) => (v1Expiry(t) ? opposite('CIS v2 1.13 (rule expiry-365) asks for the opposite', 'CIS v2 1.13(规则 expiry-365)的要求正相反') : null),
  },
  {
    id: 'expiry-365',
    // CIS v2 1.13 (after NIST): no forced change sooner than a year. The benchmark fixes the value,
    // so no threshold moves it: the CIS v2 report always has its answer, whatever max-age is set to.
    ok: (p) => p.maxPasswordAge === 0 || p.maxPasswordAge >= EXPIRY_MIN_DAYS,
    say: (p) => ({
      want: { en: `passwords expire after ${EXPIRY_MIN_DAYS} days or more, or never`, zh: `密码有效期不少于 ${EXPIRY_MIN_DAYS} 天或永不过期` },
      have: p.maxPasswordAge === 0 ? { en: 'no expiry', zh: '永不过期' } : { en: `${p.maxPasswordAge} days`, zh: `${p.maxPasswordAge} 天` },
    }),
    cli: (t) => cliFor({ ...t, passwordMaxAgeDays: EXPIRY_MIN_DAYS }),
    why: (t) =>
      v1Expiry(t)
        ? opposite(`This is CIS v2 1.13; the passwordMaxAgeDays threshold (${t.passwordMaxAgeDays}) asks for the opposite (rule max-age)`, `这是 CIS v2 1.13;阈值 passwordMaxAgeDays(${t.passwordMaxAgeDays})要求的正相反(规则 max-age)`)
        : null,
  },
];

/** The rules' ids (a result's detail), which the compliance map may scope to one by one. */
export const PASSWORD_RULE_IDS: readonly string[] = RULES.map((r) => r.id);

function cliFor(t: Thresholds): string {
  const age = t.passwordMaxAgeDays > 0 ? ` --MaxPasswordAge ${t.passwordMaxAgeDays}` : '';
  return `aliyun ram SetPasswordPolicy --MinimumPasswordLength ${t.passwordMinLength} --RequireLowercaseCharacters true --RequireUppercaseCharacters true --RequireNumbers true --RequireSymbols true --PasswordReusePrevention ${t.passwordReusePrevention} --MaxLoginAttemps ${t.passwordMaxLoginAttempts}${age}`;
}

export const passwordPolicy = defineCheck(meta, (ctx): CheckResult[] => {
  const r = accountRef(ctx);
  const p = ctx.snapshot.ram?.passwordPolicy ?? null;
  if (p === null) return [unknownResult(ctx.snapshot, meta.needs, r, { en: 'the RAM password policy', zh: 'RAM 密码策略' })];
  const t = ctx.thresholds;
  return RULES.map((rule) => {
    const ok = rule.ok(p, t);
    const { want, have } = rule.say(p, t);
    const cli = rule.cli ? rule.cli(t) : cliFor(t);
    if (ok === 'skip') {
      return result('skip', r, { en: `Password rule ${rule.id} is not required by the configured thresholds.`, zh: `按当前阈值配置,不要求密码规则 ${rule.id}。` }, { detail: rule.id, cli });
    }
    if (ok) {
      return result('pass', r, { en: `RAM password policy of account ${r.name} meets "${want.en}" (currently: ${have.en}).`, zh: `账号 ${r.name} 的 RAM 密码策略满足“${want.zh}”(当前:${have.zh})。` }, { detail: rule.id, cli });
    }
    const why = rule.why?.(t) ?? { en: '', zh: '' };
    return result(
      'fail',
      r,
      { en: `RAM password policy of account ${r.name} does not meet "${want.en}" (currently: ${have.en}).${why.en}`, zh: `账号 ${r.name} 的 RAM 密码策略未达到“${want.zh}”(当前:${have.zh})。${why.zh}` },
      { detail: rule.id, evidence: { policy: p }, cli },
    );
  });
});
