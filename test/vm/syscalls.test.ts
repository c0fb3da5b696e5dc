// ECALL buffers that qemu-user refuses with EFAULT (issue 8): a read into code (the same
// rule as sb/sh/sw's store-to-code) and a buffer that wraps past 0xffffffff return -14
// in a0 and have no effect, checked against qemu-riscv32; the record shows exactly that
// (an io row of length 0, no RAM rows, a0 = -14). Reading code bytes as data is fine.
import { describe, expect, it } from 'vitest';
import { ExecutionError, type ExecutionResult, execute, loadElf } from '../../src/vm/index.js';
import { A0, A1, A2, A7, asm, SYS } from './helpers/asm.js';
import { checkRecord } from './helpers/check-record.js';
import { makeElf } from './helpers/elf-writer.js';
import { QEMU, runQemu } from './helpers/qemu.js';

const TEXT = 0x11000;
const DATA = 0x10000; // [0x10000, 0x11000): directly below the code
const OUT = DATA + 0x800;
const EFAULT = 0xfffffff2; // -14 as u32

/** ECALL num(fd, addr, len); saves a0 to out[slot] (word) through x31 = OUT. */
const sys = (num: number, fd: number, addr: number, len: number, slot: number) => [
  ...asm.li(A0, fd),
  ...asm.li(A1, addr),
  ...asm.li(A2, len),
  ...asm.li(A7, num),
  asm.ecall(),
  asm.store('sw', A0, 31, 4 * slot),
];

/** Program: x31 = OUT, the body, write(1, OUT, 4 * slots), exit(7) from a separate word. */
function program(body: (target: number) => number[], slots: number): { elf: Uint8Array; target: number } {
  const head = asm.li(31, OUT);
  const tail = (n: number) => [...sys(SYS.write, 1, OUT, 4 * slots, 31), ...asm.li(A0, n)];
  // Two passes: the body's length fixes the address of the exit sequence (the target).
  const len = head.length + body(0).length + tail(0).length;
  const target = TEXT + 4 * len;
  const code = [...head, ...body(target), ...tail(7), ...asm.li(A7, SYS.exit), asm.ecall()];
  return { elf: makeElf({ code, textBase: TEXT, dataBase: DATA, data: new Uint8Array(0x1000) }), target };
}

async function both(elf: Uint8Array, input: Uint8Array): Promise<ExecutionResult> {
  const p = loadElf(elf);
  const fast = execute(p, input);
  const rec = execute(p, input, { record: true });
  expect([rec.cycles, rec.exitCode, Buffer.from(rec.output).toString('hex')]).toEqual([
    fast.cycles,
    fast.exitCode,
    Buffer.from(fast.output).toString('hex'),
  ]);
  checkRecord(rec);
  if (QEMU) {
    const q = await runQemu(elf, input);
    expect([q.signal, q.status]).toEqual([null, fast.exitCode & 0xff]);
    expect(Buffer.from(fast.output).toString('hex')).toBe(Buffer.from(q.stdout).toString('hex'));
  }
  return rec;
}

const words = (b: Uint8Array) => Array.from(new Uint32Array(Uint8Array.from(b).buffer));

describe('read/write buffers: EFAULT like qemu-user', () => {
  it('read into code is EFAULT: nothing written, no input consumed, the code still runs', async () => {
    const { elf, target } = program(
      (t) => [
        ...sys(SYS.read, 0, t, 4, 0), // EFAULT
        ...asm.li(5, t),
        asm.load('lw', 6, 5, 0), // the code word, unchanged
        asm.store('sw', 6, 31, 4),
        ...sys(SYS.read, 0, t, 0, 2), // zero length: 0, no check
        ...sys(SYS.read, 0, OUT + 12, 4, 4), // the input is still all there
        ...sys(SYS.read, 0, TEXT - 1, 1, 5), // ends right before the code: fine
        ...sys(SYS.read, 0, TEXT - 4, 8, 6), // data below the code, running into it
        ...sys(SYS.write, 1, t, 4, 7), // reading code as data is fine
      ],
      8,
    );
    const r = await both(elf, new TextEncoder().encode('WXYZQ'));
    expect(r.exitCode).toBe(7);
    const out = words(r.output.subarray(4, 36));
    const code = r.decoded.word[(target - TEXT) >>> 2];
    expect(out).toEqual([EFAULT, code, 0, 0x5a595857, 4, 1, EFAULT, 4]);
    // The journal: the code word from write(1, target, 4), then the dump.
    expect(words(r.output.subarray(0, 4))).toEqual([code]);
    expect(r.inputConsumed).toBe(5);

    // The record: the EFAULT read has an io row of length 0, no RAM row and a0 = -14.
    const rec = r.record!;
    const k = rec.io.clk[0];
    expect([rec.io.fd[0], rec.io.addr[0], rec.io.len[0], rec.io.requested[0]]).toEqual([0, target, 0, 4]);
    expect(rec.cpu.rdVal[k]).toBe(EFAULT);
    const ts = 4 * (k + 1);
    expect(Array.from(rec.ram.ts).filter((t) => t >= ts && t < ts + 4)).toEqual([]);
  });

  it('at end of input a read into code is still EFAULT (the whole requested range counts)', async () => {
    const { elf } = program((t) => [...sys(SYS.read, 0, t, 4, 0), ...sys(SYS.read, 0, OUT + 8, 4, 1)], 2);
    const r = await both(elf, new Uint8Array(0));
    expect(words(r.output)).toEqual([EFAULT, 0]);
  });

  it('a buffer wrapping past 0xffffffff is EFAULT for read and write', async () => {
    const { elf } = program(
      () => [
        ...sys(SYS.read, 0, 0xfffffff0, 0x20, 0),
        ...sys(SYS.write, 1, 0xfffffff0, 0x20, 1),
        ...sys(SYS.read, 0, 0xfffffff0, 0xffffffff, 2),
      ],
      3,
    );
    const r = await both(elf, new TextEncoder().encode('abc'));
    expect(words(r.output)).toEqual([EFAULT, EFAULT, EFAULT]);
    expect(r.inputConsumed).toBe(0);
  });
});

describe('a fault keeps what the guest wrote before it', () => {
  it('ExecutionError.partial holds fd 1, fd 2 and the input consumed, in both modes', () => {
    const code = [
      ...asm.li(31, OUT),
      ...sys(SYS.read, 0, OUT, 3, 8),
      ...sys(SYS.write, 1, OUT, 3, 9),
      ...sys(SYS.write, 2, OUT + 1, 1, 10),
      asm.ebreak(),
    ];
    const p = loadElf(makeElf({ code, textBase: TEXT, dataBase: DATA, data: new Uint8Array(0x1000) }));
    for (const record of [false, true]) {
      let err: ExecutionError | undefined;
      try {
        execute(p, new TextEncoder().encode('abcdef'), { record });
      } catch (e) {
        err = e as ExecutionError;
      }
      expect(err).toBeInstanceOf(ExecutionError);
      expect(err!.kind).toBe('ebreak');
      expect(new TextDecoder().decode(err!.partial.output)).toBe('abc');
      expect(new TextDecoder().decode(err!.partial.stderr)).toBe('b');
      expect(err!.partial.inputConsumed).toBe(3);
    }
  });
});
