// The NTT on columns in wasm memory: in place, radix-2/4, cache-blocked, with precomputed
// Montgomery twiddles (see kernels/ntt.ts). A column is a WasmVec of n canonical standard-form
// words; every function here validates its arguments once, then runs kernels without checks.
// Each function has a plain-TS twin in reference.ts that produces the same bits.

import { inv } from '../field/babybear.js';
import { WasmVec } from '../wasm/memory.js';
import { checkOrder, checkShift, checkSize, type Order, PolyError } from './errors.js';
import { K, toMont } from './kernels.js';
import { twiddles } from './twiddles.js';

function checkVec(op: string, vec: WasmVec): number {
  if (!(vec instanceof WasmVec)) throw new PolyError('bad-length', `${op}: expected a WasmVec`);
  return checkSize(op, vec.length);
}

function transform(ptr: number, logN: number, inverse: boolean, inOrder: Order, outOrder: Order): void {
  const tw = twiddles(logN, inverse);
  if (inOrder === 'natural') {
    K().nttDif(ptr, logN, tw);
    if (outOrder === 'natural') K().bitrevPermute(ptr, logN);
  } else {
    K().nttDit(ptr, logN, tw, 0);
    if (outOrder === 'bitrev') K().bitrevPermute(ptr, logN);
  }
}

/** In place: coefficients → evaluations on ⟨ω_n⟩, out[k] = Σ_i a_i·ω_n^{ik}. Returns `vec`. */
export function ntt(vec: WasmVec, inOrder: Order = 'natural', outOrder: Order = 'natural'): WasmVec {
  const logN = checkVec('ntt', vec);
  transform(vec.ptr, logN, false, checkOrder('ntt', inOrder), checkOrder('ntt', outOrder));
  return vec;
}

/** In place: evaluations on ⟨ω_n⟩ → coefficients, the exact inverse of `ntt`. Returns `vec`. */
export function intt(vec: WasmVec, inOrder: Order = 'natural', outOrder: Order = 'natural'): WasmVec {
  const logN = checkVec('intt', vec);
  transform(vec.ptr, logN, true, checkOrder('intt', inOrder), checkOrder('intt', outOrder));
  K().scaleMont(vec.ptr, vec.ptr, toMont(inv(vec.length)), vec.length);
  return vec;
}

/** In place bit-reversal permutation. */
export function bitReverse(vec: WasmVec): WasmVec {
  K().bitrevPermute(vec.ptr, checkVec('bitReverse', vec));
  return vec;
}

/** A temporary vector of Montgomery factors start·step^i. The caller frees it. */
function powers(n: number, start: number, step: number): WasmVec {
  const f = new WasmVec(n);
  K().powersMont(f.ptr, n, toMont(start), toMont(step));
  return f;
}

/** In place: natural-order coefficients → evaluations on the coset shift·⟨ω_n⟩. */
export function cosetNtt(vec: WasmVec, shift: number, outOrder: Order = 'natural'): WasmVec {
  const logN = checkVec('cosetNtt', vec);
  checkShift('cosetNtt', shift);
  checkOrder('cosetNtt', outOrder);
  const f = powers(vec.length, 1, shift);
  K().mulMont(vec.ptr, vec.ptr, f.ptr, vec.length);
  f.free();
  transform(vec.ptr, logN, false, 'natural', outOrder);
  return vec;
}

/** In place: evaluations on shift·⟨ω_n⟩ → natural-order coefficients. */
export function cosetIntt(vec: WasmVec, shift: number, inOrder: Order = 'natural'): WasmVec {
  const logN = checkVec('cosetIntt', vec);
  const sInv = inv(checkShift('cosetIntt', shift));
  transform(vec.ptr, logN, true, checkOrder('cosetIntt', inOrder), 'natural');
  // Coefficient i is scaled by shift^−i/n: the 1/n of the inverse transform rides along.
  const f = powers(vec.length, inv(vec.length), sInv);
  K().mulMont(vec.ptr, vec.ptr, f.ptr, vec.length);
  f.free();
  return vec;
}
