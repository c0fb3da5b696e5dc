// The DIV/DIVU/REM/REMU chip. a = rs1 (dividend), b = rs2 (divisor), canonical from MEMORY.
// "signed" = DIV or REM. The row witnesses the quotient q (range-checked limbs, exact bytes), a
// 64-bit extension bit qExt for it, |r| = rAbs (range-checked) and r (range-checked). Integers:
//   a_s = a − 2^32·negA, b_s = b − 2^32·negB  (negX = signX·signed: the op's reading of a, b)
//   Q = q − 2^32·qExt ∈ [−2^32, 2^32)         (qExt = 0 for unsigned ops)
//   σ_a = 1 − 2·negA, R = σ_a·rAbs            (the remainder takes a's sign)
// Constraints and why they pin the RISC-V result:
// 1. Identity (gadgets/mul64.ts, extra = σ_a·rAbs − a_ext): b_s·Q + R ≡ a_s (mod 2^64). For
//    signed ops |b_s·Q| ≤ 2^31·2^32, |R| < 2^32, |a_s| ≤ 2^31; for unsigned ops
//    0 ≤ b·Q + rAbs < 2^64 − 2^32 + 1 and a < 2^32. Either way b_s·Q + R − a_s lies strictly
//    between −2^64 and 2^64, so b_s·Q + R = a_s over the integers.
// 2. bZero ⇒ b = 0 (b's limbs are canonical, so b_lo + b_hi = 0 only for b = 0) and
//    bZero ⇒ q = 2^32 − 1. Then the identity gives R = a_s: r = a. (DIV/DIVU by zero.)
// 3. Otherwise (n = isReal − bZero = 1): |b_s| − rAbs − 1 = diff with diff two range-checked
//    limbs, so 0 ≤ rAbs < |b_s|. |R| < |b_s| with R of a's sign (or 0) and a_s = b_s·Q + R is
//    truncated division, whose Q is unique: Q = trunc(a_s / b_s) ∈ [−2^31, 2^31], and q = Q mod 2^32.
//    INT_MIN / −1 is the one case with Q = 2^31: q = 0x80000000 (qExt = 0), R = 0. A b = 0 row
//    with bZero = 0 would need rAbs < 0: impossible.
// 4. r = R mod 2^32: r_lo − σ_a·rAbs_lo = 2^16·k0, r_hi − σ_a·rAbs_hi + k0 = 2^16·k1 with bits
//    k0, k1 (|R| ≤ 2^31, so when negA the negation wraps at most once per limb).
// 5. rd = DIV/DIVU ? q : r.
// Limb equations of 3 and 4 have terms below 2^19 in absolute value: they hold over the integers.
// Every constraint has degree 2.

import type { Air } from '../../src/air/index.js';
import { Op } from '../../src/vm/index.js';
import { evalInstruction, rangeCheckWord } from '../gadgets/instruction.js';
import { evalMul64, evalWordBytes, extendBytes } from '../gadgets/mul64.js';
import { rangeCheck16 } from '../gadgets/range.js';
import { divRemCols } from './columns.js';

