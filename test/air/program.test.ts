import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { byteTableAir, counterAir, counterTraces } from '../../src/air/examples/counter.js';
import { fibonacciAir, fibonacciTrace } from '../../src/air/examples/fibonacci.js';
import { mimcAir, mimcTrace } from '../../src/air/examples/mimc.js';
import { type Air, type BuiltAir, buildAir, columns, Op } from '../../src/air/index.js';
import { evalAtPoint } from '../../src/air/point-eval.js';
import { compileProgram, inputIndex, type Program } from '../../src/air/program.js';
import { runProgram, runProgramTs } from '../../src/air/program-run.js';
import { P } from '../../src/field/babybear.js';
import { WasmVec } from '../../src/wasm/memory.js';

const rand = (n: number, seed: number) => {
  let s = seed >>> 0 || 1;
  return Uint32Array.from({ length: n }, () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) % P;
  });
};

/** Selector columns on the trace domain itself: 0/1 values. */
function selectors(n: number): Uint32Array[] {
  const first = new Uint32Array(n);
  const last = new Uint32Array(n);
  const trans = new Uint32Array(n).fill(1);
  first[0] = 1;
  last[n - 1] = 1;
  trans[n - 1] = 0;
  return [first, last, trans];
}

function runBoth(
  prog: Program,
  inputs: Uint32Array[],
  logN: number,
  stride: number,
): [Uint32Array, Uint32Array] {
  const n = 2 ** logN;
  const ts = new Uint32Array(4 * n);
  runProgramTs(prog, inputs, logN, stride, ts);
  const vecs = inputs.map((c) => WasmVec.from(c));
  const out = new WasmVec(4 * n);
  runProgram(prog, vecs, logN, stride, out);
  const wasm = out.view.slice();
  for (const v of [...vecs, out]) v.free();
  return [ts, wasm];
}

function columnsOf(m: { values: Uint32Array; width: number }): Uint32Array[] {
  const h = m.values.length / m.width;
  return Array.from({ length: m.width }, (_, j) =>
    Uint32Array.from({ length: h }, (_, i) => m.values[i * m.width + j]),
  );
}

const alpha = Uint32Array.from([7, 3, 1, 12345]);

