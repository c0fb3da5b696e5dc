// JAL, JALR: rd = pc + 4; next pc = the table's target (JAL) or (rs1 + imm) & ~1 (JALR).
//
// | group | cells | meaning |
// |---|---|---|
// | STATE | 11 | pc, seqPc, ts, rd, rs1, rs2, imm (JAL: absolute target), rdWrite |
// | READ_RS1 | 5 | rs1's value (JALR), its access |
// | WRITE_RD | 7 | rd = seqPc, rd's previous value, the access |
// | isJal, isJalr | 2 | opcode selectors |
// | next | 2 | the next pc's limbs |
// | bit0 | 1 | JALR: bit 0 of rs1 + imm, cleared |
// | carry | 2 | JALR: carries of rs1 + imm |

import { columns } from '../../src/air/index.js';
import { READ_RS1, STATE, WRITE_RD } from '../gadgets/instruction.js';

export const jumpCols = columns({
  ...STATE,
  ...READ_RS1,
  ...WRITE_RD,
  isJal: 1,
  isJalr: 1,
  next: 2,
  bit0: 1,
  carry: 2,
});
