// The differential property test: on random small AIRs (every builder feature: selectors as
// factors and as values, `when` on constraints, sends and receives, expression multiplicities,
// preprocessed columns, public values, next-row references, several tables of different heights,
// several buses of different arities, public bus contributions) with honest traces and random
// corruptions of them, a proof made by the honest machinery verifies EXACTLY when the debug
// checker (checkConstraints on every table, checkBuses over all tables) accepts the trace, and a
// rejection has the kind the debug verdict implies. Any disagreement is a soundness bug (the
// verifier accepts a bad trace) or a completeness bug (it rejects a good one); this is the test
// that catches selectors meaning different things to the verifier and to the debug checker.
//
// Seeded and reproducible. Widen: DIFF_SEED=<fast-check seed> DIFF_RUNS=<runs>; replay one system
// named in a failure message ("seed N: ..."): DIFF_CASE=N (the coverage checks are then skipped).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StarkParams } from '../../src/fri/params.js';
import {
  applyCorruption,
  debugCheck,
  describe as describeSystem,
  features,
  genCorruption,
  genSystem,
  honestInstance,
  type Instance,
  makeAirs,
  PRE_FIX_SELECTORS,
  proveAndVerify,
  Rng,
} from './helpers/random-air.js';

/** 40 queries at blowup 2: a false accept has probability about 2^-40 per proof. */
const PARAMS: StarkParams = {
  logBlowup: 1,
  numQueries: 40,
  powBits: 0,
  logFoldingArity: 1,
  finalPolyLogDegree: 2,
};
const SEED = Number(process.env.DIFF_SEED ?? 0x5e1ec7);
const RUNS = Number(process.env.DIFF_RUNS ?? 60);
const CASE = process.env.DIFF_CASE === undefined ? null : Number(process.env.DIFF_CASE);
const CORRUPTIONS_PER_SYSTEM = 3;

describe('differential: the verifier agrees with the debug checker', () => {
  it('on random AIRs, honest traces and corrupted ones', () => {
    const seen = new Set<string>();
    const tally = { systems: 0, accepted: 0, rejected: new Map<string, number>() };
    fc.assert(
      fc.property(CASE === null ? fc.integer({ min: 0, max: 2 ** 32 - 1 }) : fc.constant(CASE), (seed) => {
        const rng = new Rng(seed);
        const spec = genSystem(rng);
        const airs = makeAirs(spec);
        const honest = honestInstance(rng, spec);
        const system = `seed ${seed}: ${describeSystem(spec)}`;
        for (const f of features(spec, honest)) seen.add(f);

        // The generator's own check: the honest trace satisfies every constraint and bus.
        const d0 = debugCheck(airs, honest.traces, honest.publics, honest.contributions);
        expect(d0, `generator produced a trace the debug checker rejects; ${system}`).toEqual({ ok: true });
        // Completeness.
        const r0 = proveAndVerify(airs, honest.traces, honest.publics, honest.contributions, PARAMS);
        expect(r0, `honest proof rejected; ${system}`).toEqual({ ok: true });
        tally.systems++;

        const agree = (inst: Instance, what: string) => {
          const d = debugCheck(airs, inst.traces, inst.publics, inst.contributions);
          const r = proveAndVerify(airs, inst.traces, inst.publics, inst.contributions, PARAMS);
          const msg = `${what}; debug ${JSON.stringify(d)}; ${system}`;
          if (d.ok) {
            // Invisible to the checker (an unconstrained cell, a row a selector switches off, a
            // multiplicity under a zero flag...): the verifier must accept too.
            expect(r, `verifier rejected a trace the debug checker accepts: ${msg}`).toEqual({ ok: true });
            tally.accepted++;
            return;
          }
          expect(r.ok, `verifier ACCEPTED a trace the debug checker rejects: ${msg}`).toBe(false);
          if (r.ok) return;
          // A prover that refuses the witness does so with a typed error (see proveAndVerify); the
          // verifier's kind is fixed by its check order (bus balance before the OOD identity).
          if (r.by === 'verifier')
            expect(r.kind, `rejection kind (${r.reason}): ${msg}`).toBe(d.expectedKind);
          const key = `${r.by}:${r.kind}`;
          tally.rejected.set(key, (tally.rejected.get(key) ?? 0) + 1);
        };

        for (let k = 0; k < CORRUPTIONS_PER_SYSTEM; k++) {
          const c = genCorruption(rng, spec, honest);
          agree(applyCorruption(honest, c), JSON.stringify(c));
        }
        // The trace a cheating prover derives when the selectors are read as the pre-fix verifier
        // read them (isLast = ω on the last row, isTransition = ω^i − ω^−1 on row i): every
        // constraint holds under that reading, so only the selectors' meaning can reject it.
        agree(honestInstance(new Rng(seed ^ 0x2545f491), spec, PRE_FIX_SELECTORS), 'pre-fix selector values');
      }),
      { seed: SEED, numRuns: CASE === null ? RUNS : 1 },
    );
    if (CASE !== null) return;

    // Not vacuous: both directions happened, and every builder feature was generated.
    const rejected = [...tally.rejected.values()].reduce((a, b) => a + b, 0);
    expect(tally.accepted, 'corruptions the checker accepts').toBeGreaterThanOrEqual(5);
    expect(tally.rejected.get('verifier:bus-unbalanced') ?? 0).toBeGreaterThanOrEqual(5);
    expect(tally.rejected.get('verifier:ood-mismatch') ?? 0).toBeGreaterThanOrEqual(5);
    const required = [
      'selector-as-value in constraint',
      'selector-as-value in multiplicity',
      'selector-as-value in bus value',
      'when-trans on constraint',
      'when-first on constraint',
      'when-last on constraint',
      'when(data) on constraint',
      'when(selector expression) on constraint',
      'when-trans on send',
      'when-first on send',
      'when-last on send',
      'when(data) on send',
      'when-trans on receive',
      'when(data) on receive',
      'multiplicity expression',
      'send',
      'receive',
      'arity 1',
      'arity 2',
      'arity 3',
      'arity 4',
      'several buses',
      'preprocessed local',
      'preprocessed next',
      'public input in an expression',
      'public output',
      'public bus contributions',
      'next-row reference',
      'tables of different heights',
      'transition via whenTransition',
      'transition via when(isTransition)',
      'transition via when(1-isLastRow)',
      'transition via isTransition*',
      'boundary first',
      'boundary wrap',
      'column const',
      'column bit',
      'column small',
      'table sink',
      'table range',
    ];
    expect(
      required.filter((f) => !seen.has(f)),
      'features never generated',
    ).toEqual([]);
    console.log(
      `differential: ${tally.systems} systems, ${tally.accepted} corrupted traces accepted by both, ` +
        `${rejected} rejected by both (${[...tally.rejected].map(([k, v]) => `${k} ${v}`).join(', ')})`,
    );
  });
});
