// The image id's byte encoding, pinned: test/vectors/image-ids.json holds the ids of the committed
// example guests and the full preimages of hand-made programs, and an encoder written here from
// docs/IMAGE_ID.md alone must give the same bytes as src/vm/image-id.ts. Any change of the
// encoding (field order, widths, the domain tag, which words count) fails here, not just a change
// of the id's format.
//
// Note: this is the v1 definition (BLAKE3 of entry, executable ranges and non-zero memory runs).
// The circuits issue will redefine the image id as a digest of the verifying key, the entry and
// the memory image; these vectors, the spec encoder below and docs/IMAGE_ID.md change with it.
import { readFileSync } from 'node:fs';
import { blake3 } from '@noble/hashes/blake3.js';
import { describe, expect, it } from 'vitest';
import { IMAGE_ID_DOMAIN, imageId, imageIdHex, imageIdPreimage } from '../../src/vm/image-id.js';
import { loadElf, type Program } from '../../src/vm/index.js';

interface Vectors {
  readonly guests: ReadonlyArray<{
    readonly name: string;
    readonly elf: string;
    readonly elfBlake3: string;
    readonly entry: string;
    readonly executableRanges: ReadonlyArray<readonly [string, string]>;
    readonly memoryRuns: number;
    readonly memoryWords: number;
    readonly preimageLength: number;
    readonly imageId: string;
  }>;
  readonly programs: ReadonlyArray<{
    readonly name: string;
    readonly program: {
      readonly entry: string;
      readonly segments: ReadonlyArray<{ vaddr: string; memsz: number; flags: number; data: string }>;
    };
    readonly preimage: string;
    readonly imageId: string;
  }>;
}

const vectors = JSON.parse(readFileSync('test/vectors/image-ids.json', 'utf8')) as Vectors;
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const PF_X = 1;

/** The preimage exactly as docs/IMAGE_ID.md spells it, from the segments alone. */
function specPreimage(program: Program): {
  bytes: Uint8Array;
  ranges: Array<[number, number]>;
  runs: Array<[number, number[]]>;
} {
  // The loaded image: each segment's file bytes at vaddr (the rest of memsz is zero), as aligned
  // little-endian words.
  const words = new Map<number, number>();
  for (const s of program.segments) {
    s.data.forEach((byte, k) => {
      const addr = s.vaddr + k;
      const w = addr - (addr % 4);
      words.set(w, ((words.get(w) ?? 0) | (byte << (8 * (addr % 4)))) >>> 0);
    });
  }
  const runs: Array<[number, number[]]> = [];
  for (const addr of [...words.keys()].sort((a, b) => a - b)) {
    const w = words.get(addr) as number;
    if (w === 0) continue;
    const last = runs[runs.length - 1];
    if (last !== undefined && last[0] + 4 * last[1].length === addr) last[1].push(w);
    else runs.push([addr, [w]]);
  }
  // Whole words inside executable segments, adjacent ranges merged.
  const ranges: Array<[number, number]> = [];
  for (const s of program.segments) {
    if ((s.flags & PF_X) === 0) continue;
    const start = Math.ceil(s.vaddr / 4) * 4;
    const end = Math.floor((s.vaddr + s.memsz) / 4) * 4;
    if (end <= start) continue;
    const last = ranges[ranges.length - 1];
    if (last !== undefined && last[1] === start) last[1] = end;
    else ranges.push([start, end]);
  }
  const out: number[] = [...new TextEncoder().encode('rvstark/image-id/v1'), 0];
  const u32 = (x: number) => {
    const v = x % 2 ** 32; // an end of 2^32 is written as 0
    out.push(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, v >>> 24);
  };
  u32(program.entry);
  u32(ranges.length);
  for (const [s, e] of ranges) {
    u32(s);
    u32(e);
  }
  u32(runs.length);
  for (const [addr, ws] of runs) {
    u32(addr);
    u32(ws.length);
    for (const w of ws) u32(w);
  }
  return { bytes: Uint8Array.from(out), ranges, runs };
}

const h32 = (x: number) => `0x${x.toString(16).padStart(8, '0')}`;

describe('image id vectors', () => {
  it('uses the documented domain tag', () => {
    expect(IMAGE_ID_DOMAIN).toBe('rvstark/image-id/v1');
    expect(vectors.programs.length).toBeGreaterThan(0);
  });

  for (const g of vectors.guests) {
    it(`pins the committed ${g.name} guest`, () => {
      const bytes = readFileSync(g.elf);
      // A rebuilt guest changes its id legitimately: regenerate the vectors then.
      expect(hex(blake3(bytes)), `${g.elf} is not the ELF these vectors were made from`).toBe(g.elfBlake3);
      const program = loadElf(bytes);
      const spec = specPreimage(program);
      expect(h32(program.entry)).toBe(g.entry);
      expect(spec.ranges.map(([s, e]) => [h32(s), e === 2 ** 32 ? '0x100000000' : h32(e)])).toEqual(
        g.executableRanges,
      );
      expect(spec.runs.length).toBe(g.memoryRuns);
      expect(spec.runs.reduce((a, [, w]) => a + w.length, 0)).toBe(g.memoryWords);
      const pre = imageIdPreimage(program);
      expect(pre.length).toBe(g.preimageLength);
      expect(hex(pre)).toBe(hex(spec.bytes));
      expect(imageIdHex(program)).toBe(g.imageId);
      expect(hex(imageId(program))).toBe(g.imageId);
      expect(hex(blake3(spec.bytes))).toBe(g.imageId);
    });
  }

  for (const v of vectors.programs) {
    it(`encodes a hand-made program byte for byte: ${v.name}`, () => {
      const program: Program = {
        entry: Number(v.program.entry),
        segments: v.program.segments.map((s) => ({
          vaddr: Number(s.vaddr),
          memsz: s.memsz,
          flags: s.flags,
          data: Uint8Array.from(Buffer.from(s.data, 'hex')),
        })),
      };
      expect(hex(imageIdPreimage(program))).toBe(v.preimage);
      expect(hex(specPreimage(program).bytes)).toBe(v.preimage);
      expect(hex(blake3(Buffer.from(v.preimage, 'hex')))).toBe(v.imageId);
      expect(imageIdHex(program)).toBe(v.imageId);
    });
  }

  it('matches the worked example in docs/IMAGE_ID.md', () => {
    const doc = readFileSync('docs/IMAGE_ID.md', 'utf8');
    const example = doc.slice(doc.indexOf('## Worked example'));
    const block = example.split('```')[1];
    // Each line: hex words, then a description after two or more spaces.
    const bytes = block
      .split('\n')
      .map((line) => line.split(/\s{2,}/)[0].replace(/ /g, ''))
      .join('');
    expect(bytes).toBe(vectors.programs[0].preimage);
    expect(example).toContain(vectors.programs[0].imageId);
  });
});
