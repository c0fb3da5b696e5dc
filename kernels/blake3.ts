// BLAKE3 in 4-lane SIMD: four independent hashes per pass, one per i32x4 lane, for Merkle nodes
// (one 64-byte block each) and Merkle leaves (a row of u32 words, any length, incl. multi-chunk).
// Invariant: every digest equals BLAKE3 of the same bytes in the mode the caller names (plain
// hash, or keyed_hash with a 32-byte key: docs/MERKLE.md keys leaves and nodes apart); the TS
// twins in src/merkle/blake3.ts are the oracle. Pointers are byte offsets into the shared memory.
//
// A mode is (key, flags): `key` points to the 8 key words splatted over 4 lanes (128 bytes,
// 16-aligned), which BLAKE3 uses as the first chaining value of every chunk and as the chaining
// value of every parent compression; `flags` is OR-ed into every compression (0 for the plain
// hash with the IV as key, KEYED_HASH = 16 for keyed_hash). The standard modes sit in KEYS4
// (blake3KeyTable). Keyed mode only swaps where the chaining value is loaded from and sets one
// more flag bit, so it costs nothing.
//
// State words live in 16 v128 locals (lane l = hash l). Messages are staged, transposed (word j
// of hash l at m + 16j + 4l), in a caller-provided scratch block, so kernels are reentrant across
// workers that share the memory (no static mutable data). Scratch layout (SCRATCH_BYTES = 18448):
//   [256g, 256g + 256)              the transposed message block of lane group g (g < 8)
//   [2048 + 2048g + 128k, +128)     slot k < 16 of group g's chaining-value stack (8 words × 4 lanes)
//   [18432, 18448)                  a sink for the column kernel's read-ahead loads
// Merging two stack slots is one compression whose message is slots k and k+1, read in place.
// 16 slots cover rows of up to 2^15 chunks (32 MiB); the TS edge caps rows at 2^20 words (4 MiB).

const CHUNK_START: u32 = 1;
const CHUNK_END: u32 = 2;
const PARENT: u32 = 4;
const ROOT: u32 = 8;
const STACK: usize = 2048;
const SINK: usize = STACK + 8 * 2048;
/** Lane groups per step of the column kernel: 8 groups × 4 lanes = 32 rows = 128 bytes per column. */
const COL_GROUPS: u32 = 8;
/** Rows ahead that the column kernel touches, so the next lines of all columns are in flight. */
const READ_AHEAD: u32 = 128;

// The key words of the standard modes, each word splatted over 4 lanes (read-only static data:
// shared safely between workers). Mode 0 is the plain hash (key = IV). Modes 1 and 2 are the
// Merkle leaf and node keys, BLAKE3("rvstark merkle leaf v2") and BLAKE3("rvstark merkle node
// v2") read as 8 little-endian words; src/merkle/blake3.ts derives them from the same strings,
// and test/merkle checks this table against it.
const KEYS4: usize = memory.data<u32>([
  // 0: IV (plain BLAKE3)
  0x6a09e667, 0x6a09e667, 0x6a09e667, 0x6a09e667, 0xbb67ae85, 0xbb67ae85, 0xbb67ae85, 0xbb67ae85,
  0x3c6ef372, 0x3c6ef372, 0x3c6ef372, 0x3c6ef372, 0xa54ff53a, 0xa54ff53a, 0xa54ff53a, 0xa54ff53a,
  0x510e527f, 0x510e527f, 0x510e527f, 0x510e527f, 0x9b05688c, 0x9b05688c, 0x9b05688c, 0x9b05688c,
  0x1f83d9ab, 0x1f83d9ab, 0x1f83d9ab, 0x1f83d9ab, 0x5be0cd19, 0x5be0cd19, 0x5be0cd19, 0x5be0cd19,
  // 1: Merkle leaf key, BLAKE3("rvstark merkle leaf v2")
  0x7ab9a4b9, 0x7ab9a4b9, 0x7ab9a4b9, 0x7ab9a4b9, 0x1def04bc, 0x1def04bc, 0x1def04bc, 0x1def04bc,
  0x5dc3697b, 0x5dc3697b, 0x5dc3697b, 0x5dc3697b, 0xba575b90, 0xba575b90, 0xba575b90, 0xba575b90,
  0xa9754100, 0xa9754100, 0xa9754100, 0xa9754100, 0xed95f46a, 0xed95f46a, 0xed95f46a, 0xed95f46a,
  0xf2757e26, 0xf2757e26, 0xf2757e26, 0xf2757e26, 0x8d3e8a7a, 0x8d3e8a7a, 0x8d3e8a7a, 0x8d3e8a7a,
  // 2: Merkle node key, BLAKE3("rvstark merkle node v2")
  0xf59eedaa, 0xf59eedaa, 0xf59eedaa, 0xf59eedaa, 0xed246ec7, 0xed246ec7, 0xed246ec7, 0xed246ec7,
  0xeaa404dd, 0xeaa404dd, 0xeaa404dd, 0xeaa404dd, 0xec1827fd, 0xec1827fd, 0xec1827fd, 0xec1827fd,
  0x234c4d95, 0x234c4d95, 0x234c4d95, 0x234c4d95, 0x2b35670b, 0x2b35670b, 0x2b35670b, 0x2b35670b,
  0x102e1122, 0x102e1122, 0x102e1122, 0x102e1122, 0x073c7305, 0x073c7305, 0x073c7305, 0x073c7305,
], 16);
/** The IV splatted: the state words 8..11 of every compression, in every mode. */
const IV4: usize = KEYS4;

/**
 * Address of the splatted key table: mode i's key (8 words × 4 lanes, 128 bytes) is at
 * blake3KeyTable() + 128·i, i = 0 (plain, flags 0), 1 (Merkle leaf), 2 (Merkle node; both
 * with flags KEYED_HASH).
 */
export function blake3KeyTable(): usize {
  return KEYS4;
}

// Byte shuffles for the 16- and 8-bit rotations (one pshufb each); 12 and 7 take shift+shift+or.
// @ts-ignore: decorator
@inline function rotr16(x: v128): v128 {
  return i8x16.shuffle(x, x, 2, 3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9, 14, 15, 12, 13);
}
// @ts-ignore: decorator
@inline function rotr8(x: v128): v128 {
  return i8x16.shuffle(x, x, 1, 2, 3, 0, 5, 6, 7, 4, 9, 10, 11, 8, 13, 14, 15, 12);
}
// @ts-ignore: decorator
@inline function rotr12(x: v128): v128 {
  return v128.or(i32x4.shr_u(x, 12), i32x4.shl(x, 20));
}
// @ts-ignore: decorator
@inline function rotr7(x: v128): v128 {
  return v128.or(i32x4.shr_u(x, 7), i32x4.shl(x, 25));
}

