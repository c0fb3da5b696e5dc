// Batched LogUp: several bus interactions share one aux term column h_G with the constraint
// h_G·Π d_j = Σ_i m_i·Π_{j≠i} d_j. The grouping rule (degrees, determinism, a group of one is the
// unbatched column), the batched aux trace against its constraints on random AIRs, the bulk
// builder against the oracle on batched groups, and tampers through the real prover and verifier.
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Op } from '../../src/air/expr.js';
import {
  type Air,
  type BuiltAir,
  Bus,
  buildAir,
  checkBuses,
  columns,
  inferDegrees,
  RowMajorMatrix,
} from '../../src/air/index.js';
import {
  batchDegree,
  LOGUP_MIN_BATCH_DEGREE,
  logUpGroups,
  logUpLayout,
  withLogUp,
} from '../../src/air/logup.js';
import { buildLogUpTrace } from '../../src/air/logup-trace.js';
import { compileProgram } from '../../src/air/program.js';
import { runProgramTs } from '../../src/air/program-run.js';
import { type Felt, P } from '../../src/field/babybear.js';
import {
  type ExtFelt,
  extAdd,
  extFromBase,
  extInv,
  extIsZero,
  extMul,
  extMulBase,
  extSub,
} from '../../src/field/ext.js';
import { INSECURE_TEST_PARAMS } from '../../src/fri/params.js';
import { setup } from '../../src/prover/index.js';
import { buildLogUpColumns } from '../../src/prover/logup-trace.js';
import { columnsToWasm } from '../../src/stark/columns.js';
import { prepareVerifyingKey } from '../../src/stark/vk.js';
import { prepareAir, proveTables, verifyAirs } from './helpers/engine.js';
import { genSystem, honestInstance, makeAirs, Rng } from './helpers/random-air.js';

// A tamper hook on the prover's aux builder: the real builder, then `tamper` on its columns.
let tamper: ((chip: string, cols: Uint32Array[]) => void) | null = null;
vi.mock('../../src/prover/logup-trace.js', async (importOriginal) => {
  const orig = await importOriginal<typeof import('../../src/prover/logup-trace.js')>();
  return {
    ...orig,
    buildLogUpColumnsSteps: function* (...args: Parameters<typeof orig.buildLogUpColumnsSteps>) {
      const out = yield* orig.buildLogUpColumnsSteps(...args);
      if (tamper !== null)
        tamper(
          args[0].name,
          out.columns.map((c) => c.view),
        );
      return out;
    },
  };
});
afterEach(() => {
  tamper = null;
});

const BYTE = new Bus(7, 'byte', 1);
const PAIR = new Bus(9, 'pair', 2);

// Interaction degrees (tuple, multiplicity): (1,0) (1,1) (1,2) (2,0) (2,0); own degree 2.
const batchLayout = columns({ a: 1, b: 1, c: 1, f: 1, g: 1 });
const batchAir: Air<typeof batchLayout.spec> = {
  name: 'batch',
  main: batchLayout,
  eval(b) {
    const { a, b: bb, c, f, g } = b.local;
    b.assertBool(f, 'f is a bit');
    b.assertBool(g, 'g is a bit');
    b.send(BYTE, [a], 1, 'a is a byte');
    b.send(BYTE, [bb], f, 'b is a byte if f');
    b.when(f).send(BYTE, [c], g, 'c is a byte if f·g');
    b.send(PAIR, [a, bb.mul(f)], 1, 'pair out');
    b.receive(PAIR, [a, bb.mul(f)], 1, 'pair in');
  },
};

const byteMain = columns({ multiplicity: 1 });
const bytePre = columns({ value: 1 });
const byteAir: Air<typeof byteMain.spec, typeof bytePre.spec> = {
  name: 'bytes',
  main: byteMain,
  preprocessed: bytePre,
  preprocessedTrace: () =>
    new RowMajorMatrix(
      Uint32Array.from({ length: 256 }, (_, i) => i),
      1,
    ),
  eval(b) {
    b.receive(BYTE, [b.preLocal.value], b.local.multiplicity, 'byte lookup');
  },
};

