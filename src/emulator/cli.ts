// `whoowns emulator --scenario demo --port 18080`: serve a scenario until Ctrl+C, so the bot, the
// CLI or the aliyun tooling can be tried against a fake account without touching a real one.

import { loadScenario } from './load.js';
import { DEFAULT_EMULATOR_CREDENTIAL, startEmulator } from './server.js';

export interface EmulatorCommandOptions {
  /** 'demo' | 'clean' | 'large' or a path to a YAML/JSON scenario. */
  scenario: string;
  /** Default 18080; 0 = a random free port. */
  port?: number;
  /** Default 127.0.0.1; only loopback addresses are accepted. */
  host?: string;
  /** Where the startup lines go (CLI output, not the pino log). Default: stdout. */
  log?: (line: string) => void;
  /** Stops the emulator when aborted (SIGINT and SIGTERM also stop it). */
  signal?: AbortSignal;
}

export async function runEmulatorCommand(opts: EmulatorCommandOptions): Promise<void> {
  const log = opts.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const scenario = loadScenario(opts.scenario, { now: new Date() });
  const em = await startEmulator({ scenario, port: opts.port ?? 18080, ...(opts.host ? { host: opts.host } : {}) });
  const regions = Object.values(scenario.regions);
  const instances = regions.reduce((n, r) => n + r.instances.length, 0);
  const cred = DEFAULT_EMULATOR_CREDENTIAL;
  log(`Alibaba Cloud OpenAPI emulator: scenario "${scenario.name}" (${regions.length} regions, ${instances} instances, ${scenario.ram.users.length} RAM users)`);
  log(`  listening on ${em.url}  (SDK endpoint ${em.endpoint}, protocol http; serves ECS, VPC, RAM, IMS and STS)`);
  log(`  AccessKey id:     ${cred.accessKeyId}`);
  // Printing this secret is deliberate: it is public test data that only this emulator accepts.
  log(`  AccessKey secret: ${cred.accessKeySecret}  (public test key, accepted only by this emulator)`);
  log('Press Ctrl+C to stop.');

  await new Promise<void>((resolve) => {
    const done = () => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      opts.signal?.removeEventListener('abort', done);
      resolve();
    };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
    opts.signal?.addEventListener('abort', done, { once: true });
    if (opts.signal?.aborted) done();
  });
  await em.stop();
  log(`Emulator stopped after ${em.calls.length} API calls.`);
}
