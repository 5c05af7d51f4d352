import { textReply } from '../src/chat/message.js';
import { formatAnswer } from '../src/chat/qa-view.js';
import { validateQuestion } from '../src/qa/validate.js';
import type { CommandSpec } from './types.js';

export const ask: CommandSpec = {
  name: 'ask',
  aliases: ['whoowns', 'q'],
  access: 'open',
  summary: { zh: '问:某个安全问题由谁负责、怎么办', en: 'Ask who owns a security problem and what to do' },
  usage: {
    zh: ['/whoowns 谁负责操作系统补丁?', '/whoowns 安全组是什么?'],
    en: ['/whoowns who patches the OS on ECS?', '/whoowns what is a security group?'],
  },
  async run(ctx, args, services) {
    const question = validateQuestion(args);
    const answer = services.qa.ask(question);
    await ctx.reply(answer.matched ? formatAnswer(answer) : textReply(answer.answer));
  },
};
