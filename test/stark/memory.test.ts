// Proving and verifying free every wasm block they allocate: a service that proves many times
// must not grow its wasm memory. (Twiddle tables are cached on first use, hence the warm-up.)
import { describe, expect, it } from 'vitest';
import { byteTableAir, counterAir, counterTraces } from '../../src/air/examples/counter.js';
import { mimcAir, mimcTrace } from '../../src/air/examples/mimc.js';
import { INSECURE_TEST_PARAMS } from '../../src/fri/params.js';

import { liveBytes } from '../../src/wasm/memory.js';
import { proveTables, verifyAirs } from './helpers/engine.js';

describe('wasm memory across proofs', () => {
  it('returns to the same live size after each prove and verify', () => {
    const c = counterTraces(Array.from({ length: 64 }, (_, i) => i % 256));
    const m = mimcTrace(128, 1);
    const tables = [
      { air: counterAir, trace: c.counter, publics: c.publics },
      { air: byteTableAir, trace: c.bytes },
      { air: mimcAir(128), trace: m.trace, publics: m.publics },
    ];
    const airs = tables.map((t) => t.air);
    const publics = tables.map((t) => [...(t.publics ?? [])]);
    const once = () => {
      const { proof } = proveTables(tables, INSECURE_TEST_PARAMS);
      expect(verifyAirs(airs, { publics }, proof, INSECURE_TEST_PARAMS).ok).toBe(true);
    };
    once();
    const before = liveBytes();
    once();
    once();
    expect(liveBytes()).toBe(before);
  });
});
