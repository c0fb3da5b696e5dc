// The prover refuses a trace with a value that is not a canonical field element (≥ p), naming the
// chip, row and column, on one thread and on a pool alike, and leaks no wasm memory doing so.

import { describe, expect, it } from 'vitest';
import { fibonacciAir, fibonacciTrace } from '../../src/air/examples/fibonacci.js';
import { RowMajorMatrix } from '../../src/air/matrix.js';
import { INSECURE_TEST_PARAMS } from '../../src/fri/params.js';
import { WorkerPool } from '../../src/pool/pool.js';
import { prove, proveAsync, setup } from '../../src/prover/index.js';
import { StarkError } from '../../src/stark/errors.js';
import { liveBytes } from '../../src/wasm/memory.js';

const P = 0x78000001;

describe('non-canonical trace values', () => {
  it('are refused with the row and column, inline and on a pool', async () => {
    const { provingKey } = setup([fibonacciAir], INSECURE_TEST_PARAMS);
    const f = fibonacciTrace(64);
    const values = f.trace.values.slice();
    values[37 * f.trace.width + 1] = P; // row 37, column 1
    const bad = [{ trace: new RowMajorMatrix(values, f.trace.width), publics: f.publics }];
    prove(provingKey, [{ trace: f.trace, publics: f.publics }]); // twiddles and caches warm
    const before = liveBytes();
    const err = (() => {
      try {
        prove(provingKey, bad);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(StarkError);
    expect((err as StarkError).kind).toBe('bad-witness');
    expect(String((err as Error).message)).toMatch(
      /trace value 2013265921 is not below p \(row 37, column 1\)/,
    );
    expect(liveBytes()).toBe(before);
    const pool = await WorkerPool.create({ threads: 2 });
    try {
      await expect(proveAsync(provingKey, bad, { pool })).rejects.toThrow(/row 37, column 1/);
    } finally {
      await pool.close();
    }
  });
});
