// The layout and helper kernels of kernels/copy.ts against plain loops, at every alignment and
// tail length: SoA ↔ AoS, periodic fill, constant add, prefix sum, flagged batch inversion.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { add, P } from '../../src/field/babybear.js';
import { extInv } from '../../src/field/ext.js';
import { kernels } from '../../src/wasm/kernels.js';
import { WasmVec } from '../../src/wasm/memory.js';

const felts = (len: number) =>
  fc.array(fc.integer({ min: 0, max: P - 1 }), { minLength: len, maxLength: len });

function withVecs<T>(lens: number[], f: (...v: WasmVec[]) => T): T {
  const vs = lens.map((l) => new WasmVec(Math.max(1, l)));
  try {
    return f(...vs);
  } finally {
    for (const v of vs) v.free();
  }
}

describe('copy kernels', () => {
  it('soaToAos and aosToSoa move points [start, start + count) and nothing else', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 40 })
          .chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n }), felts(4 * n))),
        fc.integer({ min: 0, max: 40 }),
        ([n, start, soa], countWish) => {
          const count = Math.min(countWish, n - start);
          withVecs([4 * n, 4 * count + 4, 4 * count + 4], (src, aos, back) => {
            src.view.set(soa);
            aos.view.fill(0xdeadbeef);
            kernels().soaToAos(aos.ptr, src.ptr, n, start, count);
            const want: number[] = [];
            for (let i = start; i < start + count; i++) for (let c = 0; c < 4; c++) want.push(soa[c * n + i]);
            expect(Array.from(aos.view.subarray(0, 4 * count))).toEqual(want);
            expect(Array.from(aos.view.subarray(4 * count))).toEqual([
              0xdeadbeef, 0xdeadbeef, 0xdeadbeef, 0xdeadbeef,
            ]);
            back.view.fill(7);
            const d = (c: number) => back.ptr + 4 * c * (count + 1);
            kernels().aosToSoa(d(0), d(1), d(2), d(3), aos.ptr, count);
            for (let c = 0; c < 4; c++) {
              const row = back.view.subarray(c * (count + 1), (c + 1) * (count + 1));
              expect(Array.from(row.subarray(0, count))).toEqual(
                soa.slice(c * n + start, c * n + start + count),
              );
              expect(row[count]).toBe(7);
            }
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('tileWords, vecAddConst and vecPrefixSum', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }).chain((period) => fc.tuple(fc.constant(period), felts(period))),
        fc.integer({ min: 0, max: 50 }),
        fc.integer({ min: 0, max: 37 }),
        fc.integer({ min: 0, max: P - 1 }),
        ([period, pattern], start, count, c) => {
          withVecs([period, count + 1, count + 1, 1], (pat, dst, sum, total) => {
            pat.view.set(pattern);
            kernels().tileWords(dst.ptr, pat.ptr, period, start, count);
            const tiled = Array.from({ length: count }, (_, k) => pattern[(start + k) % period]);
            expect(Array.from(dst.view.subarray(0, count))).toEqual(tiled);
            kernels().vecAddConst(sum.ptr, dst.ptr, c, count);
            const plus = tiled.map((x) => add(x, c));
            expect(Array.from(sum.view.subarray(0, count))).toEqual(plus);
            kernels().vecPrefixSum(sum.ptr, count, total.ptr);
            let s = 0;
            const prefix = plus.map((x) => (s = add(s, x)));
            expect(Array.from(sum.view.subarray(0, count))).toEqual(prefix);
            expect(total.view[0]).toBe(s);
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('extVecBatchInverseFlag inverts, and sets the flag word only on a zero element', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }).chain((n) => fc.tuple(fc.constant(n), felts(4 * n))),
        fc.option(fc.nat(), { nil: undefined }),
        ([n, a], zeroAt) => {
          for (let i = 0; i < n; i++) if (a.slice(4 * i, 4 * i + 4).every((x) => x === 0)) a[4 * i] = 1;
          if (zeroAt !== undefined) a.fill(0, 4 * (zeroAt % n), 4 * (zeroAt % n) + 4);
          withVecs([4 * n, 4 * n, 1], (src, dst, flag) => {
            src.view.set(a);
            flag.view[0] = 0;
            kernels().extVecBatchInverseFlag(dst.ptr, src.ptr, n, flag.ptr);
            expect(flag.view[0]).toBe(zeroAt === undefined ? 0 : 1);
            if (zeroAt === undefined) {
              for (let i = 0; i < n; i++)
                expect(Array.from(dst.view.subarray(4 * i, 4 * i + 4))).toEqual(
                  Array.from(extInv(Uint32Array.from(a.slice(4 * i, 4 * i + 4)))),
                );
            }
          });
        },
      ),
      { numRuns: 100 },
    );
  });
});
