import type { QaAnswer } from '../qa/engine.js';
import type { Reply } from './message.js';

/** A Q&A answer as a chat reply: owner line as the header, explanation, then sources. */
export function formatAnswer(a: QaAnswer): Reply {
  const [first, ...rest] = a.answer.split('\n');
  const sources = a.sources.map((s) => `${s.title} (${s.id})`).join(a.language === 'zh' ? ';' : '; ');
  return {
    summary: first ?? '',
    blocks: [
      { type: 'text', text: `**${first ?? ''}**` },
      { type: 'text', text: rest.join('\n') },
      { type: 'context', text: `${a.language === 'zh' ? '来源:' : 'Sources: '}${sources}` },
    ],
  };
}
