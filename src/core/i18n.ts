// One vocabulary for every surface: the languages, who owns a fix, how severe it is.
// Labels for owners and severities live here once, so a renderer cannot call "medium" 中 while
// another calls it 中危.

export const LANGS = ['zh', 'en'] as const;
export type Lang = (typeof LANGS)[number];

export const OWNERS = ['alibaba-cloud', 'customer', 'shared'] as const;
export type Owner = (typeof OWNERS)[number];

/** Most severe first: the order used for sorting and for `minSeverity`. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

/** One label per severity. English is lower case; a renderer may upper-case it for a heading. */
export const SEVERITY_LABEL: Record<Severity, Record<Lang, string>> = {
  critical: { en: 'critical', zh: '严重' },
  high: { en: 'high', zh: '高危' },
  medium: { en: 'medium', zh: '中危' },
  low: { en: 'low', zh: '低危' },
  info: { en: 'info', zh: '提示' },
};

/** One label per owner, the same in answers, findings, digests and tables. */
export const OWNER_LABEL: Record<Owner, Record<Lang, string>> = {
  'alibaba-cloud': { en: 'Alibaba Cloud', zh: '阿里云' },
  customer: { en: 'You (customer)', zh: '您(客户)' },
  shared: { en: 'Shared (you and Alibaba Cloud)', zh: '共同负责(您与阿里云)' },
};

export function severityLabel(s: Severity, lang: Lang): string {
  return SEVERITY_LABEL[s][lang];
}

export function ownerLabel(o: Owner, lang: Lang): string {
  return OWNER_LABEL[o][lang];
}