/** An honest (batch, bytes) pair of traces from rows [a, b, c, f, g]. */
function batchTraces(rows: ReadonlyArray<readonly [number, number, number, number, number]>) {
  const main = RowMajorMatrix.zeros(rows.length, 5);
  const bytes = RowMajorMatrix.zeros(256, 1);
  rows.forEach((r, i) => {
    r.forEach((v, j) => {
      main.set(i, j, v);
    });
    const [a, b, c, f, g] = r;
    bytes.values[a]++;
    if (f) bytes.values[b]++;
    if (f && g) bytes.values[c]++;
  });
  return { main, bytes };
}

const rowArb = fc.tuple(
  fc.integer({ min: 0, max: 255 }),
  fc.integer({ min: 0, max: 255 }),
  fc.integer({ min: 0, max: 255 }),
  fc.integer({ min: 0, max: 1 }),
  fc.integer({ min: 0, max: 1 }),
);

/** A chip with `k` linear sends of constant multiplicity and one constraint of degree `own`. */
const xLayout = columns({ x: 1 });

function sendsAir(k: number, own: number): Air {
  const air: Air<typeof xLayout.spec> = {
    name: `sends-${k}-${own}`,
    main: xLayout,
    eval(b) {
      const x = b.local.x;
      if (own > 0) b.assertZero(x.pow(own), 'x^own');
      for (let j = 0; j < k; j++) b.send(BYTE, [x.add(j)], 1, `send ${j}`);
    },
  };
  return air as Air;
}

/** The LogUp constraints' degrees (those after the chip's own). */
function logUpDegrees(chip: BuiltAir, prepared: BuiltAir): number[] {
  return inferDegrees(prepared).constraints.slice(chip.constraints.length);
}