/**
 * Four BLAKE3 compressions, one per lane: chaining values at `cv` (8 v128, word-major), the
 * transposed message block at `m` (16 v128), result (first 8 output words) to `out`. All lanes
 * share counter, block length and flags (mode flags included). State words 8..11 are the IV in
 * every mode: a key only ever enters as a chaining value. `out` may overlap `cv` or `m`: it is written last.
 * The 7 rounds are written out with the message schedule σ_r = PERM^r resolved to constant
 * load offsets, so no permutation moves are needed between rounds.
 */
function compress4(cv: usize, m: usize, out: usize, counter: u32, blockLen: u32, flags: u32): void {
  let s0 = v128.load(cv, 0);
  let s1 = v128.load(cv, 16);
  let s2 = v128.load(cv, 32);
  let s3 = v128.load(cv, 48);
  let s4 = v128.load(cv, 64);
  let s5 = v128.load(cv, 80);
  let s6 = v128.load(cv, 96);
  let s7 = v128.load(cv, 112);
  let s8 = v128.load(IV4, 0);
  let s9 = v128.load(IV4, 16);
  let s10 = v128.load(IV4, 32);
  let s11 = v128.load(IV4, 48);
  let s12 = i32x4.splat(counter);
  let s13 = i32x4.splat(0);
  let s14 = i32x4.splat(blockLen);
  let s15 = i32x4.splat(flags);
  // round 0: message words 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
  s0 = i32x4.add(i32x4.add(s0, s4), v128.load(m, 0)); s12 = rotr16(v128.xor(s12, s0));
  s8 = i32x4.add(s8, s12); s4 = rotr12(v128.xor(s4, s8));
  s0 = i32x4.add(i32x4.add(s0, s4), v128.load(m, 16)); s12 = rotr8(v128.xor(s12, s0));
  s8 = i32x4.add(s8, s12); s4 = rotr7(v128.xor(s4, s8));
  s1 = i32x4.add(i32x4.add(s1, s5), v128.load(m, 32)); s13 = rotr16(v128.xor(s13, s1));
  s9 = i32x4.add(s9, s13); s5 = rotr12(v128.xor(s5, s9));
  s1 = i32x4.add(i32x4.add(s1, s5), v128.load(m, 48)); s13 = rotr8(v128.xor(s13, s1));
  s9 = i32x4.add(s9, s13); s5 = rotr7(v128.xor(s5, s9));
  s2 = i32x4.add(i32x4.add(s2, s6), v128.load(m, 64)); s14 = rotr16(v128.xor(s14, s2));
  s10 = i32x4.add(s10, s14); s6 = rotr12(v128.xor(s6, s10));
  s2 = i32x4.add(i32x4.add(s2, s6), v128.load(m, 80)); s14 = rotr8(v128.xor(s14, s2));
  s10 = i32x4.add(s10, s14); s6 = rotr7(v128.xor(s6, s10));
  s3 = i32x4.add(i32x4.add(s3, s7), v128.load(m, 96)); s15 = rotr16(v128.xor(s15, s3));
  s11 = i32x4.add(s11, s15); s7 = rotr12(v128.xor(s7, s11));
  s3 = i32x4.add(i32x4.add(s3, s7), v128.load(m, 112)); s15 = rotr8(v128.xor(s15, s3));
  s11 = i32x4.add(s11, s15); s7 = rotr7(v128.xor(s7, s11));
  s0 = i32x4.add(i32x4.add(s0, s5), v128.load(m, 128)); s15 = rotr16(v128.xor(s15, s0));
  s10 = i32x4.add(s10, s15); s5 = rotr12(v128.xor(s5, s10));
  s0 = i32x4.add(i32x4.add(s0, s5), v128.load(m, 144)); s15 = rotr8(v128.xor(s15, s0));
  s10 = i32x4.add(s10, s15); s5 = rotr7(v128.xor(s5, s10));
  s1 = i32x4.add(i32x4.add(s1, s6), v128.load(m, 160)); s12 = rotr16(v128.xor(s12, s1));
  s11 = i32x4.add(s11, s12); s6 = rotr12(v128.xor(s6, s11));
  s1 = i32x4.add(i32x4.add(s1, s6), v128.load(m, 176)); s12 = rotr8(v128.xor(s12, s1));
  s11 = i32x4.add(s11, s12); s6 = rotr7(v128.xor(s6, s11));
  s2 = i32x4.add(i32x4.add(s2, s7), v128.load(m, 192)); s13 = rotr16(v128.xor(s13, s2));
  s8 = i32x4.add(s8, s13); s7 = rotr12(v128.xor(s7, s8));
  s2 = i32x4.add(i32x4.add(s2, s7), v128.load(m, 208)); s13 = rotr8(v128.xor(s13, s2));
  s8 = i32x4.add(s8, s13); s7 = rotr7(v128.xor(s7, s8));
  s3 = i32x4.add(i32x4.add(s3, s4), v128.load(m, 224)); s14 = rotr16(v128.xor(s14, s3));
  s9 = i32x4.add(s9, s14); s4 = rotr12(v128.xor(s4, s9));
  s3 = i32x4.add(i32x4.add(s3, s4), v128.load(m, 240)); s14 = rotr8(v128.xor(s14, s3));
  s9 = i32x4.add(s9, s14); s4 = rotr7(v128.xor(s4, s9));
  // round 1: message words 2,6,3,10,7,0,4,13,1,11,12,5,9,14,15,8
  s0 = i32x4.add(i32x4.add(s0, s4), v128.load(m, 32)); s12 = rotr16(v128.xor(s12, s0));
  s8 = i32x4.add(s8, s12); s4 = rotr12(v128.xor(s4, s8));
  s0 = i32x4.add(i32x4.add(s0, s4), v128.load(m, 96)); s12 = rotr8(v128.xor(s12, s0));
  s8 = i32x4.add(s8, s12); s4 = rotr7(v128.xor(s4, s8));
  s1 = i32x4.add(i32x4.add(s1, s5), v128.load(m, 48)); s13 = rotr16(v128.xor(s13, s1));
  s9 = i32x4.add(s9, s13); s5 = rotr12(v128.xor(s5, s9));
  s1 = i32x4.add(i32x4.add(s1, s5), v128.load(m, 160)); s13 = rotr8(v128.xor(s13, s1));
  s9 = i32x4.add(s9, s13); s5 = rotr7(v128.xor(s5, s9));
  s2 = i32x4.add(i32x4.add(s2, s6), v128.load(m, 112)); s14 = rotr16(v128.xor(s14, s2));
  s10 = i32x4.add(s10, s14); s6 = rotr12(v128.xor(s6, s10));
  s2 = i32x4.add(i32x4.add(s2, s6), v128.load(m, 0)); s14 = rotr8(v128.xor(s14, s2));
  s10 = i32x4.add(s10, s14); s6 = rotr7(v128.xor(s6, s10));
  s3 = i32x4.add(i32x4.add(s3, s7), v128.load(m, 64)); s15 = rotr16(v128.xor(s15, s3));
  s11 = i32x4.add(s11, s15); s7 = rotr12(v128.xor(s7, s11));
  s3 = i32x4.add(i32x4.add(s3, s7), v128.load(m, 208)); s15 = rotr8(v128.xor(s15, s3));
  s11 = i32x4.add(s11, s15); s7 = rotr7(v128.xor(s7, s11));
  s0 = i32x4.add(i32x4.add(s0, s5), v128.load(m, 16)); s15 = rotr16(v128.xor(s15, s0));
  s10 = i32x4.add(s10, s15); s5 = rotr12(v128.xor(s5, s10));
  s0 = i32x4.add(i32x4.add(s0, s5), v128.load(m, 176)); s15 = rotr8(v128.xor(s15, s0));
  s10 = i32x4.add(s10, s15); s5 = rotr7(v128.xor(s5, s10));
  s1 = i32x4.add(i32x4.add(s1, s6), v128.load(m, 192)); s12 = rotr16(v128.xor(s12, s1));
  s11 = i32x4.add(s11, s12); s6 = rotr12(v128.xor(s6, s11));
  s1 = i32x4.add(i32x4.add(s1, s6), v128.load(m, 80)); s12 = rotr8(v128.xor(s12, s1));
  s11 = i32x4.add(s11, s12); s6 = rotr7(v128.xor(s6, s11));
  s2 = i32x4.add(i32x4.add(s2, s7), v128.load(m, 144)); s13 = rotr16(v128.xor(s13, s2));
  s8 = i32x4.add(s8, s13); s7 = rotr12(v128.xor(s7, s8));
  s2 = i32x4.add(i32x4.add(s2, s7), v128.load(m, 224)); s13 = rotr8(v128.xor(s13, s2));
  s8 = i32x4.add(s8, s13); s7 = rotr7(v128.xor(s7, s8));
  s3 = i32x4.add(i32x4.add(s3, s4), v128.load(m, 240)); s14 = rotr16(v128.xor(s14, s3));
  s9 = i32x4.add(s9, s14); s4 = rotr12(v128.xor(s4, s9));
  s3 = i32x4.add(i32x4.add(s3, s4), v128.load(m, 128)); s14 = rotr8(v128.xor(s14, s3));
  s9 = i32x4.add(s9, s14); s4 = rotr7(v128.xor(s4, s9));
  // round 2: message words 3,4,10,12,13,2,7,14,6,5,9,0,11,15,8,1
  s0 = i32x4.add(i32x4.add(s0, s4), v128.load(m, 48)); s12 = rotr16(v128.xor(s12, s0));
  s8 = i32x4.add(s8, s12); s4 = rotr12(v128.xor(s4, s8));
  s0 = i32x4.add(i32x4.add(s0, s4), v128.load(m, 64)); s12 = rotr8(v128.xor(s12, s0));
  s8 = i32x4.add(s8, s12); s4 = rotr7(v128.xor(s4, s8));
  s1 = i32x4.add(i32x4.add(s1, s5), v128.load(m, 160)); s13 = rotr16(v128.xor(s13, s1));
  s9 = i32x4.add(s9, s13); s5 = rotr12(v128.xor(s5, s9));
  s1 = i32x4.add(i32x4.add(s1, s5), v128.load(m, 192)); s13 = rotr8(v128.xor(s13, s1));
  s9 = i32x4.add(s9, s13); s5 = rotr7(v128.xor(s5, s9));
  s2 = i32x4.add(i32x4.add(s2, s6), v128.load(m, 208)); s14 = rotr16(v128.xor(s14, s2));
  s10 = i32x4.add(s10, s14); s6 = rotr12(v128.xor(s6, s10));
  s2 = i32x4.add(i32x4.add(s2, s6), v128.load(m, 32)); s14 = rotr8(v128.xor(s14, s2));
  s10 = i32x4.add(s10, s14); s6 = rotr7(v128.xor(s6, s10));
  s3 = i32x4.add(i32x4.add(s3, s7), v128.load(m, 112)); s15 = rotr16(v128.xor(s15, s3));
  s11 = i32x4.add(s11, s15); s7 = rotr12(v128.xor(s7, s11));
  s3 = i32x4.add(i32x4.add(s3, s7), v128.load(m, 224)); s15 = rotr8(v128.xor(s15, s3));
  s11 = i32x4.add(s11, s15); s7 = rotr7(v128.xor(s7, s11));
  s0 = i32x4.add(i32x4.add(s0, s5), v128.load(m, 96)); s15 = rotr16(v128.xor(s15, s0));
  s10 = i32x4.add(s10, s15); s5 = rotr12(v128.xor(s5, s10));
  s0 = i32x4.add(i32x4.add(s0, s5), v128.load(m, 80)); s15 = rotr8(v128.xor(s15, s0));
  s10 = i32x4.add(s10, s15); s5 = rotr7(v128.xor(s5, s10));
  s1 = i32x4.add(i32x4.add(s1, s6), v128.load(m, 144)); s12 = rotr16(v128.xor(s12, s1));
  s11 = i32x4.add(s11, s12); s6 = rotr12(v128.xor(s6, s11));
  s1 = i32x4.add(i32x4.add(s1, s6), v128.load(m, 0)); s12 = rotr8(v128.xor(s12, s1));
  s11 = i32x4.add(s11, s12); s6 = rotr7(v128.xor(s6, s11));
  s2 = i32x4.add(i32x4.add(s2, s7), v128.load(m, 176)); s13 = rotr16(v128.xor(s13, s2));
  s8 = i32x4.add(s8, s13); s7 = rotr12(v128.xor(s7, s8));
  s2 = i32x4.add(i32x4.add(s2, s7), v128.load(m, 240)); s13 = rotr8(v128.xor(s13, s2));
  s8 = i32x4.add(s8, s13); s7 = rotr7(v128.xor(s7, s8));
  s3 = i32x4.add(i32x4.add(s3, s4), v128.load(m, 128)); s14 = rotr16(v128.xor(s14, s3));
  s9 = i32x4.add(s9, s14); s4 = rotr12(v128.xor(s4, s9));
  s3 = i32x4.add(i32x4.add(s3, s4), v128.load(m, 16)); s14 = rotr8(v128.xor(s14, s3));
  s9 = i32x4.add(s9, s14); s4 = rotr7(v128.xor(s4, s9));
  // round 3: message words 10,7,12,9,14,3,13,15,4,0,11,2,5,8,1,6
  s0 = i32x4.add(i32x4.add(s0, s4), v128.load(m, 160)); s12 = rotr16(v128.xor(s12, s0));
  s8 = i32x4.add(s8, s12); s4 = rotr12(v128.xor(s4, s8));
  s0 = i32x4.add(i32x4.add(s0, s4), v128.load(m, 112)); s12 = rotr8(v128.xor(s12, s0));
  s8 = i32x4.add(s8, s12); s4 = rotr7(v128.xor(s4, s8));
  s1 = i32x4.add(i32x4.add(s1, s5), v128.load(m, 192)); s13 = rotr16(v128.xor(s13, s1));
  s9 = i32x4.add(s9, s13); s5 = rotr12(v128.xor(s5, s9));
  s1 = i32x4.add(i32x4.add(s1, s5), v128.load(m, 144)); s13 = rotr8(v128.xor(s13, s1));
  s9 = i32x4.add(s9, s13); s5 = rotr7(v128.xor(s5, s9));
  s2 = i32x4.add(i32x4.add(s2, s6), v128.load(m, 224)); s14 = rotr16(v128.xor(s14, s2));
  s10 = i32x4.add(s10, s14); s6 = rotr12(v128.xor(s6, s10));
  s2 = i32x4.add(i32x4.add(s2, s6), v128.load(m, 48)); s14 = rotr8(v128.xor(s14, s2));
  s10 = i32x4.add(s10, s14); s6 = rotr7(v128.xor(s6, s10));
  s3 = i32x4.add(i32x4.add(s3, s7), v128.load(m, 208)); s15 = rotr16(v128.xor(s15, s3));
  s11 = i32x4.add(s11, s15); s7 = rotr12(v128.xor(s7, s11));
  s3 = i32x4.add(i32x4.add(s3, s7), v128.load(m, 240)); s15 = rotr8(v128.xor(s15, s3));
  s11 = i32x4.add(s11, s15); s7 = rotr7(v128.xor(s7, s11));
  s0 = i32x4.add(i32x4.add(s0, s5), v128.load(m, 64)); s15 = rotr16(v128.xor(s15, s0));
  s10 = i32x4.add(s10, s15); s5 = rotr12(v128.xor(s5, s10));
  s0 = i32x4.add(i32x4.add(s0, s5), v128.load(m, 0)); s15 = rotr8(v128.xor(s15, s0));
  s10 = i32x4.add(s10, s15); s5 = rotr7(v128.xor(s5, s10));
  s1 = i32x4.add(i32x4.add(s1, s6), v128.load(m, 176)); s12 = rotr16(v128.xor(s12, s1));
  s11 = i32x4.add(s11, s12); s6 = rotr12(v128.xor(s6, s11));
  s1 = i32x4.add(i32x4.add(s1, s6), v128.load(m, 32)); s12 = rotr8(v128.xor(s12, s1));
  s11 = i32x4.add(s11, s12); s6 = rotr7(v128.xor(s6, s11));
  s2 = i32x4.add(i32x4.add(s2, s7), v128.load(m, 80)); s13 = rotr16(v128.xor(s13, s2));
  s8 = i32x4.add(s8, s13); s7 = rotr12(v128.xor(s7, s8));
  s2 = i32x4.add(i32x4.add(s2, s7), v128.load(m, 128)); s13 = rotr8(v128.xor(s13, s2));
  s8 = i32x4.add(s8, s13); s7 = rotr7(v128.xor(s7, s8));
  s3 = i32x4.add(i32x4.add(s3, s4), v128.load(m, 16)); s14 = rotr16(v128.xor(s14, s3));
  s9 = i32x4.add(s9, s14); s4 = rotr12(v128.xor(s4, s9));
  s3 = i32x4.add(i32x4.add(s3, s4), v128.load(m, 96)); s14 = rotr8(v128.xor(s14, s3));
  s9 = i32x4.add(s9, s14); s4 = rotr7(v128.xor(s4, s9));
  // round 4: message words 12,13,9,11,15,10,14,8,7,2,5,3,0,1,6,4
  s0 = i32x4.add(i32x4.add(s0, s4), v128.load(m, 192)); s12 = rotr16(v128.xor(s12, s0));
  s8 = i32x4.add(s8, s12); s4 = rotr12(v128.xor(s4, s8));
  s0 = i32x4.add(i32x4.add(s0, s4), v128.load(m, 208)); s12 = rotr8(v128.xor(s12, s0));
  s8 = i32x4.add(s8, s12); s4 = rotr7(v128.xor(s4, s8));
  s1 = i32x4.add(i32x4.add(s1, s5), v128.load(m, 144)); s13 = rotr16(v128.xor(s13, s1));
  s9 = i32x4.add(s9, s13); s5 = rotr12(v128.xor(s5, s9));
  s1 = i32x4.add(i32x4.add(s1, s5), v128.load(m, 176)); s13 = rotr8(v128.xor(s13, s1));
  s9 = i32x4.add(s9, s13); s5 = rotr7(v128.xor(s5, s9));
  s2 = i32x4.add(i32x4.add(s2, s6), v128.load(m, 240)); s14 = rotr16(v128.xor(s14, s2));
  s10 = i32x4.add(s10, s14); s6 = rotr12(v128.xor(s6, s10));
  s2 = i32x4.add(i32x4.add(s2, s6), v128.load(m, 160)); s14 = rotr8(v128.xor(s14, s2));
  s10 = i32x4.add(s10, s14); s6 = rotr7(v128.xor(s6, s10));
  s3 = i32x4.add(i32x4.add(s3, s7), v128.load(m, 224)); s15 = rotr16(v128.xor(s15, s3));
  s11 = i32x4.add(s11, s15); s7 = rotr12(v128.xor(s7, s11));
  s3 = i32x4.add(i32x4.add(s3, s7), v128.load(m, 128)); s15 = rotr8(v128.xor(s15, s3));
  s11 = i32x4.add(s11, s15); s7 = rotr7(v128.xor(s7, s11));
  s0 = i32x4.add(i32x4.add(s0, s5), v128.load(m, 112)); s15 = rotr16(v128.xor(s15, s0));
  s10 = i32x4.add(s10, s15); s5 = rotr12(v128.xor(s5, s10));
  s0 = i32x4.add(i32x4.add(s0, s5), v128.load(m, 32)); s15 = rotr8(v128.xor(s15, s0));
  s10 = i32x4.add(s10, s15); s5 = rotr7(v128.xor(s5, s10));
  s1 = i32x4.add(i32x4.add(s1, s6), v128.load(m, 80)); s12 = rotr16(v128.xor(s12, s1));
  s11 = i32x4.add(s11, s12); s6 = rotr12(v128.xor(s6, s11));
  s1 = i32x4.add(i32x4.add(s1, s6), v128.load(m, 48)); s12 = rotr8(v128.xor(s12, s1));
  s11 = i32x4.add(s11, s12); s6 = rotr7(v128.xor(s6, s11));
  s2 = i32x4.add(i32x4.add(s2, s7), v128.load(m, 0)); s13 = rotr16(v128.xor(s13, s2));
  s8 = i32x4.add(s8, s13); s7 = rotr12(v128.xor(s7, s8));
  s2 = i32x4.add(i32x4.add(s2, s7), v128.load(m, 16)); s13 = rotr8(v128.xor(s13, s2));
  s8 = i32x4.add(s8, s13); s7 = rotr7(v128.xor(s7, s8));
  s3 = i32x4.add(i32x4.add(s3, s4), v128.load(m, 96)); s14 = rotr16(v128.xor(s14, s3));
  s9 = i32x4.add(s9, s14); s4 = rotr12(v128.xor(s4, s9));
  s3 = i32x4.add(i32x4.add(s3, s4), v128.load(m, 64)); s14 = rotr8(v128.xor(s14, s3));
  s9 = i32x4.add(s9, s14); s4 = rotr7(v128.xor(s4, s9));
  // round 5: message words 9,14,11,5,8,12,15,1,13,3,0,10,2,6,4,7
  s0 = i32x4.add(i32x4.add(s0, s4), v128.load(m, 144)); s12 = rotr16(v128.xor(s12, s0));
  s8 = i32x4.add(s8, s12); s4 = rotr12(v128.xor(s4, s8));
  s0 = i32x4.add(i32x4.add(s0, s4), v128.load(m, 224)); s12 = rotr8(v128.xor(s12, s0));
  s8 = i32x4.add(s8, s12); s4 = rotr7(v128.xor(s4, s8));
  s1 = i32x4.add(i32x4.add(s1, s5), v128.load(m, 176)); s13 = rotr16(v128.xor(s13, s1));
  s9 = i32x4.add(s9, s13); s5 = rotr12(v128.xor(s5, s9));
  s1 = i32x4.add(i32x4.add(s1, s5), v128.load(m, 80)); s13 = rotr8(v128.xor(s13, s1));
  s9 = i32x4.add(s9, s13); s5 = rotr7(v128.xor(s5, s9));
  s2 = i32x4.add(i32x4.add(s2, s6), v128.load(m, 128)); s14 = rotr16(v128.xor(s14, s2));
  s10 = i32x4.add(s10, s14); s6 = rotr12(v128.xor(s6, s10));
  s2 = i32x4.add(i32x4.add(s2, s6), v128.load(m, 192)); s14 = rotr8(v128.xor(s14, s2));
  s10 = i32x4.add(s10, s14); s6 = rotr7(v128.xor(s6, s10));
  s3 = i32x4.add(i32x4.add(s3, s7), v128.load(m, 240)); s15 = rotr16(v128.xor(s15, s3));
  s11 = i32x4.add(s11, s15); s7 = rotr12(v128.xor(s7, s11));
  s3 = i32x4.add(i32x4.add(s3, s7), v128.load(m, 16)); s15 = rotr8(v128.xor(s15, s3));
  s11 = i32x4.add(s11, s15); s7 = rotr7(v128.xor(s7, s11));
  s0 = i32x4.add(i32x4.add(s0, s5), v128.load(m, 208)); s15 = rotr16(v128.xor(s15, s0));
  s10 = i32x4.add(s10, s15); s5 = rotr12(v128.xor(s5, s10));
  s0 = i32x4.add(i32x4.add(s0, s5), v128.load(m, 48)); s15 = rotr8(v128.xor(s15, s0));
  s10 = i32x4.add(s10, s15); s5 = rotr7(v128.xor(s5, s10));
  s1 = i32x4.add(i32x4.add(s1, s6), v128.load(m, 0)); s12 = rotr16(v128.xor(s12, s1));
  s11 = i32x4.add(s11, s12); s6 = rotr12(v128.xor(s6, s11));
  s1 = i32x4.add(i32x4.add(s1, s6), v128.load(m, 160)); s12 = rotr8(v128.xor(s12, s1));
  s11 = i32x4.add(s11, s12); s6 = rotr7(v128.xor(s6, s11));
  s2 = i32x4.add(i32x4.add(s2, s7), v128.load(m, 32)); s13 = rotr16(v128.xor(s13, s2));
  s8 = i32x4.add(s8, s13); s7 = rotr12(v128.xor(s7, s8));
  s2 = i32x4.add(i32x4.add(s2, s7), v128.load(m, 96)); s13 = rotr8(v128.xor(s13, s2));
  s8 = i32x4.add(s8, s13); s7 = rotr7(v128.xor(s7, s8));
  s3 = i32x4.add(i32x4.add(s3, s4), v128.load(m, 64)); s14 = rotr16(v128.xor(s14, s3));
  s9 = i32x4.add(s9, s14); s4 = rotr12(v128.xor(s4, s9));
  s3 = i32x4.add(i32x4.add(s3, s4), v128.load(m, 112)); s14 = rotr8(v128.xor(s14, s3));
  s9 = i32x4.add(s9, s14); s4 = rotr7(v128.xor(s4, s9));
  // round 6: message words 11,15,5,0,1,9,8,6,14,10,2,12,3,4,7,13
  s0 = i32x4.add(i32x4.add(s0, s4), v128.load(m, 176)); s12 = rotr16(v128.xor(s12, s0));
  s8 = i32x4.add(s8, s12); s4 = rotr12(v128.xor(s4, s8));
  s0 = i32x4.add(i32x4.add(s0, s4), v128.load(m, 240)); s12 = rotr8(v128.xor(s12, s0));
  s8 = i32x4.add(s8, s12); s4 = rotr7(v128.xor(s4, s8));
  s1 = i32x4.add(i32x4.add(s1, s5), v128.load(m, 80)); s13 = rotr16(v128.xor(s13, s1));
  s9 = i32x4.add(s9, s13); s5 = rotr12(v128.xor(s5, s9));
  s1 = i32x4.add(i32x4.add(s1, s5), v128.load(m, 0)); s13 = rotr8(v128.xor(s13, s1));
  s9 = i32x4.add(s9, s13); s5 = rotr7(v128.xor(s5, s9));
  s2 = i32x4.add(i32x4.add(s2, s6), v128.load(m, 16)); s14 = rotr16(v128.xor(s14, s2));
  s10 = i32x4.add(s10, s14); s6 = rotr12(v128.xor(s6, s10));
  s2 = i32x4.add(i32x4.add(s2, s6), v128.load(m, 144)); s14 = rotr8(v128.xor(s14, s2));
  s10 = i32x4.add(s10, s14); s6 = rotr7(v128.xor(s6, s10));
  s3 = i32x4.add(i32x4.add(s3, s7), v128.load(m, 128)); s15 = rotr16(v128.xor(s15, s3));
  s11 = i32x4.add(s11, s15); s7 = rotr12(v128.xor(s7, s11));
  s3 = i32x4.add(i32x4.add(s3, s7), v128.load(m, 96)); s15 = rotr8(v128.xor(s15, s3));
  s11 = i32x4.add(s11, s15); s7 = rotr7(v128.xor(s7, s11));
  s0 = i32x4.add(i32x4.add(s0, s5), v128.load(m, 224)); s15 = rotr16(v128.xor(s15, s0));
  s10 = i32x4.add(s10, s15); s5 = rotr12(v128.xor(s5, s10));
  s0 = i32x4.add(i32x4.add(s0, s5), v128.load(m, 160)); s15 = rotr8(v128.xor(s15, s0));
  s10 = i32x4.add(s10, s15); s5 = rotr7(v128.xor(s5, s10));
  s1 = i32x4.add(i32x4.add(s1, s6), v128.load(m, 32)); s12 = rotr16(v128.xor(s12, s1));
  s11 = i32x4.add(s11, s12); s6 = rotr12(v128.xor(s6, s11));
  s1 = i32x4.add(i32x4.add(s1, s6), v128.load(m, 192)); s12 = rotr8(v128.xor(s12, s1));
  s11 = i32x4.add(s11, s12); s6 = rotr7(v128.xor(s6, s11));
  s2 = i32x4.add(i32x4.add(s2, s7), v128.load(m, 48)); s13 = rotr16(v128.xor(s13, s2));
  s8 = i32x4.add(s8, s13); s7 = rotr12(v128.xor(s7, s8));
  s2 = i32x4.add(i32x4.add(s2, s7), v128.load(m, 64)); s13 = rotr8(v128.xor(s13, s2));
  s8 = i32x4.add(s8, s13); s7 = rotr7(v128.xor(s7, s8));
  s3 = i32x4.add(i32x4.add(s3, s4), v128.load(m, 112)); s14 = rotr16(v128.xor(s14, s3));
  s9 = i32x4.add(s9, s14); s4 = rotr12(v128.xor(s4, s9));
  s3 = i32x4.add(i32x4.add(s3, s4), v128.load(m, 208)); s14 = rotr8(v128.xor(s14, s3));
  s9 = i32x4.add(s9, s14); s4 = rotr7(v128.xor(s4, s9));
  v128.store(out, v128.xor(s0, s8), 0);
  v128.store(out, v128.xor(s1, s9), 16);
  v128.store(out, v128.xor(s2, s10), 32);
  v128.store(out, v128.xor(s3, s11), 48);
  v128.store(out, v128.xor(s4, s12), 64);
  v128.store(out, v128.xor(s5, s13), 80);
  v128.store(out, v128.xor(s6, s14), 96);
  v128.store(out, v128.xor(s7, s15), 112);
}

