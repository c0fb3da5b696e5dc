/**
 * Sparse 32-bit guest memory: 64 KiB pages of Int32Array words, allocated on first
 * write. Every page slot starts as the shared all-zero page `ZERO_PAGE`, so loads never
 * branch on "allocated?" and untouched memory reads as zero; only stores compare.
 */
import type { Program } from './elf.js';

export const PAGE_SHIFT = 16;
export const PAGE_WORDS = 1 << (PAGE_SHIFT - 2);
export const WORD_MASK = PAGE_WORDS - 1;
const NUM_PAGES = 1 << (32 - PAGE_SHIFT);

/** Shared, never written: the page every unallocated slot points at. */
export const ZERO_PAGE = new Int32Array(PAGE_WORDS);

export class Memory {
  /** pages[addr >>> 16][(addr >>> 2) & WORD_MASK] is the word at addr. */
  readonly pages: Int32Array[];

  constructor() {
    this.pages = new Array<Int32Array>(NUM_PAGES).fill(ZERO_PAGE);
  }

  /** Returns a writable page, allocating it on first use. */
  page(index: number): Int32Array {
    let p = this.pages[index];
    if (p === ZERO_PAGE) this.pages[index] = p = new Int32Array(PAGE_WORDS);
    return p;
  }

  loadWord(addr: number): number {
    return this.pages[addr >>> PAGE_SHIFT][(addr >>> 2) & WORD_MASK];
  }

  storeWord(addr: number, value: number): void {
    this.page(addr >>> PAGE_SHIFT)[(addr >>> 2) & WORD_MASK] = value;
  }

  loadByte(addr: number): number {
    return (this.loadWord(addr) >>> ((addr & 3) << 3)) & 0xff;
  }

  storeByte(addr: number, value: number): void {
    const p = this.page(addr >>> PAGE_SHIFT);
    const i = (addr >>> 2) & WORD_MASK;
    const s = (addr & 3) << 3;
    p[i] = (p[i] & ~(0xff << s)) | ((value & 0xff) << s);
  }

  /** Indices of allocated pages, ascending. */
  allocatedPages(): number[] {
    const out: number[] = [];
    for (let i = 0; i < NUM_PAGES; i++) if (this.pages[i] !== ZERO_PAGE) out.push(i);
    return out;
  }

  /** A fresh memory holding the program's loaded image (.bss is implicit zero). */
  static fromProgram(program: Program): Memory {
    const mem = new Memory();
    for (const seg of program.segments) {
      const d = seg.data;
      for (let k = 0; k < d.length; k++) if (d[k] !== 0) mem.storeByte(seg.vaddr + k, d[k]);
    }
    return mem;
  }
}
