// SLL/SLLI (alu-shift-left) and SRL/SRA/SRLI/SRAI (alu-shift-right).
//
// The shift amount is s = t + 8·B with t ∈ [0, 8) (three bits) and B ∈ [0, 4) (one-hot), and
// amount_lo = s + 32·q with q ∈ RANGE16, where amount = rs2 (R-forms) or imm (the shamt). As
// amount_lo < 2^16, s < 32 and q < 2^16, this integer equation has the one solution
// s = amount mod 32 (the low 5 bits of rs2, as RV32 specifies).
//
// Bit step: K = 2^t (left) or 2^(8−t) (right), forced by the bits through P and K. Each limb
// x_i (canonical, from MEMORY) is multiplied by K and written in bytes:
//   x_i·K = lo_i + 2^8·mid_i + 2^16·top_i,   lo, mid, top ∈ [0, 256) (three BYTE_OP range pairs).
// Both sides are integers < 2^24 < p, so this is the unique base-256 expansion of x_i·K:
//   left  (K = 2^t):     x << t has bytes w = [lo_0, mid_0, lo_1 + top_0, mid_1]
//   right (K = 2^(8−t)): x >> t has bytes w = [mid_0, top_0 + lo_1, mid_1, top_1 + fill]
// (lo_1 is a multiple of K and top_0 < K, so the sums are bitwise-disjoint bytes; for SRA
// fill = sign·(256 − K) sets the top t bits of the word).
// Byte step: the result's bytes are r_j = w_{j−B} (left, 0 below) or w_{j+B} (right, 255·sign
// above), selected by the one-hot B: rd = Σ_B [B]·(bytes), degree 2. Every r_j < 256, so the
// result limbs r_0 + 2^8·r_1, r_2 + 2^8·r_3 are canonical without a RANGE16 check.
// sign (right): 2·x_hi − 2^16·sign ∈ RANGE16 on SRA rows forces sign = x's top bit (the argument
// in gadgets/lt32.ts); sign = 0 on SRL rows.
//
// All constraints hold on all-zero padding rows (P and K are written with isReal in place of
// 1), and every multiplicity is a selector sum.

import type { Air, AirBuilder, Expr } from '../../src/air/index.js';
import { Op } from '../../src/vm/index.js';
import { byteRange } from '../byte/lookup.js';
import { evalInstruction } from '../gadgets/instruction.js';
import { rangeCheck16 } from '../gadgets/range.js';
import { evalOpcodeSelectors } from '../gadgets/selectors.js';
import { shiftLeftCols, shiftRightCols } from './columns.js';

interface ShiftCols {
  rs1Val: Expr[];
  rs2Val: Expr[];
  rdVal: Expr[];
  imm: Expr[];
  tBit: Expr[];
  pow: Expr[];
  byteShift: Expr[];
  amtHi: Expr;
  lo: Expr[];
  mid: Expr[];
  top: Expr[];
}

// biome-ignore lint/suspicious/noExplicitAny: shared by both chips' builders
type B = AirBuilder<any, any>;

