import { WhoownsError } from '../core/errors.js';
import { stripControls } from './normalize.js';

export const MAX_QUESTION_CHARS = 2000;

// Bytes that are not text: NUL, lone surrogates turned into U+FFFD, C0 controls other than whitespace.
const JUNK = /[\u0000-\u0008\u000E-\u001F\uFFFD]/g;

/** Returns the cleaned question, or throws a coded error a person can act on. */
export function validateQuestion(raw: string): string {
  const junk = raw.match(JUNK)?.length ?? 0;
  if (junk > 0 && (raw.includes('\u0000') || junk / raw.length > 0.1)) {
    throw new WhoownsError('QUESTION_BINARY', {
      zh: '问题里有二进制数据或乱码,请用文字提问,例如:谁负责安全组规则?',
      en: 'The question contains binary data; ask in plain text, e.g. "Who configures security group rules?"',
    });
  }
  const q = stripControls(raw).trim();
  if (!q) {
    throw new WhoownsError('QUESTION_EMPTY', {
      zh: '问题为空,请输入一个问题,例如:谁负责ECS操作系统补丁?',
      en: 'The question is empty; type a question, e.g. "Who patches the OS on ECS?"',
    });
  }
  if ([...q].length > MAX_QUESTION_CHARS) {
    throw new WhoownsError('QUESTION_TOO_LONG', {
      zh: `问题太长(超过 ${MAX_QUESTION_CHARS} 个字符),请缩短后再问。`,
      en: `The question is too long (over ${MAX_QUESTION_CHARS} characters); shorten it and ask again.`,
    });
  }
  return q;
}
