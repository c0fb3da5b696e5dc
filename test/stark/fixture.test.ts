// Golden proof: proving is deterministic, so a fixed trace and parameters give fixed bytes. A
// change to the protocol, transcript or format changes them and fails here on purpose; after a
// deliberate change, regenerate with UPDATE_FIXTURES=1 and bump PROOF_FORMAT_VERSION if old
// proofs no longer verify.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { byteTableAir, counterAir, counterTraces } from '../../src/air/examples/counter.js';
import { INSECURE_TEST_PARAMS } from '../../src/fri/params.js';
import { proveTables, verifyAirs } from './helpers/engine.js';

const FIXTURE = resolve(__dirname, '../fixtures/counter-2^5.insecure.proof');

describe('golden proof fixture', () => {
  const c = counterTraces(Array.from({ length: 32 }, (_, i) => (i * 29) % 256));
  const tables = [
    { air: counterAir, trace: c.counter, publics: c.publics },
    { air: byteTableAir, trace: c.bytes },
  ];

  it('proving gives the same bytes as the fixture, and the fixture verifies', () => {
    const { proof } = proveTables(tables, INSECURE_TEST_PARAMS);
    if (process.env.UPDATE_FIXTURES === '1') writeFileSync(FIXTURE, proof);
    expect(existsSync(FIXTURE), `missing ${FIXTURE}`).toBe(true);
    const golden = new Uint8Array(readFileSync(FIXTURE));
    expect(Buffer.from(proof).equals(Buffer.from(golden))).toBe(true);
    const r = verifyAirs(
      [counterAir, byteTableAir],
      { publics: [c.publics, []] },
      golden,
      INSECURE_TEST_PARAMS,
    );
    expect(r.ok).toBe(true);
  });
});
