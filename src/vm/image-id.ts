/**
 * The image id: BLAKE3 of a canonical encoding of everything that determines a run
 * besides the input: entry pc, the executable (fetchable, non-writable) word ranges,
 * and the initial memory as maximal runs of non-zero words. Two ELFs that load the same
 * image get the same id, whatever their segment layout. Spec: docs/IMAGE_ID.md.
 */
import { blake3 } from '@noble/hashes/blake3.js';
import { executableRanges, type Program } from './elf.js';
import { Memory, PAGE_SHIFT, PAGE_WORDS } from './memory.js';

export { executableRanges };

export const IMAGE_ID_DOMAIN = 'rvstark/image-id/v1';

/** The loaded image as maximal runs of non-zero words: [address, words][], ascending. */
export function imageRuns(program: Program): Array<[number, Uint32Array]> {
  const mem = Memory.fromProgram(program);
  const runs: Array<[number, Uint32Array]> = [];
  let start = -1;
  let words: number[] = [];
  const flush = () => {
    if (start >= 0) runs.push([start, Uint32Array.from(words)]);
    start = -1;
    words = [];
  };
  let expected = -1;
  for (const pi of mem.allocatedPages()) {
    const page = mem.pages[pi];
    for (let j = 0; j < PAGE_WORDS; j++) {
      const w = page[j] >>> 0;
      const addr = pi * 2 ** PAGE_SHIFT + 4 * j;
      if (w === 0) continue;
      if (addr !== expected) flush();
      if (start < 0) start = addr;
      words.push(w);
      expected = addr + 4;
    }
  }
  flush();
  return runs;
}

/** The canonical byte encoding hashed into the image id (all integers u32 LE). */
export function imageIdPreimage(program: Program): Uint8Array {
  const ranges = executableRanges(program);
  const runs = imageRuns(program);
  const tag = new TextEncoder().encode(IMAGE_ID_DOMAIN);
  let size = tag.length + 1 + 4 + 4 + 8 * ranges.length + 4;
  for (const [, w] of runs) size += 8 + 4 * w.length;
  const out = new Uint8Array(size);
  const dv = new DataView(out.buffer);
  out.set(tag, 0);
  let at = tag.length + 1; // NUL terminates the tag
  const u32 = (x: number) => {
    dv.setUint32(at, x >>> 0, true);
    at += 4;
  };
  u32(program.entry);
  u32(ranges.length);
  for (const [s, e] of ranges) {
    u32(s);
    // A range ending at the top of the address space has e = 2^32, written as 0 (mod 2^32);
    // unambiguous, since ranges are non-empty.
    u32(e);
  }
  u32(runs.length);
  for (const [addr, w] of runs) {
    u32(addr);
    u32(w.length);
    for (let k = 0; k < w.length; k++) u32(w[k]);
  }
  return out;
}

/** The 32-byte image id of a loaded program. */
export function imageId(program: Program): Uint8Array {
  return blake3(imageIdPreimage(program));
}

export function imageIdHex(program: Program): string {
  return Buffer.from(imageId(program)).toString('hex');
}