describe('compiled constraint programs', () => {
  it('vanish on honest traces, in wasm and in TS', () => {
    const cases: Array<{ built: BuiltAir; cols: Uint32Array[]; publics: number[] }> = [];
    const f = fibonacciTrace(64);
    cases.push({ built: buildAir(fibonacciAir), cols: columnsOf(f.trace), publics: f.publics });
    const air = mimcAir(32);
    const m = mimcTrace(32, 99);
    cases.push({
      built: buildAir(air),
      cols: [...columnsOf(m.trace), ...columnsOf(air.preprocessedTrace!())],
      publics: m.publics,
    });
    const c = counterTraces(Array.from({ length: 16 }, (_, i) => (i * 37) % 256));
    cases.push({ built: buildAir(counterAir), cols: columnsOf(c.counter), publics: c.publics });
    for (const { built, cols, publics } of cases) {
      const n = cols[0].length;
      const prog = compileProgram(built, { publics, challenges: [], alpha, numAux: 0 });
      const [ts, wasm] = runBoth(prog, [...cols, ...selectors(n)], Math.log2(n), 1);
      expect(ts.every((x) => x === 0)).toBe(true);
      expect(wasm).toEqual(ts);
    }
  });

  it('flag exactly the rows a corrupted cell breaks', () => {
    const f = fibonacciTrace(16);
    const cols = columnsOf(f.trace);
    cols[1][6] = (cols[1][6] + 1) % P;
    const prog = compileProgram(buildAir(fibonacciAir), {
      publics: f.publics,
      challenges: [],
      alpha,
      numAux: 0,
    });
    const [ts, wasm] = runBoth(prog, [...cols, ...selectors(16)], 4, 1);
    expect(wasm).toEqual(ts);
    const bad = Array.from({ length: 16 }, (_, i) => i).filter((i) =>
      [0, 1, 2, 3].some((j) => ts[j * 16 + i] !== 0),
    );
    expect(bad).toEqual([5, 6]);
  });

  it('match the point evaluator and the TS twin on random inputs (wasm bit-identical)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 30 }), fc.integer({ min: 2, max: 6 }), (seed, logN) => {
        const n = 2 ** logN;
        const air = mimcAir(n);
        const built = buildAir(air);
        const publics = Array.from(rand(2, seed + 1));
        const a = rand(4, seed + 2);
        const prog = compileProgram(built, { publics, challenges: [], alpha: a, numAux: 0 });
        const inputs = Array.from({ length: prog.numInputs }, (_, k) => rand(n, seed * 31 + k));
        const stride = logN > 2 ? 2 : 1;
        const [ts, wasm] = runBoth(prog, inputs, logN, stride);
        expect(wasm).toEqual(ts);
        const idx = inputIndex(built, 0);
        const e = (x: number) => Uint32Array.from([x, 0, 0, 0]);
        for (const i of [0, 1, n - 1]) {
          const at = (c: number, rot: number) => e(inputs[c][(i + rot * stride) % n]);
          const v = evalAtPoint(built, {
            mainLocal: [at(idx.main, 0)],
            mainNext: [at(idx.main, 1)],
            preLocal: [at(idx.pre, 0)],
            preNext: [at(idx.pre, 1)],
            auxLocal: [],
            auxNext: [],
            isFirst: at(idx.isFirst, 0),
            isLast: at(idx.isLast, 0),
            isTransition: at(idx.isTransition, 0),
            publics,
            challenges: [],
            alpha: a,
          });
          expect(Array.from(v)).toEqual([0, 1, 2, 3].map((j) => ts[j * n + i]));
        }
      }),
      { numRuns: 25 },
    );
  });

  it('evaluate extension-valued constraints (aux columns and challenges) identically', () => {
    // A LogUp-shaped AIR: h·(β − (x + γ·y)) = m, with s accumulating h, written with raw nodes
    // the way the engine adds them.
    const layout = columns({ x: 1, y: 1, m: 1 });
    const air: Air<typeof layout.spec> = {
      name: 'ext-test',
      main: layout,
      eval(b) {
        const g = b.graph;
        const h = g.node(Op.Aux, 0, 0);
        const s = g.node(Op.Aux, 1, 0);
        const sNext = g.node(Op.Aux, 1, 1);
        const beta = g.node(Op.Challenge, 0, 0);
        const gamma = g.node(Op.Challenge, 1, 0);
        const fp = beta.sub(b.local.x.add(gamma.mul(b.local.y)));
        b.assertEq(h.mul(fp), b.local.m, 'h·(β − fp) = m');
        b.whenTransition().assertEq(sNext, s.add(h), 'running sum');
        b.whenFirstRow().assertEq(s, h.neg().neg(), 'first sum');
        b.assertZero(b.local.x.sub(h).mul(3).add(b.local.y.sub(s).neg()), 'mixed base/ext ops');
        b.assertZero(b.local.m.sub(h.mul(b.local.y)), 'base minus ext');
      },
    };
    const built = buildAir(air);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 30 }), (seed) => {
        const n = 16;
        const challenges = [rand(4, seed), rand(4, seed + 1)];
        const prog = compileProgram(built, { publics: [], challenges, alpha, numAux: 2 });
        expect(prog.numInputs).toBe(3 + 8 + 3);
        const inputs = Array.from({ length: prog.numInputs }, (_, k) => rand(n, seed * 7 + k));
        const [ts, wasm] = runBoth(prog, inputs, 4, 1);
        expect(wasm).toEqual(ts);
        const idx = inputIndex(built, 2);
        for (const i of [0, 5, 15]) {
          const col = (c: number, rot: number) => Uint32Array.from([inputs[c][(i + rot) % n], 0, 0, 0]);
          const aux = (k: number, rot: number) =>
            Uint32Array.from([0, 1, 2, 3], (j) => inputs[idx.aux + 4 * k + j][(i + rot) % n]);
          const v = evalAtPoint(built, {
            mainLocal: [0, 1, 2].map((c) => col(c, 0)),
            mainNext: [0, 1, 2].map((c) => col(c, 1)),
            preLocal: [],
            preNext: [],
            auxLocal: [aux(0, 0), aux(1, 0)],
            auxNext: [aux(0, 1), aux(1, 1)],
            isFirst: col(idx.isFirst, 0),
            isLast: col(idx.isLast, 0),
            isTransition: col(idx.isTransition, 0),
            publics: [],
            challenges,
            alpha,
          });
          expect(Array.from(v)).toEqual([0, 1, 2, 3].map((j) => ts[j * n + i]));
        }
      }),
      { numRuns: 20 },
    );
  });

  it('reuses registers: a long chain needs few of them', () => {
    const l = columns({ x: 1 });
    const air: Air<typeof l.spec> = {
      name: 'chain',
      main: l,
      eval(b) {
        let e = b.local.x;
        for (let i = 0; i < 50; i++) e = e.mul(b.local.x).add(i + 1);
        b.assertZero(e);
      },
    };
    const prog = compileProgram(buildAir(air), { publics: [], challenges: [], alpha, numAux: 0 });
    expect(prog.numBaseRegs).toBeLessThanOrEqual(3);
  });

  it('reads a byte table with its preprocessed column', () => {
    const built = buildAir(byteTableAir);
    expect(built.constraints.length).toBe(0);
    const prog = compileProgram(built, { publics: [], challenges: [], alpha, numAux: 0 });
    expect(prog.code.length).toBe(4); // just End: interactions become constraints in the engine
  });
});
