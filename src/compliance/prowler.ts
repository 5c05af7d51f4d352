import { join } from 'node:path';
import { z } from 'zod';
import { knowledgeDir } from '../core/paths.js';
import { readYamlFile } from '../kb/load.js';
import { compareIds, type Framework } from './framework.js';

// Prowler's Alibaba Cloud checks and their whoowns equivalents. The data names Prowler's checks
// and their CIS ids (facts from Prowler's repository); the whoowns side of a CIS-mapped check is
// derived through the CIS map, so it grows as checks land and cannot drift from that map.

const text = z.string().trim().min(1);
const bilingual = z.object({ zh: text, en: text }).strict();
const recId = z.string().regex(/^\d+(\.\d+)+$/, 'a recommendation number such as 4.3');
const whoownsRef = z.string().regex(/^[a-z]+(\.[a-z0-9]+(-[a-z0-9]+)*)+(#[a-z0-9_-]+)?$/, 'a check id, or check#rule');

const entrySchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(_[a-z0-9]+)+$/, "a Prowler check name such as rds_instance_ssl_enabled"),
    cis: z.array(recId).min(1).optional(),
    'as-cis': z.array(recId).min(1).optional(),
    whoowns: whoownsRef.optional(),
    none: bilingual.optional(),
    note: text.optional(),
  })
  .strict()
  .superRefine((e, ctx) => {
    const kinds = (['cis', 'as-cis', 'whoowns', 'none'] as const).filter((k) => e[k] !== undefined);
    if (kinds.length !== 1) ctx.addIssue({ code: 'custom', path: ['id'], message: `give exactly one of cis, as-cis, whoowns, none (found ${kinds.length ? kinds.join(', ') : 'none'})` });
  });

export const prowlerFileSchema = z
  .object({
    source: z.object({ repo: text, commit: z.string().regex(/^[0-9a-f]{40}$/) }).strict(),
    checks: z.array(entrySchema).min(1),
  })
  .strict()
  .superRefine((f, ctx) => {
    const seen = new Set<string>();
    f.checks.forEach((c, i) => {
      if (seen.has(c.id)) ctx.addIssue({ code: 'custom', path: ['checks', i, 'id'], message: `${c.id} is listed twice` });
      seen.add(c.id);
    });
  });

export type ProwlerMap = z.infer<typeof prowlerFileSchema>;
export type ProwlerEntry = ProwlerMap['checks'][number];

export const PROWLER_FILE = 'prowler-alibaba.yaml';

export function loadProwlerMap(path: string = join(knowledgeDir(), 'compliance', PROWLER_FILE)): ProwlerMap {
  return readYamlFile(path, prowlerFileSchema);
}

export interface ProwlerRow {
  prowler: string;
  /** The CIS v2 ids Prowler gives it (or that it tests, for `as-cis`); empty when none. */
  cis: string[];
  /** whoowns checks (check or check#rule) that test the same; empty = no equivalent in this build. */
  whoowns: string[];
  /** Why there is none, when the data says so or the CIS map does not decide those recommendations. */
  why?: { zh: string; en: string };
}

export interface ProwlerReport {
  source: ProwlerMap['source'];
  total: number;
  withEquivalent: number;
  rows: ProwlerRow[];
}

/**
 * Each Prowler check with its whoowns equivalent. `known` is the registry's check ids: a CIS map
 * entry naming a check this build does not have (a not-covered catalogue row) is no equivalent.
 */
export function mapProwler(map: ProwlerMap, framework: Framework, known: ReadonlySet<string>): ProwlerReport {
  const recs = new Map(framework.recommendations.map((r) => [r.id, r]));
  const rows = map.checks.map((e): ProwlerRow => {
    if (e.none) return { prowler: e.id, cis: [], whoowns: [], why: e.none };
    if (e.whoowns) {
      const ok = known.has(e.whoowns.split('#')[0]!);
      return ok ? { prowler: e.id, cis: [], whoowns: [e.whoowns] } : { prowler: e.id, cis: [], whoowns: [], why: notInBuild(e.whoowns) };
    }
    const cis = [...(e.cis ?? e['as-cis'] ?? [])].sort(compareIds);
    const refs = new Set<string>();
    for (const id of cis) {
      for (const c of recs.get(id)?.checks ?? []) if (known.has(c.check)) refs.add('detail' in c ? `${c.check}#${c.detail}` : c.check);
    }
    if (refs.size > 0) return { prowler: e.id, cis, whoowns: [...refs] };
    const reasons = cis.map((id) => recs.get(id)).map((r) => r?.['not-covered'] ?? r?.manual);
    const first = reasons.find((x) => x !== undefined);
    return { prowler: e.id, cis, whoowns: [], why: first ?? { en: `CIS v2 ${cis.join(', ')} names no whoowns check.`, zh: `CIS v2 ${cis.join('、')} 未对应任何 whoowns 检查。` } };
  });
  return { source: map.source, total: rows.length, withEquivalent: rows.filter((r) => r.whoowns.length > 0).length, rows };
}

function notInBuild(ref: string): { zh: string; en: string } {
  return { en: `The equivalent ${ref} is not in this build.`, zh: `对应的检查 ${ref} 不在当前版本中。` };
}
