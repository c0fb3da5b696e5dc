// Regression tests for the selector forgery (fixed in bc0232a). Before the fix the verifier's
// isLastRow was ω (not 1) on the last row and its isTransition was ω^i − ω^−1 (not 1) on row i,
// while the debug checker and the LogUp aux builder used 0/1. Two consequences, pinned here:
//  (a) an AIR that uses a selector as a value (`assertEq(x, isTransition)`): honest proofs were
//      rejected, and a trace built with the verifier's values — which the debug checker rejects,
//      and which claims a false output — was accepted;
//  (b) a counter that range-checks its steps with `whenTransition().send(BYTE_BUS, [d])`: the
//      verifier weighted row i's lookup by ω^i − ω^−1, so a prover could put an out-of-range step
//      on rows whose weights sum to zero and claim an output byte steps can never reach.
// Every prove/verify goes through the one adapter in helpers/random-air.ts.

import { describe, expect, it, vi } from 'vitest';
import { BYTE_BUS, byteTableAir } from '../../src/air/examples/counter.js';
import { type Air, columns, RowMajorMatrix } from '../../src/air/index.js';
import { add, type Felt, P } from '../../src/field/babybear.js';
import type { StarkParams } from '../../src/fri/params.js';
import { debugCheck, PRE_FIX_SELECTORS, proveAndVerify } from './helpers/random-air.js';

const PARAMS: StarkParams = {
  logBlowup: 1,
  numQueries: 40,
  powBits: 0,
  logFoldingArity: 1,
  finalPolyLogDegree: 2,
};

// A cheating prover's LogUp aux trace against the pre-fix verifier: the ranged counter's lookup
// terms weighted by the pre-fix isTransition (ω^i − ω^−1) instead of 0/1, running sum rebuilt.
// Wraps the engine's aux builder; off unless a test turns it on.
const forgery = vi.hoisted(() => ({ on: false, applied: 0 }));
vi.mock('../../src/prover/logup-trace.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/prover/logup-trace.js')>();
  const F = await import('../../src/field/babybear.js');
  return {
    ...real,
    *buildLogUpColumnsSteps(...args: Parameters<typeof real.buildLogUpColumnsSteps>) {
      const aux = yield* real.buildLogUpColumnsSteps(...args);
      const its = args[0].interactions;
      // Only the ranged counter's table: one interaction, a send on the byte bus (id 1).
      if (!forgery.on || its.length !== 1 || its[0].kind !== 'send' || its[0].bus.id !== 1) return aux;
      const n = aux.columns[0].view.length;
      const w = F.rootOfUnity(Math.log2(n));
      const wInv = F.inv(w);
      const s = [0, 0, 0, 0];
      for (let i = 0; i < n; i++) {
        const weight = F.sub(F.pow(w, i), wInv);
        for (let c = 0; c < 4; c++) {
          const h = aux.columns[c].view;
          h[i] = F.mul(h[i], weight);
          s[c] = F.add(s[c], h[i]);
          aux.columns[4 + c].view[i] = s[c];
        }
      }
      forgery.applied++;
      return { ...aux, total: Uint32Array.from(s) };
    },
  };
});

function expectRejected(
  airs: Air[],
  traces: RowMajorMatrix[],
  publics: Felt[][],
  kind: 'ood-mismatch' | 'bus-unbalanced',
): void {
  const d = debugCheck(airs, traces, publics, []);
  expect(d.ok, 'the debug checker accepts the attack trace').toBe(false);
  if (!d.ok) expect(d.expectedKind).toBe(kind);
  const r = proveAndVerify(airs, traces, publics, [], PARAMS);
  expect(r.ok, 'the verifier accepted the attack').toBe(false);
  if (!r.ok) {
    expect(r.by).toBe('verifier');
    expect(r.kind, r.reason).toBe(kind);
  }
}

// ----- (a) selectors as values ------------------------------------------------------------

const valueLayout = columns({ x: 1, z: 1, y: 1 });

