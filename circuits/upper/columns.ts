// LUI, AUIPC: rd = imm, where the program table already holds imm << 12 (LUI) and
// pc + (imm << 12) (AUIPC) as the row's u32 immediate. FENCE: a no-op (rdWrite = 0).
//
// | group | cells | meaning |
// |---|---|---|
// | STATE | 11 | pc, seqPc, ts, rd, rs1, rs2, imm, rdWrite |
// | WRITE_RD | 7 | the result, rd's previous value, the access |
// | isLui, isAuipc, isFence | 3 | opcode selectors |

import { columns } from '../../src/air/index.js';
import { STATE, WRITE_RD } from '../gadgets/instruction.js';

export const upperCols = columns({ ...STATE, ...WRITE_RD, isLui: 1, isAuipc: 1, isFence: 1 });
