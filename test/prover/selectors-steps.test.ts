// The quotient-coset selectors in one batch (selectorColumnsSteps) on a 2-thread worker pool against
// the builder as it was (JS point loop, whole-column batch inversions): the same words, for every
// blowup and for columns of one job and of several.

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkerPool } from '../../src/pool/pool.js';
import { runStepsAsync } from '../../src/pool/steps.js';
import { type SelectorColumns, selectorColumns, selectorColumnsSteps } from '../../src/prover/selectors.js';
import { liveBytes } from '../../src/wasm/memory.js';
import { legacySelectorColumns } from './helpers/legacy.js';

let pool: WorkerPool;
beforeAll(async () => {
  pool = await WorkerPool.create({ threads: 2 });
});
afterAll(async () => {
  await pool?.close();
});

const words = (s: Pick<SelectorColumns, 'isFirst' | 'isLast' | 'isTransition' | 'zhInv'>) =>
  [s.isFirst, s.isLast, s.isTransition, s.zhInv].map((v) => Array.from(v.view));

async function check(logN: number, logM: number): Promise<void> {
  const before = liveBytes();
  const legacy = legacySelectorColumns(logN, logM);
  const want = words(legacy);
  legacy.free();
  const onPool = await runStepsAsync(selectorColumnsSteps(logN, logM), pool);
  const got = words(onPool);
  onPool.free();
  // Whole-array equality is slow to diff on failure; compare column by column.
  for (let k = 0; k < 4; k++)
    expect(got[k].length === want[k].length && got[k].every((x, i) => x === want[k][i])).toBe(true);
  const sync = selectorColumns(logN, logM);
  const again = words(sync);
  sync.free();
  for (let k = 0; k < 4; k++) expect(again[k].every((x, i) => x === want[k][i])).toBe(true);
  expect(liveBytes()).toBe(before);
}

describe('selectorColumnsSteps on a 2-thread pool', () => {
  it('equals the legacy selectors on small domains, every blowup up to 2^4', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 2, max: 10 }), fc.integer({ min: 0, max: 4 }), async (logN, ext) => {
        await check(logN, logN + ext);
      }),
      { numRuns: 30 },
    );
  });

  it('equals the legacy selectors over several jobs (2^17 and 2^19 points)', async () => {
    await check(16, 17);
    await check(15, 19);
  }, 60_000);
});
