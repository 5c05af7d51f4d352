import { z } from 'zod';

// The optional YAML config file (WHOOWNS_CONFIG). Everything in it has an environment
// equivalent or a default; the file is for what does not fit in a variable (accounts, schedules).

const url = z.string().url();

export const accountSchema = z
  .object({
    name: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'use letters, digits, . _ - (at most 64)'),
    /** Assume this role (acs:ram::<uid>:role/<name>) on top of the default credential chain. */
    roleArn: z.string().regex(/^acs:ram::\d+:role\/[A-Za-z0-9._-]+$/, 'must look like acs:ram::123456789012:role/whoowns-reader').optional(),
    roleSessionName: z.string().optional(),
    externalId: z.string().optional(),
  })
  .strict();

// ── owners: which team inside the customer owns a resource (issue #15) ──────────────────────
// Tag keys and values are compared exactly as Alibaba Cloud returns them (case-sensitive: "Team"
// is not "team") unless the rule says ignoreCase: true. Rules are tried in order; the first
// match wins; resources no rule matches take `default`, or are listed as unowned.
const teamId = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'use lower-case letters, digits, _ - (at most 64), e.g. payments');
const ownerTeamSchema = z
  .object({
    name: z.object({ zh: z.string().min(1), en: z.string().min(1) }).strict(),
    // channel: where the team's own digest goes (perTeam schedules); usergroup: whom a mention pings.
    slack: z
      .object({ usergroup: z.string().regex(/^S[A-Z0-9]+$/, 'must be a Slack user group id such as S0PAYMENTS'), channel: z.string().min(1) })
      .partial()
      .strict()
      .refine((s) => s.usergroup || s.channel, 'give usergroup (S...), channel, or both')
      .optional(),
    dingtalk: z.object({ conversationId: z.string().min(1), atUserIds: z.array(z.string().min(1)).min(1), atMobiles: z.array(z.string().regex(/^\+?[0-9-]{5,20}$/, 'must be a phone number')).min(1) }).partial().strict().optional(),
    /** Mention the team (Slack user group, DingTalk atUserIds/atMobiles) in its messages; off unless asked for. Wins over a schedule's mention. */
    mention: z.boolean().optional(),
  })
  .strict();
const ownerMatchSchema = z
  .object({
    tag: z.object({ key: z.string().min(1), value: z.string().optional() }).strict().optional(),
    resourceGroup: z.string().min(1).optional(),
    /** Glob over the resource name or id: * and ?. */
    name: z.string().min(1).optional(),
    account: z.string().min(1).optional(),
    region: z.string().min(1).optional(),
    ignoreCase: z.boolean().optional(),
  })
  .strict()
  .refine((m) => m.tag || m.resourceGroup || m.name || m.account || m.region, 'give at least one of tag, resourceGroup, name, account, region');
export const ownersSchema = z
  .object({
    teams: z.record(teamId, ownerTeamSchema),
    rules: z.array(z.object({ team: teamId, match: ownerMatchSchema }).strict()).default([]),
    default: teamId.optional(),
    /** Chat user id → team ids, for /posture mine. */
    members: z.record(z.string().min(1), z.array(teamId).min(1)).optional(),
  })
  .strict()
  .superRefine((o, ctx) => {
    const known = (t: string) => Object.hasOwn(o.teams, t);
    const unknown = (t: string) => `team "${t}" is not declared under owners.teams (declared: ${Object.keys(o.teams).join(', ') || 'none'})`;
    o.rules.forEach((r, i) => {
      if (!known(r.team)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'team'], message: unknown(r.team) });
    });
    if (o.default !== undefined && !known(o.default)) ctx.addIssue({ code: 'custom', path: ['default'], message: unknown(o.default) });
    for (const [user, ids] of Object.entries(o.members ?? {})) {
      ids.forEach((t, i) => {
        if (!known(t)) ctx.addIssue({ code: 'custom', path: ['members', user, i], message: unknown(t) });
      });
    }
  });
export type OwnersConfig = z.infer<typeof ownersSchema>;
export type OwnerMatch = z.infer<typeof ownerMatchSchema>;
// ── end owners ──────────────────────────────────────────────────────────────────────────────
// --- Resource Directory discovery (issue 14) ---
const accountRef = z.string().min(1);
export const resourceDirectorySchema = z
  .object({
    /** The read-only role deployed in every member; not ResourceDirectoryAccountAccessRole (an administrator). */
    roleName: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be a RAM role name such as whoowns-reader'),
    externalId: z.string().optional(),
    include: z.array(accountRef).optional(),
    exclude: z.array(accountRef).optional(),
    refreshMinutes: z.number().int().min(5).max(1440).optional(),
  })
  .strict();
// --- end Resource Directory ---
// --- Per-account access (issue 14): a top-level map, not a field of accounts:, because members
// discovered from a Resource Directory have no entry there; keyed by account name or id. ---
const accessIds = z.array(z.string().min(1)).min(1, 'list at least one id (leave the key out to allow everyone)');
export const accountAccessSchema = z.record(
  z.string().regex(/^(?:[A-Za-z0-9_.-]{1,64}|\d{10,20})$/, 'must be an account name (letters, digits, . _ -) or an account id'),
  z
    .object({ users: accessIds, channels: accessIds })
    .partial()
    .strict()
    .refine((r) => r.users || r.channels, 'give users, channels or both (an empty rule would hide the account from everyone)'),
);
// --- end per-account access ---

export const fileSchema = z
  .object({
    accounts: z.array(accountSchema).min(1).optional(),
    resourceDirectory: resourceDirectorySchema.optional(),
    regions: z.array(z.string().regex(/^[a-z]{2}(-[a-z0-9]+)+$/, 'is not a region id like cn-hangzhou')).optional(),
    endpoints: z.object({ ecs: url, ram: url, ims: url, sts: url, vpc: url, kms: url, cas: url, actiontrail: url, sas: url, resourcemanager: url, rds: url, cs: url, sls: url, oss: url }).partial().strict().optional(),
    timeouts: z.object({ readMs: z.number().int().min(1000).max(120_000), connectMs: z.number().int().min(500).max(60_000) }).partial().strict().optional(),
    limits: z.object({ global: z.number().int().min(1).max(64), perService: z.number().int().min(1).max(64) }).partial().strict().optional(),
    thresholds: z.record(z.string(), z.unknown()).optional(),
    suppressionsFile: z.string().optional(),
    cache: z.object({ ttlMinutes: z.number().min(1).max(1440), refreshIntervalSeconds: z.number().min(10).max(3600) }).partial().strict().optional(),
    posture: z
      .object({ users: z.array(z.string()), channels: z.array(z.string()), adminContact: z.string() })
      .partial()
      .strict()
      .optional(),
    schedules: z.array(z.unknown()).optional(),
    owners: ownersSchema.optional(),
    accountAccess: accountAccessSchema.optional(),
  })
  .strict();

export type ConfigFile = z.infer<typeof fileSchema>;
