import { join } from 'node:path';
import { z } from 'zod';
import { knowledgeDir } from '../core/paths.js';
import { readYamlFile } from '../kb/load.js';

// knowledge/duties.yaml: the links a check's meta cannot hold (a check names one responsibility,
// some serve more than one duty), and the catalogue rows not covered by the duty they would serve.

const id = z.string().regex(/^[a-z0-9]+(?:[.-][a-z0-9]+)*$/);

export const dutyMapSchema = z
  .object({
    also: z.record(id, z.array(id).min(1)).default({}),
    'not-covered': z.record(id, id).default({}),
  })
  .strict();

export type DutyMap = z.infer<typeof dutyMapSchema>;

export const DUTY_MAP_FILE = 'duties.yaml';

let cached: DutyMap | undefined;

/** The shipped map, read once (file:line on a problem). */
export function loadDutyMap(path?: string): DutyMap {
  if (path) return readYamlFile(path, dutyMapSchema);
  cached ??= readYamlFile(join(knowledgeDir(), DUTY_MAP_FILE), dutyMapSchema);
  return cached;
}
