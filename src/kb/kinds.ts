// The kinds of knowledge entries, without the zod schema, so the CLI can declare `kb list --kind`
// without loading zod.
export const KINDS = ['context', 'law', 'layer', 'item', 'duty', 'product', 'product-group', 'incident'] as const;
export type Kind = (typeof KINDS)[number];
