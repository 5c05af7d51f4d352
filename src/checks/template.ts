// Remediation templates: {name} placeholders filled per finding, or with generic words when no
// resource is known (`posture explain <check>`). A placeholder with no value is reported, never
// passed through silently; callers fall back to a generic word for it.

import type { Bilingual, CheckMeta, CheckResult, Remediation, ResourceRef, ResourceType } from './model.js';

export type TemplateLang = 'en' | 'zh';
export type TemplateValue = string | Bilingual | undefined;
export type TemplateValues = Record<string, TemplateValue>;

export interface Filled {
  text: string;
  /** Placeholder names that had no value (each once, in order of appearance). */
  missing: string[];
}

/** The placeholders every template may use; check-specific ones are declared in meta.terms. */
export const STANDARD_PLACEHOLDERS = ['region', 'account', 'resourceId', 'resourceName', 'resource'] as const;

const PLACEHOLDER = /\{([A-Za-z]+)\}/g;

/** Names used in a template, each once. */
export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

/**
 * Fill {name} from values in lang. A name without a value (or with an empty one) is listed in
 * `missing` and replaced by fallback(name) when given, else left visible.
 */
export function fillTemplate(text: string, values: TemplateValues, lang: TemplateLang, fallback?: (name: string) => string | undefined): Filled {
  const missing: string[] = [];
  const out = text.replace(PLACEHOLDER, (whole, name: string) => {
    const v = values[name];
    const s = typeof v === 'string' ? v : v?.[lang];
    if (s !== undefined && s !== '') return s;
    if (!missing.includes(name)) missing.push(name);
    return fallback?.(name) ?? whole;
  });
  return { text: out, missing };
}

/** "web (sg-1)" / "web(sg-1)", or just the id when the name adds nothing (disks named by their id). */
export function resourceWords(r: Pick<ResourceRef, 'id' | 'name'>): Bilingual {
  const named = r.name !== '' && r.name !== r.id;
  return named ? { en: `${r.name} (${r.id})`, zh: `${r.name}(${r.id})` } : { en: r.id, zh: r.id };
}

/** What stands in for a resource's id and name when none is known, by type. */
const GENERIC: Record<ResourceType, { id: Bilingual; name: Bilingual }> = {
  'security-group': { id: { en: 'security-group-id', zh: '安全组 ID' }, name: { en: 'security-group-name', zh: '安全组名称' } },
  instance: { id: { en: 'instance-id', zh: '实例 ID' }, name: { en: 'instance-name', zh: '实例名称' } },
  disk: { id: { en: 'disk-id', zh: '云盘 ID' }, name: { en: 'disk-name', zh: '云盘名称' } },
  'auto-snapshot-policy': { id: { en: 'policy-id', zh: '策略 ID' }, name: { en: 'policy-name', zh: '策略名称' } },
  region: { id: { en: 'region-id', zh: '地域 ID' }, name: { en: 'region-id', zh: '地域 ID' } },
  vpc: { id: { en: 'vpc-id', zh: '专有网络 ID' }, name: { en: 'vpc-name', zh: '专有网络名称' } },
  'ram-user': { id: { en: 'user-name', zh: '用户名' }, name: { en: 'display-name', zh: '显示名称' } },
  'ram-group': { id: { en: 'group-name', zh: '用户组名称' }, name: { en: 'group-name', zh: '用户组名称' } },
  // An AccessKey's name is the user that owns it.
  'access-key': { id: { en: 'access-key-id', zh: 'AccessKey ID' }, name: { en: 'user-name', zh: '用户名' } },
  'ram-policy': { id: { en: 'policy-name', zh: '策略名称' }, name: { en: 'policy-name', zh: '策略名称' } },
  account: { id: { en: 'account-id', zh: '账号 ID' }, name: { en: 'account-name', zh: '账号名称' } },
  'kms-key': { id: { en: 'key-id', zh: '密钥 ID' }, name: { en: 'key-id', zh: '密钥 ID' } },
  certificate: { id: { en: 'certificate-id', zh: '证书 ID' }, name: { en: 'certificate-name', zh: '证书名称' } },
  'network-acl': { id: { en: 'network-acl-id', zh: '网络 ACL ID' }, name: { en: 'network-acl-name', zh: '网络 ACL 名称' } },
  trail: { id: { en: 'trail-name', zh: '跟踪名称' }, name: { en: 'trail-name', zh: '跟踪名称' } },
  'oss-bucket': { id: { en: 'bucket-name', zh: '存储空间名称' }, name: { en: 'bucket-name', zh: '存储空间名称' } },
  'rds-instance': { id: { en: 'db-instance-id', zh: 'RDS 实例 ID' }, name: { en: 'db-instance-description', zh: 'RDS 实例名称' } },
  'ack-cluster': { id: { en: 'cluster-id', zh: '集群 ID' }, name: { en: 'cluster-name', zh: '集群名称' } },
  'sls-logstore': { id: { en: 'project/logstore', zh: 'Project/日志库' }, name: { en: 'logstore-name', zh: '日志库名称' } },
};

