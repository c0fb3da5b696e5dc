// Plain-TypeScript BLAKE3 over u32 words: the oracle of the SIMD kernels in kernels/blake3.ts
// (same digests, bit for bit) and the verifier's hash. A digest is 8 u32 words, the little-endian
// reading of the 32 digest bytes; a run of u32 words is hashed as its little-endian bytes, so
// hashWords(mode, w) is exactly blake3(bytes of w) in that mode (plain, or keyed with
// { key }), multi-chunk trees included.
// Invariant: Merkle leaves hash only under MERKLE_LEAF and Merkle nodes only under MERKLE_NODE,
// two keyed_hash modes with distinct keys, so a leaf and a node over the same 64 bytes have
// unrelated digests (docs/MERKLE.md, "Domain separation").

import { blake3 } from '@noble/hashes/blake3.js';

export const DIGEST_WORDS = 8;
export const DIGEST_BYTES = 32;

export const IV = Uint32Array.of(
  0x6a09e667,
  0xbb67ae85,
  0x3c6ef372,
  0xa54ff53a,
  0x510e527f,
  0x9b05688c,
  0x1f83d9ab,
  0x5be0cd19,
);

export const CHUNK_START = 1;
export const CHUNK_END = 2;
export const PARENT = 4;
export const ROOT = 8;
/** BLAKE3's keyed_hash mode flag, set on every compression of a keyed hash. */
export const KEYED_HASH = 16;
/** Flags of a one-block, one-chunk hash: with a mode's flags, a 2-to-1 node is this compression. */
export const SINGLE_BLOCK = CHUNK_START | CHUNK_END | ROOT;

/**
 * A BLAKE3 mode as the compression function sees it: `key` (8 words) is the chaining value every
 * chunk starts from and the one every parent compression uses, and `flags` is OR-ed into every
 * compression. The plain hash is (IV, 0); keyed_hash with a 32-byte key k is (k as 8 LE words,
 * KEYED_HASH). The key array is shared: never write to it.
 */
export interface Blake3Mode {
  readonly key: Uint32Array;
  readonly flags: number;
}

/** A mode the wasm kernels hold too: its splatted key is entry `slot` of their key table. */
export interface KernelMode extends Blake3Mode {
  readonly slot: number;
}

/** keyed_hash under a 32-byte key (the mode of noble's blake3(data, { key })). */
export function keyedMode(key: Uint8Array): Blake3Mode {
  if (!(key instanceof Uint8Array) || key.length !== 32) throw new RangeError('blake3: a key is 32 bytes');
  const words = new Uint32Array(8);
  readDigest(key, 0, words, 0);
  return { key: words, flags: KEYED_HASH };
}

/** Domain strings of the Merkle keys: key = BLAKE3(ASCII string), 32 bytes. */
export const MERKLE_LEAF_DOMAIN = 'rvstark merkle leaf v2';
export const MERKLE_NODE_DOMAIN = 'rvstark merkle node v2';

/** The plain BLAKE3 hash (kernel slot 0). Not used by the Merkle tree. */
export const HASH: KernelMode = { key: IV, flags: 0, slot: 0 };

const domainMode = (domain: string, slot: number): KernelMode => ({
  ...keyedMode(blake3(new TextEncoder().encode(domain))),
  slot,
});
/** Merkle leaves (row digests): keyed_hash with key BLAKE3("rvstark merkle leaf v2"). */
export const MERKLE_LEAF: KernelMode = domainMode(MERKLE_LEAF_DOMAIN, 1);
/** Merkle 2-to-1 nodes: keyed_hash with key BLAKE3("rvstark merkle node v2"). */
export const MERKLE_NODE: KernelMode = domainMode(MERKLE_NODE_DOMAIN, 2);

const PERM = [2, 6, 3, 10, 7, 0, 4, 13, 1, 11, 12, 5, 9, 14, 15, 8];

/** S[16r + k] = σ_r(k), the message word at position k of round r (σ_0 = id, σ_r+1 = σ_r ∘ PERM). */
const S = (() => {
  const s = new Uint8Array(7 * 16);
  for (let k = 0; k < 16; k++) s[k] = k;
  for (let r = 1; r < 7; r++) for (let k = 0; k < 16; k++) s[16 * r + k] = s[16 * (r - 1) + PERM[k]];
  return s;
})();

