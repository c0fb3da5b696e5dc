/**
 * RV32IM decoding: a table of (mask, match) pairs, one per instruction, and the
 * pre-decoder that turns a program's executable segments into flat typed arrays
 * indexed by (pc - base) >> 2. Words outside executable segments decode to OUTSIDE,
 * so the interpreter fetches only the ELF's instructions (the proof's program table).
 */
import { executableRanges, PF_X, type Program } from './elf.js';

/** Small integer opcode ids; the interpreter switches on these. */
export const Op = {
  ILLEGAL: 0,
  LUI: 1,
  AUIPC: 2,
  JAL: 3,
  JALR: 4,
  BEQ: 5,
  BNE: 6,
  BLT: 7,
  BGE: 8,
  BLTU: 9,
  BGEU: 10,
  LB: 11,
  LH: 12,
  LW: 13,
  LBU: 14,
  LHU: 15,
  SB: 16,
  SH: 17,
  SW: 18,
  ADDI: 19,
  SLTI: 20,
  SLTIU: 21,
  XORI: 22,
  ORI: 23,
  ANDI: 24,
  SLLI: 25,
  SRLI: 26,
  SRAI: 27,
  ADD: 28,
  SUB: 29,
  SLL: 30,
  SLT: 31,
  SLTU: 32,
  XOR: 33,
  SRL: 34,
  SRA: 35,
  OR: 36,
  AND: 37,
  FENCE: 38,
  ECALL: 39,
  EBREAK: 40,
  CSR: 41,
  MUL: 42,
  MULH: 43,
  MULHSU: 44,
  MULHU: 45,
  DIV: 46,
  DIVU: 47,
  REM: 48,
  REMU: 49,
  /** Not an instruction: the pc is outside every executable segment. */
  OUTSIDE: 50,
} as const;
export type OpId = (typeof Op)[keyof typeof Op];
export const NUM_OPS = 51;

/** Lower-case mnemonic of every op id. */
export const OP_NAMES: readonly string[] = (() => {
  const names: string[] = [];
  for (const [k, v] of Object.entries(Op)) names[v] = k.toLowerCase();
  return names;
})();

type Format = 'R' | 'I' | 'S' | 'B' | 'U' | 'J' | 'SHAMT' | 'NONE';

interface Pattern {
  readonly op: OpId;
  readonly mask: number;
  readonly match: number;
  readonly format: Format;
}

const F3 = 0x0000707f;
const F7 = 0xfe00707f | 0;

/** The decode table: an instruction word w is `op` iff (w & mask) === match. */
export const DECODE_TABLE: readonly Pattern[] = [
  { op: Op.LUI, mask: 0x7f, match: 0x37, format: 'U' },
  { op: Op.AUIPC, mask: 0x7f, match: 0x17, format: 'U' },
  { op: Op.JAL, mask: 0x7f, match: 0x6f, format: 'J' },
  { op: Op.JALR, mask: F3, match: 0x67, format: 'I' },
  { op: Op.BEQ, mask: F3, match: 0x0063, format: 'B' },
  { op: Op.BNE, mask: F3, match: 0x1063, format: 'B' },
  { op: Op.BLT, mask: F3, match: 0x4063, format: 'B' },
  { op: Op.BGE, mask: F3, match: 0x5063, format: 'B' },
  { op: Op.BLTU, mask: F3, match: 0x6063, format: 'B' },
  { op: Op.BGEU, mask: F3, match: 0x7063, format: 'B' },
  { op: Op.LB, mask: F3, match: 0x0003, format: 'I' },
  { op: Op.LH, mask: F3, match: 0x1003, format: 'I' },
  { op: Op.LW, mask: F3, match: 0x2003, format: 'I' },
  { op: Op.LBU, mask: F3, match: 0x4003, format: 'I' },
  { op: Op.LHU, mask: F3, match: 0x5003, format: 'I' },
  { op: Op.SB, mask: F3, match: 0x0023, format: 'S' },
  { op: Op.SH, mask: F3, match: 0x1023, format: 'S' },
  { op: Op.SW, mask: F3, match: 0x2023, format: 'S' },
  { op: Op.ADDI, mask: F3, match: 0x0013, format: 'I' },
  { op: Op.SLTI, mask: F3, match: 0x2013, format: 'I' },
  { op: Op.SLTIU, mask: F3, match: 0x3013, format: 'I' },
  { op: Op.XORI, mask: F3, match: 0x4013, format: 'I' },
  { op: Op.ORI, mask: F3, match: 0x6013, format: 'I' },
  { op: Op.ANDI, mask: F3, match: 0x7013, format: 'I' },
  { op: Op.SLLI, mask: F7, match: 0x00001013, format: 'SHAMT' },
  { op: Op.SRLI, mask: F7, match: 0x00005013, format: 'SHAMT' },
  { op: Op.SRAI, mask: F7, match: 0x40005013, format: 'SHAMT' },
  { op: Op.ADD, mask: F7, match: 0x00000033, format: 'R' },
  { op: Op.SUB, mask: F7, match: 0x40000033, format: 'R' },
  { op: Op.SLL, mask: F7, match: 0x00001033, format: 'R' },
  { op: Op.SLT, mask: F7, match: 0x00002033, format: 'R' },
  { op: Op.SLTU, mask: F7, match: 0x00003033, format: 'R' },
  { op: Op.XOR, mask: F7, match: 0x00004033, format: 'R' },
  { op: Op.SRL, mask: F7, match: 0x00005033, format: 'R' },
  { op: Op.SRA, mask: F7, match: 0x40005033, format: 'R' },
  { op: Op.OR, mask: F7, match: 0x00006033, format: 'R' },
  { op: Op.AND, mask: F7, match: 0x00007033, format: 'R' },
  { op: Op.MUL, mask: F7, match: 0x02000033, format: 'R' },
  { op: Op.MULH, mask: F7, match: 0x02001033, format: 'R' },
  { op: Op.MULHSU, mask: F7, match: 0x02002033, format: 'R' },
  { op: Op.MULHU, mask: F7, match: 0x02003033, format: 'R' },
  { op: Op.DIV, mask: F7, match: 0x02004033, format: 'R' },
  { op: Op.DIVU, mask: F7, match: 0x02005033, format: 'R' },
  { op: Op.REM, mask: F7, match: 0x02006033, format: 'R' },
  { op: Op.REMU, mask: F7, match: 0x02007033, format: 'R' },
  // FENCE's pred/succ/fm fields are hints; any FENCE is a no-op (FENCE.I, funct3 1, is not RV32I).
  { op: Op.FENCE, mask: F3, match: 0x000f, format: 'NONE' },
  { op: Op.ECALL, mask: 0xffffffff | 0, match: 0x00000073, format: 'NONE' },
  { op: Op.EBREAK, mask: 0xffffffff | 0, match: 0x00100073, format: 'NONE' },
  { op: Op.CSR, mask: F3, match: 0x1073, format: 'NONE' },
  { op: Op.CSR, mask: F3, match: 0x2073, format: 'NONE' },
  { op: Op.CSR, mask: F3, match: 0x3073, format: 'NONE' },
  { op: Op.CSR, mask: F3, match: 0x5073, format: 'NONE' },
  { op: Op.CSR, mask: F3, match: 0x6073, format: 'NONE' },
  { op: Op.CSR, mask: F3, match: 0x7073, format: 'NONE' },
];

