// Shared inputs for the field tests: a seeded PRNG, edge values, and operand pairs whose product
// lands just above or just below a multiple of p (the cases a quotient estimate can get wrong).

export const P = 0x78000001;
export const PB = BigInt(P);

/** mulberry32: small, fast, deterministic. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randFelt(r: () => number): number {
  return Math.floor(r() * P);
}

export const EDGE: readonly number[] = [
  0,
  1,
  2,
  3,
  11,
  P - 1,
  P - 2,
  P - 11,
  (P - 1) / 2,
  (P + 1) / 2,
  1 << 27,
  (1 << 27) - 1,
  (1 << 27) + 1,
  1 << 30,
  (1 << 30) - 1,
  0xffff,
  0x10000,
  0x0ffffffe, // 2^32 mod p
  0x45dddde3, // 2^64 mod p
  P - (1 << 27),
];

function modPow(b: bigint, e: bigint): bigint {
  let r = 1n;
  b %= PB;
  while (e > 0n) {
    if (e & 1n) r = (r * b) % PB;
    b = (b * b) % PB;
    e >>= 1n;
  }
  return r;
}

export function invBig(a: number): number {
  return Number(modPow(BigInt(a), PB - 2n));
}

/**
 * Pairs (a, b) with a·b ≡ t (mod p) for t in {0..k} ∪ {p−k..p−1}: a·b/p is then within k/p of an
 * integer, from above or below.
 */
export function nearMultiplePairs(r: () => number, count: number, k = 3): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = 0; i < count; i++) {
    const a = 1 + Math.floor(r() * (P - 1));
    const d = Math.floor(r() * (k + 1));
    const t = i % 2 === 0 ? d : P - 1 - d;
    out.push([a, Number((BigInt(t) * BigInt(invBig(a))) % PB)]);
  }
  return out;
}

/**
 * A column of n canonical words: random values, edge values, and near-multiple pairs (element i
 * of a pairs with element i of b when both come from vectorPair).
 */
export function vectorPair(n: number, seed: number): [Uint32Array, Uint32Array] {
  const r = rng(seed);
  const a = new Uint32Array(n);
  const b = new Uint32Array(n);
  const pairs = nearMultiplePairs(r, n);
  for (let i = 0; i < n; i++) {
    const kind = i % 4;
    if (kind === 0) {
      a[i] = randFelt(r);
      b[i] = randFelt(r);
    } else if (kind === 1) {
      a[i] = EDGE[Math.floor(r() * EDGE.length)];
      b[i] = EDGE[Math.floor(r() * EDGE.length)];
    } else {
      [a[i], b[i]] = pairs[i];
    }
  }
  return [a, b];
}
