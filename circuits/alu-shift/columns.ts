// Shifts, in two chips (no direction mux, so every constraint stays degree 2):
// alu-shift-left (SLL SLLI) and alu-shift-right (SRL SRA SRLI SRAI). Design and soundness: air.ts.
//
// | group | cells | meaning |
// |---|---|---|
// | STATE | 11 | pc, seqPc, ts, rd, rs1, rs2, imm (the I-forms: shamt), rdWrite |
// | READ_RS1 | 5 | x = rs1's value, its access |
// | READ_RS2 | 5 | rs2's value (the shift amount is its low 5 bits; no read for the I-forms) |
// | WRITE_RD | 7 | the result, rd's previous value, the access |
// | selectors | 2 / 4 | isSll isSlli / isSrl isSra isSrli isSrai |
// | tBit | 3 | t = s mod 8, in bits (s = the shift amount) |
// | pow | 2 | P (a partial product) and K = 2^t (left) or 2^(8−t) (right) |
// | byteShift | 4 | one-hot B = ⌊s / 8⌋ |
// | amtHi | 1 | ⌊amount_lo / 32⌋ (the discarded bits of the shift amount, RANGE16) |
// | lo, mid, top | 6 | bytes of x_i·K = lo_i + 2^8·mid_i + 2^16·top_i, per limb i |
// | sign, fill (right only) | 2 | x's top bit (SRA; 0 for SRL) and sign·(256 − K) |

import { columns } from '../../src/air/index.js';
import { READ_RS1, READ_RS2, STATE, WRITE_RD } from '../gadgets/instruction.js';

const SHIFT = { tBit: 3, pow: 2, byteShift: 4, amtHi: 1, lo: 2, mid: 2, top: 2 } as const;

export const shiftLeftCols = columns({
  ...STATE,
  ...READ_RS1,
  ...READ_RS2,
  ...WRITE_RD,
  isSll: 1,
  isSlli: 1,
  ...SHIFT,
});

export const shiftRightCols = columns({
  ...STATE,
  ...READ_RS1,
  ...READ_RS2,
  ...WRITE_RD,
  isSrl: 1,
  isSra: 1,
  isSrli: 1,
  isSrai: 1,
  ...SHIFT,
  sign: 1,
  fill: 1,
});
