// Tiny guests for the receipt tests, assembled from ops the circuits prove: ECHO reads up to 4
// input bytes, writes them to fd 1 and exits with `code`.

import { A0, A1, A2, A7, asm, SYS } from '../vm/helpers/asm.js';
import { DATA_BASE, makeElf } from '../vm/helpers/elf-writer.js';

export function echoElf(code = 7): Uint8Array {
  return makeElf({
    code: [
      ...asm.li(A0, 0),
      ...asm.li(A1, DATA_BASE),
      ...asm.li(A2, 4),
      ...asm.li(A7, SYS.read),
      asm.ecall(), // a0 = bytes read
      asm.iop('addi', A2, A0, 0),
      ...asm.li(A0, 1),
      ...asm.li(A1, DATA_BASE),
      ...asm.li(A7, SYS.write),
      asm.ecall(),
      ...asm.li(A0, code),
      ...asm.li(A7, SYS.exit),
      asm.ecall(),
    ],
    bss: 16,
  });
}

/** A guest that faults (EBREAK) after one instruction. */
export function faultElf(): Uint8Array {
  return makeElf({ code: [asm.iop('addi', 5, 0, 1), asm.ebreak()] });
}

/** A guest that loops forever (JAL to itself). */
export function loopElf(): Uint8Array {
  return makeElf({ code: [asm.jal(0, 0)] });
}

export const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
