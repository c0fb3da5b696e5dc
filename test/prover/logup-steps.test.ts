// The LogUp aux builder in batches (buildLogUpColumnsSteps) on a 2-thread worker pool against the
// builder as it was (one group at a time, inline) and the row-by-row oracle: the same columns and
// total, bit for bit, with several groups, shared multiplicities, next-row values, preprocessed
// columns, several row ranges and several waves; a zero denominator still throws bus-unbalanced.

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Air } from '../../src/air/air.js';
import { Bus } from '../../src/air/bus.js';
import { columns } from '../../src/air/columns.js';
import { AirError } from '../../src/air/errors.js';
import { buildLogUpTrace } from '../../src/air/logup-trace.js';
import { RowMajorMatrix } from '../../src/air/matrix.js';
import { P } from '../../src/field/babybear.js';
import { ext, extAdd, extMul, extMulBase } from '../../src/field/ext.js';
import { WorkerPool } from '../../src/pool/pool.js';
import { runStepsAsync } from '../../src/pool/steps.js';
import { type AuxColumns, buildLogUpColumns, buildLogUpColumnsSteps } from '../../src/prover/logup-trace.js';
import { columnsToWasm } from '../../src/stark/columns.js';
import { liveBytes, type WasmVec } from '../../src/wasm/memory.js';
import { prepareAir } from '../stark/helpers/engine.js';
import { legacyBuildLogUpColumns } from './helpers/legacy.js';

const ONE = new Bus(3, 'one', 1);
const TWO = new Bus(5, 'two', 2);
const THREE = new Bus(6, 'three', 3);
const main = columns({ a: 1, b: 1, c: 1, m: 1, k: 1, f: 1 });
const preLayout = columns({ p: 1 });

/** 8 interactions in 4 groups (degree bound 3: two per group), on a table of 2^logN rows. */
function makeAir(pre: Uint32Array | null): Air {
  const air: Air<typeof main.spec, typeof preLayout.spec> = {
    name: 'logup-steps',
    main,
    ...(pre
      ? {
          preprocessed: preLayout,
          preprocessedTrace: () => new RowMajorMatrix(pre, 1),
        }
      : {}),
    eval(b) {
      const { local, next } = b;
      b.send(ONE, [local.a]);
      b.receive(TWO, [local.a, local.b], local.m);
      b.send(THREE, [local.a, local.b, local.c], local.m.add(local.k));
      b.receive(ONE, [local.c], local.m.mul(local.k));
      b.whenTransition().send(TWO, [local.c, next.a], local.f);
      b.send(ONE, [local.b], local.m);
      b.receive(THREE, [local.k, local.f, local.a], 2);
      b.send(TWO, [pre ? b.preLocal.p : local.f, local.k], local.a);
    },
  };
  return air as Air;
}

