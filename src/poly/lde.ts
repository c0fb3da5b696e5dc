// Low-degree extension of many columns at once. Input: columns of n values on the subgroup
// ⟨ω_n⟩ (natural order). Output: new columns of N = n·2^logBlowup values of the same polynomials
// on the coset shift·⟨ω_N⟩, in natural or bit-reversed order. Layout: one WasmVec per column
// (what the Merkle layer's 'columns' matrix takes: row i of the LDE is word i of every column).
// The inputs are not modified; the caller owns and frees the outputs.

import { GENERATOR, inv, mul, pow, rootOfUnity } from '../field/babybear.js';
import { Batch } from '../pool/batch.js';
import { runSteps, type Steps } from '../pool/steps.js';
import { WasmVec } from '../wasm/memory.js';
import { reverseBits } from './bits.js';
import {
  checkLogBlowup,
  checkOrder,
  checkShift,
  checkSize,
  MAX_LOG_SIZE,
  type Order,
  PolyError,
} from './errors.js';
import { K, toMont } from './kernels.js';
import { twiddles } from './twiddles.js';

/** Checks the columns and returns log2 of their common length. */
function checkColumns(op: string, cols: readonly WasmVec[]): number {
  if (!Array.isArray(cols)) throw new PolyError('bad-length', `${op}: expected an array of columns`);
  for (let j = 0; j < cols.length; j++) {
    if (!(cols[j] instanceof WasmVec))
      throw new PolyError('bad-length', `${op}: column ${j} is not a WasmVec`);
  }
  const n = cols[0].length;
  for (let j = 1; j < cols.length; j++) {
    if (cols[j].length !== n) {
      throw new PolyError('bad-length', `${op}: column ${j} has ${cols[j].length} values, expected ${n}`);
    }
  }
  return checkSize(op, n);
}

/**
 * Extends each column (values on ⟨ω_n⟩, natural order) to its values on shift·⟨ω_N⟩,
 * N = n·2^logBlowup, in `order`. The default shift is the field generator, so the coset is
 * disjoint from every subgroup.
 *
 * Natural order: iNTT by DIF (coefficients land bit-reversed, with the 1/n and the shift powers
 * folded into one per-coefficient factor), then `ldeDit` replicates and runs the remaining DIT
 * stages; no permutation at all. Bit-reversed order: the N outputs are 2^logBlowup consecutive
 * size-n cosets shift·ω_N^{rev(c)}·⟨ω_n⟩, each a size-n DIF of the scaled coefficients.
 */
export function ldeColumns(
  cols: readonly WasmVec[],
  logBlowup: number,
  shift: number = GENERATOR,
  order: Order = 'natural',
): WasmVec[] {
  return runSteps(ldeColumnsSteps(cols, logBlowup, shift, order));
}

/** `ldeColumns` as steps: one batch, a job per column (or per few columns when they are short). */
export function ldeColumnsSteps(
  cols: readonly WasmVec[],
  logBlowup: number,
  shift: number = GENERATOR,
  order: Order = 'natural',
): Steps<WasmVec[]> {
  return extend('lde', cols, logBlowup, shift, order, false);
}

/**
 * The same extension from coefficients: each column holds the n natural-order coefficients of a
 * polynomial; returns its values on shift·⟨ω_N⟩, N = n·2^logBlowup, in `order`. Equivalent to
 * `cosetNtt` of the zero-padded column, without transforming the zeros.
 */
export function ldeFromCoeffs(
  cols: readonly WasmVec[],
  logBlowup: number,
  shift: number = GENERATOR,
  order: Order = 'natural',
): WasmVec[] {
  return runSteps(ldeFromCoeffsSteps(cols, logBlowup, shift, order));
}

export function ldeFromCoeffsSteps(
  cols: readonly WasmVec[],
  logBlowup: number,
  shift: number = GENERATOR,
  order: Order = 'natural',
): Steps<WasmVec[]> {
  return extend('ldeFromCoeffs', cols, logBlowup, shift, order, true);
}

/** Output words per job at least: short columns share a job, so a job is ≳ 1 ms of work. */
const JOB_WORDS = 1 << 16;

