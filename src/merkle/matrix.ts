// The matrices a Merkle tree commits to: u32 words in wasm memory, in one of three layouts, and
// their shapes (all the verifier knows about them). Row i of a matrix is one leaf's preimage.
// Invariant: a Matrix that passed checkMatrix has exactly height·width words where it says.

import type { WasmVec } from '../wasm/memory.js';
import { MerkleError } from './errors.js';

/** What the verifier knows of a committed matrix. Heights are powers of two. */
export interface MatrixShape {
  readonly height: number;
  readonly width: number;
}

/**
 * A matrix of u32 words (canonical base-field elements in the STARK) in wasm memory:
 * - 'row-major': one vec, word j of row i at data[i·width + j];
 * - 'col-major': one vec, word j of row i at data[j·height + i] (the poly layer's LDE output);
 * - 'columns': one vec per column, word j of row i at columns[j][i].
 * The tree reads the data again when opening, so keep it alive (and unchanged) until then.
 */
export type Matrix =
  | { readonly layout: 'row-major'; readonly data: WasmVec; readonly height: number; readonly width: number }
  | { readonly layout: 'col-major'; readonly data: WasmVec; readonly height: number; readonly width: number }
  | { readonly layout: 'columns'; readonly columns: readonly WasmVec[]; readonly height: number };

/** Largest committed height: 2^26 rows of digests already take 2 GiB of wasm memory. */
export const MAX_LOG_HEIGHT = 26;
/** Widest row (u32 words) a leaf may hash. */
export const MAX_WIDTH = 1 << 20;

export function widthOf(m: Matrix): number {
  return m.layout === 'columns' ? m.columns.length : m.width;
}

export function shapeOf(m: Matrix): MatrixShape {
  return { height: m.height, width: widthOf(m) };
}

/**
 * Throws MerkleError 'bad-shape' unless 1 ≤ width ≤ 2^20 and height is a power of two ≤ 2^26
 * (any height in [1, 2^26] when pow2 is false: plain row hashing needs no tree).
 */
export function checkShape(s: MatrixShape, k: number, pow2 = true): void {
  const h = s?.height;
  const w = s?.width;
  if (!Number.isInteger(h) || h < 1 || h > 2 ** MAX_LOG_HEIGHT || (pow2 && (h & (h - 1)) !== 0)) {
    throw new MerkleError(
      'bad-shape',
      `merkle: matrix ${k} height ${h} is not ${pow2 ? 'a power of two' : 'an integer'} in [1, 2^26]`,
    );
  }
  if (!Number.isInteger(w) || w < 1 || w > MAX_WIDTH) {
    throw new MerkleError('bad-shape', `merkle: matrix ${k} width ${w} is not in [1, 2^20]`);
  }
}

/** Checks shape and buffer lengths of matrix k; throws MerkleError. */
export function checkMatrix(m: Matrix, k: number, pow2 = true): void {
  checkShape(shapeOf(m), k, pow2);
  if (m.layout === 'columns') {
    m.columns.forEach((c, j) => {
      if (c.length !== m.height) {
        throw new MerkleError(
          'bad-length',
          `merkle: matrix ${k} column ${j} has ${c.length} words, expected ${m.height}`,
        );
      }
    });
  } else if (m.layout === 'row-major' || m.layout === 'col-major') {
    const want = m.height * m.width;
    if (m.data.length !== want) {
      throw new MerkleError(
        'bad-length',
        `merkle: matrix ${k} has ${m.data.length} words, expected ${want} (${m.height} rows × ${m.width} columns)`,
      );
    }
  } else {
    throw new MerkleError('bad-shape', `merkle: matrix ${k} has unknown layout ${(m as Matrix).layout}`);
  }
}

/** Row r of m as a fresh Uint32Array (r < height; not checked). */
export function readRow(m: Matrix, r: number): Uint32Array {
  if (m.layout === 'row-major') return m.data.view.slice(r * m.width, (r + 1) * m.width);
  const w = widthOf(m);
  const row = new Uint32Array(w);
  if (m.layout === 'col-major') {
    const v = m.data.view;
    for (let j = 0; j < w; j++) row[j] = v[j * m.height + r];
  } else {
    for (let j = 0; j < w; j++) row[j] = m.columns[j].view[r];
  }
  return row;
}