class Rand {
  constructor(private x: number) {}
  next(): number {
    this.x = (Math.imul(this.x ^ (this.x >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0;
    return this.x;
  }
  felt(): number {
    return this.next() % P;
  }
}

interface Case {
  readonly air: Air;
  readonly trace: RowMajorMatrix;
  readonly preM: RowMajorMatrix | undefined;
  readonly beta: Uint32Array;
  readonly gamma: Uint32Array;
}

function makeCase(logN: number, seed: number, withPre: boolean): Case {
  const r = new Rand(seed);
  const n = 2 ** logN;
  const values = Uint32Array.from({ length: n * main.width }, () => r.felt());
  const pre = withPre ? Uint32Array.from({ length: n }, () => r.felt()) : null;
  const air = makeAir(pre);
  return {
    air,
    trace: new RowMajorMatrix(values, main.width),
    preM: pre ? new RowMajorMatrix(pre, 1) : undefined,
    beta: Uint32Array.from({ length: 4 }, () => r.felt()),
    gamma: Uint32Array.from({ length: 4 }, () => r.felt()),
  };
}

const words = (a: AuxColumns | { columns: WasmVec[]; total: Uint32Array }) => ({
  total: Array.from(a.total),
  columns: a.columns.map((c) => Array.from(c.view)),
});
const freeAux = (a: { columns: WasmVec[] }) => {
  for (const v of a.columns) v.free();
};

let pool: WorkerPool;
beforeAll(async () => {
  pool = await WorkerPool.create({ threads: 2 });
});
afterAll(async () => {
  await pool?.close();
});

/** Steps on the pool, the sync builder, and the legacy builder: identical words. */
async function checkCase(c: Case, budget?: number, oracle = false): Promise<void> {
  const p = prepareAir(c.air);
  expect(p.built.logUp?.groups.length).toBe(4);
  const mainW = columnsToWasm(c.trace);
  const preW = c.preM ? columnsToWasm(c.preM) : [];
  const publics: number[] = [];
  const before = liveBytes();
  try {
    const legacy = legacyBuildLogUpColumns(p.built, mainW, preW, publics, c.beta, c.gamma);
    const want = words(legacy);
    freeAux(legacy);
    const onPool = await runStepsAsync(
      buildLogUpColumnsSteps(p.built, mainW, preW, publics, c.beta, c.gamma, budget),
      pool,
    );
    expect(words(onPool)).toEqual(want);
    freeAux(onPool);
    const sync = buildLogUpColumns(p.built, mainW, preW, publics, c.beta, c.gamma);
    expect(words(sync)).toEqual(want);
    freeAux(sync);
    expect(liveBytes()).toBe(before);
    if (oracle) {
      const o = buildLogUpTrace(p.built, c.trace, c.preM, publics, c.beta, c.gamma);
      expect(Array.from(o.total)).toEqual(want.total);
      expect(o.columns.map((col) => Array.from(col))).toEqual(want.columns);
    }
  } finally {
    for (const v of [...mainW, ...preW]) v.free();
  }
}

describe('buildLogUpColumnsSteps on a 2-thread pool', () => {
  it('equals the legacy builder and the row-by-row oracle on random small tables', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 9 }),
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.boolean(),
        async (logN, seed, withPre) => {
          await checkCase(makeCase(logN, seed, withPre), undefined, true);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('equals the legacy builder over several row ranges (2^15 rows), in one wave and in several', async () => {
    const logN = 15;
    const c = makeCase(logN, 12345, true);
    await checkCase(c, undefined, true);
    // A budget of 3 evaluated nodes: every group is its own wave.
    await checkCase(c, 3 * 16 * 2 ** logN);
    // 6 nodes: waves of one or two groups.
    await checkCase(makeCase(logN, 777, false), 6 * 16 * 2 ** logN);
  }, 120_000);

  it('throws AirError bus-unbalanced when β hits a fingerprint, on the pool and inline, leaking nothing', async () => {
    for (const [logN, row] of [
      [3, 5],
      [14, 9000],
      [15, 2 ** 15 - 1],
    ] as const) {
      const c = makeCase(logN, 99 + logN, false);
      // Interaction 0 sends [a] on bus ONE (id 3): β = 3 + γ·a at `row` zeroes its denominator.
      const a = c.trace.values[row * main.width];
      const beta = extAdd(ext(ONE.id), extMulBase(c.gamma, a));
      const p = prepareAir(c.air);
      const mainW = columnsToWasm(c.trace);
      const before = liveBytes();
      try {
        const inline = (() => {
          try {
            buildLogUpColumns(p.built, mainW, [], [], beta, c.gamma);
            return null;
          } catch (e) {
            return e;
          }
        })();
        expect(inline).toBeInstanceOf(AirError);
        expect((inline as AirError).kind).toBe('bus-unbalanced');
        const err = await runStepsAsync(
          buildLogUpColumnsSteps(p.built, mainW, [], [], beta, c.gamma),
          pool,
        ).then(
          () => null,
          (e) => e,
        );
        expect(err).toBeInstanceOf(AirError);
        expect((err as AirError).kind).toBe('bus-unbalanced');
        expect((err as AirError).chip).toBe('logup-steps');
        // In the last wave: interaction 6 receives [k, f, a] on THREE (id 6), one node per wave.
        const g = c.gamma;
        const g2 = extMul(g, g);
        const rowAt = (col: number) => c.trace.values[row * main.width + col];
        const fp6 = extAdd(
          extAdd(ext(THREE.id), extMulBase(g, rowAt(4))),
          extAdd(extMulBase(g2, rowAt(5)), extMulBase(extMul(g2, g), rowAt(0))),
        );
        const late = await runStepsAsync(
          buildLogUpColumnsSteps(p.built, mainW, [], [], fp6, c.gamma, 16 * 2 ** logN),
          pool,
        ).then(
          () => null,
          (e) => e,
        );
        expect(late).toBeInstanceOf(AirError);
        expect((late as AirError).kind).toBe('bus-unbalanced');
        expect(liveBytes()).toBe(before);
      } finally {
        for (const v of mainW) v.free();
      }
    }
  }, 120_000);
});
