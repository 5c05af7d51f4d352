import type { ScopeFile } from '../kb/schema.js';
import type { Lang } from '../core/i18n.js';
import { cuePattern } from './intent.js';

// What whoowns does not answer: other clouds (knowledge/scope.yaml) and text pasted without a
// question. Both are told apart by shape, never by listing the questions themselves.

export interface ScopeModel {
  clouds: { name: string; re: RegExp }[];
}

export function compileScope(file: ScopeFile): ScopeModel {
  return {
    clouds: file.clouds.map((c) => ({ name: c.name, re: new RegExp([...c.names, ...c.products].map(cuePattern).join('|')) })),
  };
}

/** The other cloud a question is about, if it names one. */
export function otherCloud(model: ScopeModel, normalized: string): string | undefined {
  return model.clouds.find((c) => c.re.test(normalized))?.name;
}

// Shapes of machine text: log timestamps, pid tags, stack frames, exception names, markup,
// database error codes, key=value runs. Each counts once; the weak ones (a "name: " lead, an
// address, a long number) only together with another.
const PASTE_SHAPES: [RegExp, number][] = [
  [/\b\d{1,2}:\d{2}:\d{2}\b/, 1],
  [/\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/, 1],
  [/\b[\w.-]+\[\d+\]:/, 1],
  [/\bat\s+[\w$.<>]+\([\w.]*:\d+\)/, 1],
  [/\b[a-z]+(\.[a-z_$][\w$]*){2,}/i, 1],
  [/\b\w+(Exception|Error)\b|\bTraceback\b/, 1],
  [/<\/?[a-z][\w-]*(\s[^<>]*)?>/i, 1],
  [/\bERROR\s+\d{3,5}\s*\(\w{5}\)/, 1],
  [/\b\w+=\S+(\s+\w+=\S+)+/, 1],
  [/[{}[\];]{3,}/, 1],
  [/^\s*[\w.-]+:\s/, 0.5],
  [/\b\d{1,3}(\.\d{1,3}){3}\b/, 0.5],
  [/\b\d{3,}\b/, 0.5],
];

/** How machine-shaped the text is: 1 or more reads as a paste. */
export function pasteShapes(raw: string): number {
  return PASTE_SHAPES.reduce((sum, [re, w]) => sum + (re.test(raw) ? w : 0), 0);
}

// The noise of a paste (addresses, times, numbers in brackets, tags), dropped before the
// question is matched; its words ("Failed password", "sshd") stay, they are useful nouns.
const PASTE_NOISE = /<[^<>]*>|\b\d{1,3}(\.\d{1,3}){3}\b|\b\d{1,2}:\d{2}:\d{2}\b|\b\d{4}-\d{2}-\d{2}\b|\[\d+\]|\bport\s+\d+\b/gi;

export function stripPaste(raw: string): string {
  return raw.replace(PASTE_NOISE, ' ').replace(/\s+/g, ' ').trim();
}

export function renderOtherCloud(cloud: string, lang: Lang): string {
  return lang === 'zh'
    ? `whoowns 只回答阿里云 ECS 的安全责任共担问题,不涉及 ${cloud}。如果您想问阿里云 ECS 上的同一件事,请换成阿里云的说法再问,例如:谁负责ECS操作系统的补丁?`
    : `whoowns covers Alibaba Cloud ECS only, not ${cloud}. To ask the same about Alibaba Cloud ECS, name it, e.g. "Who patches the OS on my Alibaba Cloud ECS instances?"`;
}

export function renderPasteHint(lang: Lang): string {
  return lang === 'zh'
    ? '这看起来是粘贴的日志、代码或报错,里面没有问题。请在后面写上您想问的,例如:“……这是谁要处理的?”'
    : 'That looks like a pasted log, code or error with no question in it. Add what you want to know, e.g. "… who has to fix this?"';
}