/**
 * One BLAKE3 compression: chaining value cv[co..co+8), message m[mo..mo+16); writes the first
 * 8 output words (the next chaining value, or the digest under ROOT) to out[oo..oo+8). The
 * counter is below 2^32 (its high word is 0). out may overlap cv or m: it is written last.
 * State in 16 locals and a round loop over the schedule table S, no allocation: 0.3–0.5 µs per
 * 2-to-1 node here (bench merkle.node.2^20.ts) against 4.5–6 µs for noble's per-call blake3.
 */
export function compress(
  cv: Uint32Array,
  co: number,
  m: Uint32Array,
  mo: number,
  counter: number,
  blockLen: number,
  flags: number,
  out: Uint32Array,
  oo: number,
): void {
  let v0 = cv[co] | 0;
  let v1 = cv[co + 1] | 0;
  let v2 = cv[co + 2] | 0;
  let v3 = cv[co + 3] | 0;
  let v4 = cv[co + 4] | 0;
  let v5 = cv[co + 5] | 0;
  let v6 = cv[co + 6] | 0;
  let v7 = cv[co + 7] | 0;
  let v8 = IV[0] | 0;
  let v9 = IV[1] | 0;
  let v10 = IV[2] | 0;
  let v11 = IV[3] | 0;
  let v12 = counter | 0;
  let v13 = 0;
  let v14 = blockLen | 0;
  let v15 = flags | 0;
  let t = 0;
  for (let s = 0; s < 112; s += 16) {
    v0 = (v0 + v4 + m[mo + S[s + 0]]) | 0;
    t = v12 ^ v0;
    v12 = (t >>> 16) | (t << 16);
    v8 = (v8 + v12) | 0;
    t = v4 ^ v8;
    v4 = (t >>> 12) | (t << 20);
    v0 = (v0 + v4 + m[mo + S[s + 1]]) | 0;
    t = v12 ^ v0;
    v12 = (t >>> 8) | (t << 24);
    v8 = (v8 + v12) | 0;
    t = v4 ^ v8;
    v4 = (t >>> 7) | (t << 25);
    v1 = (v1 + v5 + m[mo + S[s + 2]]) | 0;
    t = v13 ^ v1;
    v13 = (t >>> 16) | (t << 16);
    v9 = (v9 + v13) | 0;
    t = v5 ^ v9;
    v5 = (t >>> 12) | (t << 20);
    v1 = (v1 + v5 + m[mo + S[s + 3]]) | 0;
    t = v13 ^ v1;
    v13 = (t >>> 8) | (t << 24);
    v9 = (v9 + v13) | 0;
    t = v5 ^ v9;
    v5 = (t >>> 7) | (t << 25);
    v2 = (v2 + v6 + m[mo + S[s + 4]]) | 0;
    t = v14 ^ v2;
    v14 = (t >>> 16) | (t << 16);
    v10 = (v10 + v14) | 0;
    t = v6 ^ v10;
    v6 = (t >>> 12) | (t << 20);
    v2 = (v2 + v6 + m[mo + S[s + 5]]) | 0;
    t = v14 ^ v2;
    v14 = (t >>> 8) | (t << 24);
    v10 = (v10 + v14) | 0;
    t = v6 ^ v10;
    v6 = (t >>> 7) | (t << 25);
    v3 = (v3 + v7 + m[mo + S[s + 6]]) | 0;
    t = v15 ^ v3;
    v15 = (t >>> 16) | (t << 16);
    v11 = (v11 + v15) | 0;
    t = v7 ^ v11;
    v7 = (t >>> 12) | (t << 20);
    v3 = (v3 + v7 + m[mo + S[s + 7]]) | 0;
    t = v15 ^ v3;
    v15 = (t >>> 8) | (t << 24);
    v11 = (v11 + v15) | 0;
    t = v7 ^ v11;
    v7 = (t >>> 7) | (t << 25);
    v0 = (v0 + v5 + m[mo + S[s + 8]]) | 0;
    t = v15 ^ v0;
    v15 = (t >>> 16) | (t << 16);
    v10 = (v10 + v15) | 0;
    t = v5 ^ v10;
    v5 = (t >>> 12) | (t << 20);
    v0 = (v0 + v5 + m[mo + S[s + 9]]) | 0;
    t = v15 ^ v0;
    v15 = (t >>> 8) | (t << 24);
    v10 = (v10 + v15) | 0;
    t = v5 ^ v10;
    v5 = (t >>> 7) | (t << 25);
    v1 = (v1 + v6 + m[mo + S[s + 10]]) | 0;
    t = v12 ^ v1;
    v12 = (t >>> 16) | (t << 16);
    v11 = (v11 + v12) | 0;
    t = v6 ^ v11;
    v6 = (t >>> 12) | (t << 20);
    v1 = (v1 + v6 + m[mo + S[s + 11]]) | 0;
    t = v12 ^ v1;
    v12 = (t >>> 8) | (t << 24);
    v11 = (v11 + v12) | 0;
    t = v6 ^ v11;
    v6 = (t >>> 7) | (t << 25);
    v2 = (v2 + v7 + m[mo + S[s + 12]]) | 0;
    t = v13 ^ v2;
    v13 = (t >>> 16) | (t << 16);
    v8 = (v8 + v13) | 0;
    t = v7 ^ v8;
    v7 = (t >>> 12) | (t << 20);
    v2 = (v2 + v7 + m[mo + S[s + 13]]) | 0;
    t = v13 ^ v2;
    v13 = (t >>> 8) | (t << 24);
    v8 = (v8 + v13) | 0;
    t = v7 ^ v8;
    v7 = (t >>> 7) | (t << 25);
    v3 = (v3 + v4 + m[mo + S[s + 14]]) | 0;
    t = v14 ^ v3;
    v14 = (t >>> 16) | (t << 16);
    v9 = (v9 + v14) | 0;
    t = v4 ^ v9;
    v4 = (t >>> 12) | (t << 20);
    v3 = (v3 + v4 + m[mo + S[s + 15]]) | 0;
    t = v14 ^ v3;
    v14 = (t >>> 8) | (t << 24);
    v9 = (v9 + v14) | 0;
    t = v4 ^ v9;
    v4 = (t >>> 7) | (t << 25);
  }
  out[oo] = v0 ^ v8;
  out[oo + 1] = v1 ^ v9;
  out[oo + 2] = v2 ^ v10;
  out[oo + 3] = v3 ^ v11;
  out[oo + 4] = v4 ^ v12;
  out[oo + 5] = v5 ^ v13;
  out[oo + 6] = v6 ^ v14;
  out[oo + 7] = v7 ^ v15;
}

