// Deterministic randomness: fault probabilities and the large-scenario generator must give the
// same result on every run, so tests and benchmarks are repeatable.

export type Rng = () => number;

/** mulberry32: small, fast, good enough for test data. Returns numbers in [0, 1). */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a hash of a string, for ids derived from names (stable across runs). */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** A fixed-length string of digits derived from `seed`, e.g. a 16-digit RAM user id. */
export function stableDigits(seed: string, length: number): string {
  const rng = seededRng(hashString(seed));
  let out = String(1 + Math.floor(rng() * 9));
  while (out.length < length) out += String(Math.floor(rng() * 10));
  return out;
}

/** A lowercase alphanumeric suffix derived from `seed`, for resource ids like sg-bp1xxxx. */
export function stableSuffix(seed: string, length: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const rng = seededRng(hashString(seed));
  let out = '';
  while (out.length < length) out += alphabet[Math.floor(rng() * alphabet.length)];
  return out;
}
