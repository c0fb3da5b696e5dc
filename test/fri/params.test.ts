import { describe, expect, it } from 'vitest';
import {
  BLOWUP4_PARAMS,
  checkParams,
  DEFAULT_PARAMS,
  INSECURE_TEST_PARAMS,
  ParamsError,
  securityLevel,
} from '../../src/fri/params.js';

describe('security parameters', () => {
  it('gives at least 100 bits by default for traces up to 2^20 rows of degree ≤ 4', () => {
    for (const p of [DEFAULT_PARAMS, BLOWUP4_PARAMS]) {
      checkParams(p);
      const s = securityLevel(p, 20, 4);
      expect(s.queryBits).toBeGreaterThanOrEqual(100);
      expect(s.bits).toBeGreaterThanOrEqual(100);
      expect(s.bits).toBe(s.report.conjectured.bits);
    }
  });

  it('caps the level by the extension field for long traces and by the hash', () => {
    // 2^22 rows: FRI's first fold by 4 over 2^23 points, 123.63 − log2(3·(2^23 + 1)) = 99.05.
    const s = securityLevel(DEFAULT_PARAMS, 22, 4);
    expect(s.fieldBits).toBe(99);
    expect(s.bits).toBe(s.fieldBits);
    expect(securityLevel({ ...DEFAULT_PARAMS, numQueries: 200 }, 4, 2).bits).toBeLessThanOrEqual(s.hashBits);
  });

  it('keeps the test preset visibly insecure', () => {
    expect(securityLevel(INSECURE_TEST_PARAMS, 10, 4).bits).toBeLessThan(40);
  });

  it('rejects out-of-range parameters with a clear error', () => {
    expect(() => checkParams({ ...DEFAULT_PARAMS, logBlowup: 0 })).toThrow(ParamsError);
    expect(() => checkParams({ ...DEFAULT_PARAMS, numQueries: 1.5 })).toThrow(
      'numQueries = 1.5 is outside 1..512',
    );
    expect(() => checkParams({ ...DEFAULT_PARAMS, powBits: 31 })).toThrow(/powBits/);
    expect(() => checkParams({ ...DEFAULT_PARAMS, logUpPowBits: -1 })).toThrow(/logUpPowBits/);
    // The LogUp grinding is optional: parameters written before it existed still check.
    const { logUpPowBits: _, ...older } = DEFAULT_PARAMS;
    expect(() => checkParams(older)).not.toThrow();
  });
});
