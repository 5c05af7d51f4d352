// collectSnapshot: one account → one plain Snapshot. Regions and RAM are read in parallel
// under the pool's limits; every failed call is a Gap and its field stays null.

import { WhoownsError } from '../core/errors.js';
import type { AccountIdentity, Gap, RegionSnapshot, Snapshot } from './snapshot.js';
import type { Caller } from './caller.js';
import { HOME_REGION } from './clients.js';
import { list, str } from './coerce.js';
import { collectRam } from './collect-ram.js';
import { collectRegion, emptyRegion } from './collect-region.js';
import { readCertificates } from './collect-cas.js';
import { readProducts } from './collect-products.js';
import { collectActionTrail, collectSecurityCenter } from './collect-sas.js';
import { collectLogService } from './collect-sls.js';
import { collectOss } from './collect-oss.js';
import { Ecs } from './sdk.js';
import { openSession, sourceOf, type SessionOptions } from './session.js';
import { plural } from '../core/plural.js';

export type CollectService = 'ecs' | 'ram' | 'vpc' | 'kms' | 'cas' | 'actiontrail' | 'sas' | 'rds' | 'ack' | 'sls' | 'oss';
export const ALL_COLLECT_SERVICES: readonly CollectService[] = ['ecs', 'vpc', 'ram', 'kms', 'cas', 'actiontrail', 'sas', 'rds', 'ack', 'sls', 'oss'];

export interface CollectOptions extends SessionOptions {
  /** Restrict to these regions (validated against DescribeRegions); default: all regions. */
  regions?: string[];
  /** Called after each region (and RAM) finishes. */
  onProgress?: (done: number, total: number) => void;
  /** Which parts to read; default all. Parts left out are null with a NotRequested gap. */
  services?: CollectService[];
}

export async function readIdentity(caller: Caller): Promise<AccountIdentity | null> {
  const res = await caller.call('sts:GetCallerIdentity', undefined, undefined);
  if (!res.ok) return null;
  const b = res.body;
  return { accountId: str(b.accountId), arn: str(b.arn), identityType: str(b.identityType), principalId: str(b.principalId) };
}

/** DescribeRegions → region ids, or null when it failed (gap recorded). */
export async function readRegionIds(caller: Caller, homeRegion: string): Promise<string[] | null> {
  const res = await caller.call('ecs:DescribeRegions', homeRegion, new Ecs.DescribeRegionsRequest({ regionId: homeRegion }));
  if (!res.ok) return null;
  const ids = list(res.body.regions?.region)
    .map((r) => str(r.regionId))
    .filter((id) => id !== '');
  if (ids.length === 0) {
    caller.gap('ecs:DescribeRegions', homeRegion, 'Malformed', 'DescribeRegions returned no regions');
    return null;
  }
  return ids;
}

/** Which regions to scan: the requested ones (each must exist), else all. */
export function chooseRegions(requested: string[] | undefined, available: string[] | null): string[] {
  if (!requested || requested.length === 0) return available ?? [];
  const wanted = [...new Set(requested)];
  if (available === null) return wanted; // cannot check; DescribeRegions' gap says why
  const unknown = wanted.filter((r) => !available.includes(r));
  if (unknown.length > 0) {
    throw new WhoownsError('CONFIG_INVALID', {
      zh: `未知地域:${unknown.join(', ')}。该账号可用的地域有:${available.join(', ')}。请修正 regions 配置或 WHOOWNS_REGIONS。`,
      en: `${plural('en', unknown.length, { one: 'Unknown region', other: 'Unknown regions' })}: ${unknown.join(', ')}. This account can use: ${available.join(', ')}. Fix the regions setting or WHOOWNS_REGIONS.`,
    });
  }
  return wanted;
}

function notRequested(service: Gap['service']): Gap {
  return { service, action: '*', code: 'NotRequested', message: `${service} was not requested in this scan` };
}

