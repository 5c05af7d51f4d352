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
