// One row per result, RFC 4180: CRLF line ends, fields with comma, quote or line break quoted,
// quotes doubled. With demo data the first row says so (padded to the header's width).

import type { Finding, ScanResult } from '../types.js';
import { DEMO_LABEL, isDemo, type RenderOptions } from './common.js';

const COLUMNS: Array<[string, (f: Finding, lang: 'zh' | 'en') => string]> = [
  ['fingerprint', (f) => f.fingerprint],
  ['status', (f) => f.status],
  ['severity', (f) => f.severity],
  ['owner', (f) => f.owner],
  ['check_id', (f) => f.checkId],
  ['title', (f, l) => f.title[l]],
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
  ['responsibility', (f) => f.responsibility],
  ['cli', (f) => f.remediation.cli],
];

export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function row(values: string[]): string {
  return values.map(csvField).join(',') + '\r\n';
}

export function renderCsv(scan: ScanResult, opts: RenderOptions): string {
  let out = '';
  if (isDemo(scan, opts)) out += row([DEMO_LABEL[opts.lang], ...Array<string>(COLUMNS.length - 1).fill('')]);
  out += row(COLUMNS.map(([name]) => name));
  for (const f of scan.findings) out += row(COLUMNS.map(([, get]) => get(f, opts.lang)));
  return out;
}