/** Privileged SYSTEM encodings, named in "unsupported instruction" messages. */
const PRIVILEGED: ReadonlyMap<number, string> = new Map([
  [0x30200073, 'mret'],
  [0x10200073, 'sret'],
  [0x00200073, 'uret'],
  [0x10500073, 'wfi'],
]);

export interface Decoded {
  readonly op: OpId;
  readonly rd: number;
  readonly rs1: number;
  readonly rs2: number;
  /** The immediate, sign-extended (shift amount for SLLI/SRLI/SRAI, 0 if none). */
  readonly imm: number;
}

export function immI(w: number): number {
  return w >> 20;
}
export function immS(w: number): number {
  return ((w >> 25) << 5) | ((w >>> 7) & 0x1f);
}
export function immB(w: number): number {
  return ((w >> 31) << 12) | (((w >>> 7) & 1) << 11) | (((w >>> 25) & 0x3f) << 5) | (((w >>> 8) & 0xf) << 1);
}
export function immU(w: number): number {
  return w & 0xfffff000;
}
export function immJ(w: number): number {
  return (
    ((w >> 31) << 20) | (((w >>> 12) & 0xff) << 12) | (((w >>> 20) & 1) << 11) | (((w >>> 21) & 0x3ff) << 1)
  );
}

/** Decodes one instruction word; unknown encodings decode to ILLEGAL. */
export function decode(word: number): Decoded {
  const w = word | 0;
  for (const p of DECODE_TABLE) {
    if ((w & p.mask) !== p.match) continue;
    const rd = (w >>> 7) & 31;
    const rs1 = (w >>> 15) & 31;
    const rs2 = (w >>> 20) & 31;
    switch (p.format) {
      case 'R':
        return { op: p.op, rd, rs1, rs2, imm: 0 };
      case 'I':
        return { op: p.op, rd, rs1, rs2: 0, imm: immI(w) };
      case 'SHAMT':
        return { op: p.op, rd, rs1, rs2: 0, imm: rs2 };
      case 'S':
        return { op: p.op, rd: 0, rs1, rs2, imm: immS(w) };
      case 'B':
        return { op: p.op, rd: 0, rs1, rs2, imm: immB(w) };
      case 'U':
        return { op: p.op, rd, rs1: 0, rs2: 0, imm: immU(w) };
      case 'J':
        return { op: p.op, rd, rs1: 0, rs2: 0, imm: immJ(w) };
      case 'NONE':
        return { op: p.op, rd: 0, rs1: 0, rs2: 0, imm: 0 };
    }
  }
  return { op: Op.ILLEGAL, rd: 0, rs1: 0, rs2: 0, imm: 0 };
}

/**
 * True if the word at pc starts with a 16-bit (RVC) instruction: its low two bits are
 * not 0b11. The all-zero parcel is the defined illegal instruction, not a compressed one.
 */
