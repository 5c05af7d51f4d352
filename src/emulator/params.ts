// Typed access to the flat RPC parameters of one request (query string plus form body).

import { invalidParameter, missingParameter } from './api-error.js';

export class Params {
  constructor(private readonly raw: Readonly<Record<string, string>>) {}

  get(name: string): string | undefined {
    const v = this.raw[name];
    return v === undefined || v === '' ? undefined : v;
  }

  required(name: string): string {
    const v = this.get(name);
    if (v === undefined) throw missingParameter(name);
    return v;
  }

  int(name: string, range: { min?: number; max?: number } = {}): number | undefined {
    const v = this.get(name);
    if (v === undefined) return undefined;
    const n = Number(v);
    const { min = -Infinity, max = Infinity } = range;
    if (!Number.isInteger(n)) throw invalidParameter(name, 'it must be an integer');
    if (n < min || n > max) throw invalidParameter(name, `it must be between ${min} and ${max}`);
    return n;
  }

  bool(name: string): boolean | undefined {
    const v = this.get(name);
    if (v === undefined) return undefined;
    if (v !== 'true' && v !== 'false') throw invalidParameter(name, 'it must be true or false');
    return v === 'true';
  }

  /** Repeat-list parameters as the SDK sends them: Name.1, Name.2, ... */
  list(name: string): string[] {
    const prefix = `${name}.`;
    return Object.keys(this.raw)
      .filter((k) => k.startsWith(prefix) && /^\d+$/.test(k.slice(prefix.length)))
      .sort((a, b) => Number(a.slice(prefix.length)) - Number(b.slice(prefix.length)))
      .map((k) => this.raw[k] ?? '')
      .filter((v) => v !== '');
  }

  /** A JSON array parameter such as InstanceIds='["i-1","i-2"]'. */
  jsonList(name: string): string[] | undefined {
    const v = this.get(name);
    if (v === undefined) return undefined;
    try {
      const parsed: unknown = JSON.parse(v);
      if (Array.isArray(parsed) && parsed.every((x) => typeof x === 'string')) return parsed;
    } catch {
      // fall through to the error below
    }
    throw invalidParameter(name, 'it must be a JSON array of strings');
  }
}
