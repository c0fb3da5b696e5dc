// ADD, SUB, ADDI: rd = rs1 ± (rs2 or imm) mod 2^32, in 16-bit limbs.
//
// | group | cells | meaning |
// |---|---|---|
// | STATE | 11 | pc, seqPc, ts, rd, rs1, rs2, imm, rdWrite (gadgets/instruction.ts) |
// | READ_RS1 | 5 | a = rs1's value, its access |
// | READ_RS2 | 5 | b = rs2's value (ADDI: b = imm, no read), its access |
// | WRITE_RD | 7 | c = the result, rd's previous value, the access |
// | isAdd, isSub, isAddi | 3 | opcode selectors (boolean, at most one set; none on padding) |
// | carry | 2 | carry out of each limb of X + b = Z (below) |

import { columns } from '../../src/air/index.js';
import { READ_RS1, READ_RS2, STATE, WRITE_RD } from '../gadgets/instruction.js';

export const addSubCols = columns({
  ...STATE,
  ...READ_RS1,
  ...READ_RS2,
  ...WRITE_RD,
  isAdd: 1,
  isSub: 1,
  isAddi: 1,
  carry: 2,
});
