/**
 * Emits minimal ELF32 RISC-V executables for tests: a text segment (R+X) at TEXT_BASE
 * and an optional data segment (R+W) at DATA_BASE with extra zero-filled bytes; both
 * bases and e_flags can be overridden (layouts across 0x80000000, near 0xffffffff).
 */

export const TEXT_BASE = 0x10000;
export const DATA_BASE = 0x20000;

export interface ElfSpec {
  code: readonly number[];
  data?: Uint8Array;
  /** Zero-filled bytes after data (bss). */
  bss?: number;
  entry?: number;
  /** Address of the text segment (default TEXT_BASE) and of the data segment (DATA_BASE). */
  textBase?: number;
  dataBase?: number;
  /** e_flags (default 0: no RVC, soft-float ilp32). */
  flags?: number;
}

export function makeElf(spec: ElfSpec): Uint8Array {
  const textBytes = spec.code.length * 4;
  const textBase = spec.textBase ?? TEXT_BASE;
  const dataBase = spec.dataBase ?? DATA_BASE;
  const data = spec.data ?? new Uint8Array(0);
  const hasData = data.length > 0 || (spec.bss ?? 0) > 0;
  const phnum = hasData ? 2 : 1;
  const textOff = 0x1000;
  const dataOff = textOff + Math.ceil(textBytes / 0x1000) * 0x1000;
  const size = hasData ? dataOff + data.length : textOff + textBytes;
  const out = new Uint8Array(size);
  const dv = new DataView(out.buffer);
  out.set([0x7f, 0x45, 0x4c, 0x46, 1, 1, 1, 0]);
  dv.setUint16(16, 2, true); // ET_EXEC
  dv.setUint16(18, 243, true); // EM_RISCV
  dv.setUint32(20, 1, true);
  dv.setUint32(24, spec.entry ?? textBase, true);
  dv.setUint32(28, 52, true); // phoff
  dv.setUint32(32, 0, true); // shoff
  dv.setUint32(36, spec.flags ?? 0, true);
  dv.setUint16(40, 52, true);
  dv.setUint16(42, 32, true);
  dv.setUint16(44, phnum, true);
  dv.setUint16(46, 40, true);
  const ph = (k: number, off: number, vaddr: number, filesz: number, memsz: number, flags: number) => {
    const at = 52 + 32 * k;
    dv.setUint32(at, 1, true);
    dv.setUint32(at + 4, off, true);
    dv.setUint32(at + 8, vaddr >>> 0, true);
    dv.setUint32(at + 12, vaddr >>> 0, true);
    dv.setUint32(at + 16, filesz, true);
    dv.setUint32(at + 20, memsz, true);
    dv.setUint32(at + 24, flags, true);
    dv.setUint32(at + 28, 0x1000, true);
  };
  ph(0, textOff, textBase, textBytes, textBytes, 5);
  if (hasData) ph(1, dataOff, dataBase, data.length, data.length + (spec.bss ?? 0), 6);
  for (let k = 0; k < spec.code.length; k++) dv.setUint32(textOff + 4 * k, spec.code[k] >>> 0, true);
  if (hasData) out.set(data, dataOff);
  return out;
}
