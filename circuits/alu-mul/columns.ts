// MUL, MULH, MULHSU, MULHU: the low or high word of the 64-bit product of rs1 and rs2 (signed ×
// signed, signed × unsigned, unsigned × unsigned), in 16-bit limbs with byte-level products.
//
// | group | cells | meaning |
// |---|---|---|
// | STATE | 11 | pc, seqPc, ts, rd, rs1, rs2, imm, rdWrite (gadgets/instruction.ts) |
// | READ_RS1 | 5 | a = rs1's value, its access |
// | READ_RS2 | 5 | b = rs2's value, its access |
// | WRITE_RD | 7 | the result word, rd's previous value, the access |
// | isMul, isMulh, isMulhsu, isMulhu | 4 | opcode selectors (boolean, at most one set; none on padding) |
// | aHi, bHi | 4 | high byte of each 16-bit limb of a and b (gadgets/mul64.ts evalWordBytes) |
// | signA, signB | 2 | top bits of a and b (from the byte lookups) |
// | extA, extB | 2 | sign extension used in the product: extA = signA·(MULH or MULHSU), extB = signB·MULH |
// | other | 2 | the product's other word (high word for MUL, low word otherwise), range-checked |
// | carry | 4 | carries of the 64-bit product chain (gadgets/mul64.ts evalMul64) |

import { columns } from '../../src/air/index.js';
import { READ_RS1, READ_RS2, STATE, WRITE_RD } from '../gadgets/instruction.js';

export const mulCols = columns({
  ...STATE,
  ...READ_RS1,
  ...READ_RS2,
  ...WRITE_RD,
  isMul: 1,
  isMulh: 1,
  isMulhsu: 1,
  isMulhu: 1,
  aHi: 2,
  bHi: 2,
  signA: 1,
  signB: 1,
  extA: 1,
  extB: 1,
  other: 2,
  carry: 4,
});
