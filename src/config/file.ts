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

export const fileSchema = z
  .object({
    accounts: z.array(accountSchema).min(1).optional(),
    resourceDirectory: resourceDirectorySchema.optional(),
    regions: z.array(z.string().regex(/^[a-z]{2}(-[a-z0-9]+)+$/, 'is not a region id like cn-hangzhou')).optional(),
    endpoints: z.object({ ecs: url, ram: url, ims: url, sts: url, vpc: url, kms: url, cas: url, actiontrail: url, sas: url, resourcemanager: url }).partial().strict().optional(),
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
  })
  .strict();

export type ConfigFile = z.infer<typeof fileSchema>;
