import pc from 'picocolors';
import { isWhoownsError, toWhoownsError } from '../core/errors.js';
import type { QaAnswer, QaEngine, Lang } from '../qa/engine.js';
import { detectLanguage } from '../qa/normalize.js';
import { validateQuestion } from '../qa/validate.js';
import { uiLang, type CliIo } from './io.js';

export interface AskOptions {
  json?: boolean;
  lang?: Lang;
  /** The full entry instead of the short chat answer. */
  long?: boolean;
}

/** How much of a bad line an error row echoes: enough to find it, not a megabyte back. */
const ECHO_CHARS = 200;

export async function runAsk(engine: QaEngine, question: string | undefined, opts: AskOptions, io: CliIo): Promise<number> {
  if (question === undefined) {
    if (!opts.json) {
      io.err('Usage: whoowns ask [--json] [--long] [--lang zh|en] "<question>"   (with --json and no question, reads one question per line from stdin)\n');
      return 2;
    }
    return askLines(engine, opts, io);
  }
  try {
    const answer = engine.ask(validateQuestion(question), { lang: opts.lang, long: opts.long });
    io.out(opts.json ? `${JSON.stringify(answer)}\n` : formatHuman(answer, io.isTTY));
    return 0;
  } catch (e) {
    const err = toWhoownsError(e);
    const lang = opts.lang ?? detectLanguage(question);
    io.err(`${lang === 'zh' ? '错误' : 'Error'}: ${err.messageIn(lang)}\n`);
    return isWhoownsError(e) ? 2 : 1;
  }
}

/**
 * JSON Lines in, JSON Lines out: exactly one output line per input line, in order, so a caller
 * can zip them. A bad line (blank, too long, binary) yields `{question, error}` and the batch
 * goes on; the exit code says afterwards that some line was bad.
 */
async function askLines(engine: QaEngine, opts: AskOptions, io: CliIo): Promise<number> {
  let code = 0;
  for await (const line of io.lines()) {
    try {
      io.out(`${JSON.stringify(engine.ask(validateQuestion(line), { lang: opts.lang, long: opts.long }))}\n`);
    } catch (e) {
      const err = toWhoownsError(e);
      const blank = line.trim() === '';
      const language = opts.lang ?? (blank ? uiLang(io.env) : detectLanguage(line));
      const question = blank ? '' : [...line].slice(0, ECHO_CHARS).join('');
      io.out(`${JSON.stringify({ question, error: { code: err.code, message: err.messageIn(language) } })}\n`);
      code = Math.max(code, isWhoownsError(e) ? 2 : 1);
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
