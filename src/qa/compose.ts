import type { Entry, Owner } from '../kb/schema.js';
import type { KnowledgeBase } from '../kb/load.js';
import type { Intent } from './intent.js';
import { OWNER_LABEL, type Lang } from '../core/i18n.js';

// Answers are built from entries, never free text: owner first, then why, then what helps.

export { OWNER_LABEL };

const SIDE: Record<Owner, Record<Lang, string>> = {
  'alibaba-cloud': { zh: '这属于“云本身”的安全。', en: 'This is security OF the cloud.' },
  customer: { zh: '这属于“云上”的安全。', en: 'This is security IN the cloud.' },
  shared: { zh: '双方各负其责。', en: 'Each side owns its part.' },
};

const L = {
  owner: { zh: '负责方', en: 'Owner' },
  partOf: { zh: '所属层面', en: 'Part of' },
  helps: { zh: '可用的阿里云产品', en: 'What helps' },
  serves: { zh: '对应的责任', en: 'Duty it serves' },
  limits: { zh: '限制', en: 'Limits' },
  standards: { zh: '标准', en: 'Standards' },
  yourPart: { zh: '您这边', en: 'Your part' },
  docs: { zh: '官方文档', en: 'Docs' },
} as const;

export function ownerLine(owner: Owner, lang: Lang): string {
  const stop = lang === 'zh' ? '。' : '. ';
  return `${L.owner[lang]}${colon(lang)}${OWNER_LABEL[owner][lang]}${stop}${SIDE[owner][lang]}`;
}

function colon(lang: Lang): string {
  return lang === 'zh' ? ':' : ': ';
}

export function renderAnswer(kb: KnowledgeBase, e: Entry, intent: Intent, lang: Lang): string {
  const lines: string[] = [];
  const isProduct = e.kind === 'product' || e.kind === 'product-group';
  const lead = intent.owner || !isProduct;
  if (lead) lines.push(ownerLine(e.owner, lang));
  lines.push(`${e.title[lang]}${colon(lang)}${e.summary[lang]}`);
  lines.push(e.body[lang]);
  if (e.limits) lines.push(`${L.limits[lang]}${colon(lang)}${e.limits[lang]}`);
  const parent = e.parent ? kb.byId.get(e.parent) : undefined;
  const standards = [...e.standards, ...(parent?.standards ?? [])];
  if (parent && parent.kind === 'layer') lines.push(`${L.partOf[lang]}${colon(lang)}${parent.title[lang]}`);
  if (standards.length) lines.push(`${L.standards[lang]}${colon(lang)}${[...new Set(standards)].join(', ')}`);
  const related = e.related.map((id) => kb.byId.get(id)).filter((r): r is Entry => r !== undefined);
  const products = related.filter((r) => r.kind === 'product');
  const duties = related.filter((r) => r.kind !== 'product' && r.kind !== 'product-group');
  if (isProduct && duties.length) {
    lines.push(`${L.serves[lang]}${colon(lang)}${duties.map((d) => `${d.title[lang]} (${OWNER_LABEL[d.owner][lang]})`).join(lang === 'zh' ? ';' : '; ')}`);
  }
  if (products.length) {
    lines.push(`${L.helps[lang]}${colon(lang)}${products.map((p) => p.title[lang]).join(lang === 'zh' ? '、' : ', ')}`);
  }
  if (e.owner === 'alibaba-cloud' && intent.owner) {
    const inCloud = kb.byId.get('context.in-the-cloud');
    if (inCloud) lines.push(`${L.yourPart[lang]}${colon(lang)}${inCloud.summary[lang]}`);
  }
  if (e.docs) lines.push(`${L.docs[lang]}${colon(lang)}${e.docs[lang]}`);
  return lines.join('\n');
}

export const EXAMPLES: Record<Lang, string[]> = {
  zh: ['谁负责ECS操作系统的补丁?', '安全组规则由谁配置?', '虚拟化层的安全由谁保障?'],
  en: ['Who patches the OS on my ECS instances?', 'Who configures security group rules?', 'Who secures the physical data centres?'],
};

export function renderOffTopic(lang: Lang): string {
  const head =
    lang === 'zh'
      ? '我只回答 ECS 安全责任共担方面的问题(哪些由阿里云负责、哪些由您负责)。可以试试:'
      : 'I answer questions about ECS security responsibility: what Alibaba Cloud owns and what you own. Try:';
  return [head, ...EXAMPLES[lang].map((q) => `• ${q}`)].join('\n');
}
