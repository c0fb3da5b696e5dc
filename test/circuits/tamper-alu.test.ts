// Tampers of the alu chips (cases in tamper-cases.ts): the debug checker must name the chip and
// constraint (or the unbalanced bus), and a proof of the corrupted trace must be rejected.

import { describe, expect, it } from 'vitest';
import { machineKeys, proveMachine, verifyMachine } from '../../circuits/machine/index.js';
import { INSECURE_TEST_PARAMS } from '../../src/fri/params.js';
import { debugCheck, tamperSuite, tinyRun } from './helpers.js';
import { ALU_TAMPERS, layoutOf } from './tamper-cases.js';

describe('tampered traces are rejected', () => {
  const { machine } = tinyRun();
  const keys = machineKeys(machine, INSECURE_TEST_PARAMS);
  const suite = tamperSuite(
    ALU_TAMPERS,
    layoutOf,
    (w) => verifyMachine(machine, keys.verifyingKey, w.claim, proveMachine(machine, keys.provingKey, w)).ok,
    (w) => debugCheck(machine, w),
  );
  ALU_TAMPERS.forEach((t, i) => {
    it(suite[i].name, () => {
      const { message, ok } = suite[i].run();
      expect(message).toMatch(t.expect);
      expect(ok).toBe(false);
    });
  });
});
