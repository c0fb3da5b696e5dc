// Completeness: honest traces of many sizes verify under many parameter sets (arity, blowup,
// final degree, grinding), single- and multi-table, including tables of different heights.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { byteTableAir, counterAir, counterTraces } from '../../src/air/examples/counter.js';
import { fibonacciAir, fibonacciTrace } from '../../src/air/examples/fibonacci.js';
import { mimcAir, mimcTrace } from '../../src/air/examples/mimc.js';
import type { Air } from '../../src/air/index.js';
import { INSECURE_TEST_PARAMS, type StarkParams } from '../../src/fri/params.js';
import type { AirTable as TableWitnessInput } from './helpers/engine.js';
import { proveTables, verifyAirs } from './helpers/engine.js';

function roundTrip(tables: TableWitnessInput[], params: StarkParams): void {
  const { proof } = proveTables(tables, params);
  const r = verifyAirs(
    tables.map((t) => t.air as Air),
    { publics: tables.map((t) => [...(t.publics ?? [])]) },
    proof,
    params,
  );
  expect(r, JSON.stringify(params)).toMatchObject({ ok: true });
}

const paramsArb: fc.Arbitrary<StarkParams> = fc.record({
  logBlowup: fc.integer({ min: 1, max: 3 }),
  numQueries: fc.integer({ min: 2, max: 12 }),
  powBits: fc.integer({ min: 0, max: 4 }),
  logFoldingArity: fc.integer({ min: 1, max: 3 }),
  finalPolyLogDegree: fc.integer({ min: 0, max: 4 }),
});

describe('completeness', () => {
  it('every table size from 2^2 to 2^16 proves and verifies', () => {
    for (let log = 2; log <= 16; log++) {
      const f = fibonacciTrace(2 ** log);
      roundTrip([{ air: fibonacciAir, trace: f.trace, publics: f.publics }], INSECURE_TEST_PARAMS);
    }
  });

  it('random sizes and parameter sets, one to three tables of different heights', () => {
    fc.assert(
      fc.property(
        paramsArb,
        fc.integer({ min: 2, max: 10 }),
        fc.integer({ min: 2, max: 9 }),
        fc.integer({ min: 0, max: 2 ** 30 }),
        (params, logMimc, logCounter, seed) => {
          const m = mimcTrace(2 ** logMimc, seed % 1000);
          const c = counterTraces(Array.from({ length: 2 ** logCounter }, (_, i) => (seed + i * 31) % 256));
          roundTrip([{ air: mimcAir(2 ** logMimc), trace: m.trace, publics: m.publics }], params);
          roundTrip(
            [
              { air: counterAir, trace: c.counter, publics: c.publics },
              { air: byteTableAir, trace: c.bytes },
              { air: mimcAir(2 ** logMimc), trace: m.trace, publics: m.publics },
            ],
            params,
          );
        },
      ),
      { numRuns: 25 },
    );
  });
});