/** The shared constraints; returns the result bytes r_0..r_3 given the word bytes w (per chip). */
function evalShift(
  b: B,
  c: ShiftCols,
  isReal: Expr,
  isReg: Expr,
  isImm: Expr,
  right: boolean,
  w: (c: ShiftCols) => Expr[],
  fillByte: Expr,
): void {
  const [t0, t1, t2] = c.tBit;
  b.assertBool(t0, 't bit 0 is a bit');
  b.assertBool(t1, 't bit 1 is a bit');
  b.assertBool(t2, 't bit 2 is a bit');
  c.byteShift.forEach((x, i) => {
    b.assertBool(x, `[B = ${i}] is a bit`);
  });
  b.assertEq(
    c.byteShift[0].add(c.byteShift[1]).add(c.byteShift[2]).add(c.byteShift[3]),
    isReal,
    'B is one-hot on real rows',
  );
  const [P, K] = c.pow;
  if (right) {
    // P = 2^(1 − t0)·2^(2 − 2·t1), K = 2·P·2^(4 − 4·t2) = 2^(8 − t).
    b.assertEq(
      P,
      isReal
        .mul(2)
        .sub(t0)
        .mul(isReal.mul(4).sub(t1.mul(3))),
      'P = 2^(3 − t0 − 2·t1)',
    );
    b.assertEq(K, P.mul(2).mul(isReal.mul(16).sub(t2.mul(15))), 'K = 2^(8 − t)');
  } else {
    // P = 2^t0·2^(2·t1), K = P·2^(4·t2) = 2^t.
    b.assertEq(P, isReal.add(t0).mul(isReal.add(t1.mul(3))), 'P = 2^(t0 + 2·t1)');
    b.assertEq(K, P.mul(isReal.add(t2.mul(15))), 'K = 2^t');
  }
  // amount_lo = s + 32·q, s = t + 8·B: the shift amount is the low 5 bits of rs2 / the shamt.
  const s = t0
    .add(t1.mul(2))
    .add(t2.mul(4))
    .add(c.byteShift[1].mul(8))
    .add(c.byteShift[2].mul(16))
    .add(c.byteShift[3].mul(24));
  b.assertEq(isReg.mul(c.rs2Val[0]).add(isImm.mul(c.imm[0])), s.add(c.amtHi.mul(32)), 'amount_lo = s + 32·q');
  rangeCheck16(b, c.amtHi, isReal, 'q < 2^16');
  for (const i of [0, 1]) {
    // x_i·K in bytes.
    b.assertEq(
      c.rs1Val[i].mul(K),
      c.lo[i].add(c.mid[i].mul(256)).add(c.top[i].mul(65536)),
      `x·K = lo + 2^8·mid + 2^16·top (${i === 0 ? 'lo' : 'hi'} limb)`,
    );
  }
  byteRange(b, c.lo[0], c.lo[1], isReal, 'lo bytes');
  byteRange(b, c.mid[0], c.mid[1], isReal, 'mid bytes');
  byteRange(b, c.top[0], c.top[1], isReal, 'top bytes');
  // Result bytes: r_j = w_{j∓B}, 0 / fill outside the word.
  const wb = w(c);
  const zero = b.const(0);
  const r = [0, 1, 2, 3].map((j) =>
    c.byteShift
      .map((beta, B) => {
        const src = right ? j + B : j - B;
        return beta.mul(src >= 0 && src < 4 ? wb[src] : right ? fillByte : zero);
      })
      .reduce((acc, x) => acc.add(x)),
  );
  b.assertEq(c.rdVal[0], r[0].add(r[1].mul(256)), 'rd_lo = r_0 + 2^8·r_1');
  b.assertEq(c.rdVal[1], r[2].add(r[3].mul(256)), 'rd_hi = r_2 + 2^8·r_3');
}

export const shiftLeftAir: Air<typeof shiftLeftCols.spec> = {
  name: 'alu-shift-left',
  main: shiftLeftCols,
  eval(b) {
    const c = b.local;
    const isReal = evalOpcodeSelectors(b, { isSll: c.isSll, isSlli: c.isSlli });
    // x << t = [lo_0, mid_0, lo_1 + top_0, mid_1] (top_1 leaves the word).
    evalShift(
      b,
      c,
      isReal,
      c.isSll,
      c.isSlli,
      false,
      (x) => [x.lo[0], x.mid[0], x.lo[1].add(x.top[0]), x.mid[1]],
      b.const(0),
    );
    evalInstruction(b, c, {
      isReal,
      op: c.isSll.mul(Op.SLL).add(c.isSlli.mul(Op.SLLI)),
      rs1: isReal,
      rs2: c.isSll,
      rd: true,
    });
  },
};

export const shiftRightAir: Air<typeof shiftRightCols.spec> = {
  name: 'alu-shift-right',
  main: shiftRightCols,
  eval(b) {
    const c = b.local;
    const isReal = evalOpcodeSelectors(b, {
      isSrl: c.isSrl,
      isSra: c.isSra,
      isSrli: c.isSrli,
      isSrai: c.isSrai,
    });
    const isArith = c.isSra.add(c.isSrai);
    // sign = x's top bit on SRA rows, 0 on SRL rows.
    b.assertBool(c.sign, 'sign is a bit');
    b.assertZero(c.sign.mul(c.isSrl.add(c.isSrli)), 'SRL: sign = 0');
    rangeCheck16(b, c.rs1Val[1].mul(2).sub(c.sign.mul(65536)), isArith, 'sign = top bit of x');
    // fill = sign·(256 − K): the top t bits of the top byte of x >> t.
    b.assertEq(c.fill, c.sign.mul(b.const(256).sub(c.pow[1])), 'fill = sign·(256 − K)');
    // x >> t = [mid_0, top_0 + lo_1, mid_1, top_1 + fill] (lo_0 leaves the word).
    evalShift(
      b,
      c,
      isReal,
      c.isSrl.add(c.isSra),
      c.isSrli.add(c.isSrai),
      true,
      (x) => [x.mid[0], x.top[0].add(x.lo[1]), x.mid[1], x.top[1].add(c.fill)],
      c.sign.mul(255),
    );
    evalInstruction(b, c, {
      isReal,
      op: c.isSrl.mul(Op.SRL).add(c.isSra.mul(Op.SRA)).add(c.isSrli.mul(Op.SRLI)).add(c.isSrai.mul(Op.SRAI)),
      rs1: isReal,
      rs2: c.isSrl.add(c.isSra),
      rd: true,
    });
  },
};
