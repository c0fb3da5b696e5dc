// The out-of-domain openings in batches (evalColumnsAtExtSteps) on a 2-thread worker pool against
// the evaluation as it was (one weight vector, one dot product per column, inline) and the TS twin.

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENERATOR, mul, P, pow, rootOfUnity } from '../../src/field/babybear.js';
import { evalColumnsAtExt, evalColumnsAtExtSteps, evalColumnsAtExtTs } from '../../src/poly/evaluate.js';
import { WorkerPool } from '../../src/pool/pool.js';
import { runStepsAsync } from '../../src/pool/steps.js';
import { liveBytes, WasmVec } from '../../src/wasm/memory.js';
import { legacyEvalColumnsAtExt } from './helpers/legacy.js';

let pool: WorkerPool;
beforeAll(async () => {
  pool = await WorkerPool.create({ threads: 2 });
});
afterAll(async () => {
  await pool?.close();
});

function randomCols(width: number, n: number, seed: number): WasmVec[] {
  let x = seed >>> 0;
  return Array.from({ length: width }, () => {
    const v = new WasmVec(n);
    const view = v.view;
    for (let i = 0; i < n; i++) {
      x = (Math.imul(x ^ (x >>> 13), 0x5bd1e995) + 0x6b43a9b5) >>> 0;
      view[i] = x % P;
    }
    return v;
  });
}

const felt = fc.integer({ min: 0, max: P - 1 });
const ext4 = fc.tuple(felt, felt, felt, felt).map((z) => Uint32Array.from(z));
const words = (xs: Uint32Array[]) => xs.map((x) => Array.from(x));

async function check(
  width: number,
  logN: number,
  shift: number,
  z: Uint32Array,
  seed: number,
  twin: boolean,
) {
  const cols = randomCols(width, 2 ** logN, seed);
  const before = liveBytes();
  try {
    const want = words(legacyEvalColumnsAtExt(cols, shift, z));
    expect(words(await runStepsAsync(evalColumnsAtExtSteps(cols, shift, z), pool))).toEqual(want);
    expect(words(evalColumnsAtExt(cols, shift, z))).toEqual(want);
    if (twin)
      expect(
        words(
          evalColumnsAtExtTs(
            cols.map((c) => c.view.slice()),
            shift,
            z,
          ),
        ),
      ).toEqual(want);
    expect(liveBytes()).toBe(before);
  } finally {
    for (const c of cols) c.free();
  }
}

describe('evalColumnsAtExtSteps on a 2-thread pool', () => {
  it('equals the legacy evaluation and the TS twin at random points, trace domain and coset', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 9 }),
        fc.boolean(),
        ext4,
        fc.integer({ min: 0, max: 0xffffffff }),
        async (width, logN, coset, z, seed) => {
          await check(width, logN, coset ? GENERATOR : 1, z, seed, true);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('equals the legacy evaluation over several weight ranges and column groups', async () => {
    const z = Uint32Array.of(12345, 678, 9, 1011);
    await check(40, 16, 1, z, 1, false);
    await check(7, 17, GENERATOR, z, 2, false);
    // A base-field point off the domain, and one on it (the value itself, no batch).
    await check(3, 15, GENERATOR, Uint32Array.of(5, 0, 0, 0), 3, false);
    const cols = randomCols(3, 2 ** 10, 4);
    const onDomain = Uint32Array.of(mul(GENERATOR, pow(rootOfUnity(10), 77)), 0, 0, 0);
    const got = await runStepsAsync(evalColumnsAtExtSteps(cols, GENERATOR, onDomain), pool);
    expect(words(got)).toEqual(cols.map((c) => [c.view[77], 0, 0, 0]));
    for (const c of cols) c.free();
  }, 60_000);
});
