// The machine's buses, in one place: every tuple's layout and who sends or receives it.
// Invariant (the memory-bus rule): every value a chip *produces* on MEMORY is two canonical
// 16-bit limbs, range-checked by that chip (or fixed by a preprocessed table), so every chip
// that *consumes* a value from MEMORY may rely on it without checking again. Layouts and the
// soundness argument: docs/CIRCUITS.md, "Buses".

import { Bus } from '../src/air/index.js';

/**
 * (pc_lo, pc_hi, ts): the machine state between two cycles. The statement sends
 * (entry, 4); every instruction row receives (pc, ts) and sends (next_pc, ts + 4); the exit
 * ECALL sends HALT instead. pc limbs are not range-checked here: the row that consumes a
 * state looks its pc up on PROGRAM, which only holds canonical, 4-aligned pcs.
 */
export const EXEC = new Bus(10, 'exec', 3);

/**
 * (pc_lo, pc_hi, op, rd, rs1, rs2, imm_lo, imm_hi, rdWrite, seq_lo, seq_hi): one row of the
 * program table. op is the src/vm/decode.ts op id; imm is DecodedProgram.imm as a u32
 * (the absolute target or result for AUIPC, JAL and branches); rdWrite = 1 iff the op writes
 * rd and rd ≠ x0; seq = pc + 4 mod 2^32. Sent by the program table with multiplicity = the
 * instruction's execution count, received once by each instruction row.
 */
export const PROGRAM = new Bus(11, 'program', 11);

/**
 * (space, addr, v_lo, v_hi, ts): a memory cell's last write. space 0 = registers (addr =
 * register index), 1 = RAM (addr = byte address / 4). An access receives (…, prev, prevTs)
 * and sends (…, value, ts) with prevTs < ts; the boundary chips send the initial state at
 * ts 0 and receive the final one.
 */
export const MEMORY = new Bus(12, 'memory', 5);

/** (x): x ∈ [0, 2^16). Received by the range table (circuits/range). */
export const RANGE16 = new Bus(13, 'range16', 1);

/** (ts, code_lo, code_hi): the run halted at the ECALL whose timestamp is ts (= 4·cycles), exit code a0. */
export const HALT = new Bus(14, 'halt', 3);

/**
 * (stream, offset, byte): byte number `offset` of a stream; stream 0 = input, 1 = output (fd 1).
 * The statement sends every input byte (+1) and receives every output byte (−1); read ECALLs'
 * word rows receive the input bytes they store, write(1) word rows send the bytes they load.
 */
export const IO = new Bus(16, 'io', 3);

/**
 * (addr, v_lo, v_hi, ro): one word of the loaded image at word address addr; ro = 1 for every
 * executable word (also zero ones), 0 for the non-zero data words. Sent once per row by the
 * preprocessed image table, received by the RAM boundary row of that address.
 */
export const IMAGE = new Bus(17, 'image', 4);

/**
 * (ts, kind, word, lane, pos, rem): what is left of a read/write ECALL's buffer: `rem` bytes from
 * byte `lane` of word address `word`, at stream offset `pos`; kind 1 = read (fd 0), 2 = write
 * fd 1, 3 = write fd 2. The ECALL row sends the whole buffer, each word row takes the bytes of
 * one word and sends the rest (circuits/ecall/io-air.ts).
 */
export const IO_CHUNK = new Bus(18, 'io-chunk', 6);

/**
 * (start_lo, start_hi, last_lo, last_hi, real): a maximal interval [start, last] (inclusive) of
 * [0, 2^32) that holds no executable byte. Sent by the preprocessed code-gaps table
 * (circuits/code-ranges), received with real = 1 by each read ECALL with a2 ≠ 0, which proves
 * its requested buffer lies inside that gap (no -EFAULT).
 */
export const CODE_GAP = new Bus(19, 'code-gap', 5);

/**
 * (op, a, b, c): a fact about the byte pair (a, b) ∈ [0, 256)², received by the preprocessed byte
 * table (circuits/byte): c = a AND/OR/XOR b for op = BYTE_AND/BYTE_OR/BYTE_XOR, and c = 0 for
 * BYTE_RANGE (a, b are bytes). A lookup therefore also range-checks a, b and c to 8 bits.
 */
export const BYTE_OP = new Bus(15, 'byte_op', 4);
export const BYTE_AND = 0;
export const BYTE_OR = 1;
export const BYTE_XOR = 2;
export const BYTE_RANGE = 3;

/** Address spaces on MEMORY. */
export const SPACE_REG = 0;
export const SPACE_RAM = 1;
/** RAM words of the executable segments (read-only: the image's ro = 1 words). */
export const SPACE_RAM_RO = 2;
/** The I/O cursors: addr 0 = input (pos, eof), addr 1 = output (pos, 0); field elements. */
export const SPACE_IO = 3;

/** Every bus, for registries and statement checks. */
export const BUSES: readonly Bus[] = [
  EXEC,
  PROGRAM,
  MEMORY,
  RANGE16,
  HALT,
  BYTE_OP,
  IO,
  IMAGE,
  IO_CHUNK,
  CODE_GAP,
];
