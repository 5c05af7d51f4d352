import { canSeePosture } from '../src/chat/access.js';
import { textReply } from '../src/chat/message.js';
import type { ChatContext, ChatRequest, Dispatch } from '../src/chat/types.js';
import { toWhoownsError, type WhoownsError } from '../src/core/errors.js';
import { nearestWord, unknownWordError } from './suggest.js';
import type { CommandSpec, Services } from './types.js';

// One place decides which command runs, who may run it, how often, and how failures read.

const PREFIX = /^\/?([a-z\u4e00-\u9fff?]+)(?:\s+|$)/i;

/** Resolve a request to a command and its argument text. Free text is a question. */
export function route(specs: CommandSpec[], req: ChatRequest): { spec: CommandSpec; args: string } {
  const byWord = (w: string) => specs.find((s) => s.name === w || s.aliases.includes(w));
  const ask = byWord('ask')!;
  const direct = req.command === 'ask' || req.command === 'whoowns' ? undefined : byWord(req.command.toLowerCase());
  if (direct) return { spec: direct, args: req.text.trim() };
  // "/whoowns posture sg", "@bot help", a DM saying "posture" — the first word may name a command.
  const text = req.text.trim();
  const m = PREFIX.exec(text);
  const named = m ? byWord(m[1]!.toLowerCase()) : undefined;
  if (named && named.name !== 'ask') return { spec: named, args: text.slice(m![0].length).trim() };
  return { spec: ask, args: text };
}

/**
 * A lone word that is one typo away from a command ("hlep", "/postrue") is a mistyped command,
 * not a question: say which command was meant. Anything longer stays a question.
 */
export function misspeltCommand(specs: CommandSpec[], text: string): WhoownsError | undefined {
  const m = /^[/／]?([a-z\u4e00-\u9fff]+)$/i.exec(text.trim());
  if (!m) return undefined;
  // "ask" is what free text already does; suggesting it would only hide the answer.
  const candidates = specs.filter((s) => s.name !== 'ask').flatMap((s) => [s.name, ...s.aliases]);
  if (!nearestWord(m[1]!, candidates)) return undefined;
  return unknownWordError({ kind: 'command', word: m[1]!, candidates });
}

export function createDispatch(specs: () => CommandSpec[], services: Services): Dispatch {
  return async (req: ChatRequest, ctx: ChatContext) => {
    const all = specs();
    const { spec, args } = route(all, req);
    const log = ctx.log.child({ command: spec.name });
    const zh = ctx.locale === 'zh';
    if (!services.limiter.take(`${ctx.platform}:${ctx.user.id}`)) {
      log.warn('rate limited');
      await ctx.reply(textReply(zh ? '请求太频繁了,请稍等一分钟再试。' : 'Too many requests; wait a minute and try again.', { ephemeral: true }));
      return;
    }
    const typo = spec.name === 'ask' ? misspeltCommand(all, args) : undefined;
    if (typo) {
      log.info('unknown command');
      await ctx.reply(textReply(typo.messageIn(ctx.locale), { ephemeral: true }));
      return;
    }
    let runCtx: ChatContext = { ...ctx, log };
    if (spec.access === 'posture') {
      // The one place that decides who sees a posture answer: everything the command replies
      // (its "Scanning…" note and errors included) follows the decision.
      const decision = canSeePosture(services.access, ctx);
      if (!decision.ok) {
        log.info({ reason: decision.reason }, 'posture refused');
        await ctx.reply(textReply(refusal(decision.reason, zh, services.access.adminContact), { ephemeral: true }));
        return;
      }
      if (decision.audience === 'asker') runCtx = { ...runCtx, reply: (m) => ctx.reply({ ...m, ephemeral: true }) };
    }
    try {
      await spec.run(runCtx, args, services);
    } catch (e) {
      const err = toWhoownsError(e);
      if (err.code === 'INTERNAL') log.error({ err: e }, 'command failed');
      else log.info({ code: err.code }, 'command rejected');
      await ctx.reply(textReply(err.messageIn(ctx.locale), { ephemeral: true }));
    }
  };
}

function refusal(reason: 'user' | 'place', zh: boolean, admin?: string): string {
  const contact = admin ? (zh ? `如需开通,请联系 ${admin}。` : ` To get access, contact ${admin}.`) : '';
  if (reason === 'user') {
    return zh ? `抱歉,安全态势数据只对授权人员开放。${contact}` : `Sorry, posture data is only for authorised people.${contact}`;
  }
  return zh
    ? `抱歉,安全态势结果不能发在这个群里。请私信我,或在授权的频道里使用。${contact}`
    : `Sorry, posture results can't be posted in this channel. Ask me in a direct message or an authorised channel.${contact}`;
}
