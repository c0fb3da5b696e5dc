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
import { extVecBatchInverse } from '../field/vector.js';
import { kernels } from '../wasm/kernels.js';
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
  const logN = checkEvalColumns('evalColumnsAtExt', cols);
  checkShift('evalColumnsAtExt', shift);
  checkPoint('evalColumnsAtExt', z);
  const n = 1 << logN;
  const at = domainIndex(logN, shift, z);
  if (at >= 0) return cols.map((c) => Uint32Array.of(c.view[at], 0, 0, 0));
  const wM = toMont(rootOfUnity(logN));
  const d = new WasmVec(4 * n);
  const u = new WasmVec(4 * n);
  const out = new WasmVec(4);
  try {
    kernels().cosetZMinusX(d.ptr, n, z[0], z[1], z[2], z[3], shift, wM);
    extVecBatchInverse(u, d);
    kernels().mulCosetPowersMont(u.ptr, n, toMont(toMont(shift)), wM);
    const c = baryFactor(n, shift, z);
    return cols.map((col) => {
      kernels().dotBaseExt(col.ptr, u.ptr, n, out.ptr);
      return extMul(out.view.slice(), c);
    });
  } finally {
    d.free();
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
