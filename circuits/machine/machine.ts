// A machine instance for one program: the ordered list of AIRs a proof of that program's runs
// uses (the program AIR carries the ELF's code as fixed columns), its entry and image id.
// Built the same way by prover and verifier from the ELF (program and image tables are fixed).

import type { Air } from '../../src/air/index.js';
import { decodeProgram, imageId, type Program } from '../../src/vm/index.js';
import { codeGaps, codeGapsAir } from '../code-ranges/air.js';
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
  /** The gaps between the executable ranges (the code-gaps table's rows), inclusive bounds. */
  readonly codeGaps: ReadonlyArray<readonly [number, number]>;
  /**
   * program, range16, registers, image, code-gaps, memory-boundary, INSTRUCTION_CHIPS in order,
   * io-words.
   */
  readonly airs: readonly Air[];
}

/** Throws CircuitError('unsupported-program') for an ELF with more than 7 executable ranges. */
export function buildMachine(program: Program): Machine {
  const dp = decodeProgram(program);
  const image = imageWords(program, dp);
  const gaps = codeGaps(dp.ranges);
  return {
    program,
    entry: program.entry >>> 0,
    imageId: imageId(program),
    image,
    codeGaps: gaps,
    airs: [
      programAir(dp) as Air,
      rangeAir as Air,
      registersAir as Air,
      imageAir(image) as Air,
      codeGapsAir(gaps) as Air,
      boundaryAir as Air,
      ...INSTRUCTION_CHIPS.map((c) => c.air),
      ioWordAir as Air,
    ],
  };
}
