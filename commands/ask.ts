import { textReply } from '../src/chat/message.js';
import { formatAnswer } from '../src/chat/qa-view.js';
import type { ThreadMemory } from '../src/chat/thread-memory.js';
import type { QaAnswer, QaEngine } from '../src/qa/engine.js';
import { followUp } from '../src/qa/followup.js';
import { detectLanguage } from '../src/qa/normalize.js';
import { validateQuestion } from '../src/qa/validate.js';
import type { CommandSpec } from './types.js';

export const ask: CommandSpec = {
  name: 'ask',
  aliases: ['whoowns', 'q'],
  access: 'open',
  summary: { zh: '问:某个安全问题由谁负责、怎么办', en: 'Ask who owns a security problem and what to do' },
  usage: {
    zh: ['/whoowns 谁负责操作系统补丁?', '/whoowns 安全组是什么?', '(接着问)那磁盘呢?'],
    en: ['/whoowns who patches the OS on ECS?', '/whoowns what is a security group?', '(then) and for disks?'],
  },
  async run(ctx, args, services) {
    const question = validateQuestion(args);
    const answer = askInThread(services.qa, services.threads, ctx.thread, question);
    await ctx.reply(answer.matched ? formatAnswer(answer, { moreButton: ctx.platform === 'slack' }) : textReply(answer.answer));
  },
};

/**
 * Answer `question`, reading an elliptical follow-up ("and for disks?") in the sense of the
 * conversation's earlier question. The memory keeps the earlier *full* question, so a second
 * follow-up ("what about snapshots?") replaces the first one's subject instead of piling up.
 */
export function askInThread(qa: QaEngine, threads: ThreadMemory | undefined, key: string | undefined, question: string): QaAnswer {
  const earlier = key ? threads?.recall(key) : undefined;
  const rewritten = earlier ? followUp(earlier, question) : undefined;
  if (rewritten) {
    const answer = qa.ask(rewritten, { lang: detectLanguage(question) });
    if (answer.matched) return answer;
  }
  const answer = qa.ask(question);
  // Only a question we could answer becomes the subject: small talk must not erase it.
  if (answer.matched && key) threads?.remember(key, question);
  return answer;
}
