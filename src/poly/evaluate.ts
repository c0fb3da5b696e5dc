// Evaluation of polynomials at one point: Horner on coefficients (base or extension point), and
// the barycentric formula on values over a coset s·⟨ω_n⟩, for many columns at one extension
// point (the DEEP step): the weights x_i/(z − x_i) cost one batch inversion per point, then each
// column is one SIMD multiply-add per value (kernels/polyeval.ts). Each has a plain-TS twin.

import { add, type Felt, inv, isCanonical, mul, pow, rootOfUnity, sub } from '../field/babybear.js';
import { extBatchInverse } from '../field/batch-inverse.js';
import {
  type ExtFelt,
  extIsBase,
  extMul,
  extMulAt,
  extMulBase,
  extMulBaseAt,
  extPow,
  isCanonicalExt,
} from '../field/ext.js';
import { Batch } from '../pool/batch.js';
import { runSteps, type Steps } from '../pool/steps.js';
import { WasmVec } from '../wasm/memory.js';
import { checkShift, checkSize, PolyError } from './errors.js';
import { toMont } from './kernels.js';

function values(op: string, c: Uint32Array | WasmVec): Uint32Array {
  if (c instanceof WasmVec) return c.view;
  if (c instanceof Uint32Array) return c;
  throw new PolyError('bad-length', `${op}: expected a Uint32Array or a WasmVec`);
}

function checkPoint(op: string, z: ExtFelt): void {
  if (!isCanonicalExt(z)) throw new PolyError('bad-point', `${op}: the point is not 4 canonical words`);
}

/** f(x) = Σ c_i·x^i for natural-order coefficients c and a base point x (Horner). */
export function evalAt(coeffs: Uint32Array | WasmVec, x: Felt): Felt {
  const c = values('evalAt', coeffs);
  if (!isCanonical(x))
    throw new PolyError('bad-point', `evalAt: point ${x} is not a canonical field element`);
  let acc = 0;
  for (let i = c.length - 1; i >= 0; i--) acc = add(mul(acc, x), c[i]);
  return acc;
}

/** f(z) = Σ c_i·z^i for natural-order base coefficients c and an extension point z (Horner). */
export function evalAtExt(coeffs: Uint32Array | WasmVec, z: ExtFelt): ExtFelt {
  const c = values('evalAtExt', coeffs);
  checkPoint('evalAtExt', z);
  const acc = new Uint32Array(4);
  for (let i = c.length - 1; i >= 0; i--) {
    extMulAt(acc, 0, acc, 0, z, 0);
    acc[0] = add(acc[0], c[i]);
  }
  return acc;
}

/** Checks the columns of an evaluation and returns log2 of their common length. */
function checkEvalColumns(op: string, cols: readonly (Uint32Array | WasmVec)[]): number {
  if (!Array.isArray(cols) || cols.length === 0) {
    throw new PolyError('bad-length', `${op}: expected a non-empty array of columns`);
  }
  const n = values(op, cols[0]).length;
  for (let j = 1; j < cols.length; j++) {
    const m = values(op, cols[j]).length;
    if (m !== n) throw new PolyError('bad-length', `${op}: column ${j} has ${m} values, expected ${n}`);
  }
  return checkSize(op, n);
}

/**
 * When z is a point x_i = shift·ω^i of the domain the formula divides by zero; then f(z) = f_i.
 * Returns that i, or −1. Only a base-field z can be in the domain.
 */
function domainIndex(logN: number, shift: number, z: ExtFelt): number {
  if (!extIsBase(z)) return -1;
  const n = 1 << logN;
  if (pow(z[0], n) !== pow(shift, n)) return -1;
  const w = rootOfUnity(logN);
  for (let i = 0, x = shift; i < n; i++, x = mul(x, w)) if (x === z[0]) return i;
  return -1;
}

/** (z^n − s^n)/(n·s^n): the factor outside the barycentric sum. */
function baryFactor(n: number, shift: number, z: ExtFelt): ExtFelt {
  const zn = extPow(z, n);
  const sn = pow(shift, n);
  zn[0] = sub(zn[0], sn);
  return extMulBase(zn, inv(mul(n, sn)));
}

/**
 * Values at the extension point z of the polynomials (degree < n) whose values on the coset
 * shift·⟨ω_n⟩ are the columns (natural order, n a power of two). One batch inversion serves
 * every column. Use shift = 1 for the trace domain, the LDE shift for an LDE.
 */
