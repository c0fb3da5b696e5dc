import { describe, expect, it } from 'vitest';
import { byteTableAir, counterAir, counterTraces } from '../../src/air/examples/counter.js';
import { fibonacciAir, fibonacciTrace } from '../../src/air/examples/fibonacci.js';
import { mimcAir, mimcTrace } from '../../src/air/examples/mimc.js';
import type { Air } from '../../src/air/index.js';
import { INSECURE_TEST_PARAMS, type StarkParams } from '../../src/fri/params.js';
import type { AirTable as TableWitnessInput } from './helpers/engine.js';
import { proveTables, verifyAirs } from './helpers/engine.js';

const P = INSECURE_TEST_PARAMS;

function roundTrip(tables: TableWitnessInput[], params: StarkParams = P) {
  const { proof } = proveTables(tables, params);
  const res = verifyAirs(
    tables.map((t) => t.air as Air),
    { publics: tables.map((t) => [...(t.publics ?? [])]) },
    proof,
    params,
  );
  return { proof, res };
}

describe('end-to-end STARK', () => {
  it('proves and verifies fibonacci, mimc and the two-table counter', () => {
    const f = fibonacciTrace(64);
    const a = roundTrip([{ air: fibonacciAir, trace: f.trace, publics: f.publics }]);
    expect(a.res).toMatchObject({ ok: true });
    const m = mimcTrace(128, 3);
    expect(roundTrip([{ air: mimcAir(128), trace: m.trace, publics: m.publics }]).res).toMatchObject({
      ok: true,
    });
    const c = counterTraces(Array.from({ length: 64 }, (_, i) => (i * 11) % 256));
    const r = roundTrip([
      { air: counterAir, trace: c.counter, publics: c.publics },
      { air: byteTableAir, trace: c.bytes },
    ]);
    expect(r.res).toMatchObject({ ok: true });
  });
});
