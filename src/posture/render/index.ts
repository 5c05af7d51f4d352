// Renderers write a ScanResult a piece at a time (renderTo); render() collects the pieces for
// callers that want a string (tests, small scans). Pick one by name.

import type { ScanResult } from '../types.js';
import type { RenderOptions, Write } from './common.js';
import { renderCsv, renderCsvTo } from './csv.js';
import { renderJson, renderJsonTo, type JsonOptions } from './json.js';
import { renderMarkdown, renderMarkdownTo } from './markdown.js';
import { renderSarif, renderSarifTo } from './sarif.js';
import { renderTable, renderTableTo, type TableOptions } from './table.js';
import { collect } from './common.js';
import type { Format } from './formats.js';

export { FORMATS, type Format } from './formats.js';

export type ReportOptions = TableOptions & JsonOptions;

export function renderTo(scan: ScanResult, format: Format, opts: ReportOptions, write: Write): void {
  switch (format) {
    case 'table':
      return renderTableTo(scan, opts, write);
    case 'json':
      return renderJsonTo(scan, opts, write);
    case 'markdown':
      return renderMarkdownTo(scan, opts, write);
    case 'csv':
      return renderCsvTo(scan, opts, write);
    case 'sarif':
      return renderSarifTo(scan, opts, write);
  }
}

export function render(scan: ScanResult, format: Format, opts: ReportOptions): string {
  return collect((w) => renderTo(scan, format, opts, w));
}

export type { JsonOptions, RenderOptions, TableOptions, Write };
export { renderCsv, renderJson, renderMarkdown, renderSarif, renderTable };