/** Stores the 4×4 transpose of rows a, b, c, d at dst, dst + stride, dst + 2·stride, dst + 3·stride. */
// @ts-ignore: decorator
@inline function transposeStore(a: v128, b: v128, c: v128, d: v128, dst: usize, stride: usize): void {
  const t0 = i32x4.shuffle(a, b, 0, 4, 1, 5);
  const t1 = i32x4.shuffle(a, b, 2, 6, 3, 7);
  const t2 = i32x4.shuffle(c, d, 0, 4, 1, 5);
  const t3 = i32x4.shuffle(c, d, 2, 6, 3, 7);
  v128.store(dst, i64x2.shuffle(t0, t2, 0, 2));
  v128.store(dst + stride, i64x2.shuffle(t0, t2, 1, 3));
  v128.store(dst + 2 * stride, i64x2.shuffle(t1, t3, 0, 2));
  v128.store(dst + 3 * stride, i64x2.shuffle(t1, t3, 1, 3));
}

/** Writes the 4 digests of transposed words at `src` (8 v128) to dst + l·stride, l = 0..3. */
// @ts-ignore: decorator
@inline function storeDigests4(src: usize, dst: usize, stride: usize): void {
  transposeStore(v128.load(src, 0), v128.load(src, 16), v128.load(src, 32), v128.load(src, 48), dst, stride);
  transposeStore(v128.load(src, 64), v128.load(src, 80), v128.load(src, 96), v128.load(src, 112), dst + 16, stride);
}

