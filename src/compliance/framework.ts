import { join } from 'node:path';
import { z } from 'zod';
import { knowledgeDir } from '../core/paths.js';
import { readYamlFile } from '../kb/load.js';

// A compliance framework as data: its recommendations point at check ids, so a check's framework
// references are derived from here and cannot drift from the map (the map is the one truth).
// This module is the data model only; evaluating it over a scan lives in src/posture/compliance.ts.

const text = z.string().trim().min(1);
const bilingual = z.object({ zh: text, en: text }).strict();
const checkId = z.string().regex(/^[a-z]+(\.[a-z0-9]+(-[a-z0-9]+)*)+$/, 'a check id such as ecs.sg.admin-port-open-world');

/** A check, or one rule of it (`detail`, as in its results), that decides a recommendation. */
const checkRef = z.union([checkId.transform((check) => ({ check })), z.object({ check: checkId, detail: text }).strict()]);

const recommendationSchema = z
  .object({
    id: z.string().regex(/^\d+(\.\d+)+$/, 'a recommendation number such as 4.3'),
    section: z.string().regex(/^\d+$/),
    title: bilingual,
    /** The benchmark's own assessment status. */
    assessment: z.enum(['automated', 'manual']),
    /** CIS profile level (1 or 2). */
    profile: z.union([z.literal(1), z.literal(2)]),
    checks: z.array(checkRef).min(1).optional(),
    'not-covered': bilingual.optional(),
    manual: bilingual.optional(),
    note: bilingual.optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    const kinds = (['checks', 'not-covered', 'manual'] as const).filter((k) => r[k] !== undefined);
    if (kinds.length !== 1) {
      ctx.addIssue({ code: 'custom', path: ['id'], message: `give exactly one of checks, not-covered, manual (found ${kinds.length ? kinds.join(', ') : 'none'})` });
    }
  });

export const frameworkFileSchema = z
  .object({
    framework: z.object({ id: z.string().regex(/^[a-z0-9-]+$/), name: text, version: text, label: text }).strict(),
    sections: z.array(z.object({ id: z.string().regex(/^\d+$/), title: bilingual }).strict()).min(1),
    recommendations: z.array(recommendationSchema).min(1),
  })
  .strict()
  .superRefine((f, ctx) => {
    const seen = new Set<string>();
    const sections = new Set(f.sections.map((s) => s.id));
    f.recommendations.forEach((r, i) => {
      if (seen.has(r.id)) ctx.addIssue({ code: 'custom', path: ['recommendations', i, 'id'], message: `recommendation ${r.id} is listed twice` });
      seen.add(r.id);
      if (!sections.has(r.section)) ctx.addIssue({ code: 'custom', path: ['recommendations', i, 'section'], message: `section ${r.section} is not among sections` });
      if (!r.id.startsWith(`${r.section}.`)) ctx.addIssue({ code: 'custom', path: ['recommendations', i, 'section'], message: `recommendation ${r.id} is not in section ${r.section}` });
    });
  });

export type Framework = z.infer<typeof frameworkFileSchema>;
export type Recommendation = Framework['recommendations'][number];
export type CheckRef = NonNullable<Recommendation['checks']>[number];

/** Frameworks whoowns ships, by the id `whoowns compliance <id>` takes. */
export const FRAMEWORK_FILES = { 'cis-v2': 'cis-alibaba-cloud-v2.yaml' } as const;
export type FrameworkId = keyof typeof FRAMEWORK_FILES;

const cache = new Map<string, Framework>();

/** Load and validate a framework file (file:line on any problem); the shipped ones are read once. */
export function loadFramework(id: FrameworkId = 'cis-v2', path: string = join(knowledgeDir(), 'compliance', FRAMEWORK_FILES[id])): Framework {
  let f = cache.get(path);
  if (!f) {
    f = readYamlFile(path, frameworkFileSchema);
    cache.set(path, f);
  }
  return f;
}

/** Recommendation numbers in reading order: 1.2 before 1.10. */
export function compareIds(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? -1) - (y[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

/** Check id → the recommendations that cite it, in order. */
export function recommendationsByCheck(f: Framework): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of f.recommendations) {
    for (const c of r.checks ?? []) {
      const list = out.get(c.check) ?? [];
      if (!list.includes(r.id)) list.push(r.id);
      out.set(c.check, list);
    }
  }
  for (const list of out.values()) list.sort(compareIds);
  return out;
}

/** Check id → its reference as shown in reports: "CIS v2 3.2, 4.3, 4.4". */
export function frameworkLabels(f: Framework): Map<string, string> {
  return new Map([...recommendationsByCheck(f)].map(([id, recs]) => [id, `${f.framework.label} ${recs.join(', ')}`]));
}