export function isCompressed(word: number): boolean {
  return (word & 3) !== 3 && (word & 0xffff) !== 0;
}

/** A short name for an instruction word, for error messages: "mret", "csr", "illegal". */
export function describeWord(word: number): string {
  const priv = PRIVILEGED.get(word >>> 0);
  if (priv !== undefined) return priv;
  const op = decode(word).op;
  return op === Op.ILLEGAL ? 'illegal encoding' : OP_NAMES[op];
}

/**
 * The program's executable words, decoded once per load. For word i (pc = base + 4i):
 * `op[i]`, `rd[i]` (0 remapped to 32, a scratch register, so x0 stays 0 without a
 * check per write), `rs1[i]`, `rs2[i]`, `imm[i]` and the raw `word[i]`. For AUIPC, JAL
 * and branches, `imm[i]` holds the absolute result/target, computed here once.
 * Index `count` is an OUTSIDE sentinel, so falling off the end needs no bounds check.
 */
export interface DecodedProgram {
  readonly base: number;
  readonly count: number;
  readonly op: Uint8Array;
  readonly rd: Uint8Array;
  readonly rs1: Uint8Array;
  readonly rs2: Uint8Array;
  readonly imm: Int32Array;
  readonly word: Uint32Array;
  /**
   * The interpreters' packed copy, two int32 per word: `code[2i] = op | rd << 8 |
   * rs1 << 16 | rs2 << 24` (rd remapped as above) and `code[2i + 1] = imm[i]`, except
   * that JAL and branches hold the target *index*; one whose target is misaligned or
   * outside the code has op CODE_FAR_JUMP, its real op in the rd byte and the target pc
   * as imm, so the hot jump cases need no checks.
   */
  readonly code: Int32Array;
  /**
   * [start, end) of the executable words (`executableRanges`), unsigned, ascending:
   * what the ECALL path checks buffers against (a read into code is EFAULT).
   */
  readonly ranges: ReadonlyArray<readonly [number, number]>;
}

/** Op id used only in `DecodedProgram.code`: a JAL/branch with a bad target. */
export const CODE_FAR_JUMP = 51;

/** The scratch register that absorbs writes to x0 in the pre-decoded table. */
export const X0_SINK = 32;

export function predecode(program: Program): DecodedProgram {
  const code = program.segments.filter((s) => (s.flags & PF_X) !== 0);
  // Addresses here are unsigned doubles in [0, 2^32]: `& ~3` alone would make a base at
  // or above 0x80000000 negative and the word count ~2^31 (issue 8).
  const base = (code[0].vaddr & ~3) >>> 0;
  const last = code[code.length - 1];
  const count = Math.ceil((last.vaddr + last.memsz - base) / 4);
  const dp = {
    base,
    count,
    op: new Uint8Array(count + 1).fill(Op.OUTSIDE),
    rd: new Uint8Array(count + 1),
    rs1: new Uint8Array(count + 1),
    rs2: new Uint8Array(count + 1),
    imm: new Int32Array(count + 1),
    word: new Uint32Array(count + 1),
    code: new Int32Array(2 * (count + 1)),
    ranges: executableRanges(program),
  };
  for (const seg of code) {
    // Only whole words inside the segment are instructions; bytes past p_filesz are zero.
    const first = Math.ceil((seg.vaddr - base) / 4);
    const end = Math.floor((seg.vaddr + seg.memsz - base) / 4);
    for (let i = first; i < end; i++) {
      const off = base + 4 * i - seg.vaddr;
      const d = seg.data;
      let w = 0;
      for (let b = 3; b >= 0; b--) w = (w << 8) | (off + b < d.length ? d[off + b] : 0);
      w >>>= 0;
      const pc = (base + 4 * i) | 0;
      const dec = decode(w);
      dp.word[i] = w;
      dp.op[i] = dec.op;
      dp.rd[i] = dec.rd === 0 ? X0_SINK : dec.rd;
      dp.rs1[i] = dec.rs1;
      dp.rs2[i] = dec.rs2;
      switch (dec.op) {
        case Op.AUIPC:
        case Op.JAL:
        case Op.BEQ:
        case Op.BNE:
        case Op.BLT:
        case Op.BGE:
        case Op.BLTU:
        case Op.BGEU:
          dp.imm[i] = (pc + dec.imm) | 0;
          break;
        default:
          dp.imm[i] = dec.imm;
      }
    }
  }
  for (let i = 0; i <= count; i++) {
    let o: number = dp.op[i];
    let rd: number = dp.rd[i];
    let imm = dp.imm[i];
    if (o === Op.JAL || (o >= Op.BEQ && o <= Op.BGEU)) {
      const j = (imm - base) >>> 2;
      if ((imm & 3) === 0 && j < count) imm = j;
      else {
        // Misaligned or outside the code: the rare path keeps the op in the rd byte.
        rd = o;
        o = CODE_FAR_JUMP;
      }
    }
    dp.code[2 * i] = o | (rd << 8) | (dp.rs1[i] << 16) | (dp.rs2[i] << 24);
    dp.code[2 * i + 1] = imm;
  }
  return dp;
}
