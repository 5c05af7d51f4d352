import { userInfo } from 'node:os';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import pc from 'picocolors';
import type { ChatContext, Dispatch } from '../../chat/types.js';
import type { Logger } from '../../core/logger.js';
import { detectLanguage } from '../../qa/normalize.js';
import { threadKey } from '../../chat/thread-memory.js';
import { toConsoleText } from './render.js';

// The local console: the same commands as chat, typed at a prompt. The embedded default for
// trying whoowns without any chat platform.

export interface ConsoleOptions {
  dispatch: Dispatch;
  input: Readable;
  output: Writable;
  log: Logger;
  color: boolean;
  /** Shown once at start, e.g. "DEMO DATA: posture answers come from the local emulator". */
  notice?: string;
  defaultLocale?: 'zh' | 'en';
}

const BANNER = [
  'whoowns console — ask who owns an ECS security problem, in English or 中文.',
  'Try: "who patches the OS?", "安全组是什么?", "posture", "posture sg", "help" / "帮助". "exit" quits.',
];

/** Turn a console line into a request: "/posture sg" and "posture sg" both work. */
export function consoleRequest(line: string): { command: string; text: string } {
  const m = /^\/?(posture|digest|help|帮助|whoowns)\b\s*(.*)$/i.exec(line.trim());
  if (!m) return { command: 'ask', text: line.trim() };
  const word = m[1]!.toLowerCase();
  return { command: word === '帮助' ? 'help' : word, text: m[2] ?? '' };
}

export function startConsole(opts: ConsoleOptions): Promise<void> {
  const rl = createInterface({ input: opts.input, output: opts.output, terminal: opts.color, historySize: 500, prompt: opts.color ? pc.cyan('whoowns> ') : 'whoowns> ' });
  const write = (s: string) => void opts.output.write(s);
  write(`${BANNER.join('\n')}\n${opts.notice ? `${opts.notice}\n` : ''}`);
  const user = safeUser();
  let queue = Promise.resolve();
  rl.prompt();
  return new Promise((resolve) => {
    rl.on('line', (line) => {
      const text = line.trim();
      if (/^(exit|quit|退出)$/i.test(text)) return rl.close();
      // Lines are handled one at a time, in order, even when a scan is slow.
      queue = queue.then(async () => {
        if (text) {
          const locale = text ? detectLanguage(text) : opts.defaultLocale ?? 'en';
          const ctx: ChatContext = {
            platform: 'console',
            user: { platform: 'console', id: user },
            place: { id: 'console', kind: 'direct' },
            locale,
            thread: threadKey({ platform: 'console', workspace: '', channel: 'console', thread: user }),
            log: opts.log.child({ platform: 'console' }),
            reply: async (r) => write(toConsoleText(r, opts.color)),
          };
          await opts.dispatch(consoleRequest(text), ctx);
        }
        rl.prompt();
      });
    });
    rl.on('close', () => void queue.then(() => resolve()));
  });
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'console';
  }
}
