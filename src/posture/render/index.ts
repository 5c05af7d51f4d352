// Renderers are pure functions ScanResult → string. Pick one by name.

import type { ScanResult } from '../types.js';
import type { RenderOptions } from './common.js';
import { renderCsv } from './csv.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderSarif } from './sarif.js';
import { renderTable, type TableOptions } from './table.js';
import type { Format } from './formats.js';

export { FORMATS, type Format } from './formats.js';

export function render(scan: ScanResult, format: Format, opts: TableOptions): string {
  switch (format) {
    case 'table':
      return renderTable(scan, opts);
    case 'json':
      return renderJson(scan, opts);
    case 'markdown':
      return renderMarkdown(scan, opts);
    case 'csv':
      return renderCsv(scan, opts);
    case 'sarif':
      return renderSarif(scan, opts);
  }
}

export type { RenderOptions, TableOptions };
export { renderCsv, renderJson, renderMarkdown, renderSarif, renderTable };