/** x = isTransition and z = isLastRow as values; y counts x; public output y + x + z = n. */
const selectorValueAir: Air<typeof valueLayout.spec> = {
  name: 'selector-values',
  main: valueLayout,
  numPublicValues: 1,
  eval(b) {
    const { local, next } = b;
    b.assertEq(local.x, b.isTransition, 'x = isTransition');
    b.assertEq(local.z, b.isLastRow, 'z = isLastRow');
    b.whenFirstRow().assertZero(local.y, 'y starts at 0');
    b.whenTransition().assertEq(next.y, local.y.add(local.x), 'y counts x');
    b.whenLastRow().assertEq(local.y.add(local.x).add(local.z), b.publics[0], 'output = y + x + z');
  },
};

/** The trace with x, z read through `sel` (0/1 honestly), and the output it implies. */
function selectorValueTrace(n: number, sel: typeof PRE_FIX_SELECTORS) {
  const t = RowMajorMatrix.zeros(n, 3);
  let y = 0;
  for (let i = 0; i < n; i++) {
    const x = sel('trans', i, n);
    t.set(i, 0, x);
    t.set(i, 1, sel('last', i, n));
    t.set(i, 2, y);
    y = add(y, x);
  }
  const out = add(add(t.get(n - 1, 2), t.get(n - 1, 0)), t.get(n - 1, 1));
  return { trace: t, publics: [out] };
}

const honestSelectors = (s: 'first' | 'last' | 'trans', i: number, n: number): Felt =>
  s === 'first' ? +(i === 0) : s === 'last' ? +(i === n - 1) : +(i !== n - 1);

describe('(a) a selector used as a value', () => {
  it('the honest trace (x = 0/1 isTransition, z = 0/1 isLastRow) verifies, output n', () => {
    for (const n of [4, 8, 32]) {
      const { trace, publics } = selectorValueTrace(n, honestSelectors);
      expect(publics).toEqual([n]);
      expect(debugCheck([selectorValueAir], [trace], [publics], [])).toEqual({ ok: true });
      expect(proveAndVerify([selectorValueAir], [trace], [publics], [], PARAMS)).toEqual({ ok: true });
    }
  });

  it('the trace built with the pre-fix selector values (a false output) is rejected', () => {
    for (const n of [4, 8, 32]) {
      const { trace, publics } = selectorValueTrace(n, PRE_FIX_SELECTORS);
      expect(publics[0]).not.toBe(n);
      expectRejected([selectorValueAir], [trace], [publics], 'ood-mismatch');
    }
  });

  it('the honest trace with a false output is rejected', () => {
    const { trace } = selectorValueTrace(16, honestSelectors);
    expectRejected([selectorValueAir], [trace], [[17]], 'ood-mismatch');
  });
});

// ----- (b) a range check through a transition-only lookup --------------------------------

const counterLayout = columns({ x: 1, d: 1 });

/** x starts at 0 and adds d on every transition; each transition's d is looked up as a byte. */
const rangedCounterAir: Air<typeof counterLayout.spec> = {
  name: 'ranged-counter',
  main: counterLayout,
  numPublicValues: 1,
  eval(b) {
    const { local, next } = b;
    b.whenFirstRow().assertZero(local.x, 'x starts at 0');
    b.whenTransition().assertEq(next.x, local.x.add(local.d), 'next.x = x + d');
    b.whenLastRow().assertEq(local.x, b.publics[0], 'output = last x');
    b.whenTransition().send(BYTE_BUS, [local.d], 1, 'd is a byte');
  },
};

const AIRS = [rangedCounterAir, byteTableAir as Air];

/**
 * Counter and byte-table traces for the given steps (the last row's step is not a transition:
 * neither counted nor looked up); `weight(i)` is what row i's lookup counts for in the byte
 * table's multiplicity column (1 for an honest prover).
 */
