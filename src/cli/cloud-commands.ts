import { loadConfig, type Config } from '../config/config.js';
import { WhoownsError } from '../core/errors.js';
import { createLogger, type Logger } from '../core/logger.js';
import { secretsFromEnv } from '../core/secrets.js';
import { inventorySummary, renderInventoryJson, renderInventoryTable } from '../cloud/index.js';
import { createBackend, type PostureBackend } from '../posture/backend.js';
import { alignColumns } from '../core/text-width.js';
import type { CliIo } from './io.js';
import { uiLang } from './io.js';
import { progressReporter } from './progress.js';

// Commands that read the cloud (declared in ./declare/cloud.ts): whoami and inventory, and the
// helpers scan and digest share to reach the cloud.

export interface CloudCliOptions {
  account?: string;
  region?: string[];
  demo?: boolean;
}

/** Config for a CLI run: the demo account only when asked for with --demo. */
export function cliConfig(io: CliIo, opts: CloudCliOptions): Config {
  const config = loadConfig(io.env);
  if (opts.demo) return { ...config, cloud: { ...config.cloud, demo: true } };
  if (config.cloud.demo && !['true', '1'].includes(io.env.WHOOWNS_DEMO ?? '')) {
    throw new WhoownsError('NO_CREDENTIALS', {
      zh: '没有找到阿里云凭证。请设置 ALIBABA_CLOUD_ACCESS_KEY_ID/ALIBABA_CLOUD_ACCESS_KEY_SECRET、配置 aliyun CLI(aliyun configure)、在 ECS 上设置 ALIBABA_CLOUD_ECS_METADATA=<实例 RAM 角色名>,或加 --demo 使用内置演示账号。',
      en: 'No Alibaba Cloud credentials found. Set ALIBABA_CLOUD_ACCESS_KEY_ID/ALIBABA_CLOUD_ACCESS_KEY_SECRET, configure the aliyun CLI (aliyun configure), set ALIBABA_CLOUD_ECS_METADATA=<instance RAM role> on ECS, or add --demo to use the built-in demo account.',
    });
  }
  return config;
}

/** Logs go to stderr through `io`, so in-process runs (tests) see them too. */
export function cliLogger(io: CliIo): Logger {
  return createLogger({ level: io.env.WHOOWNS_LOG_LEVEL ?? 'silent', secrets: secretsFromEnv(io.env), destination: { write: (line: string) => io.err(line) } });
}

export function pickAccount(backend: PostureBackend, name?: string) {
  if (!name) return backend.accounts[0]!;
  const found = backend.accounts.find((a) => a.name === name);
  if (!found) {
    const names = backend.accounts.map((a) => a.name).join(', ');
    throw new WhoownsError('USAGE', { zh: `配置中没有名为 ${name} 的账号;可用:${names}。`, en: `No account named ${name} in the configuration; configured: ${names}.` });
  }
  return found;
}

/** Run `fn` with a backend, closing it (and its demo emulator) whatever happens. */
export async function withBackend<T>(io: CliIo, opts: CloudCliOptions, fn: (b: PostureBackend, config: Config, log: Logger) => Promise<T>): Promise<T> {
  const config = cliConfig(io, opts);
  const log = cliLogger(io);
  const backend = await createBackend(config, log);
  try {
    return await fn(backend, config, log);
  } finally {
    await backend.close();
  }
}

export type WhoamiCliOptions = CloudCliOptions & { json?: boolean; lang?: 'zh' | 'en' };
export type InventoryCliOptions = CloudCliOptions & { format: 'table' | 'json'; lang?: 'zh' | 'en' };

export async function runWhoami(opts: WhoamiCliOptions, io: CliIo): Promise<number> {
  return withBackend(io, opts, async (backend, _config, log) => {
    const who = await backend.whoami(pickAccount(backend, opts.account), log);
    if (opts.json) io.out(`${JSON.stringify(who, null, 2)}\n`);
    else {
      const zh = (opts.lang ?? uiLang(io.env)) === 'zh';
      const rows: [string, string][] = [
        [zh ? '账号名' : 'account', who.accountName],
        [zh ? '账号 ID' : 'account id', who.accountId ?? '?'],
        [zh ? '身份' : 'identity', `${who.identityType ?? '?'} ${who.arn ?? ''}`.trim()],
        [zh ? '凭证来源' : 'credential source', who.credentialSource],
        [zh ? '可用地域' : 'regions', who.regions ? `${who.regions.length}: ${who.regions.join(', ')}` : '?'],
      ];
      for (const l of alignColumns(rows)) io.out(`${l}\n`);
      for (const g of who.gaps) io.out(`${zh ? '未能读取' : 'could not read'}: ${g.service} ${g.action}: ${g.code}\n`);
    }
    return who.accountId ? 0 : 3;
  });
}

export async function runInventory(opts: InventoryCliOptions, io: CliIo): Promise<number> {
  return withBackend(io, opts, async (backend, _config, log) => {
    const progress = progressReporter(io);
    const snapshot = await backend.collect(pickAccount(backend, opts.account), log, { regions: opts.region, onProgress: progress.update });
    progress.done();
    const summary = inventorySummary(snapshot);
    io.out(opts.format === 'json' ? renderInventoryJson(summary) : renderInventoryTable(summary, opts.lang ?? uiLang(io.env)));
    return 0;
  });
}
