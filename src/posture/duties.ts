// The duties report: the shared responsibility model laid over one account. Pure: a scan, the
// estate read from its snapshot (estate.ts), the knowledge base and the duty map in; a report out.
// Customer duties and Alibaba Cloud's layers come from the knowledge base, never a list in code.
// Missing data never reads as done: an error, an unreadable product or a duty no check covers is
// listed under the duty's gaps.

import type { Bilingual } from '../core/errors.js';
import type { KnowledgeBase } from '../kb/load.js';
import type { Entry } from '../kb/schema.js';
import type { DutyMap } from './duty-map.js';
import { NO_READER, type Estate, type ProductUsageEvidence } from './estate.js';
import type { CheckMeta, Finding, ScanResult } from './types.js';

export const DUTY_STATUSES = ['fail', 'error', 'pass', 'no-check'] as const;
export type DutyStatus = (typeof DUTY_STATUSES)[number];

export interface CheckCounts {
  id: string;
  title: Bilingual;
  passed: number;
  failed: number;
  muted: number;
  errors: number;
  skipped: number;
}

export interface ProductEvidence extends ProductUsageEvidence {
  id: string;
  title: Bilingual;
}

export interface DutyEvidence {
  id: string;
  title: Bilingual;
  summary: Bilingual;
  status: DutyStatus;
  totals: { passed: number; failed: number; errors: number };
  checks: CheckCounts[];
  products: ProductEvidence[];
  /** What could not be evaluated, and why. */
  gaps: Bilingual[];
}

export interface CloudLayer {
  id: string;
  title: Bilingual;
  summary: Bilingual;
  standards: string[];
  /** Checks whose responsibility is this layer or one of its items: platform events. */
  signals: CheckCounts[];
  /** The resources a signal failed on, with the reason (an event pending on an instance). */
  events: { resource: string; reason: Bilingual }[];
}

export interface DutiesReport {
  accountName: string;
  accountId: string | null;
  source: ScanResult['source'];
  scannedAt: string;
  incomplete: boolean;
  totals: Record<DutyStatus, number>;
  duties: DutyEvidence[];
  cloud: CloudLayer[];
}

export function buildDuties(scan: ScanResult, estate: Estate, kb: KnowledgeBase, map: DutyMap): DutiesReport {
  const duties = kb.entries.filter((e) => e.kind === 'duty' && e.owner === 'customer').map((d) => duty(d, scan, estate, kb, map));
  const totals = Object.fromEntries(DUTY_STATUSES.map((s) => [s, 0])) as Record<DutyStatus, number>;
  for (const d of duties) totals[d.status]++;
  return {
    accountName: scan.accountName,
    accountId: scan.accountId,
    source: scan.source,
    scannedAt: scan.scannedAt,
    incomplete: scan.incomplete,
    totals,
    duties,
    cloud: kb.entries.filter((e) => e.kind === 'layer' && e.owner === 'alibaba-cloud').map((l) => layer(l, scan)),
  };
}

function findingsOf(scan: ScanResult, checkId: string): Finding[] {
  return scan.findings.filter((f) => f.checkId === checkId);
}

function counts(meta: CheckMeta, scan: ScanResult): CheckCounts {
  const fs = findingsOf(scan, meta.id);
  const n = (s: Finding['status']) => fs.filter((f) => f.status === s).length;
  // Passes are counted per check whether or not they were listed (includePasses).
  return { id: meta.id, title: meta.title, passed: scan.passes[meta.id] ?? 0, failed: n('fail'), muted: fs.filter((f) => f.status === 'fail' && f.muted).length, errors: n('error'), skipped: n('skip') };
}

function duty(d: Entry, scan: ScanResult, estate: Estate, kb: KnowledgeBase, map: DutyMap): DutyEvidence {
  const metas = scan.checks.filter((m) => m.responsibility === d.id || (map.also[m.id] ?? []).includes(d.id));
  const checks = metas.map((m) => counts(m, scan));
  const totals = checks.reduce((t, c) => ({ passed: t.passed + c.passed, failed: t.failed + c.failed, errors: t.errors + c.errors }), { passed: 0, failed: 0, errors: 0 });
  const products = d.related.filter((id) => kb.byId.get(id)?.kind === 'product').map((id): ProductEvidence => ({ id, title: kb.byId.get(id)!.title, ...(estate[id] ?? NO_READER) }));
  const status: DutyStatus = checks.length === 0 ? 'no-check' : totals.failed > 0 ? 'fail' : totals.errors > 0 ? 'error' : 'pass';
  return { id: d.id, title: d.title, summary: d.summary, status, totals, checks, products, gaps: gaps(d, checks, products, scan, map) };
}

function gaps(d: Entry, checks: CheckCounts[], products: ProductEvidence[], scan: ScanResult, map: DutyMap): Bilingual[] {
  const out: Bilingual[] = [];
  if (checks.length === 0) {
    out.push({ en: 'No automated check in this build covers this duty: review it by hand.', zh: '当前版本没有覆盖这项责任的自动检查,请人工核查。' });
  }
  for (const c of checks.filter((x) => x.errors > 0)) {
    const first = findingsOf(scan, c.id).find((f) => f.status === 'error')!;
    out.push({ en: `${c.id}: ${c.errors} could not be evaluated: ${first.reason.en}`, zh: `${c.id}:${c.errors} 项无法评估:${first.reason.zh}` });
  }
  for (const [rowId, dutyId] of Object.entries(map['not-covered'])) {
    const row = scan.notCovered.find((n) => n.id === rowId);
    if (dutyId === d.id && row) out.push({ en: `Not covered: ${row.title.en}. ${row.reason.en}`, zh: `未覆盖:${row.title.zh}。${row.reason.zh}` });
  }
  const unknown = products.filter((p) => p.state === 'unknown');
  for (const p of unknown) out.push({ en: `${p.title.en}: ${p.detail.en}`, zh: `${p.title.zh}:${p.detail.zh}` });
  const unread = products.filter((p) => p.state === 'not-read');
  if (unread.length > 0) {
    out.push({
      en: `Product use not read: ${unread.map((p) => p.title.en).join(', ')}.`,
      zh: `未读取产品使用情况:${unread.map((p) => p.title.zh).join('、')}。`,
    });
  }
  return out;
}

function layer(l: Entry, scan: ScanResult): CloudLayer {
  const metas = scan.checks.filter((m) => m.responsibility === l.id || m.responsibility.startsWith(`${l.id}.`));
  const events = metas.flatMap((m) => findingsOf(scan, m.id).filter((f) => f.status === 'fail').map((f) => ({ resource: f.resource.name && f.resource.name !== f.resource.id ? `${f.resource.name} (${f.resource.id})` : f.resource.id, reason: f.reason })));
  return { id: l.id, title: l.title, summary: l.summary, standards: l.standards, signals: metas.map((m) => counts(m, scan)), events };
}
