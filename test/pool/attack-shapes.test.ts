// Adversarial shapes for the batch builders: each step run inline (runSteps) and on pools of 2 and
// 4 threads (runStepsAsync) must give the same bytes. Many matrices of mixed heights, widths and
// layouts under one Merkle root (shared heights, heights 4 … 2^16, widths 1 … 300), LDEs of every
// order and blowup 1 … 3 (short columns share jobs), transposes, selectors and barycentric
// evaluations over several jobs, FRI folds of arity 2 … 8, proof-of-work grinding.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RowMajorMatrix } from '../../src/air/matrix.js';
import { rootOfUnity } from '../../src/field/babybear.js';
import { invHalfTable } from '../../src/fri/domain.js';
import { foldLayerBatch } from '../../src/fri/fold-wasm.js';
import type { Matrix } from '../../src/merkle/matrix.js';
import { commitSteps } from '../../src/merkle/tree.js';
import { evalColumnsAtExtSteps } from '../../src/poly/evaluate.js';
import { ldeColumnsSteps, ldeFromCoeffsSteps } from '../../src/poly/lde.js';
import { WorkerPool } from '../../src/pool/pool.js';
import { runBatchInline, runSteps, runStepsAsync, type Steps } from '../../src/pool/steps.js';
import { grindFastSteps } from '../../src/prover/grind.js';
import { selectorColumnsSteps } from '../../src/prover/selectors.js';
import { columnsToWasmSteps } from '../../src/stark/columns.js';
import { Transcript } from '../../src/transcript/transcript.js';
import { WasmVec } from '../../src/wasm/memory.js';

const P = 0x78000001;

function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
}

function randomVec(n: number, r: () => number): WasmVec {
  const v = new WasmVec(n);
  const view = v.view;
  for (let i = 0; i < n; i++) view[i] = r() % P;
  return v;
}

const bytesOf = (v: WasmVec) => Buffer.from(v.view.buffer, v.ptr, 4 * v.length);

let pools: WorkerPool[] = [];
beforeAll(async () => {
  pools = [await WorkerPool.create({ threads: 2 }), await WorkerPool.create({ threads: 4 })];
});
afterAll(async () => {
  for (const p of pools) await p.close();
});

/** The step's result inline and on every pool (make builds fresh steps each time). */
async function everywhere<T>(make: () => Steps<T>): Promise<T[]> {
  const out = [runSteps(make())];
  for (const p of pools) out.push(await runStepsAsync(make(), p));
  return out;
}