function* extend(
  op: string,
  cols: readonly WasmVec[],
  logBlowup: number,
  shift: number,
  order: Order,
  fromCoeffs: boolean,
): Steps<WasmVec[]> {
  if (Array.isArray(cols) && cols.length === 0) return [];
  const batch = new Batch();
  const out = planExtend(batch, op, cols, logBlowup, shift, order, fromCoeffs);
  try {
    yield batch;
  } catch (e) {
    for (const v of out) v.free();
    throw e;
  }
  return out;
}

/**
 * Appends to `batch` the jobs extending `cols` (one per column, short columns sharing a job) and
 * returns the output columns. The factors live in the batch's temporaries; the columns' data need
 * only be there when the batch runs.
 */
function planExtend(
  batch: Batch,
  op: string,
  cols: readonly WasmVec[],
  logBlowup: number,
  shift: number,
  order: Order,
  fromCoeffs: boolean,
): WasmVec[] {
  if (Array.isArray(cols) && cols.length === 0) return [];
  const logn = checkColumns(op, cols);
  const logB = checkLogBlowup(op, logBlowup);
  const logN = logn + logB;
  if (logN > MAX_LOG_SIZE) {
    throw new PolyError('too-large', `${op}: size 2^${logN} exceeds the maximum 2^${MAX_LOG_SIZE}`);
  }
  checkShift(op, shift);
  checkOrder(op, order);
  const n = 1 << logn;
  const B = 1 << logB;
  const N = n << logB;
  const natural = order === 'natural';
  // Factors. Natural: fac[r] = shift^{rev(r)}/n (Montgomery), matching the bit-reversed
  // coefficients of the DIF (no 1/n for coefficient input). Bit-reversed: facs[c·n + i] =
  // (shift·ω_N^{rev_B(c)})^i / n, coset c's scaled coefficients.
  const start = toMont(fromCoeffs ? 1 : inv(n));
  const fac = batch.temp(4 * (natural ? n : N));
  if (natural) {
    K().powersMont(fac, n, start, toMont(shift));
    K().bitrevPermute(fac, logn);
  } else {
    const wN = rootOfUnity(logn + logB);
    for (let c = 0; c < B; c++) {
      K().powersMont(fac + 4 * c * n, n, start, toMont(mul(shift, pow(wN, reverseBits(c, logB)))));
    }
  }
  // Every twiddle table the batch reads, fetched before it runs (a later fetch of a larger
  // table of the same direction would free the one a job reads, unless held: holdTwiddles).
  const twInv = twiddles(logn, true);
  const twFwd = twiddles(natural ? logN : logn, false);
  const out: WasmVec[] = [];
  try {
    const perJob = Math.max(1, Math.floor(JOB_WORDS / N));
    for (let j = 0; j < cols.length; j++) {
      const dst = new WasmVec(N);
      out.push(dst);
      if (j % perJob === 0) batch.job();
      if (natural) {
        // The input goes to the top n words of the output, so no scratch is needed (see ldeDit).
        const top = dst.ptr + 4 * (N - n);
        batch.call('copyWords', [top, cols[j].ptr, n]);
        if (fromCoeffs) batch.call('bitrevPermute', [top, logn]);
        else batch.call('nttDif', [top, logn, twInv]);
        batch.call('ldeDit', [dst.ptr, top, fac, logN, logB, twFwd]);
      } else {
        batch.call('copyWords', [dst.ptr, cols[j].ptr, n]);
        if (!fromCoeffs) {
          batch.call('nttDif', [dst.ptr, logn, twInv]);
          batch.call('bitrevPermute', [dst.ptr, logn]);
        }
        // Coset 0 is computed last: its block holds the coefficients the others read.
        for (let c = B - 1; c >= 0; c--) {
          const blk = dst.ptr + 4 * c * n;
          batch.call('mulMont', [blk, dst.ptr, fac + 4 * c * n, n]);
          batch.call('nttDif', [blk, logn, twFwd]);
        }
      }
    }
  } catch (e) {
    for (const v of out) v.free();
    throw e;
  }
  return out;
}