describe('LogUp batching: the grouping', () => {
  it('batchDegree is max(1 + Σ deg d, max_i deg m_i + Σ_{j≠i} deg d_j)', () => {
    expect(batchDegree([1], [0])).toBe(2);
    expect(batchDegree([1], [2])).toBe(2);
    expect(batchDegree([1, 1], [0, 1])).toBe(3);
    expect(batchDegree([1, 1], [2, 2])).toBe(3);
    expect(batchDegree([1, 1], [3, 0])).toBe(4);
    expect(batchDegree([1, 1, 1], [1, 1, 1])).toBe(4);
    expect(batchDegree([2, 0], [0, 5])).toBe(7);
  });

  it('groups greedily in interaction order under max(3, own degree); each group has the degree its constraint has', () => {
    const chip = buildAir(batchAir);
    expect(logUpGroups(chip)).toEqual([
      { interactions: [0, 1], degree: 3 },
      { interactions: [2], degree: 2 },
      { interactions: [3], degree: 3 },
      { interactions: [4], degree: 3 },
    ]);
    const p = prepareAir(batchAir);
    expect(p.numAux).toBe(5);
    expect(p.maxDegree).toBe(3);
    expect(logUpDegrees(buildAir(batchAir), p.built).slice(0, 4)).toEqual([3, 2, 3, 3]);
    expect(p.built.constraints.slice(-7).map((c) => c.label)).toEqual([
      'logup: terms 0+1 (a is a byte; b is a byte if f)',
      'logup: term 2 (c is a byte if f·g)',
      'logup: term 3 (pair out)',
      'logup: term 4 (pair in)',
      'logup: first row s = Σ terms',
      'logup: next s = s + Σ next terms',
      'logup: last row s = T',
    ]);
    // Linear sends: pairs under the default bound 3, triples under an own degree of 4, 5 or 6
    // per group under degree 6 (the bound follows the chip's own degree).
    const sizes = (k: number, own: number) =>
      logUpGroups(buildAir(sendsAir(k, own))).map((g) => g.interactions.length);
    expect(sizes(5, 0)).toEqual([2, 2, 1]);
    expect(sizes(5, 2)).toEqual([2, 2, 1]);
    expect(sizes(5, 3)).toEqual([2, 2, 1]);
    expect(sizes(7, 4)).toEqual([3, 3, 1]);
    expect(sizes(7, 6)).toEqual([5, 2]);
    for (const [k, own] of [
      [5, 0],
      [7, 4],
      [7, 6],
    ]) {
      const chip = buildAir(sendsAir(k, own));
      const groups = logUpGroups(chip);
      const bound = Math.max(LOGUP_MIN_BATCH_DEGREE, own);
      const p = prepareAir(sendsAir(k, own));
      const degs = logUpDegrees(chip, p.built);
      groups.forEach((g, i) => {
        expect(g.degree).toBeLessThanOrEqual(bound);
        expect(degs[i]).toBe(g.degree);
      });
      // Batching never raises the table's degree above max(3, own).
      expect(p.maxDegree).toBe(Math.max(LOGUP_MIN_BATCH_DEGREE, own));
      expect(p.numAux).toBe(groups.length + 1);
    }
  });

  it('keeps an interaction over the bound alone, at its own degree', () => {
    const air: Air<typeof xLayout.spec> = {
      name: 'cubic-tuple',
      main: xLayout,
      eval(b) {
        const x = b.local.x;
        b.send(BYTE, [x], 1);
        b.send(BYTE, [x.mul(x).mul(x)], x);
        b.send(BYTE, [x], 1);
      },
    };
    expect(logUpGroups(buildAir(air as Air))).toEqual([
      { interactions: [0], degree: 2 },
      { interactions: [1], degree: 4 },
      { interactions: [2], degree: 2 },
    ]);
  });

  it('is a pure function of the constraint system: the same from the AIR twice and from the verifying key', () => {
    for (const air of [batchAir, byteAir, sendsAir(9, 0), sendsAir(8, 5)] as Air[]) {
      const a = logUpGroups(buildAir(air));
      const b = logUpGroups(buildAir(air));
      expect(b).toEqual(a);
      const { verifyingKey } = setup([air], INSECURE_TEST_PARAMS);
      const [fromVk] = prepareVerifyingKey(verifyingKey);
      expect(logUpLayout(fromVk.built).groups).toEqual(a);
      expect(fromVk.numAux).toBe(a.length + 1);
      expect(prepareAir(air).numAux).toBe(a.length + 1);
    }
  });

  it('a group of one is the unbatched column: h_j·d_j − m_j, as with bound 2 everywhere', () => {
    const chip = buildAir(batchAir);
    const p = withLogUp(chip, 2);
    const lu = p.logUp!;
    expect(lu.groups.map((g) => g.interactions)).toEqual([[0], [1], [2], [3], [4]]);
    expect(logUpLayout(p).numAux).toBe(6);
    const g = p.graph;
    const own = chip.constraints.length;
    for (let j = 0; j < 5; j++) {
      const h = g.node(Op.Aux, j, 0);
      const expected = h.mul(g.get(lu.denominators[j])).sub(g.get(lu.multiplicities[j]));
      expect(p.constraints[own + j].expr).toBe(expected.id);
    }
    // A chip with one interaction has exactly the old layout.
    expect(logUpGroups(buildAir(byteAir))).toEqual([{ interactions: [0], degree: 2 }]);
  });
});

// ----- the batched aux trace satisfies its constraints

const alpha = Uint32Array.from([31, 41, 59, 26]);

function columnsOf(m: RowMajorMatrix): Uint32Array[] {
  return Array.from({ length: m.width }, (_, j) =>
    Uint32Array.from({ length: m.height }, (_, i) => m.get(i, j)),
  );
}

/** All constraints (chip + LogUp) on the trace domain with concrete β, γ: zero iff all hold. */
function residue(
  built: BuiltAir,
  main: RowMajorMatrix,
  pre: RowMajorMatrix | undefined,
  publics: readonly Felt[],
  aux: Uint32Array[],
  total: ExtFelt,
  beta: ExtFelt,
  gamma: ExtFelt,
): Uint32Array {
  const n = main.height;
  const sel = [new Uint32Array(n), new Uint32Array(n), new Uint32Array(n).fill(1)];
  sel[0][0] = 1;
  sel[1][n - 1] = 1;
  sel[2][n - 1] = 0;
  const prog = compileProgram(built, {
    publics,
    challenges: [beta, gamma, total],
    alpha,
    numAux: logUpLayout(built).numAux,
  });
  const out = new Uint32Array(4 * n);
  runProgramTs(
    prog,
    [...columnsOf(main), ...(pre ? columnsOf(pre) : []), ...aux, ...sel],
    Math.log2(n),
    1,
    out,
  );
  return out;
}

