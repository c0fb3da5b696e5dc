// SLT, SLTU, SLTI, SLTIU: rd = (rs1 < (rs2 or imm)) ? 1 : 0, signed or unsigned (gadgets/lt32.ts).
//
// | group | cells | meaning |
// |---|---|---|
// | STATE | 11 | pc, seqPc, ts, rd, rs1, rs2, imm, rdWrite (gadgets/instruction.ts) |
// | READ_RS1 | 5 | a = rs1's value, its access |
// | READ_RS2 | 5 | b = rs2's value (SLTI/SLTIU: b = the sign-extended imm as a u32, no read), its access |
// | WRITE_RD | 7 | the result (0 or 1), rd's previous value, the access |
// | isSlt, isSltu, isSlti, isSltiu | 4 | opcode selectors |
// | LT32 | 6 | ltDiff, ltBorrow, ltSign (gadgets/lt32.ts) |

import { columns } from '../../src/air/index.js';
import { READ_RS1, READ_RS2, STATE, WRITE_RD } from '../gadgets/instruction.js';
import { LT32 } from '../gadgets/lt32.js';

export const ltCols = columns({
  ...STATE,
  ...READ_RS1,
  ...READ_RS2,
  ...WRITE_RD,
  isSlt: 1,
  isSltu: 1,
  isSlti: 1,
  isSltiu: 1,
  ...LT32,
});