/** Writes the digests of lanes 0..n−1 (n < 4) of transposed words at `src` to dst + l·stride. */
function storeDigestsPartial(src: usize, dst: usize, stride: usize, n: u32): void {
  for (let l: usize = 0; l < <usize>n; l++) {
    for (let j: usize = 0; j < 8; j++) store<u32>(dst + l * stride + 4 * j, load<u32>(src + 16 * j + 4 * l));
  }
}

/**
 * dst[i] = BLAKE3_mode(left[i] ‖ right[i]) for i < count: 2-to-1 Merkle nodes, one compression
 * each (its chaining value is the key; with the node key and KEYED_HASH this is keyed_hash).
 * Digest i of left sits at left + i·leftStride (right likewise); dst digests are consecutive.
 * A layer of nodes over consecutive pairs is left = src, right = src + 32, strides 64. dst may
 * equal left or src (each group of 4 is read before it is written).
 */
export function blake3Pairs(
  dst: usize,
  left: usize,
  leftStride: usize,
  right: usize,
  rightStride: usize,
  count: u32,
  key: usize,
  modeFlags: u32,
  scratch: usize,
): void {
  const flags = CHUNK_START | CHUNK_END | ROOT | modeFlags;
  const m = scratch;
  const out = scratch + STACK;
  const full = count & ~3;
  for (let i: u32 = 0; i < full; i += 4) {
    const l0 = left + <usize>i * leftStride;
    const r0 = right + <usize>i * rightStride;
    const l1 = l0 + leftStride;
    const l2 = l1 + leftStride;
    const l3 = l2 + leftStride;
    const r1 = r0 + rightStride;
    const r2 = r1 + rightStride;
    const r3 = r2 + rightStride;
    transposeStore(v128.load(l0), v128.load(l1), v128.load(l2), v128.load(l3), m, 16);
    transposeStore(v128.load(l0, 16), v128.load(l1, 16), v128.load(l2, 16), v128.load(l3, 16), m + 64, 16);
    transposeStore(v128.load(r0), v128.load(r1), v128.load(r2), v128.load(r3), m + 128, 16);
    transposeStore(v128.load(r0, 16), v128.load(r1, 16), v128.load(r2, 16), v128.load(r3, 16), m + 192, 16);
    compress4(key, m, out, 0, 64, flags);
    storeDigests4(out, dst + (<usize>i << 5), 32);
  }
  const rest = count - full;
  if (rest === 0) return;
  // Tail of 1–3 nodes: gather word by word; lanes past the end repeat the last node.
  for (let l: u32 = 0; l < 4; l++) {
    const i = <usize>(full + (l < rest ? l : rest - 1));
    const lp = left + i * leftStride;
    const rp = right + i * rightStride;
    for (let j: usize = 0; j < 8; j++) {
      store<u32>(m + 16 * j + 4 * <usize>l, load<u32>(lp + 4 * j));
      store<u32>(m + 128 + 16 * j + 4 * <usize>l, load<u32>(rp + 4 * j));
    }
  }
  compress4(key, m, out, 0, 64, flags);
  storeDigestsPartial(out, dst + (<usize>full << 5), 32, rest);
}

