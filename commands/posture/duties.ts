import type { Block, Reply } from '../../src/chat/message.js';
import type { Locale } from '../../src/chat/types.js';
import type { DutiesReport } from '../../src/posture/duties.js';
import { DUTY_STATUS_WORD, dutiesTotalsLine } from '../../src/posture/render/duties.js';
import type { ScanView } from '../../src/posture/service.js';
import { freshness, gapBlocks, headline } from './view.js';

// `/posture duties`: one short block per customer duty (checks, products in use, gaps), then
// Alibaba Cloud's layers with platform events. The full lists are `whoowns duties`.

export function dutiesReply(r: DutiesReport, view: ScanView, locale: Locale): Reply {
  const zh = locale === 'zh';
  const blocks: Block[] = [
    { type: 'header', text: headline(zh ? '责任共担:客户的责任与证据' : 'Shared responsibility: your duties and the evidence', view, locale) },
    ...gapBlocks(view, locale),
    { type: 'context', text: dutiesTotalsLine(r, locale) },
  ];
  for (const d of r.duties) {
    const t = d.totals;
    const lines = [`**${d.title[locale]}** — ${DUTY_STATUS_WORD[d.status][locale]}`];
    if (d.checks.length) lines.push(zh ? `• 检查 ${d.checks.length} 项:通过 ${t.passed},未通过 ${t.failed},无法评估 ${t.errors}` : `• ${d.checks.length} checks: ${t.passed} pass, ${t.failed} fail, ${t.errors} error`);
    for (const p of d.products.filter((x) => x.state !== 'not-read')) lines.push(`• ${p.title[locale]}: ${p.detail[locale]}`);
    for (const g of d.gaps) lines.push(`• ${zh ? '缺口' : 'Gap'}: ${g[locale]}`);
    blocks.push({ type: 'text', text: lines.join('\n') });
  }
  const cloud = r.cloud.map((l) => {
    const events = l.events.length;
    const signal = l.signals.length === 0 ? (zh ? '无实时信号' : 'no live signal') : zh ? `平台事件 ${events} 个` : `${events} platform events`;
    return `• ${l.title[locale]}: ${signal}`;
  });
  blocks.push({ type: 'text', text: `**${zh ? '阿里云的责任(云本身)' : "Alibaba Cloud's side (of the cloud)"}**\n${cloud.join('\n')}` });
  blocks.push(freshness(view, locale));
  const summary = zh ? `责任共担:${dutiesTotalsLine(r, locale)}` : `Duties: ${dutiesTotalsLine(r, locale)}`;
  return { summary, blocks, demo: view.demo };
}
