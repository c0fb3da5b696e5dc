// A machine instance for one program: the ordered list of AIRs a proof of that program's runs
// uses (the program AIR carries the ELF's code as fixed columns), its entry and image id.
// Built the same way by prover and verifier from the ELF.

import type { Air } from '../../src/air/index.js';
import { decodeProgram, imageId, type Program } from '../../src/vm/index.js';
import { programAir } from '../program/air.js';
import { rangeAir } from '../range/air.js';
import { registersAir } from '../registers/air.js';
import { INSTRUCTION_CHIPS } from './chips.js';

export interface Machine {
  readonly program: Program;
  readonly entry: number;
  readonly imageId: Uint8Array;
  /** program, range16, registers, then INSTRUCTION_CHIPS in order. */
  readonly airs: readonly Air[];
}

export function buildMachine(program: Program): Machine {
  const dp = decodeProgram(program);
  return {
    program,
    entry: program.entry >>> 0,
    imageId: imageId(program),
    airs: [
      programAir(dp) as Air,
      rangeAir as Air,
      registersAir as Air,
      ...INSTRUCTION_CHIPS.map((c) => c.air),
    ],
  };
}
