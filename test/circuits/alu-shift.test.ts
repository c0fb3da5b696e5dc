// SLL/SRL/SRA(+I): every shift amount 0..31 (register and immediate forms, rs2 with bits above
// the low five) on negative and positive values passes the debug checkers, i.e. each rd write is
// the VM's value.

import { describe, expect, it } from 'vitest';
import { shiftLeftAir, shiftRightAir } from '../../circuits/alu-shift/air.js';
import { chipCost } from '../../circuits/machine/cost.js';
import type { Air } from '../../src/air/index.js';
import { A0, A7, asm } from '../vm/helpers/asm.js';
import { debugCheck, witnessOf } from './helpers.js';
import { SHIFT_PROGRAM } from './ops-programs.js';

describe('alu-shift', () => {
  it('the edge-value program passes the debug checkers', () => {
    const { machine, witness } = witnessOf(SHIFT_PROGRAM.code);
    debugCheck(machine, witness);
  });

  it('every shift amount, both forms, all three shifts', () => {
    const code: number[] = [...asm.li(5, 0x80f0_1e03), ...asm.li(6, 0x7e0f_e1fc)];
    for (let s = 0; s < 32; s++) {
      code.push(...asm.li(7, s | (0xabcde << 5)));
      for (const x of [5, 6]) {
        code.push(asm.rop('sll', 8, x, 7), asm.rop('srl', 9, x, 7), asm.rop('sra', 10, x, 7));
        code.push(asm.shifti('slli', 11, x, s), asm.shifti('srli', 12, x, s), asm.shifti('srai', 13, x, s));
      }
    }
    code.push(asm.iop('addi', A0, 0, 0), asm.iop('addi', A7, 0, 93), asm.ecall());
    const { machine, witness } = witnessOf(code);
    debugCheck(machine, witness);
  });

  it('costs', () => {
    expect(chipCost(shiftLeftAir as Air)).toMatchObject({
      main: 46,
      interactions: 19,
      cells: 90,
      maxDegree: 3,
    });
    expect(chipCost(shiftRightAir as Air)).toMatchObject({
      main: 50,
      interactions: 20,
      cells: 94,
      maxDegree: 3,
    });
  });
});