const token = (b: Bilingual): Bilingual => ({ en: `<${b.en}>`, zh: `<${b.zh}>` });

/** Generic words for every placeholder a check's templates may use: "<disk-id>", "<云盘 ID>". */
export function genericValues(meta: CheckMeta): TemplateValues {
  const g = GENERIC[meta.resourceType];
  const values: TemplateValues = {
    region: token(GENERIC.region.id),
    account: token(GENERIC.account.id),
    resourceId: token(g.id),
    resourceName: token(g.name),
    resource: token(g.id),
  };
  for (const [name, words] of Object.entries(meta.terms ?? {})) values[name] = token(words);
  return values;
}

/** The values a result fills in: where it is, what it is, and whatever the check adds (vars). */
export function resultValues(r: CheckResult): TemplateValues {
  return {
    region: r.resource.region,
    account: r.resource.account,
    resourceId: r.resource.id,
    resourceName: r.resource.name,
    resource: resourceWords(r.resource),
    detail: r.detail,
    ...r.vars,
  };
}

export interface RenderedRemediation {
  remediation: Remediation;
  missing: string[];
}

function render(meta: CheckMeta, cli: string, values: TemplateValues): RenderedRemediation {
  const generic = genericValues(meta);
  const fallback = (lang: TemplateLang) => (name: string) => {
    const v = generic[name];
    return typeof v === 'string' ? v : v?.[lang] ?? `<${name}>`;
  };
  // The CLI is one string for both languages: its generic words are the English ones.
  const parts = [
    fillTemplate(meta.remediation.console.en, values, 'en', fallback('en')),
    fillTemplate(meta.remediation.console.zh, values, 'zh', fallback('zh')),
    fillTemplate(cli, values, 'en', fallback('en')),
  ];
  return {
    remediation: { why: meta.remediation.why, console: { en: parts[0]!.text, zh: parts[1]!.text }, cli: parts[2]!.text },
    missing: [...new Set(parts.flatMap((p) => p.missing))],
  };
}

/** The remediation for one result. `missing` names placeholders that fell back to generic words. */
export function remediationFor(meta: CheckMeta, r: CheckResult): RenderedRemediation {
  return render(meta, r.cli ?? meta.remediation.cli, resultValues(r));
}

/**
 * The remediation with no resource known, for `posture explain <check>` and SARIF rule help.
 * `missing` names placeholders with no generic meaning (a check using one must declare it in terms).
 */
export function genericRemediation(meta: CheckMeta): RenderedRemediation {
  const values = genericValues(meta);
  const rendered = render(meta, meta.remediation.cli, values);
  const unknown = rendered.missing.filter((name) => values[name] === undefined);
  return { remediation: rendered.remediation, missing: unknown };
}
