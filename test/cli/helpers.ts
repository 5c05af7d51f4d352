import type { CliIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/program.js';
import { endpointEnv } from '../../src/cloud/endpoints.js';
import { DEFAULT_EMULATOR_CREDENTIAL } from '../../src/emulator/index.js';

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

/** The environment of a first run against the emulator at `url`: its test key, every service's endpoint there. */
export function emulatorEnv(url: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    HOME: '/nonexistent',
    LANG: 'en_US.UTF-8',
    ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true',
    ALIBABA_CLOUD_ACCESS_KEY_ID: DEFAULT_EMULATOR_CREDENTIAL.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: DEFAULT_EMULATOR_CREDENTIAL.accessKeySecret,
    ...endpointEnv(url),
    ...extra,
  };
}