// Row sources for the leaf kernels.
const ROW_MAJOR: u32 = 0;
const COLUMNS: u32 = 1;

/**
 * Stages message block words [w0, w0 + n) (n ≤ 16, zero-padded to 16) of rows r..r+3 into m.
 * Row-major: row i is `width` words at base + 4·width·i. Columns: word j of row i is at
 * load<u32>(base + 4j) + 4i (base is a table of column pointers). Lanes ≥ valid repeat row
 * r + valid − 1 (the scalar gather path); with valid = 4 the fast paths run.
 */
// @ts-ignore: decorator
@inline function stageBlock(
  m: usize,
  mode: u32,
  base: usize,
  width: u32,
  r: u32,
  valid: u32,
  w0: u32,
  n: u32,
): void {
  if (valid === 4 && mode === COLUMNS) {
    // Four consecutive rows of one column are one v128 load: columns arrive pre-transposed.
    const off = <usize>r << 2;
    const tab = base + (<usize>w0 << 2);
    for (let j: usize = 0; j < <usize>n; j++) v128.store(m + 16 * j, v128.load(<usize>load<u32>(tab + 4 * j) + off));
    for (let j: usize = <usize>n; j < 16; j++) v128.store(m + 16 * j, i32x4.splat(0));
  } else if (valid === 4 && n === 16) {
    const stride = <usize>width << 2;
    const p0 = base + (<usize>r * <usize>width + <usize>w0) * 4;
    const p1 = p0 + stride;
    const p2 = p1 + stride;
    const p3 = p2 + stride;
    transposeStore(v128.load(p0), v128.load(p1), v128.load(p2), v128.load(p3), m, 16);
    transposeStore(v128.load(p0, 16), v128.load(p1, 16), v128.load(p2, 16), v128.load(p3, 16), m + 64, 16);
    transposeStore(v128.load(p0, 32), v128.load(p1, 32), v128.load(p2, 32), v128.load(p3, 32), m + 128, 16);
    transposeStore(v128.load(p0, 48), v128.load(p1, 48), v128.load(p2, 48), v128.load(p3, 48), m + 192, 16);
  } else {
    for (let l: u32 = 0; l < 4; l++) {
      const i = <usize>(r + (l < valid ? l : valid - 1));
      for (let j: u32 = 0; j < n; j++) {
        const w = <usize>(w0 + j);
        const src: usize =
          mode === COLUMNS ? <usize>load<u32>(base + 4 * w) + (i << 2) : base + (i * <usize>width + w) * 4;
        store<u32>(m + 16 * <usize>j + 4 * <usize>l, load<u32>(src));
      }
    }
    for (let j: usize = <usize>n; j < 16; j++) v128.store(m + 16 * j, i32x4.splat(0));
  }
}

