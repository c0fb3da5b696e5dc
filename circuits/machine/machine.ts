// A machine instance for one program: the ordered list of AIRs a proof of that program's runs
// uses (the program AIR carries the ELF's code as fixed columns), its entry and image id.
// Built the same way by prover and verifier from the ELF (program and image tables are fixed).

import type { Air } from '../../src/air/index.js';
import { decodeProgram, imageId, type Program } from '../../src/vm/index.js';
import { ioWordAir } from '../ecall/io-air.js';
import { type ImageWords, imageAir, imageWords } from '../image/air.js';
import { boundaryAir } from '../memory-boundary/air.js';
import { programAir } from '../program/air.js';
import { rangeAir } from '../range/air.js';
import { registersAir } from '../registers/air.js';
import { INSTRUCTION_CHIPS } from './chips.js';

export interface Machine {
  readonly program: Program;
  readonly entry: number;
  readonly imageId: Uint8Array;
  /** The loaded image's words (the image table's rows). */
  readonly image: ImageWords;
  /** program, range16, registers, image, memory-boundary, INSTRUCTION_CHIPS in order, io-words. */
  readonly airs: readonly Air[];
}

export function buildMachine(program: Program): Machine {
  const dp = decodeProgram(program);
  const image = imageWords(program, dp);
  return {
    program,
    entry: program.entry >>> 0,
    imageId: imageId(program),
    image,
    airs: [
      programAir(dp) as Air,
      rangeAir as Air,
      registersAir as Air,
      imageAir(image) as Air,
      boundaryAir as Air,
      ...INSTRUCTION_CHIPS.map((c) => c.air),
      ioWordAir as Air,
    ],
  };
}
