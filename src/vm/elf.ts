/**
 * ELF loader: turns the bytes of an ELF32 little-endian RISC-V executable into a
 * `Program` (PT_LOAD segments at p_vaddr, entry pc). Every field is validated before
 * use, so a hostile file yields one `ElfError` and never a large allocation: the loader
 * copies only p_filesz bytes, which are bounded by the file size; .bss stays implicit.
 */
import { ElfError, hex32 } from './errors.js';

export const PF_X = 1;
export const PF_W = 2;
export const PF_R = 4;

/** One loaded segment: `data` (p_filesz bytes) at `vaddr`, zero-filled up to `memsz`. */
export interface Segment {
  readonly vaddr: number;
  readonly memsz: number;
  readonly data: Uint8Array;
  readonly flags: number;
}

/** A loaded program: segments sorted by address, non-overlapping, inside 32 bits. */
export interface Program {
  readonly entry: number;
  readonly segments: readonly Segment[];
}

const EHDR_SIZE = 52;
const PHDR_SIZE = 32;
const EM_RISCV = 243;
const ET_EXEC = 2;
const PT_LOAD = 1;
const EF_RISCV_FLOAT_ABI = 0x6;
const EF_RISCV_RVE = 0x8;
/** Sparse memory makes .bss free, but a single segment above 1 GiB is surely corrupt. */
export const MAX_SEGMENT_SIZE = 1 << 30;
/** Executable bytes are pre-decoded into tables of 14 bytes per word; 64 MiB is plenty. */
export const MAX_CODE_SPAN = 64 << 20;

/**
 * Merged, sorted [start, end) ranges of whole instruction words in executable segments:
 * the addresses that can be fetched and must not be written. Unsigned; `end` may be 2^32.
 */
export function executableRanges(program: Program): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const s of program.segments) {
    if ((s.flags & PF_X) === 0) continue;
    const start = Math.ceil(s.vaddr / 4) * 4;
    const end = Math.floor((s.vaddr + s.memsz) / 4) * 4;
    if (end <= start) continue;
    const last = out[out.length - 1];
    if (last !== undefined && last[1] === start) last[1] = end;
    else out.push([start, end]);
  }
  return out;
}

