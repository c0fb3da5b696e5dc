import { describe, expect, it } from 'vitest';
import { FriError } from '../../src/fri/errors.js';
import { DEFAULT_PARAMS, INSECURE_TEST_PARAMS, ParamsError } from '../../src/fri/params.js';

/** The default parameters with binary folding, which these schedules spell out. */
const A2 = { ...DEFAULT_PARAMS, logFoldingArity: 1 };

import { friShape } from '../../src/fri/shape.js';

const sched = (s: ReturnType<typeof friShape>) => s.layers.map((l) => [l.logN, l.logArity, l.rollIn]);

describe('FRI shape', () => {
  it('folds by the arity down to 2^(finalPolyLogDegree + logBlowup)', () => {
    const s = friShape(A2, [21]);
    expect(s.layers.length).toBe(21 - 4);
    expect(s.logFinalN).toBe(4);
    expect(s.finalLogDegree).toBe(3);
    const p8 = { ...DEFAULT_PARAMS, logFoldingArity: 3 };
    // 21 → 18 → 15 → 12 → 9 → 6 → 4 (the last step folds by 4 only).
    expect(sched(friShape(p8, [21]))).toEqual([
      [21, 3, false],
      [18, 3, false],
      [15, 3, false],
      [12, 3, false],
      [9, 3, false],
      [6, 2, false],
    ]);
  });

  it('stops at every input size to roll it in, and sorts the sizes', () => {
    const p8 = { ...INSECURE_TEST_PARAMS, logFoldingArity: 3, finalPolyLogDegree: 1, logBlowup: 1 };
    const s = friShape(p8, [5, 12, 10]);
    expect(s.logSizes).toEqual([12, 10, 5]);
    expect(sched(s)).toEqual([
      [12, 2, true],
      [10, 3, false],
      [7, 2, true],
      [5, 3, false],
    ]);
    expect(s.logFinalN).toBe(2);
  });

  it('lowers the final degree to the smallest input and allows no layers at all', () => {
    const s = friShape({ ...A2, finalPolyLogDegree: 5 }, [9, 3]);
    expect(s.finalLogDegree).toBe(2);
    expect(s.logFinalN).toBe(3);
    expect(sched(s).at(-1)).toEqual([4, 1, true]);
    const none = friShape(A2, [3]);
    expect(none.layers).toEqual([]);
    expect(none.finalLogDegree).toBe(2);
  });

  it('rejects bad sizes and parameters with typed errors', () => {
    const bad = (f: () => unknown, msg: RegExp) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(FriError);
        expect((e as FriError).kind).toBe('bad-shape');
        expect((e as Error).message).toMatch(msg);
        return;
      }
      throw new Error('did not throw');
    };
    bad(() => friShape(DEFAULT_PARAMS, []), /expected 1\.\.27 input sizes, got 0/);
    bad(() => friShape(DEFAULT_PARAMS, [10, 10]), /two inputs have log size 10/);
    bad(() => friShape(DEFAULT_PARAMS, [0]), /input log size 0 is outside 1\.\.27/);
    bad(() => friShape(DEFAULT_PARAMS, [28]), /outside/);
    bad(() => friShape(DEFAULT_PARAMS, [3.5]), /outside/);
    expect(() => friShape({ ...DEFAULT_PARAMS, logFoldingArity: 0 }, [10])).toThrow(ParamsError);
  });
});
