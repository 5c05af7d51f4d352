// Text normalisation shared by the index and the questions, so both sides meet in one form.

// C0/C1 controls, zero-width and bidi override characters: never meaningful in a question.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;
const PUNCT = /[\p{P}\p{S}]+/gu;

/** Remove control, zero-width and direction-override characters; keep newlines and tabs as spaces. */
export function stripControls(text: string): string {
  return text.replace(CONTROL, '').replace(/[\t\r\n]+/g, ' ');
}

/**
 * NFKC folds full-width forms (ＳＳＨ, ２２, ，) to half-width; lower-case; punctuation to spaces,
 * except the joiners that live inside names we must keep whole (800-88, hot-patch, cn-hangzhou, 0.0.0.0/0).
 */
export function normalize(text: string): string {
  return stripControls(text.normalize('NFKC'))
    .toLowerCase()
    .replace(PUNCT, (m) => (/^[-./_+]$/.test(m) ? m : ' '))
    .replace(/(^|\s)[-./_+]+|[-./_+]+(?=\s|$)/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

const HAN = /\p{Script=Han}/u;
const HAN_G = /\p{Script=Han}/gu;
const LATIN_WORD = /[a-z]{2,}/gi;

export function hasHan(text: string): boolean {
  return HAN.test(text);
}

/** Chinese when Han characters carry at least as much of the question as Latin words do. */
export function detectLanguage(text: string): 'zh' | 'en' {
  const han = text.match(HAN_G)?.length ?? 0;
  if (han === 0) return 'en';
  const latinWords = text.match(LATIN_WORD)?.length ?? 0;
  // A Chinese word is ~2 characters; weigh Han characters accordingly.
  return han / 2 >= latinWords * 0.5 ? 'zh' : 'en';
}
