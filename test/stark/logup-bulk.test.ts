// The prover's bulk LogUp builder (interpreter + wasm batch inversion) against the row-by-row
// oracle in src/air/logup-trace.ts: identical columns and totals, bit for bit.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { byteTableAir, counterAir, counterTraces } from '../../src/air/examples/counter.js';
import type { Air } from '../../src/air/index.js';
import { buildLogUpTrace } from '../../src/air/logup-trace.js';
import { buildLogUpColumns } from '../../src/prover/logup-trace.js';
import { columnsToWasm } from '../../src/stark/columns.js';
import { prepareAir } from './helpers/engine.js';

describe('bulk LogUp aux trace', () => {
  it('equals the row-by-row oracle on sends and receives, with and without preprocessed columns', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 4, maxLength: 64 }),
        fc.array(fc.integer({ min: 0, max: 0x77ffffff }), { minLength: 8, maxLength: 8 }),
        (raw, ch) => {
          const steps = raw.slice(0, 2 ** Math.floor(Math.log2(raw.length)));
          const c = counterTraces(steps);
          const beta = Uint32Array.from(ch.slice(0, 4));
          const gamma = Uint32Array.from(ch.slice(4));
          for (const [air, trace, publics] of [
            [counterAir, c.counter, c.publics],
            [byteTableAir, c.bytes, []],
          ] as const) {
            const p = prepareAir(air as Air);
            const preM = (air as Air).preprocessedTrace?.();
            const oracle = buildLogUpTrace(p.built, trace, preM, publics, beta, gamma);
            const main = columnsToWasm(trace);
            const pre = preM ? columnsToWasm(preM) : [];
            const bulk = buildLogUpColumns(p.built, main, pre, publics, beta, gamma);
            expect(Array.from(bulk.total)).toEqual(Array.from(oracle.total));
            expect(bulk.columns.length).toBe(oracle.columns.length);
            bulk.columns.forEach((col, k) => {
              expect(Array.from(col.view)).toEqual(Array.from(oracle.columns[k]));
            });
            for (const v of [...main, ...pre, ...bulk.columns]) v.free();
          }
        },
      ),
      { numRuns: 20 },
    );
  });
});
