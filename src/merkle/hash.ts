// BLAKE3 over data in wasm memory, by the SIMD kernels of kernels/blake3.ts: 2-to-1 nodes and
// row (leaf) hashes of matrices in any layout. Arguments are checked here, once; the kernels
// trust them. Digests are 8 u32 words (the little-endian reading of the 32 bytes).
// Invariant: Merkle nodes hash under MERKLE_NODE and Merkle leaves under MERKLE_LEAF (two keyed
// modes, docs/MERKLE.md), exactly as the TS twins and the verifier do; the plain hash is only
// for callers outside the tree (hashRows' default, which the prover's grinding relies on).

import type { Batch } from '../pool/batch.js';
import { kernels } from '../wasm/kernels.js';
import { alloc, free, WasmVec } from '../wasm/memory.js';
import { HASH, type KernelMode, MERKLE_LEAF, MERKLE_NODE } from './blake3.js';
import { MerkleError } from './errors.js';
import { checkMatrix, type Matrix, widthOf } from './matrix.js';

/** Bytes of one splatted key in the kernels' key table. */
const KEY_BYTES = 128;
const keyTable = kernels().blake3KeyTable();

/** Where the kernels keep the splatted key of a mode (read-only static data). */
export function keyPtr(mode: KernelMode): number {
  return kernels().blake3KeyTable() + KEY_BYTES * mode.slot;
}

/** Bytes of kernel scratch (message block + chaining-value stack); one per concurrent caller. */
export const SCRATCH_BYTES = 18448;

/** A kernel scratch block; callers free it. Per call rather than per module: workers share memory. */
export function allocScratch(): number {
  return alloc(SCRATCH_BYTES);
}

function checkCount(count: number, what: string): void {
  if (!Number.isInteger(count) || count < 0 || count > 2 ** 28) {
    throw new MerkleError('bad-length', `${what}: count ${count} is not an integer in [0, 2^28]`);
  }
}

function checkRoom(v: WasmVec, words: number, what: string, name: string): void {
  if (v.length < words) {
    throw new MerkleError('bad-length', `${what}: ${name} has ${v.length} words, need ${words}`);
  }
}

/**
 * Unchecked: 2-to-1 Merkle nodes under MERKLE_NODE, dst digest i = node(digest at left +
 * i·leftStride ‖ digest at right + i·rightStride), i < count, with the scratch block s.
 */
export function nodesAt(
  dstPtr: number,
  left: number,
  leftStride: number,
  right: number,
  rightStride: number,
  count: number,
  s: number,
): void {
  kernels().blake3Pairs(
    dstPtr,
    left,
    leftStride,
    right,
    rightStride,
    count,
    keyPtr(MERKLE_NODE),
    MERKLE_NODE.flags,
    s,
  );
}

/**
 * One layer of 2-to-1 Merkle nodes: dst digest i = node(src digest 2i ‖ src digest 2i+1), i <
 * count, under MERKLE_NODE. dst needs 8·count words, src 16·count.
 */
export function hashNodes(dst: WasmVec, src: WasmVec, count: number): void {
  checkCount(count, 'hashNodes');
  checkRoom(dst, 8 * count, 'hashNodes', 'dst');
  checkRoom(src, 16 * count, 'hashNodes', 'src');
  const s = allocScratch();
  nodesAt(dst.ptr, src.ptr, 64, src.ptr + 32, 64, count, s);
  free(s);
}

/** dst digest i = node(left digest i ‖ right digest i) under MERKLE_NODE, i < count. dst may be left. */
export function hashPairs(dst: WasmVec, left: WasmVec, right: WasmVec, count: number): void {
  checkCount(count, 'hashPairs');
  checkRoom(dst, 8 * count, 'hashPairs', 'dst');
  checkRoom(left, 8 * count, 'hashPairs', 'left');
  checkRoom(right, 8 * count, 'hashPairs', 'right');
  const s = allocScratch();
  nodesAt(dst.ptr, left.ptr, 32, right.ptr, 32, count, s);
  free(s);
}

/**
 * Row hashes of matrix m into dst (8 words per row): dst digest i = BLAKE3 in `mode` of the LE
 * bytes of row i. The default is the plain hash (the prover's proof-of-work grinding hashes
 * seed ‖ nonce rows with it); Merkle leaves are hashLeaves. The matrix is checked here; use
 * hashRowsAt inside loops that have checked already.
 */
