import { createInterface, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import pc from 'picocolors';
import { formatHuman } from '../cli/ask.js';
import { toWhoownsError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { QaEngine } from '../qa/engine.js';
import { detectLanguage } from '../qa/normalize.js';
import { validateQuestion } from '../qa/validate.js';

// The local console: the embedded default for trying whoowns without any chat platform.

export interface ConsoleOptions {
  engine: QaEngine;
  input: Readable;
  output: Writable;
  log: Logger;
  color: boolean;
  history?: string[];
}

const BANNER = {
  en: 'whoowns console — ask who owns an ECS security problem, in English or 中文. Type "help" for examples, "exit" to quit.',
  zh: 'whoowns 控制台 —— 用中文或英文提问 ECS 安全问题归谁负责。输入 “帮助” 查看示例,“exit” 退出。',
};

export function startConsole(opts: ConsoleOptions): Promise<void> {
  const paint = opts.color ? pc : { cyan: (s: string) => s, red: (s: string) => s };
  const rl: Interface = createInterface({
    input: opts.input,
    output: opts.output,
    terminal: opts.color,
    history: opts.history,
    historySize: 500,
    prompt: paint.cyan('whoowns> '),
  });
  const write = (s: string) => opts.output.write(s);
  write(`${BANNER.en}\n${BANNER.zh}\n`);
  rl.prompt();
  return new Promise((resolve) => {
    rl.on('line', (line) => {
      const text = line.trim();
      if (/^(exit|quit|退出)$/i.test(text)) return rl.close();
      if (text) write(handleLine(opts, text, paint.red));
      rl.prompt();
    });
    rl.on('close', () => resolve());
  });
}

function handleLine(opts: ConsoleOptions, text: string, red: (s: string) => string): string {
  if (/^(help|\?|帮助)$/i.test(text)) {
    const zh = /帮助/.test(text);
    return zh
      ? '示例:\n  谁负责ECS操作系统补丁?\n  安全组是什么?\n  物理服务器坏了谁负责?\n'
      : 'Examples:\n  Who patches the OS on my ECS instances?\n  What is a security group?\n  Who secures the physical servers?\n';
  }
  try {
    return formatHuman(opts.engine.ask(validateQuestion(text)), opts.color);
  } catch (e) {
    const err = toWhoownsError(e);
    if (err.code === 'INTERNAL') opts.log.error({ err: e }, 'console question failed');
    return `${red(err.messageIn(detectLanguage(text)))}\n`;
  }
}
