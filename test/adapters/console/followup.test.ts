import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { COMMANDS, createDispatch } from '../../../commands/index.js';
import { startConsole } from '../../../src/adapters/console/repl.js';
import { createThreadMemory } from '../../../src/chat/thread-memory.js';
import { silentLogger } from '../../../src/core/logger.js';
import { harness as commandHarness } from '../../commands/helpers.js';

// The console is one conversation: a follow-up typed there reads in the sense of the last question.

async function session(lines: string[]): Promise<string[]> {
  const { services } = commandHarness();
  services.threads = createThreadMemory();
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (c: Buffer) => (text += c.toString('utf8')));
  const done = startConsole({ dispatch: createDispatch(() => COMMANDS, services), input, output, log: silentLogger(), color: false });
  input.end(`${lines.join('\n')}\n`);
  await done;
  return text.split('whoowns> ').slice(1);
}

const best = (answer: string) => /Sources: [^(]*\(([a-z0-9.-]+)\)/.exec(answer)?.[1];

describe('console follow-ups', () => {
  it('answers "and for disks?" with the earlier subject in mind, and shows the More way, not a button', async () => {
    const [first, follow, alone] = await session(['Who is responsible for encrypting data?', 'and for disks?', 'what is a security group?']);
    expect(best(first!)).toBeDefined();
    expect(best(follow!)).toBe(best(first!));
    expect(best(alone!)).not.toBe(best(first!));
    expect(first).not.toMatch(/→ kb show/);
  });
});
