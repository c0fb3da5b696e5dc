// DIV, DIVU, REM, REMU: the quotient or remainder of rs1 / rs2 (signed or unsigned), with
// RISC-V's division by zero (q = 2^32 − 1, r = rs1) and overflow (INT_MIN / −1: q = INT_MIN,
// r = 0), as the 64-bit identity b·Q + r = a on byte-level products (gadgets/mul64.ts).
//
// | group | cells | meaning |
// |---|---|---|
// | STATE | 11 | pc, seqPc, ts, rd, rs1, rs2, imm, rdWrite (gadgets/instruction.ts) |
// | READ_RS1 | 5 | a = rs1's value (the dividend), its access |
// | READ_RS2 | 5 | b = rs2's value (the divisor), its access |
// | WRITE_RD | 7 | the result word (q or r), rd's previous value, the access |
// | isDiv, isDivu, isRem, isRemu | 4 | opcode selectors (boolean, at most one set; none on padding) |
// | q, qHi, qExt | 5 | quotient word, the high byte of each limb, its 64-bit extension bit |
// | r, rAbs, rCarry | 6 | remainder word (rd of REM/REMU), its absolute value, negation carries |
// | bHi | 2 | high byte of each limb of b |
// | signA, signB | 2 | top bits of a and b |
// | negA, negB | 2 | a, b read as negative: signA·signed, signB·signed |
// | bZero | 1 | b = 0 (division by zero) |
// | diff, borrow | 4 | |b| − |r| − 1 = diff ≥ 0 (two limbs) and the lo limb's borrow (2 bits) |
// | carry | 4 | carries of the 64-bit identity (gadgets/mul64.ts evalMul64) |

import { columns } from '../../src/air/index.js';
import { READ_RS1, READ_RS2, STATE, WRITE_RD } from '../gadgets/instruction.js';

export const divRemCols = columns({
  ...STATE,
  ...READ_RS1,
  ...READ_RS2,
  ...WRITE_RD,
  isDiv: 1,
  isDivu: 1,
  isRem: 1,
  isRemu: 1,
  q: 2,
  qHi: 2,
  qExt: 1,
  r: 2,
  rAbs: 2,
  rCarry: 2,
  bHi: 2,
  signA: 1,
  signB: 1,
  negA: 1,
  negB: 1,
  bZero: 1,
  diff: 2,
  borrow: 2,
  carry: 4,
});
