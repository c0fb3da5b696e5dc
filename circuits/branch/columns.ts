// BEQ, BNE, BLT, BGE, BLTU, BGEU.
//
// | group | cells | meaning |
// |---|---|---|
// | STATE | 11 | pc, seqPc, ts, rd, rs1, rs2, imm (the absolute target), rdWrite |
// | READ_RS1 | 5 | a = rs1's value, its access |
// | READ_RS2 | 5 | b = rs2's value, its access |
// | isBeq, isBne, isBlt, isBge, isBltu, isBgeu | 6 | opcode selectors |
// | eq | 1 | a = b |
// | inv | 2 | witnesses of a ≠ b: Σ (a_i − b_i)·inv_i = 1 when eq = 0 |
// | taken | 1 | the branch is taken |
// | next | 2 | the next pc: target if taken, else pc + 4 |
// | LT32 | 6 | a < b (signed for BLT/BGE): ltDiff, ltBorrow, ltSign (gadgets/lt32.ts) |

import { columns } from '../../src/air/index.js';
import { READ_RS1, READ_RS2, STATE } from '../gadgets/instruction.js';
import { LT32 } from '../gadgets/lt32.js';

export const branchCols = columns({
  ...STATE,
  ...READ_RS1,
  ...READ_RS2,
  isBeq: 1,
  isBne: 1,
  isBlt: 1,
  isBge: 1,
  isBltu: 1,
  isBgeu: 1,
  eq: 1,
  inv: 2,
  taken: 1,
  next: 2,
  ...LT32,
});