/**
 * Stages block words [w0, w0 + n) of rows r..r+4·groups−1 of a column source as `groups` 4-lane
 * message blocks (group g at m + 256g): each column gives 16·groups contiguous bytes per block,
 * and one load `ahead` bytes further keeps the following lines in flight (its value goes to the
 * sink). Why: column-major columns sit a power of two apart, so 4-row steps read 16 bytes from
 * each of 64 lines that share cache sets, DRAM banks and prefetch slots. 2^18 × 64 (min of 25,
 * ms): 4-row steps 81; 16 rows 58–63 without, 51–55 with 64 rows ahead; 32 rows with 128 rows
 * ahead 51; 64 rows 56–60 (row-major input: 43).
 */
// @ts-ignore: decorator
@inline function stageColumnLines(m: usize, tab: usize, r: u32, w0: u32, n: u32, groups: u32, ahead: usize): void {
  const off = <usize>r << 2;
  const t = tab + (<usize>w0 << 2);
  let touch = i32x4.splat(0);
  for (let j: usize = 0; j < <usize>n; j++) {
    const p = <usize>load<u32>(t + 4 * j) + off;
    touch = v128.xor(touch, v128.load(p + ahead));
    for (let g: usize = 0; g < <usize>groups; g++) v128.store(m + (g << 8) + 16 * j, v128.load(p + (g << 4)));
  }
  for (let j: usize = <usize>n; j < 16; j++) {
    for (let g: usize = 0; g < <usize>groups; g++) v128.store(m + (g << 8) + 16 * j, i32x4.splat(0));
  }
  v128.store(m + SINK, touch);
}

