// The program table: one row per word of the ELF's executable segments (pc = base + 4i),
// padded to a power of two. Fixed (preprocessed) columns are the decoded instruction, built
// from the ELF by `programRow`, so a verifier rebuilds them from the ELF (or holds their
// commitment in a verifying key). The one main column counts executions.

import { columns } from '../../src/air/index.js';
import { X0_SINK } from '../../src/vm/decode.js';
import type { DecodedProgram } from '../../src/vm/index.js';
import { OPERANDS, RD } from '../../src/vm/operands.js';

/** The PROGRAM bus tuple, in order (circuits/buses.ts). */
export const programPre = columns({
  pc: 2,
  op: 1,
  rd: 1,
  rs1: 1,
  rs2: 1,
  imm: 2,
  rdWrite: 1,
  seqPc: 2,
});

export const programMain = columns({
  /** How many times the instruction at this pc ran (0 on padding rows). */
  multiplicity: 1,
});

/** The 11 PROGRAM-bus values of word i: [pc_lo, pc_hi, op, rd, rs1, rs2, imm_lo, imm_hi, rdWrite, seq_lo, seq_hi]. */
export function programRow(dp: DecodedProgram, i: number, out: Uint32Array | number[] = new Array(11)) {
  const pc = (dp.base + 4 * i) >>> 0;
  const op = dp.op[i];
  const rd = dp.rd[i] === X0_SINK ? 0 : dp.rd[i];
  const imm = dp.imm[i] >>> 0;
  const seq = (pc + 4) >>> 0;
  out[0] = pc & 0xffff;
  out[1] = pc >>> 16;
  out[2] = op;
  out[3] = rd;
  out[4] = dp.rs1[i];
  out[5] = dp.rs2[i];
  out[6] = imm & 0xffff;
  out[7] = imm >>> 16;
  out[8] = (OPERANDS[op] & RD) !== 0 && rd !== 0 ? 1 : 0;
  out[9] = seq & 0xffff;
  out[10] = seq >>> 16;
  return out;
}