/** Loads an ELF image; throws `ElfError` on anything malformed or unsupported. */
export function loadElf(bytes: Uint8Array): Program {
  if (bytes.length < 16 || bytes[0] !== 0x7f || bytes[1] !== 0x45 || bytes[2] !== 0x4c || bytes[3] !== 0x46) {
    if (bytes.length < 4) throw new ElfError('truncated', `truncated ELF: ${bytes.length} bytes`);
    throw new ElfError('bad-magic', 'not an ELF file (bad magic)');
  }
  if (bytes[4] === 2)
    throw new ElfError('elf64', '64-bit ELF; rvstark runs RV32 (build with -march=rv32im -mabi=ilp32)');
  if (bytes[4] !== 1) throw new ElfError('bad-class', `bad ELF class ${bytes[4]}, expected 1 (ELF32)`);
  if (bytes[5] !== 1)
    throw new ElfError('bad-endianness', `bad ELF data encoding ${bytes[5]}, expected 1 (little-endian)`);
  if (bytes.length < EHDR_SIZE)
    throw new ElfError('truncated', `truncated ELF header: ${bytes.length} of ${EHDR_SIZE} bytes`);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const type = dv.getUint16(16, true);
  const machine = dv.getUint16(18, true);
  const entry = dv.getUint32(24, true);
  const phoff = dv.getUint32(28, true);
  const flags = dv.getUint32(36, true);
  const phentsize = dv.getUint16(42, true);
  const phnum = dv.getUint16(44, true);
  if (machine !== EM_RISCV)
    throw new ElfError('bad-machine', `ELF machine ${machine} is not RISC-V (${EM_RISCV})`);
  if (type !== ET_EXEC)
    throw new ElfError('not-executable', `ELF type ${type} is not a static executable (ET_EXEC)`);
  // EF_RISCV_RVC only says compressed instructions *may* occur (e.g. `.option rvc`); the
  // decoder refuses one where it is executed, naming its pc.
  if (flags & (EF_RISCV_FLOAT_ABI | EF_RISCV_RVE)) {
    throw new ElfError('unsupported-abi', `ELF flags ${hex32(flags)} name an ABI other than ilp32`);
  }
  if (entry === 0) throw new ElfError('no-entry', 'ELF has no entry point (e_entry = 0)');
  if (phnum === 0) throw new ElfError('no-segments', 'ELF has no program headers');
  if (phentsize !== PHDR_SIZE)
    throw new ElfError('bad-header', `e_phentsize ${phentsize}, expected ${PHDR_SIZE}`);
  if (phoff + phnum * PHDR_SIZE > bytes.length) {
    throw new ElfError(
      'truncated',
      `truncated program headers: need ${phoff + phnum * PHDR_SIZE} bytes, file has ${bytes.length}`,
    );
  }

  const segments: Segment[] = [];
  for (let k = 0; k < phnum; k++) {
    const at = phoff + k * PHDR_SIZE;
    if (dv.getUint32(at, true) !== PT_LOAD) continue;
    const offset = dv.getUint32(at + 4, true);
    const vaddr = dv.getUint32(at + 8, true);
    const filesz = dv.getUint32(at + 16, true);
    const memsz = dv.getUint32(at + 20, true);
    const pflags = dv.getUint32(at + 24, true);
    const name = `segment ${k} at ${hex32(vaddr)}`;
    if (filesz > memsz)
      throw new ElfError('bad-segment', `${name}: p_filesz ${filesz} > p_memsz ${memsz}`, at);
    if (memsz > MAX_SEGMENT_SIZE) {
      throw new ElfError('segment-too-large', `${name}: size ${memsz} exceeds ${MAX_SEGMENT_SIZE} bytes`, at);
    }
    if (vaddr + memsz > 2 ** 32) {
      throw new ElfError(
        'segment-out-of-range',
        `${name}: size ${memsz} runs past the 32-bit address space`,
        at,
      );
    }
    if (offset + filesz > bytes.length) {
      throw new ElfError(
        'truncated',
        `${name}: file data [${offset}, ${offset + filesz}) past end of file (${bytes.length} bytes)`,
        at,
      );
    }
    if ((pflags & PF_W) !== 0 && (pflags & PF_X) !== 0) {
      throw new ElfError('writable-code', `${name} is both writable and executable`, at);
    }
    if (memsz === 0) continue;
    segments.push({ vaddr, memsz, data: bytes.slice(offset, offset + filesz), flags: pflags });
  }
  if (segments.length === 0) throw new ElfError('no-segments', 'ELF has no loadable (PT_LOAD) segments');
  segments.sort((a, b) => a.vaddr - b.vaddr);
  for (let k = 1; k < segments.length; k++) {
    const prev = segments[k - 1];
    if (prev.vaddr + prev.memsz > segments[k].vaddr) {
      throw new ElfError(
        'overlapping-segments',
        `segments at ${hex32(prev.vaddr)} (+${prev.memsz}) and ${hex32(segments[k].vaddr)} overlap`,
      );
    }
  }
  const code = segments.filter((s) => (s.flags & PF_X) !== 0);
  if (code.length === 0) throw new ElfError('no-segments', 'ELF has no executable segment');
  const span = code[code.length - 1].vaddr + code[code.length - 1].memsz - code[0].vaddr;
  if (span > MAX_CODE_SPAN) {
    throw new ElfError(
      'code-too-large',
      `executable segments span ${span} bytes, more than ${MAX_CODE_SPAN}`,
    );
  }
  const inCode = code.some((s) => entry >= s.vaddr && entry < s.vaddr + s.memsz);
  if (!inCode || (entry & 3) !== 0) {
    throw new ElfError(
      'no-entry',
      `entry point ${hex32(entry)} is not an aligned address in an executable segment`,
    );
  }
  return { entry, segments };
}
