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

export const fileSchema = z
  .object({
    accounts: z.array(accountSchema).min(1).optional(),
    regions: z.array(z.string().regex(/^[a-z]{2}(-[a-z0-9]+)+$/, 'is not a region id like cn-hangzhou')).optional(),
    endpoints: z.object({ ecs: url, ram: url, ims: url, sts: url, vpc: url, kms: url, cas: url, actiontrail: url, sas: url }).partial().strict().optional(),
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
