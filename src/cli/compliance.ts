import { ALL_CHECKS } from '../checks/index.js';
import { loadFramework, type FrameworkId } from '../compliance/framework.js';
import { loadProwlerMap, mapProwler } from '../compliance/prowler.js';
import { WhoownsError } from '../core/errors.js';
import { assessCompliance } from '../posture/compliance.js';
import { renderCompliance } from '../posture/render/compliance.js';
import { renderProwler } from '../posture/render/prowler.js';
import type { ComplianceFormat } from '../posture/render/formats.js';
import { withCore } from './cloud-commands.js';
import type { CliIo } from './io.js';
import { uiLang } from './io.js';
import { progressReporter } from './progress.js';
import { readNothing } from './scan.js';

// `whoowns compliance <framework>` (declared in ./declare/compliance.ts): one full scan through
// the core's posture source, judged recommendation by recommendation.

export interface ComplianceOptions {
  account?: string;
  format?: ComplianceFormat;
  demo?: boolean;
  lang?: 'zh' | 'en';
}

export async function runCompliance(id: FrameworkId, opts: ComplianceOptions, io: CliIo): Promise<number> {
  // The map first: a broken file is reported before anything reaches the cloud.
  const framework = loadFramework(id);
  const format: ComplianceFormat = opts.format ?? (io.isTTY ? 'table' : 'json');
  const lang = opts.lang ?? uiLang(io.env);
  return withCore(io, opts, async ({ posture }, _config, log) => {
    const progress = progressReporter(io);
    let snapshot;
    try {
      snapshot = await posture.read(posture.account(opts.account), log.child({ job: 'compliance' }), { onProgress: progress.update });
    } finally {
      progress.done();
    }
    if (readNothing(snapshot)) {
      const first = snapshot.gaps[0]!;
      throw new WhoownsError('ENDPOINT_UNREACHABLE', {
        zh: `无法评估合规:${first.service} ${first.action} 失败(${first.code})。请检查网络、端点(WHOOWNS_ENDPOINT_*)和凭证。`,
        en: `Cannot assess compliance: ${first.service} ${first.action} failed (${first.code}). Check the network, endpoints (WHOOWNS_ENDPOINT_*) and credentials.`,
      });
    }
    // Passes are kept so a recommendation scoped to one rule of a check sees that rule's own passes.
    const scan = await posture.assess(snapshot, { includePasses: true });
    io.out(renderCompliance(assessCompliance(framework, scan), format, lang));
    return 0;
  });
}

/**
 * `whoowns compliance prowler`: Prowler's Alibaba Cloud checks and the whoowns checks that answer
 * them, derived through the CIS map and this build's registry. Reads no cloud, so it needs no account.
 */
export function runProwlerMap(opts: ComplianceOptions, io: CliIo): number {
  const report = mapProwler(loadProwlerMap(), loadFramework('cis-v2'), new Set(ALL_CHECKS.map((c) => c.meta.id)));
  const format = opts.format ?? (io.isTTY ? 'table' : 'json');
  io.out(renderProwler(report, format, opts.lang ?? uiLang(io.env)));
  return 0;
}
