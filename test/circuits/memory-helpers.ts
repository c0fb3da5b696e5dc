// A real RV32I program that exercises the memory and I/O chips: it reads its input (a short
// read, then a read at end of input), loads and stores every width at every lane (image words,
// bss words, a code word), writes bytes to fd 1 (twice, one empty) and fd 2, and exits.

import { buildMachine, generateWitness, type WitnessOptions } from '../../circuits/machine/index.js';
import { type ExecutionResult, execute, loadElf } from '../../src/vm/index.js';
import { A0, A1, A2, A7, asm } from '../vm/helpers/asm.js';
import { DATA_BASE, makeElf } from '../vm/helpers/elf-writer.js';

const D = 20; // x20 = DATA_BASE
const N = 21; // x21 = bytes read

/** Words of MEMORY_PROGRAM by role (for tamper cases). */
export const MW = {
  read: 5,
  readEof: 9,
  lb: 11,
  lbu: 12,
  lh: 13,
  lhu: 14,
  lw: 15,
  sbLane0: 16,
  sbLane3: 17,
  shHi: 18,
  sw: 19,
  shLo: 20,
  lwBack: 21,
  sbImage: 23,
  writeOut: 29,
  writeEmpty: 33,
  writeOut2: 37,
  writeErr: 41,
  lwCode: 43,
  lwCarry: 45,
  swCarry: 46,
  exit: 49,
} as const;

export const MEMORY_PROGRAM: readonly number[] = [
  asm.lui(D, DATA_BASE), // 0
  asm.iop('addi', A0, 0, 0), // 1: fd 0
  asm.iop('addi', A1, D, 17), // 2: buf = DATA + 17 (lane 1)
  asm.iop('addi', A2, 0, 10), // 3: ask for 10 bytes
  asm.iop('addi', A7, 0, 63), // 4: read
  asm.ecall(), // 5: short read (the input has 7 bytes)
  asm.iop('addi', N, A0, 0), // 6: n = 7
  asm.iop('addi', A0, 0, 0), // 7
  asm.iop('addi', A1, D, 40), // 8
  asm.ecall(), // 9: read at end of input: 0 (a2 still 10)
  asm.iop('addi', 0, 0, 0), // 10: nop
  asm.load('lb', 5, D, 17), // 11: input[0] = 0x81, sign-extended
  asm.load('lbu', 6, D, 18), // 12: input[1], lane 2
  asm.load('lh', 7, D, 2), // 13: image half 0x9483, negative
  asm.load('lhu', 8, D, 4), // 14: image half 0xe1f0
  asm.load('lw', 9, D, 4), // 15: image word 0xc3d2e1f0
  asm.store('sb', 5, D, 48), // 16: byte lane 0
  asm.store('sb', 6, D, 51), // 17: byte lane 3
  asm.store('sh', 7, D, 50), // 18: half hi
  asm.store('sw', 9, D, 52), // 19
  asm.store('sh', 8, D, 56), // 20: half lo
  asm.load('lw', 22, D, 48), // 21: read back the merged word
  asm.store('sw', 22, D, 60), // 22
  asm.store('sb', 0, D, 1), // 23: clear byte 1 of an image word
  asm.load('lw', 23, D, 0), // 24
  asm.iop('addi', A0, 0, 1), // 25: fd 1
  asm.iop('addi', A1, D, 17), // 26
  asm.iop('addi', A2, N, 0), // 27: n bytes
  asm.iop('addi', A7, 0, 64), // 28: write
  asm.ecall(), // 29: echo the input
  asm.iop('addi', A0, 0, 1), // 30
  asm.iop('addi', A1, D, 48), // 31
  asm.iop('addi', A2, 0, 0), // 32
  asm.ecall(), // 33: empty write
  asm.iop('addi', A0, 0, 1), // 34
  asm.iop('addi', A1, D, 48), // 35
  asm.iop('addi', A2, 0, 16), // 36
  asm.ecall(), // 37: the stored words
  asm.iop('addi', A0, 0, 2), // 38: fd 2
  asm.iop('addi', A1, D, 1), // 39
  asm.iop('addi', A2, 0, 6), // 40
  asm.ecall(), // 41: stderr, not in the claim
  asm.lui(24, 0x10000), // 42: the code segment
  asm.load('lw', 24, 24, 4), // 43: a code word as data (read-only space)
  asm.iop('addi', 26, D, 10), // 44: x26 = DATA + 10
  asm.load('lw', 25, 26, -6), // 45: both address carries set
  asm.store('sw', 25, 26, -2), // 46: both address carries set
  asm.iop('addi', A0, 5, 0), // 47: exit code = lb result = -127
  asm.iop('addi', A7, 0, 93), // 48
  asm.ecall(), // 49
];

export const MEMORY_DATA = new Uint8Array([0x11, 0x22, 0x83, 0x94, 0xf0, 0xe1, 0xd2, 0xc3]);
export const MEMORY_INPUT = new Uint8Array([0x81, 0x41, 0x42, 0x7f, 0x80, 0x00, 0xff]);

export function memoryRun(
  code: readonly number[] = MEMORY_PROGRAM,
  input: Uint8Array = MEMORY_INPUT,
  opts: WitnessOptions | ((result: ExecutionResult) => WitnessOptions) = {},
) {
  const program = loadElf(makeElf({ code, data: MEMORY_DATA, bss: 64 }));
  const result = execute(program, input, { record: true });
  const machine = buildMachine(program);
  const o = typeof opts === 'function' ? opts(result) : opts;
  return { program, result, machine, witness: generateWitness(machine, result, input, o) };
}

/** The first cycle that runs program word `word` (TEXT_BASE code). */
export function cycleOfWord(result: ExecutionResult, word: number): number {
  const cpu = result.record?.cpu;
  if (cpu === undefined) return -1;
  for (let k = 0; k < cpu.length; k++) if (cpu.pc[k] === 0x10000 + 4 * word) return k;
  return -1;
}
