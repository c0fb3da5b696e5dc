// The load and store chips. Both compute the byte address a = rs1 + imm mod 2^32 on limbs,
//   a_lo + 2^16·carry_lo = rs1_lo + imm_lo,   a_hi + 2^16·carry_hi = rs1_hi + imm_hi + carry_lo,
// with a_lo = b0 + 2·b1 + 4·wLo (b0, b1 bits, 4·wLo < 2^16 by lookup, so a_lo < 2^16) and a_hi < 2^16
// by lookup: both sides are < 2^18 < p, so this is exactly 32-bit addition, and the aligned word
// address W = wLo + 2^14·a_hi < 2^30 is a field element. Misaligned accesses are executor
// faults, so a proof never contains one: LW/SW need b0 = b1 = 0, LH/LHU/SH need b0 = 0.
//
// The row accesses (space, W) at ts + 2 (slot MEM) through MEMORY (gadgets/memory.ts: the value
// taken is the last value written, prevTs < ts). A load takes and puts back the same word;
// space = 1 + ro, where ro = 1 for the executable words, which the boundary keeps in space 2
// (stores and read ECALLs only ever use space 1, so code is read-only). A store takes the
// previous word and puts the new one, in space 1.
//
// Sub-words. half = prev_lo or prev_hi by b1 (the half that holds the lane), split into bytes
// half = lo8 + 256·hi8 with hi8 < 2^16 and 256·hi8 < 2^16 (so hi8 is an integer byte: 256·hi8 <
// 2^24 < p cannot wrap), then lo8 = half − 256·hi8 is an integer and 256·lo8 < 2^16 makes it a
// byte: the split of a canonical limb is unique. (256·x < 2^16 alone is NOT a byte check: 256 is
// invertible mod p, so x = y/256 passes for any y < 2^16 — a review forged loads and SBs with it.)
// Loads: LW = the word; LH/LHU = half; LB/LBU = byte = lo8 or hi8 by b0. Signs: t = 2·(half −
// 2^15·sign) for LH and t = 512·(byte − 2^7·sign) for LB, with t < 2^16 by lookup and sign a bit,
// force sign = the top bit (no wrap: both sides are integers of magnitude < 2^17). The result
// limbs are sums of canonical pieces, so rd's value is canonical without a lookup:
//   rd_lo = isLw·w_lo + (isLh + isLhu)·half + (isLb + isLbu)·byte + isLb·sign·0xff00
//   rd_hi = isLw·w_hi + sign·0xffff    (sign = 0 unless LB/LH)
// Stores: SW: new = rs2. SH/SB change only the half at lane b1: hNew (the new word's half at b1)
// is rs2_lo (SH) or sbh (SB: half with byte b0 replaced by x8 = rs2_lo's low byte, x8 and y8
// range-checked bytes of rs2_lo), and the other half is unchanged, written as
// new_lo + new_hi − hNew = prev_lo + prev_hi − half (both sides are the other half, exactly).
// The new word's limbs are then canonical: rs2's, prev's, or bytes recombined.

import type { Air, AirBuilder, Expr } from '../../src/air/index.js';
import { Op, SLOT_MEM } from '../../src/vm/index.js';
import { MEMORY, SPACE_RAM } from '../buses.js';
import { evalInstruction } from '../gadgets/instruction.js';
import { evalTsLt, rangeCheck16 } from '../gadgets/range.js';
import { evalOpcodeSelectors } from '../gadgets/selectors.js';
import { loadCols, storeCols } from './columns.js';

// biome-ignore lint/suspicious/noExplicitAny: shared by both chips' builders
type B = AirBuilder<any, any>;

interface AddrCols {
  rs1Val: Expr[];
  imm: Expr[];
  aHi: Expr;
  wLo: Expr;
  b0: Expr;
  b1: Expr;
  carry: Expr[];
}

