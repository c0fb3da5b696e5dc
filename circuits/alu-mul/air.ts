// The MUL/MULH/MULHSU/MULHU chip. With a = rs1, b = rs2 (canonical limbs from MEMORY):
// - a and b are split into exact bytes (6 RANGE16 lookups each, gadgets/mul64.ts), which also
//   pins signA, signB to their top bits;
// - the operands are sign-extended to 64 bits by extA = signA·(MULH + MULHSU) and
//   extB = signB·MULH (unsigned operands are zero-extended), so A = a_s mod 2^64, B = b_s mod 2^64
//   for the integer values a_s, b_s the op interprets;
// - z = (z_0, z_1, z_2, z_3) is the product's 16-bit limbs: MUL writes (z_0, z_1) = rdVal and keeps
//   (z_2, z_3) in `other`; the MULH* ops write (z_2, z_3) = rdVal and keep (z_0, z_1) in `other`.
//   All four are range-checked (rdVal here, the memory-bus rule), so the chain with extra = −z
//   (gadgets/mul64.ts) proves A·B ≡ z (mod 2^64): z is the exact 64-bit product a_s·b_s mod 2^64,
//   whose low word is MUL's result and whose high word is MULH/MULHSU/MULHU's.
// Every constraint has degree 2.

import type { Air } from '../../src/air/index.js';
import { Op } from '../../src/vm/index.js';
import { evalInstruction, rangeCheckWord } from '../gadgets/instruction.js';
import { evalMul64, evalWordBytes, extendBytes } from '../gadgets/mul64.js';
import { evalOpcodeSelectors } from '../gadgets/selectors.js';
import { mulCols } from './columns.js';

export const mulAir: Air<typeof mulCols.spec> = {
  name: 'alu-mul',
  main: mulCols,
  eval(b) {
    const c = b.local;
    const isReal = evalOpcodeSelectors(b, {
      isMul: c.isMul,
      isMulh: c.isMulh,
      isMulhsu: c.isMulhsu,
      isMulhu: c.isMulhu,
    });
    b.assertBool(c.signA, 'signA is a bit');
    b.assertBool(c.signB, 'signB is a bit');
    // a, b in exact bytes; signA, signB their top bits.
    const aBytes = evalWordBytes(b, c.rs1Val, c.aHi, c.signA, isReal, 'a bytes');
    const bBytes = evalWordBytes(b, c.rs2Val, c.bHi, c.signB, isReal, 'b bytes');
    // MULH and MULHSU read a as signed; only MULH reads b as signed.
    b.assertEq(c.extA, c.signA.mul(c.isMulh.add(c.isMulhsu)), 'extA = signA · (MULH or MULHSU)');
    b.assertEq(c.extB, c.signB.mul(c.isMulh), 'extB = signB · MULH');
    // z = MUL ? (rd, other) : (other, rd).
    const r = c.rdVal;
    const o = c.other;
    const pick = (x: (typeof r)[number], y: (typeof r)[number]) => y.add(c.isMul.mul(x.sub(y)));
    const z = [pick(r[0], o[0]), pick(r[1], o[1]), pick(o[0], r[0]), pick(o[1], r[1])];
    // a_s · b_s ≡ z (mod 2^64).
    evalMul64(
      b,
      extendBytes(aBytes, c.extA),
      extendBytes(bBytes, c.extB),
      z.map((x) => x.neg()),
      c.carry,
      isReal,
      'a·b = z',
    );
    rangeCheckWord(b, r, isReal, 'result');
    rangeCheckWord(b, o, isReal, 'other word');
    evalInstruction(b, c, {
      isReal,
      op: c.isMul
        .mul(Op.MUL)
        .add(c.isMulh.mul(Op.MULH))
        .add(c.isMulhsu.mul(Op.MULHSU))
        .add(c.isMulhu.mul(Op.MULHU)),
      rs1: isReal,
      rs2: isReal,
      rd: true,
    });
  },
};
