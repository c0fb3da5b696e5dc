// DIV/DIVU/REM/REMU end to end: a real program with every op on edge operands (division by zero,
// INT_MIN / −1, rs1 = rs2) proves and verifies; the debug checkers pass on random operand pairs
// (traces from the executor's record); the chip's cost.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { divRemAir } from '../../circuits/alu-div-rem/air.js';
import { chipCost } from '../../circuits/machine/cost.js';
import { machineKeys, proveMachine, verifyMachine } from '../../circuits/machine/index.js';
import type { Air } from '../../src/air/index.js';
import { INSECURE_TEST_PARAMS } from '../../src/fri/params.js';
import { debugCheck, witnessOf } from './helpers.js';
import { DIV_OPS_ASM, edgeProgram, pairsProgram } from './muldiv-programs.js';

describe('alu-div-rem', () => {
  it('every op on edge operands proves and verifies', () => {
    const { machine, witness, result } = witnessOf(edgeProgram(DIV_OPS_ASM));
    expect(result.exitCode).toBe(0);
    debugCheck(machine, witness);
    const keys = machineKeys(machine, INSECURE_TEST_PARAMS);
    const proof = proveMachine(machine, keys.provingKey, witness);
    expect(verifyMachine(machine, keys.verifyingKey, witness.claim, proof)).toMatchObject({ ok: true });
  });

  it('debug checkers pass on random operand pairs', () => {
    const word = fc.oneof(
      fc.integer({ min: 0, max: 0xffffffff }),
      fc.integer({ min: 0, max: 0xffff }),
      fc.integer({ min: -70000, max: 70000 }).map((x) => x >>> 0),
      fc.constantFrom(0, 1, 0xffffffff, 0x80000000, 0x7fffffff, 0xffff, 0x10000),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(word, word), { minLength: 40, maxLength: 40 }), (pairs) => {
        const { machine, witness } = witnessOf(pairsProgram(DIV_OPS_ASM, pairs));
        debugCheck(machine, witness);
      }),
      { numRuns: 4 },
    );
  });

  it('cost', () => {
    const c = chipCost(divRemAir as Air);
    expect(c).toMatchObject({ main: 58, interactions: 44, cells: 150, maxDegree: 3 });
  });
});
