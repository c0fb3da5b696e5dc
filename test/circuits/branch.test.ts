// BEQ/BNE/BLT/BGE/BLTU/BGEU: a branch program passes the debug checkers, and one program using
// every op of the bitwise, set-less-than, shift and branch chips proves and verifies end to end.

import { describe, expect, it } from 'vitest';
import { branchAir } from '../../circuits/branch/air.js';
import { chipCost } from '../../circuits/machine/cost.js';
import { machineKeys, proveMachine, verifyMachine } from '../../circuits/machine/index.js';
import type { Air } from '../../src/air/index.js';
import { INSECURE_TEST_PARAMS } from '../../src/fri/params.js';
import { debugCheck, witnessOf } from './helpers.js';
import { ALL_OPS_PROGRAM, BRANCH_PROGRAM } from './ops-programs.js';

describe('branch', () => {
  it('a program of all six branches passes the debug checkers', () => {
    const { machine, result, witness } = witnessOf(BRANCH_PROGRAM.code);
    expect(result.exitCode).toBe(5);
    debugCheck(machine, witness);
  });

  it('every bitwise, slt, shift and branch op proves and verifies end to end', () => {
    const { machine, witness } = witnessOf(ALL_OPS_PROGRAM);
    debugCheck(machine, witness);
    const keys = machineKeys(machine, INSECURE_TEST_PARAMS);
    const proof = proveMachine(machine, keys.provingKey, witness);
    expect(verifyMachine(machine, keys.verifyingKey, witness.claim, proof)).toMatchObject({ ok: true });
    const bad = { ...witness.claim, exitCode: witness.claim.exitCode + 1 };
    expect(verifyMachine(machine, keys.verifyingKey, bad, proof).ok).toBe(false);
  });

  it('costs', () => {
    expect(chipCost(branchAir as Air)).toMatchObject({
      main: 39,
      interactions: 15,
      cells: 75,
      maxDegree: 3,
    });
  });
});
