// SARIF 2.1.0: one rule per check that ran, one result per failed finding (muted ones carry a
// SARIF suppression), errors and gaps as tool execution notifications so an incomplete scan is
// visible to whatever reads the file. partialFingerprints carries our fingerprint. Cloud resources
// have no file, but GitHub code scanning rejects a result without a physical location, so each
// gets a stable artifact URI naming the resource: alibabacloud://<account>/<region>/<type>/<id>.

import { genericRemediation } from '../../checks/template.js';
import { gapSentence } from '../../checks/gaps.js';
import type { CheckMeta, Finding, ScanResult, Severity } from '../types.js';
import { collect, DEMO_LABEL, isDemo, type RenderOptions, type Write } from './common.js';
import { remediationOf } from '../meta.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const FINGERPRINT_KEY = 'whoownsFingerprint/v1';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

/** "ecs.sg.admin-port-open-world" → "EcsSgAdminPortOpenWorld" (SARIF rule names are identifiers). */
function ruleName(id: string): string {
  return id
    .split(/[.-]/)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

function rule(m: CheckMeta, lang: 'zh' | 'en') {
  const url = m.references.find((r) => r.startsWith('https://'));
  // A rule covers every resource, so its help uses generic words ("<security-group-id>").
  const fix = genericRemediation(m).remediation;
  return {
    id: m.id,
    name: ruleName(m.id),
    shortDescription: { text: m.title[lang] },
    fullDescription: { text: m.remediation.why[lang] },
    help: { text: `${fix.console[lang]}\n\n${fix.cli}`, markdown: `${fix.console[lang]}\n\n\`\`\`sh\n${fix.cli}\n\`\`\`` },
    ...(url ? { helpUri: url } : {}),
    defaultConfiguration: { level: LEVEL[m.severity] },
    properties: {
      severity: m.severity,
      owner: m.owner,
      responsibility: m.responsibility,
      products: m.products,
      ...(m.cis ? { cis: m.cis } : {}),
      tags: ['security', m.service, `owner:${m.owner}`],
    },
  };
}

/** The same resource always gives the same URI; each segment is percent-encoded. */
export function resourceUri(r: Finding['resource']): string {
  return `alibabacloud://${[r.account, r.region ?? 'global', r.type, r.id].map(encodeURIComponent).join('/')}`;
}

function location(f: Finding) {
  const r = f.resource;
  return {
    physicalLocation: { artifactLocation: { uri: resourceUri(r) } },
    logicalLocations: [
      {
        name: r.name || r.id,
        fullyQualifiedName: [r.account, r.region ?? 'global', r.type, r.id].join('/'),
        kind: r.type,
      },
    ],
  };
}

function result(f: Finding, scan: ScanResult, index: Map<string, number>, lang: 'zh' | 'en') {
  return {
    ruleId: f.checkId,
    ...(index.has(f.checkId) ? { ruleIndex: index.get(f.checkId) } : {}),
    kind: 'fail',
    level: LEVEL[f.severity],
    message: { text: f.reason[lang] },
    locations: [location(f)],
    partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
    ...(f.muted ? { suppressions: [{ kind: 'external', status: 'accepted', justification: f.muted.reason, properties: { by: f.muted.by, until: f.muted.until } }] } : {}),
    properties: {
      owner: f.owner,
      severity: f.severity,
      resourceType: f.resource.type,
      resourceId: f.resource.id,
      ...(f.resource.region ? { region: f.resource.region } : {}),
      ...(f.detail ? { detail: f.detail } : {}),
      remediationCli: remediationOf(scan, f).cli,
      ...(f.team ? { team: f.team.teams, teamWhy: f.team.why[lang] } : {}),
    },
  };
}

const RESULTS_SLOT = '\u0000results';

/** The log with `results` standing in as a marker, for the streaming writer to fill. */
function skeleton(scan: ScanResult, opts: RenderOptions): Record<string, unknown> {
  const lang = opts.lang;
  const demo = isDemo(scan, opts);
  const rules = scan.checks.map((m) => rule(m, lang));
  const notifications = [
    ...scan.gaps.map((g) => ({ level: 'warning', message: { text: gapSentence(g)[lang] }, properties: { gap: g } })),
    ...scan.findings
      .filter((f) => f.status === 'error')
      .map((f) => ({ level: 'error', message: { text: f.reason[lang] }, descriptor: { id: f.checkId }, locations: [location(f)] })),
  ];
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'whoowns', rules } },
        automationDetails: { id: `whoowns/${scan.accountId ?? scan.accountName}/${scan.scannedAt}` },
        invocations: [{ executionSuccessful: true, endTimeUtc: scan.scannedAt, toolExecutionNotifications: notifications }],
        results: RESULTS_SLOT,
        properties: {
          demo,
          ...(demo ? { label: DEMO_LABEL[lang] } : {}),
          account: { name: scan.accountName, id: scan.accountId },
          regions: scan.regions,
          incomplete: scan.incomplete,
          summary: scan.summary,
        },
      },
    ],
  };
}

/** Failed findings as results, written one per line between the pretty-printed rest. */
export function renderSarifTo(scan: ScanResult, opts: RenderOptions, write: Write): void {
  const index = new Map(scan.checks.map((m, i) => [m.id, i]));
  const text = JSON.stringify(skeleton(scan, opts), null, 2);
  const marker = JSON.stringify(RESULTS_SLOT);
  const slot = text.indexOf(marker);
  write(`${text.slice(0, slot)}[`);
  let n = 0;
  for (const f of scan.findings) {
    if (f.status !== 'fail') continue;
    write(`${n++ === 0 ? '' : ','}\n        ${JSON.stringify(result(f, scan, index, opts.lang))}`);
  }
  write(`${n ? '\n      ' : ''}]${text.slice(slot + marker.length)}\n`);
}

export function renderSarif(scan: ScanResult, opts: RenderOptions): string {
  return collect((w) => renderSarifTo(scan, opts, w));
}
