import type { Dispatch } from '../chat/types.js';
import { WhoownsError, isWhoownsError } from '../core/errors.js';
import type { Redactor } from '../core/redact.js';

// The redaction layer at the places text leaves the bot besides the logger: chat replies,
// and errors on their way to a user. (CLI output has its own, src/cli/io.ts redactingIo: this layer
// sits below the CLI and must not import it.)

/** The same error with every secret taken out of what a user or a log can read of it. */
export function redactError(e: unknown, r: Redactor): unknown {
  if (isWhoownsError(e)) {
    const copy = new WhoownsError(e.code, { zh: r.redact(e.messages.zh), en: r.redact(e.messages.en) }, e.cause);
    if (e.stack) copy.stack = r.redact(e.stack);
    return copy;
  }
  if (e instanceof Error) {
    e.message = r.redact(e.message);
    if (e.stack) e.stack = r.redact(e.stack);
    return e;
  }
  return typeof e === 'string' ? r.redact(e) : e;
}

/** Every reply a command sends, and every error it throws, passes the redactor. */
export function redactingDispatch(dispatch: Dispatch, r: Redactor): Dispatch {
  return async (req, ctx) => {
    try {
      await dispatch(req, { ...ctx, reply: (m) => ctx.reply(r.deep(m)) });
    } catch (e) {
      throw redactError(e, r);
    }
  };
}
