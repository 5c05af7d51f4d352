// Tolerant readers for SDK body fields. The SDK models declare types but do not convert:
// booleans arrive as true or "true", numbers as 5 or "5", lists as JSON strings.

export function str(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return '';
}

export function strOrNull(v: unknown): string | null {
  const s = str(v);
  return s === '' ? null : s;
}

export function bool(v: unknown): boolean {
  return boolOrNull(v) ?? false;
}

export function boolOrNull(v: unknown): boolean | null {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    const t = v.trim().toLowerCase();
    if (t === 'true') return true;
    if (t === 'false') return false;
  }
  if (typeof v === 'number') return v !== 0;
  return null;
}

export function num(v: unknown, fallback = 0): number {
  return numOrNull(v) ?? fallback;
}

export function numOrNull(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    if (Number.isFinite(n)) return n;
  }
  return null;
}

export function list<T>(v: T[] | undefined | null): T[] {
  return Array.isArray(v) ? v : [];
}

export function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.map(str).filter((s) => s !== '') : [];
}

/** ECS tag list ({ tag: [{ tagKey, tagValue }] }) or VPC ({ tag: [{ key, value }] }) → map. */
export function tagMap(tags: { tag?: Array<Record<string, unknown>> } | undefined | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of list(tags?.tag)) {
    const k = str(t['tagKey'] ?? t['key']);
    if (k !== '') out[k] = str(t['tagValue'] ?? t['value']);
  }
  return out;
}

/** '["01","02"]' or '1,2' or ['1'] → ['01','02'] / ['1','2'] / ['1']. */
export function stringListField(v: unknown): string[] {
  if (Array.isArray(v)) return strings(v);
  const s = str(v).trim();
  if (s === '') return [];
  if (s.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(s);
      if (Array.isArray(parsed)) return strings(parsed);
    } catch {
      // fall through to the comma form
    }
  }
  return s
    .replace(/^\[|\]$/g, '')
    .split(',')
    .map((p) => p.trim().replace(/^"|"$/g, ''))
    .filter((p) => p !== '');
}