/**
 * BLAKE3 in mode (key, modeFlags) of rows r..r+4·groups−1 (each `width` u32 words,
 * little-endian: 4·width bytes) to dst + 32·i, as `groups` independent 4-lane hashes (a constant at each call site). With one
 * group, lanes ≥ valid repeat the last valid row and are not stored; several groups need all
 * their rows valid and a column source. Follows the BLAKE3 tree exactly: 1024-byte chunks of
 * 64-byte blocks (counter = chunk index), chunk chaining values merged on a stack as each chunk
 * completes, ROOT on the last compression (the chunk's last block for one chunk, else the top
 * parent). The key is the first chaining value of every chunk and of every parent; modeFlags go
 * on every compression. Group g's message is at scratch + 256g, its stack at scratch + STACK + 2048g.
 */
// @ts-ignore: decorator
@inline function hashRows(
  dst: usize,
  mode: u32,
  base: usize,
  width: u32,
  r: u32,
  valid: u32,
  key: usize,
  modeFlags: u32,
  scratch: usize,
  groups: u32,
  ahead: usize,
): void {
  const bytes = width << 2;
  const chunks: u32 = bytes === 0 ? 1 : (bytes + 1023) >> 10;
  let depth: usize = 0;
  for (let c: u32 = 0; c < chunks; c++) {
    const chunkBytes = min<u32>(1024, bytes - (c << 10));
    const blocks: u32 = chunkBytes === 0 ? 1 : (chunkBytes + 63) >> 6;
    const slot = scratch + STACK + (depth << 7);
    for (let b: u32 = 0; b < blocks; b++) {
      const blockBytes = min<u32>(64, chunkBytes - (b << 6));
      const w0 = (c << 8) + (b << 4);
      if (groups > 1) stageColumnLines(scratch, base, r, w0, blockBytes >> 2, groups, ahead);
      else stageBlock(scratch, mode, base, width, r, valid, w0, blockBytes >> 2);
      let flags: u32 = b === 0 ? CHUNK_START | modeFlags : modeFlags;
      if (b === blocks - 1) flags |= chunks === 1 ? CHUNK_END | ROOT : CHUNK_END;
      for (let g: usize = 0; g < <usize>groups; g++) {
        const s = slot + (g << 11);
        compress4(b === 0 ? key : s, scratch + (g << 8), s, c, blockBytes, flags);
      }
    }
    if (c < chunks - 1) {
      // Lazy merge: after t chunks, merge once per trailing zero bit of t, then push.
      for (let t = c + 1; (t & 1) === 0; t >>= 1) {
        depth--;
        for (let g: usize = 0; g < <usize>groups; g++) {
          const below = scratch + STACK + (g << 11) + (depth << 7);
          compress4(key, below, below, 0, 64, PARENT | modeFlags);
        }
      }
      depth++;
    }
  }
  // Fold the stack into the last chunk's chaining value; the final parent is the root.
  while (depth > 0) {
    depth--;
    for (let g: usize = 0; g < <usize>groups; g++) {
      const below = scratch + STACK + (g << 11) + (depth << 7);
      compress4(key, below, below, 0, 64, (depth === 0 ? PARENT | ROOT : PARENT) | modeFlags);
    }
  }
  for (let g: usize = 0; g < <usize>groups; g++) {
    const res = scratch + STACK + (g << 11);
    const d = dst + ((<usize>r + 4 * g) << 5);
    if (valid >= 4) storeDigests4(res, d, 32);
    else storeDigestsPartial(res, d, 32, valid);
  }
}

