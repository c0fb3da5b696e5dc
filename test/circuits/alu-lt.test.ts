// SLT/SLTU/SLTI/SLTIU: an edge-value program, and random programs over every op the circuits
// support, pass the debug checkers (rd writes equal to the VM's, buses balanced).

import { describe, expect, it } from 'vitest';
import { ltAir } from '../../circuits/alu-lt/air.js';
import { chipCost } from '../../circuits/machine/cost.js';
import type { Air } from '../../src/air/index.js';
import { debugCheck, witnessOf } from './helpers.js';
import { LT_PROGRAM, randomOpsProgram } from './ops-programs.js';

describe('alu-lt', () => {
  it('a program of SLT SLTU SLTI SLTIU passes the debug checkers', () => {
    const { machine, result, witness } = witnessOf(LT_PROGRAM.code);
    expect(result.exitCode).toBe(1);
    debugCheck(machine, witness);
  });

  it('random programs over the supported ops pass the debug checkers', () => {
    for (let seed = 1; seed <= 6; seed++) {
      const { machine, witness } = witnessOf(randomOpsProgram(seed, 150));
      debugCheck(machine, witness);
    }
  });

  it('costs', () => {
    expect(chipCost(ltAir as Air)).toMatchObject({ main: 38, interactions: 19, cells: 82, maxDegree: 3 });
  });
});
