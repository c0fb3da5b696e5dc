// Bus contributions from the statement (for example a program's output bytes) are part of the
// claim: a proof holds for exactly the contributions it was made with.
import { describe, expect, it } from 'vitest';
import { BYTE_BUS, byteTableAir, counterAir, counterTraces } from '../../src/air/examples/counter.js';
import { INSECURE_TEST_PARAMS } from '../../src/fri/params.js';
import { prepareAir, proveTables, verifyAirs } from './helpers/engine.js';



describe('statement bus contributions', () => {
  const c = counterTraces([1, 2, 3, 4, 5, 6, 7, 8]);
  c.bytes.values[7]++; // the table serves one more lookup of 7 ...
  const contributions = [{ busId: BYTE_BUS.id, values: [7], multiplicity: 1 }]; // ... made by the statement
  const tables = [
    { air: counterAir, trace: c.counter, publics: c.publics },
    { air: byteTableAir, trace: c.bytes },
  ];
  const airs = [counterAir, byteTableAir];
  const publics = [c.publics, []];
  const { proof } = proveTables(tables, INSECURE_TEST_PARAMS, { contributions });

  it('verify with the contributions the proof was made with', () => {
    expect(verifyAirs(airs, { publics, contributions }, proof, INSECURE_TEST_PARAMS)).toMatchObject({ ok: true });
  });

  it('reject other or missing contributions', () => {
    for (const other of [
      [],
      [{ busId: BYTE_BUS.id, values: [8], multiplicity: 1 }],
      [...contributions, ...contributions],
    ]) {
      const r = verifyAirs(airs, { publics, contributions: other }, proof, INSECURE_TEST_PARAMS);
      expect(r.ok).toBe(false);
    }
  });

  it('reject a proof made without them, even when the bus balances for the claimed ones', () => {
    // Made without contributions: the byte table's extra 7 is then unbalanced, whatever is claimed.
    const bare = proveTables(tables, INSECURE_TEST_PARAMS).proof;
    expect(verifyAirs(airs, { publics, contributions }, bare, INSECURE_TEST_PARAMS).ok).toBe(false);
  });
});
