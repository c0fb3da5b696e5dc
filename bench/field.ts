// Field kernel benchmarks: each wasm row `x` (data resident in wasm memory, allocated in setup and
// freed in teardown) is followed by its TS twin `x.ts` on Uint32Arrays, so main.ts reports the
// ratio from one run. Extra: ns_per_elem (per base element, or per extension element for ext.*).

import { P } from '../src/field/babybear.js';
import { ext } from '../src/field/ext.js';
import * as W from '../src/field/vector.js';
import * as T from '../src/field/vector-ts.js';
import { WasmVec } from '../src/wasm/memory.js';
import type { BenchCase, BenchOptions } from './harness.js';
import { round } from './harness.js';

/** Random canonical nonzero words from a fixed-seed generator (nonzero so batch inverses run). */
function column(words: number, seed: number): Uint32Array {
  let s = seed >>> 0;
  const out = new Uint32Array(words);
  for (let i = 0; i < words; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = 1 + (s % (P - 1));
  }
  return out;
}

const perElem = (n: number) => (ms: number) => ({ ns_per_elem: round((ms * 1e6) / n, 3) });

/**
 * A wasm row and its TS twin over `inputs` columns (word counts given), writing `outWords` words.
 * `wasm` and `ts` receive (dst, ...inputs).
 */
function pair(
  name: string,
  elems: number,
  inputWords: number[],
  outWords: number,
  wasm: (d: WasmVec, ...xs: WasmVec[]) => unknown,
  ts: (d: Uint32Array, ...xs: Uint32Array[]) => unknown,
): BenchCase[] {
  let wv: WasmVec[] = [];
  let tv: Uint32Array[] = [];
  return [
    {
      name,
      setup: () => {
        wv = [new WasmVec(outWords), ...inputWords.map((w, i) => WasmVec.from(column(w, i + 1)))];
      },
      fn: () => wasm(wv[0], ...wv.slice(1)),
      teardown: () => {
        for (const v of wv) v.free();
        wv = [];
      },
      extra: perElem(elems),
    },
    {
      name: `${name}.ts`,
      setup: () => {
        tv = [new Uint32Array(outWords), ...inputWords.map((w, i) => column(w, i + 1))];
      },
      fn: () => ts(tv[0], ...tv.slice(1)),
      teardown: () => {
        tv = [];
      },
      extra: perElem(elems),
    },
  ];
}

export function cases(_opts: BenchOptions): BenchCase[] {
  const n = 1 << 20;
  const m = 1 << 18;
  const s = 0x12345678 % P;
  const se = ext(123456789, 987654321, 55555, 7);
  return [
    ...pair(
      'field.add.2^20',
      n,
      [n, n],
      n,
      (d, a, b) => W.vecAdd(d, a, b),
      (d, a, b) => T.vecAdd(d, a, b),
    ),
    ...pair(
      'field.mul.2^20',
      n,
      [n, n],
      n,
      (d, a, b) => W.vecMul(d, a, b),
      (d, a, b) => T.vecMul(d, a, b),
    ),
    ...pair(
      'field.scale.2^20',
      n,
      [n],
      n,
      (d, a) => W.vecScale(d, a, s),
      (d, a) => T.vecScale(d, a, s),
    ),
    ...pair(
      'field.mulAdd.2^20',
      n,
      [n, n, n],
      n,
      (d, a, b, c) => W.vecMulAdd(d, a, b, c),
      (d, a, b, c) => T.vecMulAdd(d, a, b, c),
    ),
    ...pair(
      'field.batchInverse.2^20',
      n,
      [n],
      n,
      (d, a) => W.vecBatchInverse(d, a),
      (d, a) => T.vecBatchInverse(d, a),
    ),
    ...pair(
      'ext.mul.2^18',
      m,
      [4 * m, 4 * m],
      4 * m,
      (d, a, b) => W.extVecMul(d, a, b),
      (d, a, b) => T.extVecMul(d, a, b),
    ),
    ...pair(
      'ext.mulBase.2^18',
      m,
      [4 * m, m],
      4 * m,
      (d, a, b) => W.extVecMulBase(d, a, b),
      (d, a, b) => T.extVecMulBase(d, a, b),
    ),
    ...pair(
      'ext.axpyBase.2^18',
      m,
      [m, 4 * m],
      4 * m,
      (d, x, y) => W.extVecAxpyBase(d, se, x, y),
      (d, x, y) => T.extVecAxpyBase(d, se, x, y),
    ),
    ...pair(
      'ext.batchInverse.2^16',
      1 << 16,
      [1 << 18],
      1 << 18,
      (d, a) => W.extVecBatchInverse(d, a),
      (d, a) => T.extVecBatchInverse(d, a),
    ),
  ];
}
