// The ECALL chip, exit only: the row reads a7 (= 93 or 94) and a0, and instead of continuing
// the execution chain it sends HALT(ts, a0). The statement takes HALT(4·cycles, exitCode) once,
// so the run ends with this ECALL after exactly `cycles` instructions, with that exit code.

import type { Air } from '../../src/air/index.js';
import { Op } from '../../src/vm/index.js';
import { REG_A0, REG_A7, SYS_EXIT } from '../../src/vm/syscalls.js';
import { HALT } from '../buses.js';
import { evalInstruction } from '../gadgets/instruction.js';
import { ecallCols } from './columns.js';

export const ecallAir: Air<typeof ecallCols.spec> = {
  name: 'ecall',
  main: ecallCols,
  eval(b) {
    const c = b.local;
    b.assertBool(c.isExit, 'isExit is a bit');
    b.assertBool(c.isGroup, 'isGroup is a bit');
    // a7 = 93 (exit) or 94 (exit_group).
    b.when(c.isExit).assertEq(c.rs1Val[0], c.isGroup.add(SYS_EXIT), 'exit: a7_lo = 93 + isGroup');
    b.assertZero(c.rs1Val[1], 'exit: a7_hi = 0');
    // The run halts here, at ts, with exit code a0.
    b.send(HALT, [c.ts, c.rs2Val[0], c.rs2Val[1]], c.isExit, 'halt(ts, a0)');
    evalInstruction(b, c, {
      isReal: c.isExit,
      op: c.isExit.mul(Op.ECALL),
      nextPc: null,
      rs1: c.isExit,
      rs1Reg: REG_A7,
      rs2: c.isExit,
      rs2Reg: REG_A0,
      rs2Slot: 0,
    });
  },
};