export function evalColumnsAtExt(cols: readonly WasmVec[], shift: number, z: ExtFelt): ExtFelt[] {
  return runSteps(evalColumnsAtExtSteps(cols, shift, z));
}

/** Points per job of the weights' batch (an extension batch inversion and two chains). */
const WEIGHT_POINTS = 1 << 14;
/** Column values per job of the dot products' batch (whole columns, grouped while small). */
const DOT_VALUES = 1 << 16;

/**
 * `evalColumnsAtExt` as steps (src/pool/steps.ts): a batch computing the weights by range of
 * points (batch inversions per range: inverses are unique, so any split gives the same words),
 * then a batch of dot products, a job per column or group of columns, each to its own 4 words.
 */
export function* evalColumnsAtExtSteps(
  cols: readonly WasmVec[],
  shift: number,
  z: ExtFelt,
): Steps<ExtFelt[]> {
  const logN = checkEvalColumns('evalColumnsAtExt', cols);
  checkShift('evalColumnsAtExt', shift);
  checkPoint('evalColumnsAtExt', z);
  const n = 1 << logN;
  const at = domainIndex(logN, shift, z);
  if (at >= 0) return cols.map((c) => Uint32Array.of(c.view[at], 0, 0, 0));
  const w = rootOfUnity(logN);
  const wM = toMont(w);
  const u = new WasmVec(4 * n);
  const out = new WasmVec(4 * cols.length);
  try {
    // u_i = Montgomery form of x_i/(z − x_i), x_i = shift·ω^i; z − x_i in thread scratch.
    const weights = new Batch();
    const rows = Math.min(n, WEIGHT_POINTS);
    weights.needScratch(16 * rows);
    for (let s = 0; s < n; s += rows) {
      const c = Math.min(rows, n - s);
      const x = mul(shift, pow(w, s));
      weights.job();
      weights.call('cosetZMinusX', [0, c, z[0], z[1], z[2], z[3], x, wM], 0b1);
      weights.call('extVecBatchInverse', [u.ptr + 16 * s, 0, c], 0b10);
      weights.call('mulCosetPowersMont', [u.ptr + 16 * s, c, toMont(toMont(x)), wM]);
    }
    yield weights;
    const dots = new Batch();
    const perJob = Math.max(1, Math.floor(DOT_VALUES / n));
    cols.forEach((col, j) => {
      if (j % perJob === 0) dots.job();
      dots.call('dotBaseExt', [col.ptr, u.ptr, n, out.ptr + 16 * j]);
    });
    yield dots;
    const c = baryFactor(n, shift, z);
    const o = out.view;
    return cols.map((_, j) => extMul(o.slice(4 * j, 4 * j + 4), c));
  } finally {
    u.free();
    out.free();
  }
}

/** Plain-TS twin of `evalColumnsAtExt`, on Uint32Array columns. */
export function evalColumnsAtExtTs(cols: readonly Uint32Array[], shift: number, z: ExtFelt): ExtFelt[] {
  const logN = checkEvalColumns('evalColumnsAtExt', cols);
  checkShift('evalColumnsAtExt', shift);
  checkPoint('evalColumnsAtExt', z);
  const n = 1 << logN;
  const at = domainIndex(logN, shift, z);
  if (at >= 0) return cols.map((c) => Uint32Array.of(c[at], 0, 0, 0));
  const w = rootOfUnity(logN);
  const u = new Uint32Array(4 * n);
  for (let i = 0, x = shift; i < n; i++, x = mul(x, w)) {
    u[4 * i] = sub(z[0], x);
    u[4 * i + 1] = z[1];
    u[4 * i + 2] = z[2];
    u[4 * i + 3] = z[3];
  }
  extBatchInverse(u, u);
  for (let i = 0, x = shift; i < n; i++, x = mul(x, w)) extMulBaseAt(u, 4 * i, u, 4 * i, x);
  const c = baryFactor(n, shift, z);
  const t = new Uint32Array(4);
  return cols.map((col) => {
    const acc = new Uint32Array(4);
    for (let i = 0; i < n; i++) {
      extMulBaseAt(t, 0, u, 4 * i, col[i]);
      for (let k = 0; k < 4; k++) acc[k] = add(acc[k], t[k]);
    }
    return extMul(acc, c);
  });
}
