// The program chip: sends every (pc, decoded instruction) of the ELF on PROGRAM, as many times
// as it ran. Each instruction row receives its own (pc, instruction) once, so every executed
// instruction is a word of this program at that pc, with its fields as decoded here.
// Padding rows hold op = ILLEGAL (0) at pc 0, which no chip accepts, so a non-zero multiplicity
// there leaves PROGRAM unbalanced.

import { type Air, RowMajorMatrix } from '../../src/air/index.js';
import type { DecodedProgram } from '../../src/vm/index.js';
import { PROGRAM } from '../buses.js';
import { paddedHeight } from '../gadgets/height.js';
import { programMain, programPre, programRow } from './columns.js';

export type ProgramAir = Air<typeof programMain.spec, typeof programPre.spec>;

/** Table height for a program of `count` words (gadgets/height.ts). */
export function programHeight(count: number): number {
  return paddedHeight(count);
}

/** The program AIR of one decoded ELF (its fixed columns are the program). */
export function programAir(dp: DecodedProgram): ProgramAir {
  const height = programHeight(dp.count);
  let fixed: RowMajorMatrix | undefined;
  return {
    name: 'program',
    main: programMain,
    preprocessed: programPre,
    preprocessedTrace() {
      if (fixed === undefined) {
        fixed = RowMajorMatrix.zeros(height, programPre.width);
        for (let i = 0; i < dp.count; i++) programRow(dp, i, fixed.row(i));
      }
      return fixed;
    },
    eval(b) {
      const p = b.preLocal;
      // Each executed instruction is a row of the ELF's code, used `multiplicity` times.
      b.send(
        PROGRAM,
        [p.pc[0], p.pc[1], p.op, p.rd, p.rs1, p.rs2, p.imm[0], p.imm[1], p.rdWrite, p.seqPc[0], p.seqPc[1]],
        b.local.multiplicity,
        'program row',
      );
    },
  };
}