/** Σ m/(β − fp(v)) over public contributions, as the verifier computes it. */
function contributionSum(
  cs: ReadonlyArray<{ busId: number; values: readonly Felt[]; multiplicity: Felt }>,
  beta: ExtFelt,
  gamma: ExtFelt,
): ExtFelt {
  let acc: ExtFelt = new Uint32Array(4);
  for (const c of cs) {
    let fp = extFromBase(c.busId);
    let g = gamma;
    for (const v of c.values) {
      fp = extAdd(fp, extMulBase(g, v));
      g = extMul(g, gamma);
    }
    acc = extAdd(acc, extMulBase(extInv(extSub(beta, fp)), c.multiplicity));
  }
  return acc;
}

const extArb = fc
  .array(fc.integer({ min: 0, max: P - 1 }), { minLength: 4, maxLength: 4 })
  .map((a) => Uint32Array.from(a));

describe('LogUp batching: the aux trace', () => {
  it('on random AIRs with honest traces: every constraint holds, bulk = oracle bit for bit, the buses balance', () => {
    let batched = 0;
    let tables = 0;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), extArb, extArb, (seed, beta, gamma) => {
        const rng = new Rng(seed);
        const spec = genSystem(rng);
        const airs = makeAirs(spec);
        const inst = honestInstance(rng, spec);
        let sum: ExtFelt = contributionSum(inst.contributions, beta, gamma);
        airs.forEach((air, t) => {
          const p = prepareAir(air);
          if (p.numAux === 0) return;
          tables++;
          if (p.numAux - 1 < p.built.interactions.length) batched++;
          const preM = air.preprocessedTrace?.();
          const oracle = buildLogUpTrace(p.built, inst.traces[t], preM, inst.publics[t], beta, gamma);
          expect(oracle.columns.length).toBe(4 * p.numAux);
          const r = residue(
            p.built,
            inst.traces[t],
            preM,
            inst.publics[t],
            oracle.columns,
            oracle.total,
            beta,
            gamma,
          );
          expect(
            r.every((x) => x === 0),
            `seed ${seed}: table ${air.name}`,
          ).toBe(true);
          const main = columnsToWasm(inst.traces[t]);
          const pre = preM ? columnsToWasm(preM) : [];
          const bulk = buildLogUpColumns(p.built, main, pre, inst.publics[t], beta, gamma);
          expect(Array.from(bulk.total)).toEqual(Array.from(oracle.total));
          bulk.columns.forEach((col, k) => {
            expect(Array.from(col.view), `seed ${seed}: ${air.name} aux ${k}`).toEqual(
              Array.from(oracle.columns[k]),
            );
          });
          for (const v of [...main, ...pre, ...bulk.columns]) v.free();
          sum = extAdd(sum, oracle.total);
        });
        expect(extIsZero(sum), `seed ${seed}: tables and contributions cancel`).toBe(true);
      }),
      { seed: 0xba7c4, numRuns: 40 },
    );
    // Not vacuous: many tables had at least one batched group.
    expect(batched).toBeGreaterThanOrEqual(10);
    expect(tables).toBeGreaterThan(batched);
  });

  it('on the batch chip: constraints hold, bulk = oracle, and changing any term cell breaks a constraint', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 4, maxLength: 32 }), extArb, extArb, (raw, beta, gamma) => {
        const rows = raw.slice(0, 2 ** Math.floor(Math.log2(raw.length)));
        const { main, bytes } = batchTraces(rows);
        const p = prepareAir(batchAir);
        const oracle = buildLogUpTrace(p.built, main, undefined, [], beta, gamma);
        expect(
          residue(p.built, main, undefined, [], oracle.columns, oracle.total, beta, gamma).every(
            (x) => x === 0,
          ),
        ).toBe(true);
        const mw = columnsToWasm(main);
        const bulk = buildLogUpColumns(p.built, mw, [], [], beta, gamma);
        bulk.columns.forEach((col, k) => {
          expect(Array.from(col.view)).toEqual(Array.from(oracle.columns[k]));
        });
        for (const v of [...mw, ...bulk.columns]) v.free();
        // The two tables cancel.
        const pb = prepareAir(byteAir);
        const ob = buildLogUpTrace(pb.built, bytes, byteAir.preprocessedTrace!(), [], beta, gamma);
        expect(extIsZero(extAdd(oracle.total, ob.total))).toBe(true);
        // Any changed cell of the batched column h_0 (interactions 0 and 1) on any row is caught.
        const row = rows.length - 1;
        for (const c of [0, 1, 2, 3]) {
          const cols = oracle.columns.map((x) => x.slice());
          cols[c][row] = (cols[c][row] + 1) % P;
          const r = residue(p.built, main, undefined, [], cols, oracle.total, beta, gamma);
          expect(r.some((x) => x !== 0)).toBe(true);
        }
      }),
      { numRuns: 15 },
    );
  });
});

