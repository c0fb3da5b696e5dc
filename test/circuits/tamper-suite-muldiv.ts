// One tamper test file's body for alu-mul / alu-div-rem (cases in muldiv-tamper.ts): the debug
// checker names the chip and constraint (or the unbalanced bus), and a proof of the corrupted
// witness is rejected.

import { describe, expect, it } from 'vitest';
import { type Chip, debugMessage, type MdTamper, mdTamperedWitness, tamperProver } from './muldiv-tamper.js';

export function tamperFile(chip: Chip, cases: readonly MdTamper[]): void {
  describe(`${chip}: tampered traces are rejected`, () => {
    const prove = tamperProver(chip);
    for (const t of cases) {
      it(t.name, () => {
        const w = mdTamperedWitness(t);
        expect(debugMessage(t, w)).toMatch(t.expect);
        expect(prove(w)).toBe(false);
      });
    }
  });
}