// Module scratch (single-threaded JS): a padded message block and the chaining-value stack.
const block = new Uint32Array(16);
/** A row of 2^32 bytes has 2^22 chunks: the stack never holds more than 23 chaining values. */
const stack = new Uint32Array(8 * 32);

/**
 * out[oo..oo+8) = BLAKE3 in `mode` of the n words src[off..off+n) (4n little-endian bytes). Same
 * tree as the kernel: 256-word chunks of 16-word blocks, chunk counter, lazy merging of chunk
 * chaining values on a stack, ROOT on the last compression; the mode's key starts every chunk
 * and keys every parent, its flags go on every compression.
 */
export function hashWords(
  mode: Blake3Mode,
  src: Uint32Array,
  off: number,
  n: number,
  out: Uint32Array,
  oo: number,
): void {
  const key = mode.key;
  const mf = mode.flags;
  const chunks = n === 0 ? 1 : Math.ceil(n / 256);
  let depth = 0;
  for (let c = 0; c < chunks; c++) {
    const chunkWords = Math.min(256, n - 256 * c);
    const blocks = chunkWords === 0 ? 1 : Math.ceil(chunkWords / 16);
    const slot = 8 * depth;
    for (let b = 0; b < blocks; b++) {
      const bw = Math.min(16, chunkWords - 16 * b);
      const w0 = off + 256 * c + 16 * b;
      let m = src;
      let mo = w0;
      if (bw < 16) {
        for (let j = 0; j < 16; j++) block[j] = j < bw ? src[w0 + j] : 0;
        m = block;
        mo = 0;
      }
      let flags = b === 0 ? CHUNK_START | mf : mf;
      if (b === blocks - 1) flags |= chunks === 1 ? CHUNK_END | ROOT : CHUNK_END;
      if (b === 0) compress(key, 0, m, mo, c, 4 * bw, flags, stack, slot);
      else compress(stack, slot, m, mo, c, 4 * bw, flags, stack, slot);
    }
    if (c < chunks - 1) {
      // Lazy merge: after t chunks, merge once per trailing zero bit of t, then push.
      for (let t = c + 1; (t & 1) === 0; t >>>= 1) {
        depth--;
        compress(key, 0, stack, 8 * depth, 0, 64, PARENT | mf, stack, 8 * depth);
      }
      depth++;
    }
  }
  while (depth > 0) {
    depth--;
    compress(key, 0, stack, 8 * depth, 0, 64, (depth === 0 ? PARENT | ROOT : PARENT) | mf, stack, 8 * depth);
  }
  for (let j = 0; j < 8; j++) out[oo + j] = stack[j];
}

