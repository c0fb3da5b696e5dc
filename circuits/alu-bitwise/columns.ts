// AND, OR, XOR, ANDI, ORI, XORI: rd = rs1 op (rs2 or imm), byte by byte on the byte table.
//
// | group | cells | meaning |
// |---|---|---|
// | STATE | 11 | pc, seqPc, ts, rd, rs1, rs2, imm, rdWrite (gadgets/instruction.ts) |
// | READ_RS1 | 5 | a = rs1's value, its access |
// | READ_RS2 | 5 | b = rs2's value (the I-forms: b = imm, no read), its access |
// | WRITE_RD | 7 | c = the result, rd's previous value, the access |
// | isAnd … isXori | 6 | opcode selectors (boolean, at most one set; none on padding) |
// | aHi, bHi, cHi | 6 | the high byte of each limb of a, b, c (low byte = limb − 256·high byte) |

import { columns } from '../../src/air/index.js';
import { READ_RS1, READ_RS2, STATE, WRITE_RD } from '../gadgets/instruction.js';

export const bitwiseCols = columns({
  ...STATE,
  ...READ_RS1,
  ...READ_RS2,
  ...WRITE_RD,
  isAnd: 1,
  isOr: 1,
  isXor: 1,
  isAndi: 1,
  isOri: 1,
  isXori: 1,
  aHi: 2,
  bHi: 2,
  cHi: 2,
});
