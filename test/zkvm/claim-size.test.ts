// A receipt whose claim carries more I/O than its proof can hold is refused before the verifier
// builds one bus tuple per claimed byte (review finding: 8 MiB of claimed input took minutes).

import { describe, expect, it } from 'vitest';
import { decodeReceipt, encodeReceipt, proveElf, verifyReceipt } from '../../src/zkvm/index.js';
import { echoElf } from './helpers.js';

describe('claim size', () => {
  it('a claim with more I/O than the io table carries is invalid-proof, fast', () => {
    const proved = proveElf(echoElf(7), Uint8Array.from([1, 2, 3]), { preset: 'fast' });
    const r = decodeReceipt(proved.receipt);
    const big = encodeReceipt({ ...r, claim: { ...r.claim, input: new Uint8Array(8 << 20) } });
    const t0 = performance.now();
    const v = verifyReceipt(big, { allowInsecure: true });
    expect(v).toMatchObject({ ok: false, kind: 'invalid-proof' });
    expect(performance.now() - t0).toBeLessThan(5_000);
  });
});
