import { z } from 'zod';

// The knowledge base is data: every entry is validated against this schema at load and in a test.

import { OWNERS, type Owner } from '../core/i18n.js';
import { KINDS, type Kind } from './kinds.js';

export { OWNERS, type Owner, KINDS, type Kind };

const text = z.string().trim().min(1);
const bilingual = z.object({ zh: text, en: text }).strict();
const termList = z.array(text).default([]);
const terms = z.object({ zh: termList, en: termList }).strict();

export const entrySchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(?:[.-][a-z0-9]+)*$/, 'ids are lower-case words joined by . or -'),
    kind: z.enum(KINDS),
    owner: z.enum(OWNERS),
    /** Parent entry (an item's layer, a product's group, a duty's side of the boundary). */
    parent: z.string().optional(),
    title: bilingual,
    /** One sentence: what it is and whose it is. */
    summary: bilingual,
    /** A few sentences in our own words. */
    body: bilingual,
    /** Words people use for it (synonyms, abbreviations, product names). Matched strongly. */
    aliases: terms.default({ zh: [], en: [] }),
    /** Words that point at it when they appear in a question. Matched with less weight. */
    keywords: terms.default({ zh: [], en: [] }),
    /** Limits or caveats the source states (e.g. "Linux only"). */
    limits: bilingual.optional(),
    /** Name of the official documentation page the source points to. */
    docs: bilingual.optional(),
    /** Standards cited (GB 50174, TIA 942, NIST SP800-88 ...). */
    standards: z.array(text).default([]),
    /** Related entries: a duty lists the products that help with it, a product the duties it serves. */
    related: z.array(z.string()).default([]),
    /** Incidents only: who owns which step, and the first three things to do. */
    response: z
      .object({
        /** Alibaba Cloud's part of the incident. */
        cloud: bilingual,
        /** The customer's part. */
        customer: bilingual,
        first: z.array(bilingual).length(3),
      })
      .strict()
      .optional(),
  })
  .strict();

export type Entry = z.infer<typeof entrySchema>;

export const entryFileSchema = z.object({ entries: z.array(entrySchema).min(1) }).strict();

/** Cross-language synonym groups: every term in a group stands for the same idea in a question. */
export const synonymFileSchema = z
  .object({ groups: z.array(z.array(text).min(2)).min(1) })
  .strict();

// Question cues (knowledge/intents.yaml). A signal fires when the weights of its cues found in
// a question add up to 1 or more. A cue is a phrase: "…" stands for anything in between, a
// leading "^" anchors it at the start, a trailing "*" lets a Latin word go on ("responsib*").
export const SIGNALS = [
  'owner', 'what', 'how', 'compare', 'choice', 'yes-no', 'which-product', 'audit', 'incident', 'downtime', 'list',
  'cloud-mention', 'customer-mention', 'cloud-side', 'customer-side', 'claims-cloud', 'claims-customer', 'question',
] as const;
export type SignalId = (typeof SIGNALS)[number];
const cueList = z.array(text).default([]);
const cueGroup = z.object({ weight: z.number().positive().max(5).default(1), zh: cueList, en: cueList }).strict();
const prefer = z
  .object({
    /** Multiply the score of entries of these kinds / ids / whose text uses these words. */
    factor: z.number().positive().max(10),
    kinds: z.array(z.enum(KINDS)).default([]),
    ids: z.array(z.string()).default([]),
    words: z.array(text).default([]),
    /** Bring the preferred ids in even when the subject did not name them. */
    inject: z.boolean().default(false),
    /**
     * When the signal does NOT fire, the same entries score this many times as much (< 1): an
     * incident entry should not answer a question that reports nothing going wrong.
     */
    absent: z.number().positive().max(1).optional(),
  })
  .strict();
export const intentFileSchema = z
  .object({
    signals: z.array(z.object({ id: z.enum(SIGNALS), cues: z.array(cueGroup).min(1), prefer: prefer.optional() }).strict()).min(1),
    /** Words that start another part of a multi-part question ("另外", ", and who"). */
    joiners: z.object({ zh: cueList, en: cueList }).strict(),
    /**
     * Question words that, starting a clause after a comma while an earlier clause asked one too,
     * start another part ("谁负责补丁,谁负责机房?"); alone ("机房被入侵了,谁负责?") they do not.
     */
    clauseQuestions: z.object({ zh: cueList, en: cueList }).strict().optional(),
  })
  .strict();
export type IntentFile = z.infer<typeof intentFileSchema>;

/** Other clouds (knowledge/scope.yaml): their names and products mark a question as out of scope. */
export const scopeFileSchema = z
  .object({
    clouds: z.array(z.object({ name: text, names: z.array(text).min(1), products: z.array(text).default([]) }).strict()).min(1),
  })
  .strict();
export type ScopeFile = z.infer<typeof scopeFileSchema>;
