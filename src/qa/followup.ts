// Follow-up questions in a conversation: "and for disks?" / "那磁盘呢?" after "who is
// responsible for encryption?" names a new subject and leaves the ask implied. Such a question
// is rewritten into the earlier one with the new subject in front, so the engine answers it
// in the earlier sense ("For disks, who is responsible for encryption?"). A question that can
// stand on its own is left alone: it starts a new topic.

/** Longer than this and the question carries its own ask (people do not elaborate an ellipsis). */
const MAX_SUBJECT_WORDS = 6;
const MAX_SUBJECT_CHARS_ZH = 12;

// Cues are tried longest first so "and what about" wins over "and".
const CUES_EN = [
  'and what about',
  'and how about',
  'and for',
  'what about',
  'how about',
  'what of',
  'same for',
  'same question for',
  'and also',
  'also for',
  'ok and',
  'and',
].sort((a, b) => b.length - a.length);
/** Words that make the rest a question of its own ("and who patches the OS?"). */
const ASK_WORDS_EN = /\b(who|whom|whose|what|which|how|why|when|where|is|are|was|were|do|does|did|can|could|should|must|will|would)\b/i;
/** Kept in front of the subject ("On Windows, …"); anything else gets "For". */
const PREPOSITIONS_EN = /^(for|on|in|inside|within|with|without|under|at|to|of|during|after|before|across)\b/i;

const LEAD_ZH = /^(那么|那如果是|那如果|如果是|那要是|那|还有|另外|再问一下|再问)/;
const TAIL_ZH = /(呢|怎么样|如何|又如何|怎么说)$/;
const FOR_ZH = /^(对于|关于|至于|换成|是)/;
const ASK_WORDS_ZH = /谁|什么|怎么|怎样|如何|为什么|是否|哪|吗|多少|能不能|可不可以|要不要|负责/;

interface Ellipsis {
  lang: 'zh' | 'en';
  subject: string;
}

/**
 * The question to ask for `next` given the conversation's `previous` question, or undefined
 * when `next` is not a follow-up (ask it as it is).
 */
export function followUp(previous: string, next: string): string | undefined {
  const prev = previous.trim();
  const e = ellipsis(next);
  if (!e || !prev) return undefined;
  if (e.lang === 'zh') return `关于${e.subject},${prev}`;
  const lead = PREPOSITIONS_EN.test(e.subject) ? e.subject : `for ${e.subject}`;
  return `${lead[0]!.toUpperCase()}${lead.slice(1)}, ${lowerFirst(prev)}`;
}

/** Whether `text` is an elliptical follow-up ("and for disks?", "那磁盘呢?"). */
export function isElliptical(text: string): boolean {
  return ellipsis(text) !== undefined;
}

function ellipsis(text: string): Ellipsis | undefined {
  const t = text.trim().replace(/[?？!！.。,,;;\s]+$/u, '').trim();
  if (!t) return undefined;
  return /[\u4e00-\u9fff]/.test(t) ? ellipsisZh(t) : ellipsisEn(t);
}

function ellipsisEn(t: string): Ellipsis | undefined {
  const lower = t.toLowerCase();
  const cue = CUES_EN.find((c) => lower === c || lower.startsWith(`${c} `));
  if (!cue) return undefined;
  const subject = t.slice(cue.length).trim().replace(/^(about|regarding)\s+/i, '').trim();
  // "And the backups" keeps "the"; "for the backups" reads better than "for backups" anyway.
  if (!subject || subject.split(/\s+/).length > MAX_SUBJECT_WORDS || ASK_WORDS_EN.test(subject)) return undefined;
  return { lang: 'en', subject: subject.replace(/^for\s+/i, 'for ') };
}

function ellipsisZh(t: string): Ellipsis | undefined {
  const lead = LEAD_ZH.exec(t);
  const tail = TAIL_ZH.exec(t);
  if (!lead && !tail) return undefined;
  let subject = t;
  if (lead) subject = subject.slice(lead[0].length);
  if (tail) subject = subject.slice(0, subject.length - tail[0].length);
  subject = subject.replace(FOR_ZH, '').replace(/的$/, '').replace(/^[,,\s]+|[,,\s]+$/g, '');
  if (!subject || [...subject].length > MAX_SUBJECT_CHARS_ZH || ASK_WORDS_ZH.test(subject)) return undefined;
  return { lang: 'zh', subject };
}

/** "Who is …" → "who is …", but "ECS is …" and "OS patching …" keep their capitals. */
function lowerFirst(s: string): string {
  const first = s.split(/\s+/)[0] ?? '';
  return /^[A-Z][a-z]+$/.test(first) ? `${s[0]!.toLowerCase()}${s.slice(1)}` : s;
}