export async function collectSnapshot(opts: CollectOptions): Promise<Snapshot> {
  const session = await openSession(opts);
  const { caller, now, log, limits } = session;
  const started = now();
  const services = new Set<CollectService>(opts.services ?? ALL_COLLECT_SERVICES);
  const wantRegions = services.has('ecs') || services.has('vpc') || services.has('kms') || services.has('rds') || services.has('ack');
  // The agent and vulnerability checks are ECS checks reading Security Center data.
  const wantSas = services.has('sas') || services.has('ecs');

  const identity = await readIdentity(caller);
  let regions: string[] = [];
  if (wantRegions) {
    const home = opts.regions?.[0] ?? HOME_REGION;
    regions = chooseRegions(opts.regions, await readRegionIds(caller, home));
  }

  const total = regions.length + (services.has('ram') ? 1 : 0) + (services.has('actiontrail') || services.has('sls') ? 1 : 0) + (wantSas ? 1 : 0) + (services.has('oss') ? 1 : 0);
  let done = 0;
  const tick = () => opts.onProgress?.(++done, total);
  log.info({ regions: regions.length, services: [...services] }, 'collecting snapshot');

  const scope = { ecs: services.has('ecs'), vpc: services.has('vpc'), kms: services.has('kms'), rds: services.has('rds'), ack: services.has('ack'), ...(limits.pageSize ? { pageSize: limits.pageSize } : {}) };
  const pageSize = limits.pageSize ? { pageSize: limits.pageSize } : {};
  const ticking = <T>(p: Promise<T>): Promise<T> =>
    p.then((v) => {
      tick();
      return v;
    });
  const [regionList, ram, certificates, products, trailsAndLogs, securityCenter, oss] = await Promise.all([
    Promise.all(
      regions.map(async (r): Promise<RegionSnapshot> => {
        const data = wantRegions ? await collectRegion(caller, r, scope) : emptyRegion(r);
        tick();
        return data;
      }),
    ),
    services.has('ram')
      ? collectRam(caller, limits.pageSize ? { pageSize: limits.pageSize } : {}).then((v) => {
          tick();
          return v;
        })
      : Promise.resolve(null),
    services.has('cas') ? readCertificates(caller, pageSize.pageSize) : Promise.resolve(null),
    services.has('vpc') ? readProducts(caller, regions) : Promise.resolve(undefined),
    // Log Service is read through the trails: it finds the trails' projects from their SlsProjectArn.
    services.has('actiontrail') || services.has('sls')
      ? ticking(
          collectActionTrail(caller, opts.regions?.[0] ?? HOME_REGION).then(async (at) => ({
            at,
            sls: services.has('sls') ? await collectLogService(caller, at.trails, limits.pageSize, opts.regions?.[0] ?? HOME_REGION) : null,
          })),
        )
      : Promise.resolve(null),
    wantSas ? ticking(collectSecurityCenter(caller, pageSize)) : Promise.resolve(null),
    services.has('oss') ? ticking(collectOss(caller, pageSize)) : Promise.resolve(null),
  ]);

  const extraGaps: Gap[] = [];
  if (!services.has('ecs')) extraGaps.push(notRequested('ecs'));
  if (!services.has('vpc')) extraGaps.push(notRequested('vpc'));
  if (!services.has('ram')) extraGaps.push(notRequested('ram'));
  if (!services.has('kms')) extraGaps.push(notRequested('kms'));
  if (!services.has('rds')) extraGaps.push(notRequested('rds'));
  if (!services.has('ack')) extraGaps.push(notRequested('cs'));
  if (!services.has('cas')) extraGaps.push(notRequested('cas'));
  if (!services.has('actiontrail')) extraGaps.push(notRequested('actiontrail'));
  if (!services.has('sls')) extraGaps.push(notRequested('sls'));
  if (!wantSas) extraGaps.push(notRequested('sas'));
  if (!services.has('oss')) extraGaps.push(notRequested('oss'));

  const finished = now();
  const snapshot: Snapshot = {
    schemaVersion: 1,
    accountName: opts.account.name,
    identity,
    collectedAt: finished.toISOString(),
    source: sourceOf(session.endpoints),
    regions,
    regionData: Object.fromEntries(regionList.map((r) => [r.regionId, r])),
    ram,
    certificates,
    ...(products ? { products } : {}),
    actiontrail: services.has('actiontrail') ? (trailsAndLogs?.at ?? null) : null,
    securityCenter,
    logService: trailsAndLogs?.sls ?? null,
    oss,
    gaps: [...caller.gaps, ...extraGaps],
    stats: { apiCalls: caller.stats.apiCalls, retries: caller.stats.retries, durationMs: Math.max(0, finished.getTime() - started.getTime()) },
  };
  log.info(
    { apiCalls: snapshot.stats.apiCalls, retries: snapshot.stats.retries, gaps: snapshot.gaps.length, durationMs: snapshot.stats.durationMs },
    'snapshot collected',
  );
  return snapshot;
}

export interface WhoamiResult {
  accountName: string;
  accountId: string | null;
  arn: string | null;
  identityType: string | null;
  /** Where the credential came from (type/provider), never the secret. */
  credentialSource: string;
  /** Regions DescribeRegions offered (restricted to `regions` when given); null = could not list. */
  regions: string[] | null;
  gaps: Gap[];
}

export async function whoami(opts: SessionOptions & { regions?: string[] }): Promise<WhoamiResult> {
  const session = await openSession(opts);
  const { caller } = session;
  const home = opts.regions?.[0] ?? HOME_REGION;
  const [identity, available] = await Promise.all([readIdentity(caller), readRegionIds(caller, home)]);
  const regions = available === null ? null : chooseRegions(opts.regions, available);
  return {
    accountName: opts.account.name,
    accountId: identity?.accountId ?? null,
    arn: identity?.arn ?? null,
    identityType: identity?.identityType ?? null,
    credentialSource: session.credentialSource,
    regions,
    gaps: caller.gaps,
  };
}
