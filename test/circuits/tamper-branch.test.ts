// Tampers of the branch chip (cases in tamper-cases.ts), on LOOP_PROGRAM.

import { describe, expect, it } from 'vitest';
import { machineKeys, proveMachine, verifyMachine } from '../../circuits/machine/index.js';
import { INSECURE_TEST_PARAMS } from '../../src/fri/params.js';
import { debugCheck, LOOP_PROGRAM, tamperSuite, tinyRun } from './helpers.js';
import { BRANCH_TAMPERS, layoutOf } from './tamper-cases.js';

describe('tampered branch traces are rejected', () => {
  const { machine } = tinyRun(LOOP_PROGRAM);
  const keys = machineKeys(machine, INSECURE_TEST_PARAMS);
  const suite = tamperSuite(
    BRANCH_TAMPERS,
    layoutOf,
    (w) => verifyMachine(machine, keys.verifyingKey, w.claim, proveMachine(machine, keys.provingKey, w)).ok,
    (w) => debugCheck(machine, w),
  );
  BRANCH_TAMPERS.forEach((t, i) => {
    it(suite[i].name, () => {
      const { message, ok } = suite[i].run();
      expect(message).toMatch(t.expect);
      expect(ok).toBe(false);
    });
  });
});
