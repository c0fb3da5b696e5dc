// The claim and the bus tuples it puts into the proof (docs/STATEMENT.md).
//   EXEC  +1 × (entry_lo, entry_hi, 4)          — the run starts at the entry, at clk 0
//   HALT  −1 × (4·cycles, code_lo, code_hi)     — and halts at its cycles-th instruction
// (Input and output bytes: the IO chip work adds them on an IO bus.)

import { type Felt, P } from '../../src/field/babybear.js';
import type { BusContribution } from '../../src/verifier/index.js';
import { EXEC, HALT } from '../buses.js';
import type { Machine } from './machine.js';

export interface Claim {
  readonly imageId: Uint8Array;
  readonly input: Uint8Array;
  readonly output: Uint8Array;
  /** a0 at the exit ECALL, as a signed 32-bit value. */
  readonly exitCode: number;
  readonly cycles: number;
}

const MINUS_ONE: Felt = P - 1;

export function claimContributions(machine: Machine, claim: Claim): BusContribution[] {
  const e = machine.entry;
  const code = claim.exitCode >>> 0;
  return [
    { busId: EXEC.id, values: [e & 0xffff, e >>> 16, 4], multiplicity: 1 },
    { busId: HALT.id, values: [4 * claim.cycles, code & 0xffff, code >>> 16], multiplicity: MINUS_ONE },
  ];
}
