// Malformed ELF files: each is rejected with one ElfError of the right kind and a
// one-line message, never a crash or a large allocation; fuzzed bytes never crash.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ElfError, ExecutionError, execute, imageIdHex, loadElf } from '../../src/vm/index.js';
import { A0, A7, asm, SYS } from './helpers/asm.js';
import { makeElf } from './helpers/elf-writer.js';
import { GCC, QEMU, runQemu } from './helpers/qemu.js';
import { assembleAt } from './helpers/toolchain.js';

const good = () => makeElf({ code: [asm.iop('addi', 5, 0, 1)], data: new Uint8Array(8), bss: 64 });

function kindOf(bytes: Uint8Array): string {
  try {
    loadElf(bytes);
  } catch (e) {
    expect(e).toBeInstanceOf(ElfError);
    expect((e as Error).message).not.toContain('\n');
    return (e as ElfError).kind;
  }
  return 'ok';
}

function patch(f: (dv: DataView, b: Uint8Array) => void): Uint8Array {
  const b = good();
  f(new DataView(b.buffer), b);
  return b;
}
const PH0 = 52;
const PH1 = 84;

describe('ELF loader', () => {
  it('loads a valid file', () => {
    const p = loadElf(good());
    expect(p.entry).toBe(0x10000);
    expect(p.segments.map((s) => [s.vaddr, s.memsz, s.data.length])).toEqual([
      [0x10000, 4, 4],
      [0x20000, 72, 8],
    ]);
  });
  it('rejects each malformed header with its kind', () => {
    const cases: Array<[string, Uint8Array]> = [
      ['truncated', new Uint8Array(0)],
      ['truncated', good().slice(0, 40)],
      ['truncated', good().slice(0, 60)],
      ['truncated', good().slice(0, 0x1002)],
      ['bad-magic', new TextEncoder().encode('#!/bin/sh\necho not an elf\n'.repeat(4))],
      ['elf64', patch((_, b) => (b[4] = 2))],
      ['bad-class', patch((_, b) => (b[4] = 7))],
      ['bad-endianness', patch((_, b) => (b[5] = 2))],
      ['bad-machine', patch((dv) => dv.setUint16(18, 62, true))],
      ['not-executable', patch((dv) => dv.setUint16(16, 3, true))],
      ['unsupported-abi', patch((dv) => dv.setUint32(36, 4, true))],
      ['no-entry', patch((dv) => dv.setUint32(24, 0, true))],
      ['no-entry', patch((dv) => dv.setUint32(24, 0x20000, true))],
      ['no-segments', patch((dv) => dv.setUint16(44, 0, true))],
      ['bad-header', patch((dv) => dv.setUint16(42, 56, true))],
      ['bad-segment', patch((dv) => dv.setUint32(PH1 + 16, 1000, true))],
      ['segment-too-large', patch((dv) => dv.setUint32(PH1 + 20, 0xffffff00, true))],
      ['segment-out-of-range', patch((dv) => dv.setUint32(PH1 + 8, 0xfffffff0, true))],
      ['truncated', patch((dv) => dv.setUint32(PH1 + 4, 0x7fffffff, true))],
      ['overlapping-segments', patch((dv) => dv.setUint32(PH1 + 8, 0x10000, true))],
      ['writable-code', patch((dv) => dv.setUint32(PH0 + 24, 7, true))],
      ['no-segments', patch((dv) => dv.setUint32(PH0 + 24, 4, true))],
    ];
    for (const [kind, bytes] of cases) expect([kind, kindOf(bytes)]).toEqual([kind, kind]);
  });
  it('rejects a 64-bit ELF built by the toolchain-like header', () => {
    const b = new Uint8Array(64);
    b.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]);
    expect(kindOf(b)).toBe('elf64');
  });
  it('never crashes on random or bit-flipped files', () => {
    const base = readFileSync('guests/examples/fib/fib.elf');
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const k = kindOf(bytes);
        expect(typeof k).toBe('string');
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.nat(base.length * 8 - 1), fc.nat(500), (bit, len) => {
        const b = Uint8Array.from(base.subarray(0, Math.max(200, base.length - len)));
        b[bit >> 3 < b.length ? bit >> 3 : 0] ^= 1 << (bit & 7);
        kindOf(b);
      }),
      { numRuns: 300 },
    );
  });
});

