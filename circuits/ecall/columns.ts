// ECALL (phase 1: exit only, a7 ∈ {93, 94}). Reads a7 and a0 at slot 0 and halts with exit
// code a0. The IO chip work extends this chip with read (63) and write (64).
//
// | group | cells | meaning |
// |---|---|---|
// | STATE | 11 | pc, seqPc, ts, rd, rs1, rs2, imm, rdWrite |
// | READ_RS1 | 5 | a7 (the syscall number), its access |
// | READ_RS2 | 5 | a0 (the exit code), its access |
// | isExit | 1 | the row is an exit ECALL |
// | isGroup | 1 | a7 = 94 (exit_group) rather than 93 |

import { columns } from '../../src/air/index.js';
import { READ_RS1, READ_RS2, STATE } from '../gadgets/instruction.js';

export const ecallCols = columns({ ...STATE, ...READ_RS1, ...READ_RS2, isExit: 1, isGroup: 1 });
