// Loads and stores (LB LH LW LBU LHU / SB SH SW), one row per executed instruction, in two chips
// so that a load row pays for no rs2 read and a store row for no rd write.
//
// Both chips compute the byte address a = rs1 + imm mod 2^32 (ADDR below) and access the aligned
// word (space, a >> 2) at slot 2 (MEM): space 1 (RAM), or 2 for a word of the executable
// segments (read-only: only loads may take it; docs/CIRCUITS.md §4).
//
// | group | cells | meaning |
// |---|---|---|
// | STATE | 11 | pc, seqPc, ts, rd, rs1, rs2, imm, rdWrite (gadgets/instruction.ts) |
// | READ_RS1 | 5 | the base register |
// | ADDR | 6 | aHi (a's hi limb), wLo (a_lo >> 2), b0, b1 (a's low bits), carry (2) |
// | MEM | 5 (load) / 7 (store) | the word's value (store: prev and new), prevTs, ts diff (2) |
// | half | 1 | h = the 16-bit half of the (previous) word that holds the accessed lane (b1) |
// | lo8, hi8 | 2 | h = lo8 + 256·hi8, bytes |
// | load only: WRITE_RD 7, isLb isLh isLw isLbu isLhu 5, byte 1, sign 1, t 1, ro 1 | | |
// | store only: READ_RS2 5, isSb isSh isSw 3, x8 y8 2 (rs2_lo's bytes), sbh 1, hNew 1 | | |

import { columns } from '../../src/air/index.js';
import { READ_RS1, READ_RS2, STATE, WRITE_RD } from '../gadgets/instruction.js';

/** a = rs1 + imm: a_lo = b0 + 2·b1 + 4·wLo, a_hi = aHi, word address = wLo + 2^14·aHi. */
export const ADDR = { aHi: 1, wLo: 1, b0: 1, b1: 1, carry: 2 } as const;

export const loadCols = columns({
  ...STATE,
  ...READ_RS1,
  ...WRITE_RD,
  isLb: 1,
  isLh: 1,
  isLw: 1,
  isLbu: 1,
  isLhu: 1,
  ...ADDR,
  /** The word read (value = prev). */
  memVal: 2,
  memPrevTs: 1,
  memDiff: 2,
  /** 1: the word is executable (read-only space 2). */
  ro: 1,
  half: 1,
  lo8: 1,
  hi8: 1,
  /** The loaded byte: lo8 or hi8 by b0. */
  byte: 1,
  /** Sign bit of the loaded byte (LB) or half (LH); 0 for the other loads. */
  sign: 1,
  /** LH: t = 2·(half − 2^15·sign); LB: t = 512·(byte − 2^7·sign); t < 2^16. */
  t: 1,
});

export const storeCols = columns({
  ...STATE,
  ...READ_RS1,
  ...READ_RS2,
  isSb: 1,
  isSh: 1,
  isSw: 1,
  ...ADDR,
  memPrev: 2,
  memVal: 2,
  memPrevTs: 1,
  memDiff: 2,
  half: 1,
  lo8: 1,
  hi8: 1,
  /** rs2_lo = x8 + 256·y8: x8 is the byte SB stores. */
  x8: 1,
  y8: 1,
  /** The half after SB: x8 replaces lane b0 of `half`. */
  sbh: 1,
  /** The written half of the new word (lane b1). */
  hNew: 1,
});