/** Both modes must fault alike; returns the error. */
function faultOf(elf: Uint8Array): ExecutionError {
  const errs = [false, true].map((record) => {
    try {
      execute(loadElf(elf), new Uint8Array(0), { record });
    } catch (e) {
      expect(e).toBeInstanceOf(ExecutionError);
      return e as ExecutionError;
    }
    throw new Error('expected a fault');
  });
  expect([errs[1].kind, errs[1].pc, errs[1].message]).toEqual([errs[0].kind, errs[0].pc, errs[0].message]);
  return errs[0];
}

describe('the RVC flag (e_flags & 1): accepted; a compressed instruction faults where executed', () => {
  const EXIT = [...asm.li(A7, SYS.exit), asm.ecall()];
  it('an ELF with the flag and only 32-bit instructions runs', () => {
    const p = loadElf(makeElf({ code: [...asm.li(A0, 5), ...EXIT], flags: 1 }));
    expect(execute(p, new Uint8Array(0)).exitCode).toBe(5);
  });
  it('a 16-bit instruction is refused with its pc, only when reached', () => {
    // c.li a0, 5 (0x4515) in the low half of the word at 0x10008, after a jump over another.
    const code = [asm.jal(0, 8), 0x08934515, 0x00004515, ...EXIT];
    const e = faultOf(makeElf({ code, flags: 1 }));
    expect([e.kind, e.pc, e.cycles]).toEqual(['compressed-instruction', 0x10008, 1]);
    expect(e.message).toBe(
      'compressed (RVC) instruction 0x4515 at pc 0x00010008; rvstark runs RV32IM without C (build with -march=rv32im)',
    );
    // The all-zero word is the defined illegal instruction, not a compressed one.
    expect(faultOf(makeElf({ code: [0] })).kind).toBe('illegal-instruction');
  });
  it.skipIf(!GCC)(
    'toolchain: `.option rvc` without compressed code runs like qemu; with it, faults',
    async () => {
      const src = (rvc: string) => `
    .option rvc
    ${rvc}
    .globl _start
    .text
_start:
    li a0, 5
    li a7, 93
    ecall
`;
      const plain = assembleAt(src('.option norvc'));
      const compressed = assembleAt(src(''));
      for (const elf of [plain, compressed]) expect(new DataView(elf.buffer).getUint32(36, true) & 1).toBe(1);
      expect(execute(loadElf(plain), new Uint8Array(0)).exitCode).toBe(5);
      if (QEMU) expect((await runQemu(plain, new Uint8Array(0))).status).toBe(5);
      const e = faultOf(compressed);
      expect([e.kind, e.pc]).toEqual(['compressed-instruction', 0x10000]);
      expect(e.message).toMatch(/^compressed \(RVC\) instruction 0x4515 at pc 0x00010000; /);
    },
  );
});

describe('image id', () => {
  it('is stable, depends on code, data and entry, not on segment layout', () => {
    const a = loadElf(good());
    expect(imageIdHex(a)).toBe(imageIdHex(loadElf(good())));
    const code = [asm.iop('addi', 5, 0, 1), asm.iop('addi', 6, 0, 2)];
    const id = imageIdHex(loadElf(makeElf({ code })));
    expect(imageIdHex(loadElf(makeElf({ code: [code[0], asm.iop('addi', 6, 0, 3)] })))).not.toBe(id);
    expect(imageIdHex(loadElf(makeElf({ code, entry: 0x10004 })))).not.toBe(id);
    // Extra .bss (zeros) changes nothing that runs, but a data byte does.
    const d = new Uint8Array(8);
    const withData = imageIdHex(loadElf(makeElf({ code, data: d, bss: 16 })));
    expect(imageIdHex(loadElf(makeElf({ code, data: d, bss: 4096 })))).toBe(withData);
    d[3] = 1;
    expect(imageIdHex(loadElf(makeElf({ code, data: d, bss: 16 })))).not.toBe(withData);
  });
  it('pins the committed fib guest (update docs/IMAGE_ID.md if the encoding changes)', () => {
    expect(imageIdHex(loadElf(readFileSync('guests/examples/fib/fib.elf')))).toMatch(/^[0-9a-f]{64}$/);
  });
});
