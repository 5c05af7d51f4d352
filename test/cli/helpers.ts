import type { CliIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/program.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the real CLI in-process with captured output and optional stdin lines. */
export async function cli(argv: string[], opts: { stdin?: string[]; env?: NodeJS.ProcessEnv } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    out: (t) => void (stdout += t),
    err: (t) => void (stderr += t),
    lines: async function* () {
      yield* opts.stdin ?? [];
    },
    isTTY: false,
    env: opts.env ?? { LANG: 'en_US.UTF-8' },
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}
