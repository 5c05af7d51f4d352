// A small JSON Schema (2020-12) checker for the keywords our schema files use: type, const, enum,
// required, properties, additionalProperties, items, $ref into $defs, oneOf, pattern, minimum.
// It fails on any other keyword, so a schema cannot silently use one it does not check.

type Schema = Record<string, unknown>;

const KNOWN = new Set([
  '$schema', '$id', 'title', 'description', '$defs',
  'type', 'const', 'enum', 'required', 'properties', 'additionalProperties', 'items', '$ref', 'oneOf', 'pattern', 'minimum',
]);

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function typeMatches(want: string, got: string): boolean {
  return want === got || (want === 'number' && got === 'integer');
}

export function validate(root: Schema, value: unknown): string[] {
  const errors: string[] = [];
  const check = (s: Schema, v: unknown, path: string): void => {
    for (const k of Object.keys(s)) if (!KNOWN.has(k)) throw new Error(`schema keyword ${k} at ${path} is not supported by this checker`);
    if (typeof s.$ref === 'string') {
      const name = s.$ref.replace(/^#\/\$defs\//, '');
      const target = (root.$defs as Record<string, Schema>)[name];
      if (!target) throw new Error(`unresolved $ref ${s.$ref}`);
      check(target, v, path);
    }
    const got = typeOf(v);
    if (s.type !== undefined) {
      const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
      if (!types.some((t) => typeMatches(t, got))) return void errors.push(`${path}: expected ${types.join('|')}, got ${got}`);
    }
    if ('const' in s && v !== s.const) errors.push(`${path}: expected ${JSON.stringify(s.const)}`);
    if (s.enum && !(s.enum as unknown[]).includes(v)) errors.push(`${path}: ${JSON.stringify(v)} not in ${JSON.stringify(s.enum)}`);
    if (typeof s.pattern === 'string' && typeof v === 'string' && !new RegExp(s.pattern, 'u').test(v)) errors.push(`${path}: ${JSON.stringify(v)} does not match ${s.pattern}`);
    if (typeof s.minimum === 'number' && typeof v === 'number' && v < s.minimum) errors.push(`${path}: ${v} < ${s.minimum}`);
    if (s.oneOf) {
      const passing = (s.oneOf as Schema[]).filter((alt) => validateAt(root, alt, v, path).length === 0).length;
      if (passing !== 1) errors.push(`${path}: matches ${passing} of oneOf, not exactly 1`);
    }
    if (got === 'object') {
      const obj = v as Record<string, unknown>;
      for (const k of (s.required as string[] | undefined) ?? []) if (!(k in obj)) errors.push(`${path}: missing ${k}`);
      const props = (s.properties as Record<string, Schema> | undefined) ?? {};
      for (const [k, x] of Object.entries(obj)) {
        if (props[k]) check(props[k], x, `${path}.${k}`);
        else if (s.additionalProperties === false) errors.push(`${path}: unexpected ${k}`);
        else if (typeof s.additionalProperties === 'object') check(s.additionalProperties as Schema, x, `${path}.${k}`);
      }
    }
    if (got === 'array' && s.items) (v as unknown[]).forEach((x, i) => check(s.items as Schema, x, `${path}[${i}]`));
  };
  check(root, value, '$');
  return errors;
}

function validateAt(root: Schema, s: Schema, v: unknown, path: string): string[] {
  return validate({ ...s, $defs: root.$defs }, v).map((e) => e.replace(/^\$/, path));
}
