import pc from 'picocolors';
import { isWhoownsError, toWhoownsError } from '../core/errors.js';
import type { QaAnswer, QaEngine, Lang } from '../qa/engine.js';
import { detectLanguage } from '../qa/normalize.js';
import { validateQuestion } from '../qa/validate.js';
import type { CliIo } from './io.js';

export interface AskOptions {
  json?: boolean;
  lang?: Lang;
}

export async function runAsk(engine: QaEngine, question: string | undefined, opts: AskOptions, io: CliIo): Promise<number> {
  if (question === undefined) {
    if (!opts.json) {
      io.err('Usage: whoowns ask [--json] [--lang zh|en] "<question>"   (with --json and no question, reads one question per line from stdin)\n');
      return 2;
    }
    return askLines(engine, opts, io);
  }
  try {
    const answer = engine.ask(validateQuestion(question), { lang: opts.lang });
    io.out(opts.json ? `${JSON.stringify(answer)}\n` : formatHuman(answer, io.isTTY));
    return 0;
  } catch (e) {
    const err = toWhoownsError(e);
    const lang = opts.lang ?? detectLanguage(question);
    io.err(`${lang === 'zh' ? '错误' : 'Error'}: ${err.messageIn(lang)}\n`);
    return isWhoownsError(e) ? 2 : 1;
  }
}

/** JSON Lines in, JSON Lines out, in order; a bad line yields an error object, not a stop. */
async function askLines(engine: QaEngine, opts: AskOptions, io: CliIo): Promise<number> {
  let code = 0;
  for await (const line of io.lines()) {
    if (!line.trim()) continue;
    try {
      io.out(`${JSON.stringify(engine.ask(validateQuestion(line), { lang: opts.lang }))}\n`);
    } catch (e) {
      const err = toWhoownsError(e);
      const language = opts.lang ?? detectLanguage(line);
      io.out(`${JSON.stringify({ question: line.slice(0, 200), language, matched: false, owner: null, error: { code: err.code, message: err.messageIn(language) } })}\n`);
      code = 2;
    }
  }
  return code;
}

export function formatHuman(a: QaAnswer, color: boolean): string {
  const paint = color ? pc : { bold: (s: string) => s, dim: (s: string) => s };
  const [first, ...rest] = a.answer.split('\n');
  const sources = a.sources.map((s) => `${s.title} [${s.id}]`).join(a.language === 'zh' ? ';' : '; ');
  const label = a.language === 'zh' ? '来源:' : 'Sources: ';
  const tail = a.matched ? `\n\n${paint.dim(`${label}${sources}`)}` : '';
  return `${paint.bold(first ?? '')}\n${rest.join('\n')}${tail}\n`;
}
