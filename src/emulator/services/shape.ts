// Small shared pieces of response bodies.

/** ECS-style tag list: { Tag: [{ TagKey, TagValue }] }. */
export function tagSet(tags: Record<string, string>): { Tag: { TagKey: string; TagValue: string }[] } {
  return { Tag: Object.entries(tags).map(([TagKey, TagValue]) => ({ TagKey, TagValue })) };
}

/** The { Name, Code } pairs ECS uses for statuses; unknown names get code 0. */
export function named(name: string, codes: Readonly<Record<string, number>>): { Name: string; Code: number } {
  return { Name: name, Code: codes[name] ?? 0 };
}

/** Keep only the items whose `key` is in `wanted`; no filter when `wanted` is empty or undefined. */
export function filterIn<T>(items: T[], wanted: readonly string[] | undefined, key: (t: T) => string): T[] {
  if (!wanted || wanted.length === 0) return items;
  const set = new Set(wanted);
  return items.filter((item) => set.has(key(item)));
}

/** Keep only the items whose `key` equals `value`; no filter when `value` is undefined. */
export function filterEq<T>(items: T[], value: string | undefined, key: (t: T) => string | null): T[] {
  return value === undefined ? items : items.filter((item) => key(item) === value);
}