/** out[oo..oo+8) = BLAKE3 in `mode` of (left digest ‖ right digest): one compression. */
export function hashPair(
  mode: Blake3Mode,
  left: Uint32Array,
  lo: number,
  right: Uint32Array,
  ro: number,
  out: Uint32Array,
  oo: number,
): void {
  for (let j = 0; j < 8; j++) {
    block[j] = left[lo + j];
    block[8 + j] = right[ro + j];
  }
  compress(mode.key, 0, block, 0, 0, 64, SINGLE_BLOCK | mode.flags, out, oo);
}

/** A Merkle leaf: out[oo..oo+8) = the MERKLE_LEAF digest of the row src[off..off+n). */
export function hashLeaf(src: Uint32Array, off: number, n: number, out: Uint32Array, oo: number): void {
  hashWords(MERKLE_LEAF, src, off, n, out, oo);
}

/** A 2-to-1 Merkle node: out[oo..oo+8) = the MERKLE_NODE digest of (left ‖ right). */
export function hashNode(
  left: Uint32Array,
  lo: number,
  right: Uint32Array,
  ro: number,
  out: Uint32Array,
  oo: number,
): void {
  hashPair(MERKLE_NODE, left, lo, right, ro, out, oo);
}

/**
 * Twin of the kernel blake3Pairs, in words: dst digest i (at dOff + 8i) = BLAKE3 in `mode` of
 * (left digest at lOff + i·lStride ‖ right digest at rOff + i·rStride), for i < count.
 */
export function pairsTs(
  mode: Blake3Mode,
  dst: Uint32Array,
  dOff: number,
  left: Uint32Array,
  lOff: number,
  lStride: number,
  right: Uint32Array,
  rOff: number,
  rStride: number,
  count: number,
): void {
  for (let i = 0; i < count; i++)
    hashPair(mode, left, lOff + i * lStride, right, rOff + i * rStride, dst, dOff + 8 * i);
}

/**
 * Twin of blake3RowsRowMajor: dst digest i = BLAKE3 in `mode` of row i, row i = src[sOff +
 * width·i ..+width).
 */
export function rowsRowMajorTs(
  mode: Blake3Mode,
  dst: Uint32Array,
  dOff: number,
  src: Uint32Array,
  sOff: number,
  width: number,
  count: number,
): void {
  for (let i = 0; i < count; i++) hashWords(mode, src, sOff + i * width, width, dst, dOff + 8 * i);
}

let rowBuf = new Uint32Array(256);

/**
 * Twin of blake3RowsColumns: dst digest i − row0 = BLAKE3 in `mode` of row i, where word j of
 * row i is cols[j][i], for row0 ≤ i < row0 + count.
 */
export function rowsColumnsTs(
  mode: Blake3Mode,
  dst: Uint32Array,
  dOff: number,
  cols: readonly Uint32Array[],
  row0: number,
  count: number,
): void {
  const width = cols.length;
  if (rowBuf.length < width) rowBuf = new Uint32Array(width);
  const row = rowBuf;
  for (let i = 0; i < count; i++) {
    for (let j = 0; j < width; j++) row[j] = cols[j][row0 + i];
    hashWords(mode, row, 0, width, dst, dOff + 8 * i);
  }
}

/** The 32 digest bytes of the digest at words[off..off+8) (little-endian words). */
export function digestBytes(words: Uint32Array, off: number): Uint8Array {
  const out = new Uint8Array(DIGEST_BYTES);
  for (let j = 0; j < 8; j++) {
    const w = words[off + j];
    out[4 * j] = w & 0xff;
    out[4 * j + 1] = (w >>> 8) & 0xff;
    out[4 * j + 2] = (w >>> 16) & 0xff;
    out[4 * j + 3] = w >>> 24;
  }
  return out;
}

/** Reads 32 digest bytes into out[oo..oo+8) as little-endian words. */
export function readDigest(bytes: Uint8Array, bo: number, out: Uint32Array, oo: number): void {
  for (let j = 0; j < 8; j++) {
    const b = bo + 4 * j;
    out[oo + j] = (bytes[b] | (bytes[b + 1] << 8) | (bytes[b + 2] << 16) | (bytes[b + 3] << 24)) >>> 0;
  }
}