function rangedCounter(steps: readonly number[], weight: (i: number) => Felt = () => 1) {
  const n = steps.length;
  const counter = RowMajorMatrix.zeros(n, 2);
  const bytes = RowMajorMatrix.zeros(256, 1);
  let x = 0;
  for (let i = 0; i < n; i++) {
    counter.set(i, 0, x);
    counter.set(i, 1, steps[i]);
    if (i === n - 1) break;
    if (steps[i] < 256) bytes.values[steps[i]] = add(bytes.values[steps[i]], weight(i));
    x = add(x, steps[i]);
  }
  return { traces: [counter, bytes], publics: [[x], []] as Felt[][] };
}

const N = 64;
/** Transition rows whose pre-fix weights ω^i − ω^−1 (n = 64) sum to zero (a meet-in-the-middle search). */
const CANCELLING_ROWS = [1, 3, 4, 6, 7, 8, 9, 11, 13, 14, 15, 16, 17, 18, 20, 23, 25, 26, 27, 28, 29];
const BAD_STEP = 1000;
const byteSteps = () => Array.from({ length: N }, (_, i) => (i * 37 + 11) % 256);
const attackSteps = () => byteSteps().map((d, i) => (CANCELLING_ROWS.includes(i) ? BAD_STEP : d));
/** The largest output 63 byte steps can reach. */
const REACHABLE = (N - 1) * 255;

describe('(b) a byte range check through whenTransition().send', () => {
  it('honest traces verify, including one whose last (non-transition) step is not a byte', () => {
    const honest = rangedCounter(byteSteps());
    expect(debugCheck(AIRS, honest.traces, honest.publics, [])).toEqual({ ok: true });
    expect(proveAndVerify(AIRS, honest.traces, honest.publics, [], PARAMS)).toEqual({ ok: true });
    const steps = byteSteps();
    steps[N - 1] = BAD_STEP;
    const lastFree = rangedCounter(steps);
    expect(debugCheck(AIRS, lastFree.traces, lastFree.publics, [])).toEqual({ ok: true });
    expect(proveAndVerify(AIRS, lastFree.traces, lastFree.publics, [], PARAMS)).toEqual({ ok: true });
  });

  it('one out-of-range step on a transition row is rejected (bus-unbalanced)', () => {
    for (const row of [0, 5, N - 2]) {
      const steps = byteSteps();
      steps[row] = BAD_STEP;
      const t = rangedCounter(steps);
      expectRejected(AIRS, t.traces, t.publics, 'bus-unbalanced');
    }
  });

  it('out-of-range steps on rows whose pre-fix weights cancel: the honest machinery is rejected', () => {
    // The attack's premise: under the pre-fix isTransition these rows' lookups weigh nothing.
    let sum = 0;
    for (const i of CANCELLING_ROWS) sum = add(sum, PRE_FIX_SELECTORS('trans', i, N));
    expect(sum).toBe(0);
    const t = rangedCounter(attackSteps());
    expect(t.publics[0][0]).toBeGreaterThan(REACHABLE);
    expect(t.publics[0][0]).toBeLessThan(P);
    expectRejected(AIRS, t.traces, t.publics, 'bus-unbalanced');
  });

  it("the cheating prover's proof (lookups weighted ω^i − ω^−1, byte counts to match) is rejected", () => {
    // Byte-table multiplicities are the sums of the pre-fix weights, so every LogUp sum cancels
    // under the pre-fix reading; the bad step's rows cancel among themselves.
    const t = rangedCounter(attackSteps(), (i) => PRE_FIX_SELECTORS('trans', i, N));
    expect(t.publics[0][0]).toBeGreaterThan(REACHABLE);
    const d = debugCheck(AIRS, t.traces, t.publics, []);
    expect(d.ok).toBe(false);
    forgery.on = true;
    forgery.applied = 0;
    try {
      const r = proveAndVerify(AIRS, t.traces, t.publics, [], PARAMS);
      expect(forgery.applied, 'the forged aux builder ran').toBeGreaterThan(0);
      expect(r.ok, 'the forged proof verified').toBe(false);
      if (!r.ok) expect(r.kind, r.reason).toBe('ood-mismatch');
    } finally {
      forgery.on = false;
    }
  });
});
