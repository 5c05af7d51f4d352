import { WhoownsError } from '../core/errors.js';
import { buildDuties } from '../posture/duties.js';
import { loadDutyMap } from '../posture/duty-map.js';
import { estateOf } from '../posture/estate.js';
import { renderDuties } from '../posture/render/duties.js';
import type { ComplianceFormat } from '../posture/render/formats.js';
import { withCore } from './cloud-commands.js';
import type { CliIo } from './io.js';
import { uiLang } from './io.js';
import { progressReporter } from './progress.js';
import { readNothing } from './scan.js';

// `whoowns duties` (declared in ./declare/duties.ts): one scan through the core's posture
// source, laid over the shared responsibility model of the knowledge base.

export interface DutiesOptions {
  account?: string;
  format?: ComplianceFormat;
  demo?: boolean;
  lang?: 'zh' | 'en';
}

export async function runDuties(opts: DutiesOptions, io: CliIo): Promise<number> {
  // The map first: a broken file is reported before anything reaches the cloud.
  const map = loadDutyMap();
  const format: ComplianceFormat = opts.format ?? (io.isTTY ? 'table' : 'json');
  const lang = opts.lang ?? uiLang(io.env);
  return withCore(io, opts, async ({ posture, kb }, _config, log) => {
    const progress = progressReporter(io);
    let snapshot;
    try {
      snapshot = await posture.read(posture.account(opts.account), log.child({ job: 'duties' }), { onProgress: progress.update });
    } finally {
      progress.done();
    }
    if (readNothing(snapshot)) {
      const first = snapshot.gaps[0]!;
      throw new WhoownsError('ENDPOINT_UNREACHABLE', {
        zh: `无法生成责任报告:${first.service} ${first.action} 失败(${first.code})。请检查网络、端点(WHOOWNS_ENDPOINT_*)和凭证。`,
        en: `Cannot build the duties report: ${first.service} ${first.action} failed (${first.code}). Check the network, endpoints (WHOOWNS_ENDPOINT_*) and credentials.`,
      });
    }
    io.out(renderDuties(buildDuties(await posture.assess(snapshot), estateOf(snapshot), kb, map), format, lang));
    return 0;
  });
}