describe('batch builders on adversarial shapes: inline bytes on 2 and 4 threads', () => {
  it('Merkle: many matrices of mixed heights, widths and layouts under one root', async () => {
    const r = rng(1);
    const owned: WasmVec[] = [];
    const shapes: [number, number, Matrix['layout']][] = [
      [16, 3, 'columns'],
      [16, 1, 'row-major'],
      [16, 300, 'col-major'],
      [13, 17, 'columns'],
      [13, 4, 'row-major'],
      [12, 257, 'columns'],
      [12, 8, 'col-major'],
      [9, 33, 'row-major'],
      [5, 2, 'columns'],
      [2, 300, 'columns'],
      [2, 1, 'row-major'],
      [14, 64, 'columns'],
    ];
    const matrices: Matrix[] = shapes.map(([logH, w, layout]) => {
      const h = 2 ** logH;
      if (layout === 'columns') {
        const columns = Array.from({ length: w }, () => randomVec(h, r));
        owned.push(...columns);
        return { layout, columns, height: h };
      }
      const data = randomVec(h * w, r);
      owned.push(data);
      return { layout, data, height: h, width: w };
    });
    // Every subset shape: the tallest alone, a run of shorter matrices folded in, the same
    // height twice, the shortest first.
    for (const pick of [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], [11, 5, 6], [3, 4, 8], [9, 10], [2]]) {
      const ms = pick.map((i) => matrices[i]);
      const res = await everywhere(() => commitSteps(ms));
      const want = Buffer.from(res[0].root).toString('hex');
      const h = res[0].tree.layout.height;
      const idx = [0, 1, h >> 1, h - 1, (h * 3) >> 2];
      const wantOpen = JSON.stringify(
        res[0].tree.open(idx).siblings.map((s) => Buffer.from(s).toString('hex')),
      );
      for (const x of res) {
        expect(Buffer.from(x.root).toString('hex')).toBe(want);
        expect(JSON.stringify(x.tree.open(idx).siblings.map((s) => Buffer.from(s).toString('hex')))).toBe(
          wantOpen,
        );
        x.tree.free();
      }
    }
    for (const v of owned) v.free();
  }, 60_000);

  it('LDE and LDE from coefficients: blowup 1 … 3, both orders, tall and short columns', async () => {
    const r = rng(2);
    for (const [logn, width] of [
      [2, 300],
      [6, 40],
      [10, 3],
      [14, 5],
    ]) {
      const cols = Array.from({ length: width }, () => randomVec(2 ** logn, r));
      for (const logB of [1, 2, 3]) {
        for (const order of ['natural', 'bitrev'] as const) {
          for (const steps of [ldeColumnsSteps, ldeFromCoeffsSteps]) {
            const res = await everywhere(() => steps(cols, logB, 31, order));
            for (const x of res.slice(1)) {
              expect(x.length).toBe(width);
              for (let j = 0; j < width; j++) expect(bytesOf(x[j]).equals(bytesOf(res[0][j]))).toBe(true);
            }
            for (const x of res) for (const v of x) v.free();
          }
        }
      }
      for (const v of cols) v.free();
    }
  }, 60_000);

  it('transposes, selectors and barycentric evaluations over several jobs', async () => {
    const r = rng(3);
    for (const [h, w] of [
      [1, 300],
      [4, 1],
      [1 << 12, 70],
      [1 << 16, 9],
    ]) {
      const values = Uint32Array.from({ length: h * w }, () => r() % P);
      const m = new RowMajorMatrix(values, w);
      const res = await everywhere(() => columnsToWasmSteps(m));
      for (const x of res.slice(1))
        for (let j = 0; j < w; j++) expect(bytesOf(x[j]).equals(bytesOf(res[0][j]))).toBe(true);
      for (const x of res) for (const v of x) v.free();
    }
    for (const [logN, logM] of [
      [2, 3],
      [4, 17],
      [15, 18],
    ]) {
      const res = await everywhere(() => selectorColumnsSteps(logN, logM));
      for (const x of res.slice(1)) {
        for (const k of ['isFirst', 'isLast', 'isTransition', 'zhInv'] as const)
          expect(bytesOf(x[k]).equals(bytesOf(res[0][k]))).toBe(true);
      }
      for (const x of res) x.free();
    }
    for (const [logn, width] of [
      [2, 3],
      [16, 3],
      [10, 200],
    ]) {
      const cols = Array.from({ length: width }, () => randomVec(2 ** logn, r));
      const z = Uint32Array.of(r() % P, r() % P, r() % P, r() % P);
      const res = await everywhere(() => evalColumnsAtExtSteps(cols, 31, z));
      const want = JSON.stringify(res[0].map((e) => Array.from(e)));
      for (const x of res) expect(JSON.stringify(x.map((e) => Array.from(e)))).toBe(want);
      for (const v of cols) v.free();
    }
    expect(rootOfUnity(1)).toBe(P - 1);
  }, 60_000);

  it('FRI folds of arity 2, 4 and 8 over several jobs', async () => {
    const r = rng(4);
    const logMaxN = 17;
    const tables: WasmVec[] = [];
    for (let logM = logMaxN; logM > 2; logM--) tables[logM] = WasmVec.from(invHalfTable(logMaxN, logM));
    const src = randomVec(4 * 2 ** logMaxN, r);
    for (const logArity of [1, 2, 3]) {
      const beta = Uint32Array.of(r() % P, r() % P, r() % P, r() % P);
      const outWords = (4 * 2 ** logMaxN) >> logArity;
      const want = new WasmVec(outWords);
      const tmpA = new WasmVec(2 * 2 ** logMaxN * 4);
      runBatchInline(foldLayerBatch(want, src, logMaxN, logArity, beta, tables, tmpA));
      for (const p of pools) {
        const got = new WasmVec(outWords);
        const tmp = new WasmVec(2 * 2 ** logMaxN * 4);
        const batch = foldLayerBatch(got, src, logMaxN, logArity, beta, tables, tmp);
        await p.run(batch);
        batch.release();
        expect(bytesOf(got).equals(bytesOf(want))).toBe(true);
        got.free();
        tmp.free();
      }
      want.free();
      tmpA.free();
    }
    src.free();
    for (const t of tables) t?.free();
  }, 60_000);

  it('proof-of-work grinding finds the same nonce on every thread count', async () => {
    for (const bits of [0, 3, 17]) {
      const nonces: number[] = [];
      const mk = () => {
        const t = new Transcript('attack-grind', 1);
        t.absorbU64('bits', bits);
        return t;
      };
      nonces.push(runSteps(grindFastSteps(mk(), bits)));
      for (const p of pools) nonces.push(await runStepsAsync(grindFastSteps(mk(), bits), p));
      expect(new Set(nonces).size).toBe(1);
    }
  }, 60_000);
});
