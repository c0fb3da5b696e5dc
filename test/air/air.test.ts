import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BYTE_BUS, byteTableAir, counterAir, counterTraces } from '../../src/air/examples/counter.js';
import { fibonacciAir, fibonacciTrace } from '../../src/air/examples/fibonacci.js';
import { mimcAir, mimcTrace } from '../../src/air/examples/mimc.js';
import {
  AirError,
  buildAir,
  checkBuses,
  checkConstraints,
  columns,
  ExprGraph,
  inferDegrees,
  isArithmetic,
  RowMajorMatrix,
} from '../../src/air/index.js';
import { P } from '../../src/field/babybear.js';

function airError(f: () => void): AirError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(AirError);
    return e as AirError;
  }
  throw new Error('expected an AirError');
}

describe('expression DAG', () => {
  it('shares equal subterms and folds constants and identities', () => {
    const g = new ExprGraph();
    const x = g.node(1, 0, 0);
    const y = g.node(1, 1, 0);
    expect(x.add(y).id).toBe(y.add(x).id);
    expect(x.mul(y).id).toBe(y.mul(x).id);
    expect(x.add(0).id).toBe(x.id);
    expect(x.mul(1).id).toBe(x.id);
    expect(x.mul(0).isConst(0)).toBe(true);
    expect(x.sub(x).isConst(0)).toBe(true);
    expect(x.neg().neg().id).toBe(x.id);
    expect(
      g
        .constant(3)
        .mul(g.constant(P - 1))
        .isConst(P - 3),
    ).toBe(true);
    expect(g.constant(-1).isConst(P - 1)).toBe(true);
  });

  it('keeps operands below their node (topological ids)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(3), fc.nat(50), fc.nat(50)), { maxLength: 60 }), (ops) => {
        const g = new ExprGraph();
        const pool = [g.node(1, 0, 0), g.node(1, 1, 0), g.constant(5)];
        for (const [op, i, j] of ops) {
          const a = pool[i % pool.length];
          const b = pool[j % pool.length];
          pool.push(op === 0 ? a.add(b) : op === 1 ? a.sub(b) : op === 2 ? a.mul(b) : a.neg());
        }
        for (let id = 0; id < g.size; id++) {
          if (isArithmetic(g.op[id])) {
            expect(g.a[id]).toBeLessThan(id);
            if (g.op[id] !== 10) expect(g.b[id]).toBeLessThan(id);
          }
        }
      }),
    );
  });
});

describe('column layouts', () => {
  it('lays out groups consecutively and names each column', () => {
    const l = columns({ pc: 1, limbs: 4, flag: 1 });
    expect(l.width).toBe(6);
    expect(l.offset).toEqual({ pc: 0, limbs: 1, flag: 5 });
    expect(l.names).toEqual(['pc', 'limbs[0]', 'limbs[1]', 'limbs[2]', 'limbs[3]', 'flag']);
    expect(l.view([9, 1, 2, 3, 4, 7])).toEqual({ pc: 9, limbs: [1, 2, 3, 4], flag: 7 });
    expect(() => l.view([1, 2])).toThrow(/expected 6/);
    expect(() => columns({ bad: 0 })).toThrow(/bad size/);
  });
});

describe('degree inference', () => {
  it('infers constraint degrees from eval, counting selectors', () => {
    expect(inferDegrees(buildAir(fibonacciAir)).maxConstraintDegree).toBe(2);
    const mimc = inferDegrees(buildAir(mimcAir(8)));
    expect(mimc.constraints).toEqual([2, 4, 2]);
    expect(mimc.maxConstraintDegree).toBe(4);
    const counter = inferDegrees(buildAir(counterAir));
    expect(counter.interactions).toEqual([{ values: 1, multiplicity: 0 }]);
  });
});

