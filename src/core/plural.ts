// Plurals through Intl.PluralRules, so no sentence says "1 time(s)". English has one/other;
// Chinese has no plural forms (Intl gives "other" for every number), so zh strings need only
// `other`. Forms hold "#" where the number goes: plural('en', n, { one: '# day', other: '# days' }).

export type PluralLang = 'zh' | 'en';

/** The CLDR categories a language may use; `other` is always required. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

const RULES: Record<PluralLang, Intl.PluralRules> = {
  en: new Intl.PluralRules('en-US'),
  zh: new Intl.PluralRules('zh-CN'),
};

/** The form for n in lang, with "#" replaced by n. */
export function plural(lang: PluralLang, n: number, forms: PluralForms): string {
  const form = forms[RULES[lang].select(n)] ?? forms.other;
  return form.replace(/#/g, String(n));
}

/** English count and noun: count(1, 'day') → "1 day", count(3, 'day') → "3 days", count(2, 'policy', 'policies'). */
export function count(n: number, one: string, other = `${one}s`): string {
  return plural('en', n, { one: `# ${one}`, other: `# ${other}` });
}
