// Runs one chunk of the ops tamper cases (tamper-ops-cases.ts): the debug checker names the chip
// and constraint or the unbalanced bus, and the proof the honest machinery makes of the corrupted
// witness is rejected. The cases are split over tamper-ops-<k>.test.ts files of CHUNK cases each
// (one proof per case, ~1–2 s), so that each file stays well under 20 s.

import { describe, expect, it } from 'vitest';
import { machineKeys, proveMachine, verifyMachine } from '../../circuits/machine/index.js';
import { INSECURE_TEST_PARAMS } from '../../src/fri/params.js';
import { debugCheck, type Tamper, tamperedWitness } from './helpers.js';
import {
  BITWISE_TAMPERS,
  BRANCH_LT_TAMPERS,
  BYTE_TAMPERS,
  LT_TAMPERS,
  opsLayoutOf,
  SHIFT_LEFT_TAMPERS,
  SHIFT_RIGHT_TAMPERS,
} from './tamper-ops-cases.js';

export const OPS_TAMPERS: readonly Tamper[] = [
  ...BYTE_TAMPERS,
  ...BITWISE_TAMPERS,
  ...LT_TAMPERS,
  ...SHIFT_LEFT_TAMPERS,
  ...SHIFT_RIGHT_TAMPERS,
  ...BRANCH_LT_TAMPERS,
];
export const CHUNK = 8;

export function runTamperChunk(k: number): void {
  const cases = OPS_TAMPERS.slice(k * CHUNK, (k + 1) * CHUNK);
  describe(`tampered ops traces are rejected (chunk ${k})`, () => {
    const keys = new Map<readonly number[], ReturnType<typeof machineKeys>>();
    for (const t of cases) {
      it(`${t.chip}: ${t.name}`, () => {
        const code = t.code as readonly number[];
        const { machine, witness } = tamperedWitness(t, opsLayoutOf(t.chip), code);
        let message = '';
        try {
          debugCheck(machine, witness);
        } catch (e) {
          message = (e as Error).message;
        }
        expect(message).toMatch(t.expect);
        let k = keys.get(code);
        if (k === undefined) {
          k = machineKeys(machine, INSECURE_TEST_PARAMS);
          keys.set(code, k);
        }
        let ok = false;
        try {
          ok = verifyMachine(
            machine,
            k.verifyingKey,
            witness.claim,
            proveMachine(machine, k.provingKey, witness),
          ).ok;
        } catch {
          ok = false;
        }
        expect(ok).toBe(false);
      });
    }
  });
}
