// The benchmark's alert rules as data (knowledge/sls-alert-rules.yaml) and how an alert's query
// is judged against one of them.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { WhoownsError } from '../../core/errors.js';
import { knowledgeDir } from '../../core/paths.js';
import type { SlsAlert } from '../../cloud/snapshot.js';

const word = z.string().trim().min(1);
const ruleSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
    cis: z.string().regex(/^\d+\.\d+$/),
    title: z.object({ en: word, zh: word }).strict(),
    events: z.array(word).min(1).optional(),
    terms: z.array(z.array(word).min(1)).min(1).optional(),
  })
  .strict()
  .refine((r) => r.events !== undefined || r.terms !== undefined, 'a rule needs events or terms');

export const alertRulesFileSchema = z.object({ rules: z.array(ruleSchema).min(1) }).strict();
export type AlertRule = z.infer<typeof ruleSchema>;

let cached: AlertRule[] | undefined;

export function loadAlertRules(path: string = join(knowledgeDir(), 'sls-alert-rules.yaml')): AlertRule[] {
  if (cached && path === join(knowledgeDir(), 'sls-alert-rules.yaml')) return cached;
  let parsed;
  try {
    parsed = alertRulesFileSchema.safeParse(parse(readFileSync(path, 'utf8')));
  } catch (cause) {
    throw new WhoownsError('KB_INVALID', { en: `Cannot read ${path}; reinstall whoowns or restore the file.`, zh: `无法读取 ${path}:请重新安装 whoowns 或恢复该文件。` }, cause);
  }
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new WhoownsError('KB_INVALID', {
      en: `${path}: ${issue.path.join('.')}: ${issue.message}. Fix the rule (see the comment at the top of the file).`,
      zh: `${path}:${issue.path.join('.')}:${issue.message}。请按文件开头的说明修正该规则。`,
    });
  }
  cached = parsed.data.rules;
  return cached;
}

const has = (text: string, w: string) => text.toLowerCase().includes(w.toLowerCase());

/** A query watches the rule's events when it names every event and one word of each term group. */
export function queryMatches(rule: AlertRule, query: string): boolean {
  return (rule.events ?? []).every((e) => has(query, e)) && (rule.terms ?? []).every((g) => g.some((w) => has(query, w)));
}

/** The alerts (enabled or not) with a query on one of `stores` that watches the rule. */
export function alertsFor(rule: AlertRule, alerts: SlsAlert[], stores: string[]): SlsAlert[] {
  return alerts.filter((a) => a.queries.some((q) => stores.includes(q.store) && queryMatches(rule, q.query)));
}