describe('debug constraint checker', () => {
  it('accepts honest traces of every example', () => {
    for (const h of [2, 8, 64]) {
      const f = fibonacciTrace(h);
      checkConstraints({ built: buildAir(fibonacciAir), main: f.trace, publics: f.publics });
      const air = mimcAir(h);
      const m = mimcTrace(h, 12345);
      checkConstraints({
        built: buildAir(air),
        main: m.trace,
        pre: air.preprocessedTrace!(),
        publics: m.publics,
      });
    }
  });

  it('names the chip, constraint and row of a corrupted cell (first, middle, last row)', () => {
    const built = buildAir(fibonacciAir);
    for (const [row, col, constraint] of [
      [0, 0, 0],
      [5, 1, 3],
      [15, 1, 3],
    ]) {
      const f = fibonacciTrace(16);
      f.trace.set(row, col, (f.trace.get(row, col) + 1) % P);
      const e = airError(() => checkConstraints({ built, main: f.trace, publics: f.publics }));
      expect(e.kind).toBe('constraint-failed');
      expect(e.chip).toBe('fibonacci');
      expect(e.message).toMatch(/^chip fibonacci, constraint \d+ \(.+\), row \d+/);
      // A corrupted b in row r breaks next.b = a + b at row r − 1 first.
      expect([row, row - 1]).toContain(e.row);
      if (row === 0) expect(e.constraint).toBe(constraint);
    }
  });

  it('rejects a wrong public value and a wrong preprocessed column', () => {
    const f = fibonacciTrace(8);
    const built = buildAir(fibonacciAir);
    const e = airError(() => checkConstraints({ built, main: f.trace, publics: [0, 1, f.publics[2] + 1] }));
    expect(e.message).toMatch(/last row: b = result/);
    expect(e.row).toBe(7);
    const air = mimcAir(8);
    const m = mimcTrace(8, 3);
    const pre = air.preprocessedTrace!();
    pre.values[4] ^= 1;
    expect(
      airError(() => checkConstraints({ built: buildAir(air), main: m.trace, pre, publics: m.publics })).row,
    ).toBe(4);
  });

  it('rejects traces of the wrong shape with a typed error', () => {
    const built = buildAir(fibonacciAir);
    expect(
      airError(() => checkConstraints({ built, main: RowMajorMatrix.zeros(4, 3), publics: [0, 1, 0] })).kind,
    ).toBe('bad-trace-shape');
    expect(
      airError(() => checkConstraints({ built, main: RowMajorMatrix.zeros(4, 2), publics: [0] })).kind,
    ).toBe('bad-public-values');
    const air = mimcAir(8);
    expect(
      airError(() => checkConstraints({ built: buildAir(air), main: RowMajorMatrix.zeros(8, 1) })).kind,
    ).toBe('bad-trace-shape');
  });
});

describe('bus balance checker', () => {
  const counter = buildAir(counterAir);
  const table = buildAir(byteTableAir);
  const witness = (steps: number[]) => {
    const t = counterTraces(steps);
    return [
      { built: counter, main: t.counter, publics: t.publics },
      { built: table, main: t.bytes, pre: byteTableAir.preprocessedTrace!() },
    ];
  };

  it('balances honest lookups and checks the counter constraints', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 40 }), (steps) => {
        const w = witness(steps);
        checkBuses(w);
        for (const t of w) checkConstraints(t);
      }),
      { numRuns: 30 },
    );
  });

  it('names the unmatched tuple and where it came from when a multiplicity is off', () => {
    const w = witness([3, 3, 200]);
    w[1].main.values[3] = 1; // two lookups of 3, table counts one
    const e = airError(() => checkBuses(w));
    expect(e.kind).toBe('bus-unbalanced');
    expect(e.message).toBe(
      'bus tuple byte(3) is unbalanced by 1, first seen at chip counter row 0 (d is a byte)',
    );
  });

  it('catches an out-of-range step that the transition constraint alone accepts', () => {
    const t = counterTraces([1, 2, 3]);
    t.counter.set(1, 1, 300); // d = 300, x adjusted so the counter's own constraints still hold
    t.counter.set(2, 0, 301);
    t.publics[0] = 304;
    checkConstraints({ built: counter, main: t.counter, publics: t.publics });
    const e = airError(() =>
      checkBuses([
        { built: counter, main: t.counter, publics: t.publics },
        { built: table, main: t.bytes, pre: byteTableAir.preprocessedTrace!() },
      ]),
    );
    expect(e.message).toMatch(/byte\(300\) is unbalanced by 1/);
  });

  it('counts public contributions', () => {
    const w = witness([7]);
    w[1].main.values[7] = 2; // the table serves one extra lookup of 7 ...
    expect(() => checkBuses(w)).toThrow(/byte\(7\) is unbalanced by -1/);
    checkBuses(w, [{ busId: BYTE_BUS.id, values: [7], multiplicity: 1 }]); // ... made by the verifier
  });
});