/** a = rs1 + imm (exact 32-bit wrap); returns the aligned word address W = a >> 2. */
function evalAddress(b: B, c: AddrCols, isReal: Expr): Expr {
  b.assertBool(c.b0, 'address bit 0 is a bit');
  b.assertBool(c.b1, 'address bit 1 is a bit');
  b.assertBool(c.carry[0], 'address carry_lo is a bit');
  b.assertBool(c.carry[1], 'address carry_hi is a bit');
  const aLo = c.b0.add(c.b1.mul(2)).add(c.wLo.mul(4));
  b.assertEq(aLo.add(c.carry[0].mul(65536)), c.rs1Val[0].add(c.imm[0]), 'a = rs1 + imm (lo limb)');
  b.assertEq(
    c.aHi.add(c.carry[1].mul(65536)),
    c.rs1Val[1].add(c.imm[1]).add(c.carry[0]),
    'a = rs1 + imm (hi limb)',
  );
  rangeCheck16(b, c.wLo.mul(4), isReal, 'address bits 2..15 < 2^14');
  // k·x < 2^16 alone admits x = y/k mod p: x itself is also checked, so it is an integer.
  rangeCheck16(b, c.wLo, isReal, 'address bits 2..15 are an integer');
  rangeCheck16(b, c.aHi, isReal, 'address hi limb');
  return c.wLo.add(c.aHi.mul(16384));
}

export const loadAir: Air<typeof loadCols.spec> = {
  name: 'memory-load',
  main: loadCols,
  eval(b) {
    const c = b.local;
    const isReal = evalOpcodeSelectors(b, {
      isLb: c.isLb,
      isLh: c.isLh,
      isLw: c.isLw,
      isLbu: c.isLbu,
      isLhu: c.isLhu,
    });
    const isByte = c.isLb.add(c.isLbu);
    const isHalf = c.isLh.add(c.isLhu);
    const w = evalAddress(b, c, isReal);
    // Misaligned loads fault in the executor.
    b.assertZero(c.isLw.mul(c.b0), 'LW: a ≡ 0 mod 4 (bit 0)');
    b.assertZero(c.isLw.mul(c.b1), 'LW: a ≡ 0 mod 4 (bit 1)');
    b.assertZero(isHalf.mul(c.b0), 'LH/LHU: a ≡ 0 mod 2');
    // The word at W, read at slot MEM: RAM (space 1) or an executable word (space 2).
    b.assertBool(c.ro, 'ro is a bit');
    const space = c.ro.add(SPACE_RAM);
    const ts = c.ts.add(SLOT_MEM);
    const v = c.memVal;
    b.receive(MEMORY, [space, w, v[0], v[1], c.memPrevTs], isReal, 'load: take last state');
    b.send(MEMORY, [space, w, v[0], v[1], ts], isReal, 'load: put new state');
    evalTsLt(b, c.memPrevTs, ts, c.memDiff, isReal, isReal, 'load');
    // The half holding the lane, and its bytes.
    b.assertEq(c.half, v[0].add(c.b1.mul(v[1].sub(v[0]))), 'half = word limb b1');
    b.assertEq(c.half, c.lo8.add(c.hi8.mul(256)), 'half = lo8 + 256·hi8');
    rangeCheck16(b, c.lo8.mul(256), isByte, 'lo8 < 2^8');
    rangeCheck16(b, c.hi8.mul(256), isByte, 'hi8 < 2^8');
    rangeCheck16(b, c.hi8, isByte, 'hi8 is an integer');
    b.assertEq(c.byte, c.lo8.add(c.b0.mul(c.hi8.sub(c.lo8))), 'byte = byte b0 of half');
    // Sign bit: the top bit of the byte (LB) or half (LH), 0 for the unsigned loads and LW.
    b.assertBool(c.sign, 'sign is a bit');
    b.assertZero(c.sign.mul(c.isLb.add(c.isLh).sub(1)), 'sign = 0 unless LB/LH');
    b.assertZero(c.isLh.mul(c.half.mul(2).sub(c.sign.mul(65536)).sub(c.t)), 'LH: t = 2·(half − 2^15·sign)');
    b.assertZero(
      c.isLb.mul(c.byte.mul(512).sub(c.sign.mul(65536)).sub(c.t)),
      'LB: t = 512·(byte − 2^7·sign)',
    );
    rangeCheck16(b, c.t, c.isLb.add(c.isLh), 'sign rest < 2^16');
    // rd = the loaded value, sign- or zero-extended.
    const r = c.rdVal;
    b.assertEq(
      r[0],
      c.isLw.mul(v[0]).add(isHalf.mul(c.half)).add(isByte.mul(c.byte)).add(c.isLb.mul(c.sign).mul(0xff00)),
      'rd_lo = the loaded limb (LB: with sign bits 8..15)',
    );
    b.assertEq(r[1], c.isLw.mul(v[1]).add(c.sign.mul(0xffff)), 'rd_hi = LW: word hi; else sign·0xffff');
    evalInstruction(b, c, {
      isReal,
      op: c.isLb
        .mul(Op.LB)
        .add(c.isLh.mul(Op.LH))
        .add(c.isLw.mul(Op.LW))
        .add(c.isLbu.mul(Op.LBU))
        .add(c.isLhu.mul(Op.LHU)),
      rs1: isReal,
      rd: true,
    });
  },
};