// ----- tampers through the prover and verifier

describe('LogUp batching: tampers', () => {
  const rows: Array<[number, number, number, number, number]> = Array.from({ length: 16 }, (_, i) => [
    (i * 37) % 256,
    (i * 11 + 3) % 256,
    (i * 5 + 1) % 256,
    i % 2,
    (i >> 1) % 2,
  ]);
  const airs = [batchAir, byteAir] as Air[];
  const prove = (main: RowMajorMatrix, bytes: RowMajorMatrix) =>
    proveTables(
      [
        { air: batchAir as Air, trace: main },
        { air: byteAir as Air, trace: bytes },
      ],
      INSECURE_TEST_PARAMS,
    ).proof;
  const check = (proof: Uint8Array) => verifyAirs(airs, { publics: [[], []] }, proof, INSECURE_TEST_PARAMS);

  it('the honest batched proof verifies', () => {
    const { main, bytes } = batchTraces(rows);
    expect(check(prove(main, bytes))).toMatchObject({ ok: true });
  });

  it("a wrong h_G on one row (running sum and T untouched) is rejected: 'ood-mismatch'", () => {
    const { main, bytes } = batchTraces(rows);
    expect(logUpGroups(buildAir(batchAir))[0].interactions).toEqual([0, 1]);
    for (const row of [0, 5, 15]) {
      tamper = (chip, cols) => {
        if (chip === 'batch') cols[1][row] = (cols[1][row] + 1) % P; // h_0 = terms 0+1, coordinate 1
      };
      const r = check(prove(main, bytes));
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.kind, r.reason).toBe('ood-mismatch');
    }
  });

  it("a multiplicity change in a batched interaction is rejected: 'bus-unbalanced'", () => {
    const { main, bytes } = batchTraces(rows);
    // Row 1 has f = 1: interaction 1 (batched with 0) sends b with multiplicity f. Clearing f keeps
    // f a bit, so only the bus notices.
    expect(main.get(1, 3)).toBe(1);
    const bad = new RowMajorMatrix(main.values.slice(), main.width);
    bad.set(1, 3, 0);
    bad.set(1, 4, 0); // and g, so interaction 2 (when f) loses nothing extra
    expect(() =>
      checkBuses([
        { built: buildAir(batchAir), main: bad },
        { built: buildAir(byteAir), main: bytes, pre: byteAir.preprocessedTrace!() },
      ]),
    ).toThrow();
    const r = check(prove(bad, bytes));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.kind, r.reason).toBe('bus-unbalanced');
    // A multiplicity off by one in the byte table (the receiving side) is caught the same way.
    const bytes2 = new RowMajorMatrix(bytes.values.slice(), 1);
    bytes2.values[rows[1][1]] = (bytes2.values[rows[1][1]] + P - 1) % P;
    const r2 = check(prove(main, bytes2));
    expect(r2.ok).toBe(false);
    if (!r2.ok) expect(r2.kind, r2.reason).toBe('bus-unbalanced');
  });
});