export function hashRows(dst: WasmVec, m: Matrix, mode: KernelMode = HASH): void {
  checkMatrix(m, 0, false);
  checkRoom(dst, 8 * m.height, 'hashRows', 'dst');
  const s = allocScratch();
  try {
    hashRowsAt(dst.ptr, m, 0, m.height, s, mode);
  } finally {
    free(s);
  }
}

/** Merkle leaf digests of matrix m (MERKLE_LEAF) into dst, 8 words per row. */
export function hashLeaves(dst: WasmVec, m: Matrix): void {
  hashRows(dst, m, MERKLE_LEAF);
}

/**
 * Unchecked: digests in `mode` of rows [row0, row0 + count) of a checked matrix to dstPtr
 * (consecutive), using the scratch block s. The row range is what a worker would take.
 */
export function hashRowsAt(
  dstPtr: number,
  m: Matrix,
  row0: number,
  count: number,
  s: number,
  mode: KernelMode,
): void {
  const key = keyPtr(mode);
  if (m.layout === 'row-major') {
    kernels().blake3RowsRowMajor(dstPtr, m.data.ptr + 4 * row0 * m.width, m.width, count, key, mode.flags, s);
    return;
  }
  // Column-pointer table: the columns kernel reads word j of row i at cols[j] + 4i.
  const w = widthOf(m);
  const table = new WasmVec(w);
  const t = table.view;
  if (m.layout === 'col-major') for (let j = 0; j < w; j++) t[j] = m.data.ptr + 4 * j * m.height;
  else for (let j = 0; j < w; j++) t[j] = m.columns[j].ptr;
  kernels().blake3RowsColumns(dstPtr, table.ptr, w, row0, count, key, mode.flags, s);
  table.free();
}

/**
 * Batch form of the row hashes: adds to the current job of `batch` the call hashing rows
 * [row0, row0 + count) of a checked matrix to dstPtr, with the kernel scratch at the start of the
 * running thread's scratch block. `table` is the matrix's column-pointer table (columnTable),
 * shared by the batch's jobs. `dstInScratch`: dstPtr is an offset into the thread's scratch.
 */
export function rowsCall(
  batch: Batch,
  dstPtr: number,
  m: Matrix,
  table: number,
  row0: number,
  count: number,
  mode: KernelMode,
  dstInScratch = false,
): void {
  batch.needScratch(SCRATCH_BYTES);
  const key = keyPtr(mode);
  const rel = dstInScratch ? 1 : 0;
  if (m.layout === 'row-major') {
    const src = m.data.ptr + 4 * row0 * m.width;
    batch.call('blake3RowsRowMajor', [dstPtr, src, m.width, count, key, mode.flags, 0], rel | (1 << 6));
  } else {
    batch.call(
      'blake3RowsColumns',
      [dstPtr, table, widthOf(m), row0, count, key, mode.flags, 0],
      rel | (1 << 7),
    );
  }
}

/** The column-pointer table the columns kernel reads (a batch temporary; 0 for row-major). */
export function columnTable(batch: Batch, m: Matrix): number {
  if (m.layout === 'row-major') return 0;
  const w = widthOf(m);
  const ptrs = new Array<number>(w);
  if (m.layout === 'col-major') for (let j = 0; j < w; j++) ptrs[j] = m.data.ptr + 4 * j * m.height;
  else for (let j = 0; j < w; j++) ptrs[j] = m.columns[j].ptr;
  return batch.tempWords(ptrs);
}

/**
 * Batch form of nodesAt (MERKLE_NODE), with the kernel scratch at the start of the running
 * thread's scratch block. `inScratch` flags which of dst (1), left (2), right (4) are offsets
 * into that block rather than addresses.
 */
export function nodesCall(
  batch: Batch,
  dstPtr: number,
  left: number,
  leftStride: number,
  right: number,
  rightStride: number,
  count: number,
  inScratch = 0,
): void {
  batch.needScratch(SCRATCH_BYTES);
  // dst and left are arguments 0 and 1, right is argument 3.
  const rel = (inScratch & 3) | ((inScratch & 4) << 1);
  batch.call(
    'blake3Pairs',
    [dstPtr, left, leftStride, right, rightStride, count, keyPtr(MERKLE_NODE), MERKLE_NODE.flags, 0],
    rel | (1 << 8),
  );
}
