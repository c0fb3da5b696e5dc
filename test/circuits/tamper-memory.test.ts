// Tampers of loads, stores and the RAM boundary (cases in memory-tampers.ts): the debug checker must
// name the chip and constraint (or the unbalanced bus), and a proof of the corrupted trace made
// by the honest machinery must be rejected (a sample of cases by default; all of them with
// RVSTARK_TAMPER_PROOFS=all).

import { describe, expect, it } from 'vitest';
import { machineKeys, proveMachine, verifyMachine } from '../../circuits/machine/index.js';
import { INSECURE_TEST_PARAMS } from '../../src/fri/params.js';
import {
  BOUNDARY_TAMPERS,
  debugTampered,
  honestMemoryRun,
  LOAD_TAMPERS,
  proveCase,
  STORE_TAMPERS,
  tamperedMemoryWitness,
} from './memory-tampers.js';

const CASES = [LOAD_TAMPERS, STORE_TAMPERS, BOUNDARY_TAMPERS].flat();

describe('tampered memory traces are rejected', () => {
  const { machine } = honestMemoryRun();
  let keys: ReturnType<typeof machineKeys> | undefined;
  CASES.forEach((t, i) => {
    it(`${t.chip}: ${t.name}`, () => {
      const { witness, table } = tamperedMemoryWitness(t);
      expect(debugTampered(witness, table)).toMatch(t.expect);
      if (!proveCase(i, 20)) return;
      keys ??= machineKeys(machine, INSECURE_TEST_PARAMS);
      let ok = false;
      try {
        ok = verifyMachine(
          machine,
          keys.verifyingKey,
          witness.claim,
          proveMachine(machine, keys.provingKey, witness),
        ).ok;
      } catch {
        ok = false;
      }
      expect(ok).toBe(false);
    });
  });
});