export const divRemAir: Air<typeof divRemCols.spec> = {
  name: 'alu-div-rem',
  main: divRemCols,
  eval(b) {
    const c = b.local;
    const isReal = c.isDiv.add(c.isDivu).add(c.isRem).add(c.isRemu);
    const signed = c.isDiv.add(c.isRem);
    const unsigned = c.isDivu.add(c.isRemu);
    b.assertBool(c.isDiv, 'isDiv is a bit');
    b.assertBool(c.isDivu, 'isDivu is a bit');
    b.assertBool(c.isRem, 'isRem is a bit');
    b.assertBool(c.isRemu, 'isRemu is a bit');
    b.assertBool(isReal, 'at most one opcode selector');
    const a = c.rs1Val;
    const d = c.rs2Val;
    // Signs: signA is a's top bit (2·(a_hi − 2^15·signA) < 2^16), signB b's (from its bytes).
    b.assertBool(c.signA, 'signA is a bit');
    b.assertBool(c.signB, 'signB is a bit');
    rangeCheck16(b, a[1].sub(c.signA.mul(1 << 15)).mul(2), isReal, 'a_hi − 2^15·signA < 2^15');
    const bBytes = evalWordBytes(b, d, c.bHi, c.signB, isReal, 'b bytes');
    // DIV and REM read a and b as signed.
    b.assertEq(c.negA, c.signA.mul(signed), 'negA = signA · signed');
    b.assertEq(c.negB, c.signB.mul(signed), 'negB = signB · signed');
    // The quotient: canonical limbs, exact bytes; its 64-bit extension only for signed ops.
    rangeCheckWord(b, c.q, isReal, 'q');
    const qBytes = evalWordBytes(b, c.q, c.qHi, null, isReal, 'q bytes');
    b.assertBool(c.qExt, 'qExt is a bit');
    b.assertZero(c.qExt.mul(unsigned), 'unsigned ⇒ qExt = 0');
    // Division by zero: q = 2^32 − 1 (and r = a, by the identity).
    b.assertBool(c.bZero, 'bZero is a bit');
    b.assertZero(c.bZero.mul(d[0].add(d[1])), 'bZero ⇒ b = 0');
    b.assertZero(c.bZero.mul(c.q[0].sub(0xffff)), 'bZero ⇒ q_lo = 0xffff');
    b.assertZero(c.bZero.mul(c.q[1].sub(0xffff)), 'bZero ⇒ q_hi = 0xffff');
    // |r| and r, canonical.
    rangeCheckWord(b, c.rAbs, isReal, '|r|');
    rangeCheckWord(b, c.r, isReal, 'r');
    const sigmaA = b.const(1).sub(c.negA.mul(2));
    const sigmaB = b.const(1).sub(c.negB.mul(2));
    // r = σ_a·|r| mod 2^32.
    b.assertBool(c.rCarry[0], 'rCarry_lo is a bit');
    b.assertBool(c.rCarry[1], 'rCarry_hi is a bit');
    b.assertEq(c.r[0].sub(sigmaA.mul(c.rAbs[0])), c.rCarry[0].mul(65536), 'r = ±|r| (lo limb)');
    b.assertEq(
      c.r[1].sub(sigmaA.mul(c.rAbs[1])).add(c.rCarry[0]),
      c.rCarry[1].mul(65536),
      'r = ±|r| (hi limb)',
    );
    // b ≠ 0 ⇒ |r| < |b|: σ_b·b_s − |r| − 1 = diff ≥ 0 (σ_b·b_s = σ_b·b + 2^32·negB).
    const n = isReal.sub(c.bZero);
    const k = c.borrow[0].add(c.borrow[1].mul(2));
    b.assertBool(c.borrow[0], 'borrow bit 0');
    b.assertBool(c.borrow[1], 'borrow bit 1');
    b.assertZero(
      sigmaB.mul(d[0]).sub(n.mul(c.rAbs[0])).sub(n).sub(c.diff[0]).add(k.mul(65536)),
      '|b| − |r| − 1 = diff (lo limb)',
    );
    b.assertZero(
      sigmaB.mul(d[1]).add(c.negB.mul(65536)).sub(n.mul(c.rAbs[1])).sub(c.diff[1]).sub(k),
      '|b| − |r| − 1 = diff (hi limb)',
    );
    rangeCheckWord(b, c.diff, isReal, 'diff');
    // b_s·Q + σ_a·|r| − a_s ≡ 0 (mod 2^64); a_s's extension limbs are 0xffff·negA.
    const aExt = c.negA.mul(0xffff);
    evalMul64(
      b,
      extendBytes(bBytes, c.negB),
      extendBytes(qBytes, c.qExt),
      [sigmaA.mul(c.rAbs[0]).sub(a[0]), sigmaA.mul(c.rAbs[1]).sub(a[1]), aExt.neg(), aExt.neg()],
      c.carry,
      isReal,
      'b·q + r = a',
    );
    // rd = DIV/DIVU ? q : r.
    const isQ = c.isDiv.add(c.isDivu);
    const isR = c.isRem.add(c.isRemu);
    b.assertEq(c.rdVal[0], isQ.mul(c.q[0]).add(isR.mul(c.r[0])), 'rd = DIV ? q : r (lo)');
    b.assertEq(c.rdVal[1], isQ.mul(c.q[1]).add(isR.mul(c.r[1])), 'rd = DIV ? q : r (hi)');
    evalInstruction(b, c, {
      isReal,
      op: c.isDiv.mul(Op.DIV).add(c.isDivu.mul(Op.DIVU)).add(c.isRem.mul(Op.REM)).add(c.isRemu.mul(Op.REMU)),
      rs1: isReal,
      rs2: isReal,
      rd: true,
    });
  },
};
