// The claim and the bus tuples it puts into the proof (docs/STATEMENT.md).
//   EXEC   +1 × (entry_lo, entry_hi, 4)          — the run starts at the entry, at clk 0
//   HALT   −1 × (4·cycles, code_lo, code_hi)     — and halts at its cycles-th instruction
//   IO     +1 × (0, i, input[i])  for each input byte      — read ECALLs take them, in order
//   IO     −1 × (1, i, output[i]) for each output byte     — write(1) ECALLs give them, in order
//   MEMORY +1 × (3, s, 0, 0, 0) for s = 0, 1              — both I/O cursors start at 0 …
//   MEMORY −1 × (3, 0, |input|, 0, 4·cycles), (3, 1, |output|, 0, 4·cycles)
//                                                          — … and the exit ECALL closes them there

import { type Felt, P } from '../../src/field/babybear.js';
import type { BusContribution } from '../../src/verifier/index.js';
import { EXEC, HALT, IO, MEMORY, SPACE_IO } from '../buses.js';
import type { Machine } from './machine.js';

export interface Claim {
  readonly imageId: Uint8Array;
  /** The input bytes the run read (all of them, in order). */
  readonly input: Uint8Array;
  /** The bytes it wrote to fd 1, in order. */
  readonly output: Uint8Array;
  /** a0 at the exit ECALL, as a signed 32-bit value. */
  readonly exitCode: number;
  readonly cycles: number;
}

const MINUS_ONE: Felt = P - 1;

export function claimContributions(machine: Machine, claim: Claim): BusContribution[] {
  const e = machine.entry;
  const code = claim.exitCode >>> 0;
  const end = 4 * claim.cycles;
  const out: BusContribution[] = [
    { busId: EXEC.id, values: [e & 0xffff, e >>> 16, 4], multiplicity: 1 },
    { busId: HALT.id, values: [end, code & 0xffff, code >>> 16], multiplicity: MINUS_ONE },
    { busId: MEMORY.id, values: [SPACE_IO, 0, 0, 0, 0], multiplicity: 1 },
    { busId: MEMORY.id, values: [SPACE_IO, 1, 0, 0, 0], multiplicity: 1 },
    { busId: MEMORY.id, values: [SPACE_IO, 0, claim.input.length, 0, end], multiplicity: MINUS_ONE },
    { busId: MEMORY.id, values: [SPACE_IO, 1, claim.output.length, 0, end], multiplicity: MINUS_ONE },
  ];
  for (let i = 0; i < claim.input.length; i++)
    out.push({ busId: IO.id, values: [0, i, claim.input[i]], multiplicity: 1 });
  for (let i = 0; i < claim.output.length; i++)
    out.push({ busId: IO.id, values: [1, i, claim.output[i]], multiplicity: MINUS_ONE });
  return out;
}
