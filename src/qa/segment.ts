import { hasHan } from './normalize.js';

// Word segmentation without a dictionary dependency: Node's ICU segmenter handles Chinese,
// whitespace handles the rest. Input is expected to be normalised already.
const zhSegmenter = new Intl.Segmenter('zh', { granularity: 'word' });

export function segment(normalized: string): string[] {
  const out: string[] = [];
  for (const chunk of normalized.split(' ')) {
    if (!chunk) continue;
    if (!hasHan(chunk)) {
      out.push(chunk);
      continue;
    }
    for (const s of zhSegmenter.segment(chunk)) {
      if (s.isWordLike) out.push(s.segment);
    }
  }
  return out;
}

/** Light English stemming: enough to meet "patches"/"patched"/"patching" at "patch". */
export function stem(word: string): string {
  if (hasHan(word) || word.length <= 3) return word;
  if (/\d/.test(word)) return word;
  const rules: [RegExp, string][] = [
    [/ies$/, 'y'],
    [/(ss|us|is)$/, '$1'],
    [/(ch|sh|x|s|z)es$/, '$1'],
    [/ing$/, ''],
    [/ed$/, ''],
    [/s$/, ''],
  ];
  for (const [re, rep] of rules) {
    if (re.test(word)) {
      const s = word.replace(re, rep);
      return s.length >= 3 ? s : word;
    }
  }
  return word;
}
