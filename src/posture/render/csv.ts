// One row per result, RFC 4180: CRLF line ends, fields with comma, quote or line break quoted,
// quotes doubled. The first line is always the header (CSV readers take it as such); demo data is
// marked in the first column, `demo`, of every row, so no row can be mistaken for real findings.

import type { Finding, ScanResult } from '../types.js';
import { collect, DEMO_LABEL, isDemo, type RenderOptions, type Write } from './common.js';
import { metaOf, remediationOf } from '../meta.js';

type Column = [string, (f: Finding, lang: 'zh' | 'en', demo: boolean, scan: ScanResult) => string];

const COLUMNS: Column[] = [
  ['demo', (_f, l, demo) => (demo ? DEMO_LABEL[l] : '')],
  ['fingerprint', (f) => f.fingerprint],
  ['status', (f) => f.status],
  ['severity', (f) => f.severity],
  ['owner', (f) => f.owner],
  ['check_id', (f) => f.checkId],
  ['title', (f, l, _d, scan) => metaOf(scan, f.checkId).title[l]],
  ['account', (f) => f.resource.account],
  ['region', (f) => f.resource.region ?? ''],
  ['resource_type', (f) => f.resource.type],
  ['resource_id', (f) => f.resource.id],
  ['resource_name', (f) => f.resource.name],
  ['detail', (f) => f.detail ?? ''],
  ['reason', (f, l) => f.reason[l]],
  ['muted', (f) => (f.muted ? 'true' : 'false')],
  ['muted_by', (f) => f.muted?.by ?? ''],
  ['muted_until', (f) => f.muted?.until ?? ''],
  ['muted_reason', (f) => f.muted?.reason ?? ''],
  ['responsibility', (f, _l, _d, scan) => metaOf(scan, f.checkId).responsibility],
  ['cli', (f, _l, _d, scan) => remediationOf(scan, f).cli],
];

export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function row(values: string[]): string {
  return values.map(csvField).join(',') + '\r\n';
}

export function renderCsv(scan: ScanResult, opts: RenderOptions): string {
  return collect((w) => renderCsvTo(scan, opts, w));
}

// Only with an owners block, so reports of accounts without one keep their columns.
const TEAM_COLUMNS: Column[] = [
  ['team', (f) => f.team?.teams.join(' ') ?? ''],
  ['team_why', (f, l) => f.team?.why[l] ?? ''],
];

export function renderCsvTo(scan: ScanResult, opts: RenderOptions, write: Write): void {
  const demo = isDemo(scan, opts);
  const columns = scan.unowned ? [...COLUMNS, ...TEAM_COLUMNS] : COLUMNS;
  write(row(columns.map(([name]) => name)));
  for (const f of scan.findings) write(row(columns.map(([, get]) => get(f, opts.lang, demo, scan))));
}
