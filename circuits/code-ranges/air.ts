// The code-gaps chip (preprocessed): the complement of the ELF's executable ranges, so that a
// read ECALL can prove its whole requested buffer [buf, buf + a2) neither wraps past 2^32 nor
// touches code (the executor's -EFAULT rule, src/vm/syscalls.ts `badBuffer`).
//
// Rows: the maximal intervals [start, last] (inclusive, so that `last` = 2^32 − 1 fits two limbs)
// of [0, 2^32) that hold no executable byte, from `executableRanges` (merged, sorted, disjoint):
// for k ranges there are at most k + 1 gaps (none before a range that starts at 0, none after
// one that ends at 2^32). The table has a fixed height CODE_GAP_ROWS = 8, so at most 7
// executable ranges (8 gaps); buildMachine refuses larger ELFs with CircuitError
// 'unsupported-program'. Padding rows are all zero with real = 0.
//
// Each row sends CODE_GAP (start_lo, start_hi, last_lo, last_hi, real) with the main column
// `mult`. The ECALL row receives (…, 1) — so never a padding row — and proves
// start ≤ buf and buf + a2 − 1 ≤ last (circuits/ecall/air.ts).
//
// Why this is enough: an interval I = [buf, buf + a2) with a2 ≥ 1 is connected, so it avoids the
// union of the executable ranges iff it lies inside one connected component of the complement,
// i.e. inside one maximal gap; and last ≤ 2^32 − 1 gives buf + a2 ≤ 2^32 (no wrap). Both
// comparisons are integer inequalities (no field wrap, see the ECALL chip).
//
// Binding: the rows are fixed columns, committed in the preprocessed root, which is in the
// verifying key and so in the image id. The height is constant, so the key template
// (circuits/machine/keys.ts, built from a placeholder program) has the right height for every
// program, and `eval` reads only columns: no constraint depends on the program's content.

import { type Air, RowMajorMatrix } from '../../src/air/index.js';
import { CODE_GAP } from '../buses.js';
import { CircuitError } from '../machine/errors.js';
import { codeGapMain, codeGapPre } from './columns.js';

export const CODE_GAP_ROWS = 8;
export const CODE_GAPS_TABLE = 'code-gaps';

export type CodeGapAir = Air<typeof codeGapMain.spec, typeof codeGapPre.spec>;

/** Inclusive [start, last] gaps of [0, 2^32) between the sorted, merged, non-empty ranges. */
export function codeGaps(ranges: ReadonlyArray<readonly [number, number]>): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let next = 0;
  for (const [s, e] of ranges) {
    if (s > next) out.push([next, s - 1]);
    next = Math.max(next, e);
  }
  if (next < 2 ** 32) out.push([next, 2 ** 32 - 1]);
  if (out.length > CODE_GAP_ROWS)
    throw new CircuitError(
      'unsupported-program',
      `the ELF has ${ranges.length} executable ranges (${out.length} gaps between them); the circuits support at most ${CODE_GAP_ROWS - 1} (the code-gaps table has ${CODE_GAP_ROWS} rows)`,
    );
  return out;
}

/** Index of the gap that holds [buf, buf + n) (n ≥ 1), or −1 (the executor returns -EFAULT). */
export function gapOf(gaps: ReadonlyArray<readonly [number, number]>, buf: number, n: number): number {
  for (let i = 0; i < gaps.length; i++) if (gaps[i][0] <= buf && buf + n - 1 <= gaps[i][1]) return i;
  return -1;
}

/**
 * The gap a read row claims: the one holding its buffer; for a forged record (tests only: the
 * executor answers -EFAULT there, and witness generation refuses -EFAULT) the last gap starting
 * at or below buf, whose bounds the ECALL constraints then reject.
 */
export function claimedGap(gaps: ReadonlyArray<readonly [number, number]>, buf: number, n: number): number {
  const i = gapOf(gaps, buf, n);
  if (i >= 0) return i;
  let j = 0;
  for (let g = 0; g < gaps.length; g++) if (gaps[g][0] <= buf) j = g;
  return j;
}

export function codeGapsAir(gaps: ReadonlyArray<readonly [number, number]>): CodeGapAir {
  let fixed: RowMajorMatrix | undefined;
  return {
    name: CODE_GAPS_TABLE,
    main: codeGapMain,
    preprocessed: codeGapPre,
    preprocessedTrace() {
      if (fixed === undefined) {
        fixed = RowMajorMatrix.zeros(CODE_GAP_ROWS, codeGapPre.width);
        const o = codeGapPre.offset;
        gaps.forEach(([s, l], i) => {
          const row = fixed?.row(i) as Uint32Array;
          row[o.start] = s & 0xffff;
          row[o.start + 1] = s >>> 16;
          row[o.last] = l & 0xffff;
          row[o.last + 1] = l >>> 16;
          row[o.real] = 1;
        });
      }
      return fixed;
    },
    eval(b) {
      const p = b.preLocal;
      b.send(CODE_GAP, [p.start[0], p.start[1], p.last[0], p.last[1], p.real], b.local.mult, 'code gap');
    },
  };
}

/** The main column: per gap, the read ECALLs with a2 ≠ 0 whose buffer it holds (claimedGap). */
export function codeGapsTrace(
  gaps: ReadonlyArray<readonly [number, number]>,
  reads: ReadonlyArray<readonly [number, number]>,
): RowMajorMatrix {
  const m = RowMajorMatrix.zeros(CODE_GAP_ROWS, 1);
  for (const [buf, n] of reads) if (n !== 0) m.values[claimedGap(gaps, buf, n)]++;
  return m;
}