export const storeAir: Air<typeof storeCols.spec> = {
  name: 'memory-store',
  main: storeCols,
  eval(b) {
    const c = b.local;
    const isReal = evalOpcodeSelectors(b, { isSb: c.isSb, isSh: c.isSh, isSw: c.isSw });
    const w = evalAddress(b, c, isReal);
    // Misaligned stores fault in the executor.
    b.assertZero(c.isSw.mul(c.b0), 'SW: a ≡ 0 mod 4 (bit 0)');
    b.assertZero(c.isSw.mul(c.b1), 'SW: a ≡ 0 mod 4 (bit 1)');
    b.assertZero(c.isSh.mul(c.b0), 'SH: a ≡ 0 mod 2');
    // Read-modify-write of the word at W in space 1 (never the read-only code space).
    const ts = c.ts.add(SLOT_MEM);
    const p = c.memPrev;
    const v = c.memVal;
    b.receive(MEMORY, [SPACE_RAM, w, p[0], p[1], c.memPrevTs], isReal, 'store: take last state');
    b.send(MEMORY, [SPACE_RAM, w, v[0], v[1], ts], isReal, 'store: put new state');
    evalTsLt(b, c.memPrevTs, ts, c.memDiff, isReal, isReal, 'store');
    // The old half at lane b1 and its bytes (SB keeps the other byte).
    b.assertEq(c.half, p[0].add(c.b1.mul(p[1].sub(p[0]))), 'half = old word limb b1');
    b.assertEq(c.half, c.lo8.add(c.hi8.mul(256)), 'half = lo8 + 256·hi8');
    rangeCheck16(b, c.lo8.mul(256), c.isSb, 'lo8 < 2^8');
    rangeCheck16(b, c.hi8.mul(256), c.isSb, 'hi8 < 2^8');
    rangeCheck16(b, c.hi8, c.isSb, 'hi8 is an integer');
    // SB stores rs2's low byte x8.
    b.assertEq(c.rs2Val[0], c.x8.add(c.y8.mul(256)), 'rs2_lo = x8 + 256·y8');
    rangeCheck16(b, c.x8.mul(256), c.isSb, 'x8 < 2^8');
    rangeCheck16(b, c.y8.mul(256), c.isSb, 'y8 < 2^8');
    rangeCheck16(b, c.y8, c.isSb, 'y8 is an integer');
    b.assertEq(
      c.sbh,
      c.x8.add(c.hi8.mul(256)).add(c.b0.mul(c.lo8.add(c.x8.mul(255)).sub(c.hi8.mul(256)))),
      'sbh = half with byte b0 := x8',
    );
    // The new word: SW = rs2; SH/SB replace the half at lane b1 by hNew, keep the other.
    b.assertEq(c.hNew, v[0].add(c.b1.mul(v[1].sub(v[0]))), 'hNew = new word limb b1');
    b.assertZero(c.isSw.mul(v[0].sub(c.rs2Val[0])), 'SW: new_lo = rs2_lo');
    b.assertZero(c.isSw.mul(v[1].sub(c.rs2Val[1])), 'SW: new_hi = rs2_hi');
    b.assertZero(c.isSh.mul(c.hNew.sub(c.rs2Val[0])), 'SH: new half = rs2_lo');
    b.assertZero(c.isSb.mul(c.hNew.sub(c.sbh)), 'SB: new half = sbh');
    b.assertZero(
      c.isSh.add(c.isSb).mul(v[0].add(v[1]).sub(c.hNew).sub(p[0]).sub(p[1]).add(c.half)),
      'SH/SB: the other half is unchanged',
    );
    evalInstruction(b, c, {
      isReal,
      op: c.isSb.mul(Op.SB).add(c.isSh.mul(Op.SH)).add(c.isSw.mul(Op.SW)),
      rs1: isReal,
      rs2: isReal,
    });
  },
};