/**
 * dst[i] = BLAKE3_mode(row i) for i < count, rows stored row-major: row i is `width` u32 words at
 * src + 4·width·i. Mode: key (splatted, 128 bytes) and modeFlags, as in blake3Pairs.
 * width ≤ 2^20; scratch: SCRATCH_BYTES, 16-byte aligned.
 */
export function blake3RowsRowMajor(
  dst: usize,
  src: usize,
  width: u32,
  count: u32,
  key: usize,
  modeFlags: u32,
  scratch: usize,
): void {
  for (let r: u32 = 0; r < count; r += 4) {
    hashRows(dst, ROW_MAJOR, src, width, r, min<u32>(4, count - r), key, modeFlags, scratch, 1, 0);
  }
}

/**
 * dst[i − row0] = BLAKE3_mode(row i) for row0 ≤ i < row0 + count, where word j of row i is the u32 at
 * cols[j] + 4i and cols is a table of `width` u32 column pointers (a column-major matrix is
 * cols[j] = base + 4·height·j). Runs of 32 rows go 8 lane groups at a time (stageColumnLines),
 * the rest 4 rows at a time. Mode: key and modeFlags, as in blake3Pairs. width ≤ 2^20; scratch:
 * SCRATCH_BYTES, 16-byte aligned.
 */
export function blake3RowsColumns(
  dst: usize,
  cols: usize,
  width: u32,
  row0: u32,
  count: u32,
  key: usize,
  modeFlags: u32,
  scratch: usize,
): void {
  dst -= <usize>row0 << 5;
  const end = row0 + count;
  const step: u32 = 4 * COL_GROUPS;
  let r = row0;
  for (; end - r >= step; r += step) {
    // Read ahead only within the rows being hashed (the last step reads its own first line).
    const ahead = <usize>(min<u32>(r + READ_AHEAD, end - step) - r) << 2;
    hashRows(dst, COLUMNS, cols, width, r, step, key, modeFlags, scratch, COL_GROUPS, ahead);
  }
  for (; r < end; r += 4) {
    hashRows(dst, COLUMNS, cols, width, r, min<u32>(4, end - r), key, modeFlags, scratch, 1, 0);
  }
}
