// Instruction-level tests, independent of qemu: every RV32IM opcode against a BigInt
// reference on edge operands, loads/stores of every width, control flow, x0, and every
// fault kind. Programs come from our own assembler (helpers/asm.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { div, divu, mulh, mulhsu, mulhu, rem, remu } from '../../src/vm/alu.js';
import { ExecutionError, execute, loadElf } from '../../src/vm/index.js';
import { A0, A1, A2, A7, asm, R_OPS, type ROp, SYS } from './helpers/asm.js';
import { DATA_BASE, makeElf, TEXT_BASE } from './helpers/elf-writer.js';

const EXIT = [...asm.li(A7, SYS.exit), asm.ecall()];
const MIN = -0x80000000;
const MAX = 0x7fffffff;
const EDGE = [
  0,
  1,
  -1,
  2,
  -2,
  3,
  MIN,
  MAX,
  MIN + 1,
  0x10000,
  0xffff,
  31,
  32,
  33,
  -33,
  0x12345678,
  0x9abcdef0 | 0,
];

interface RunOut {
  regs: number[];
  output: Uint8Array;
  exitCode: number;
  cycles: number;
}

/** Runs code (plus an exit) in both modes; returns final registers (as int32) and output. */
function run(code: number[], opts: { data?: Uint8Array; input?: Uint8Array; exit?: boolean } = {}): RunOut {
  const elf = makeElf({ code: opts.exit === false ? code : [...code, ...EXIT], data: opts.data, bss: 4096 });
  const program = loadElf(elf);
  const input = opts.input ?? new Uint8Array(0);
  const fast = execute(program, input);
  const rec = execute(program, input, { record: true });
  expect(rec.cycles).toBe(fast.cycles);
  expect(Buffer.from(rec.output)).toEqual(Buffer.from(fast.output));
  const regs = Array.from(rec.record!.registers.final, (x) => x | 0);
  return { regs, output: fast.output, exitCode: fast.exitCode, cycles: fast.cycles };
}

/** Both modes must fault with the same kind; returns the fast-mode error. */
function fault(code: number[], opts: { data?: Uint8Array; maxCycles?: number } = {}): ExecutionError {
  const program = loadElf(makeElf({ code, data: opts.data, bss: 4096 }));
  const errs = [false, true].map((record) => {
    try {
      execute(program, new Uint8Array(0), { record, maxCycles: opts.maxCycles });
    } catch (e) {
      expect(e).toBeInstanceOf(ExecutionError);
      return e as ExecutionError;
    }
    throw new Error('expected a fault');
  });
  expect(errs[1].kind).toBe(errs[0].kind);
  expect(errs[1].pc).toBe(errs[0].pc);
  expect([errs[1].cycles, errs[1].detail]).toEqual([errs[0].cycles, errs[0].detail]);
  expect(errs[0].message).not.toContain('\n');
  return errs[0];
}

const S = (x: number) => BigInt.asIntN(32, BigInt(x));
const U = (x: number) => BigInt.asUintN(32, BigInt(x));
const REF: Record<ROp, (a: number, b: number) => bigint> = {
  add: (a, b) => S(a) + S(b),
  sub: (a, b) => S(a) - S(b),
  sll: (a, b) => U(a) << (U(b) & 31n),
  slt: (a, b) => (S(a) < S(b) ? 1n : 0n),
  sltu: (a, b) => (U(a) < U(b) ? 1n : 0n),
  xor: (a, b) => U(a) ^ U(b),
  srl: (a, b) => U(a) >> (U(b) & 31n),
  sra: (a, b) => S(a) >> (U(b) & 31n),
  or: (a, b) => U(a) | U(b),
  and: (a, b) => U(a) & U(b),
  mul: (a, b) => S(a) * S(b),
  mulh: (a, b) => (S(a) * S(b)) >> 32n,
  mulhsu: (a, b) => (S(a) * U(b)) >> 32n,
  mulhu: (a, b) => (U(a) * U(b)) >> 32n,
  div: (a, b) => (b === 0 ? -1n : a === MIN && b === -1 ? S(MIN) : S(a) / S(b)),
  divu: (a, b) => (b === 0 ? 0xffffffffn : U(a) / U(b)),
  rem: (a, b) => (b === 0 ? S(a) : a === MIN && b === -1 ? 0n : S(a) % S(b)),
  remu: (a, b) => (b === 0 ? U(a) : U(a) % U(b)),
};
const ref = (op: ROp, a: number, b: number) => Number(BigInt.asIntN(32, REF[op](a, b)));

describe('RV32IM register-register ops on edge operands', () => {
  for (const op of Object.keys(R_OPS) as ROp[]) {
    it(op, () => {
      // One program per op: every pair of edge values, results stored and dumped via write.
      const code: number[] = [...asm.li(31, DATA_BASE)];
      const expected: number[] = [];
      for (const a of EDGE) {
        for (const b of EDGE) {
          code.push(...asm.li(5, a), ...asm.li(6, b), asm.rop(op, 7, 5, 6));
          code.push(asm.store('sw', 7, 31, 0), asm.iop('addi', 31, 31, 4));
          expected.push(ref(op, a, b));
        }
      }
      code.push(...asm.li(A0, 1), ...asm.li(A1, DATA_BASE), ...asm.li(A2, 4 * expected.length));
      code.push(...asm.li(A7, SYS.write), asm.ecall());
      const out = run(code);
      expect(Array.from(new Int32Array(out.output.slice().buffer))).toEqual(expected);
    });
  }
  it('aliasing rs1 = rs2 and rd = rs1', () => {
    const r = run([
      ...asm.li(5, 7),
      asm.rop('mul', 5, 5, 5),
      asm.rop('sub', 6, 5, 5),
      asm.rop('add', 5, 5, 5),
    ]);
    expect(r.regs[5]).toBe(98);
    expect(r.regs[6]).toBe(0);
  });
});

describe('M-extension helpers match BigInt on random operands', () => {
  const ops: Array<[ROp, (a: number, b: number) => number]> = [
    ['mulh', mulh],
    ['mulhsu', mulhsu],
    ['mulhu', mulhu],
    ['div', div],
    ['divu', divu],
    ['rem', rem],
    ['remu', remu],
  ];
  for (const [name, f] of ops) {
    it(name, () => {
      fc.assert(
        fc.property(
          fc.integer({ min: MIN, max: MAX }),
          fc.integer({ min: MIN, max: MAX }),
          (a, b) => f(a, b) === ref(name, a, b),
        ),
        {
          numRuns: 2000,
        },
      );
    });
  }
});

describe('immediates, upper immediates and x0', () => {
  it('I-type ops with sign-extended immediates', () => {
    const r = run([
      ...asm.li(5, 10),
      asm.iop('addi', 6, 5, -2048),
      asm.iop('slti', 7, 5, -1),
      asm.iop('sltiu', 8, 5, -1), // -1 is 0xffffffff unsigned
      asm.iop('xori', 9, 5, -1),
      asm.iop('ori', 10, 0, 0x7ff),
      asm.iop('andi', 11, 5, -2),
      asm.shifti('slli', 12, 5, 31),
      ...asm.li(13, MIN),
      asm.shifti('srli', 14, 13, 31),
      asm.shifti('srai', 15, 13, 31),
      asm.shifti('srai', 16, 13, 0),
    ]);
    expect(r.regs.slice(6, 17)).toEqual([10 - 2048, 0, 1, ~10, 0x7ff, 10, 0, MIN, 1, -1, MIN]);
  });
  it('LUI and AUIPC', () => {
    const r = run([asm.lui(5, 0xfffff000), asm.auipc(6, 0x1000), asm.auipc(7, 0)]);
    expect(r.regs[5]).toBe(0xfffff000 | 0);
    expect(r.regs[6]).toBe(TEXT_BASE + 4 + 0x1000);
    expect(r.regs[7]).toBe(TEXT_BASE + 8);
  });
  it('x0 is hard-wired to zero', () => {
    const r = run([asm.iop('addi', 0, 0, 5), asm.lui(0, 0x12345000), asm.rop('add', 5, 0, 0), asm.jal(0, 4)]);
    expect(r.regs[0]).toBe(0);
    expect(r.regs[5]).toBe(0);
  });
  it('FENCE is a no-op', () => {
    expect(run([asm.fence(), ...asm.li(5, 3)]).regs[5]).toBe(3);
  });
});

describe('loads and stores', () => {
  const data = Uint8Array.from([0x80, 0xff, 0x7f, 0x01, 0x34, 0x12, 0x00, 0x80]);
  it('sign and zero extension of every load width', () => {
    const r = run(
      [
        ...asm.li(31, DATA_BASE),
        asm.load('lb', 5, 31, 0),
        asm.load('lbu', 6, 31, 0),
        asm.load('lh', 7, 31, 0),
        asm.load('lhu', 8, 31, 0),
        asm.load('lw', 9, 31, 0),
        asm.load('lb', 10, 31, 3),
        asm.load('lh', 11, 31, 6),
        asm.load('lhu', 12, 31, 6),
        asm.load('lw', 13, 31, 4),
        asm.load('lw', 14, 31, 1024), // .bss reads as zero
      ],
      { data },
    );
    expect(r.regs.slice(5, 15)).toEqual([
      -128,
      0x80,
      (-128 & ~0xff00) | 0xffffff00,
      0xff80,
      0x017fff80,
      1,
      -32768,
      0x8000,
      0x80001234 | 0,
      0,
    ]);
  });
  it('stores of every width update only their bytes', () => {
    const r = run(
      [
        ...asm.li(31, DATA_BASE),
        ...asm.li(5, 0xaabbccdd),
        asm.store('sb', 5, 31, 1),
        asm.store('sh', 5, 31, 6),
        asm.store('sw', 5, 31, 8),
        asm.load('lw', 6, 31, 0),
        asm.load('lw', 7, 31, 4),
        asm.load('lw', 8, 31, 8),
        ...asm.li(9, 0x7ff00000), // a far, untouched page
        asm.store('sb', 5, 9, -1),
        asm.load('lw', 10, 9, -4),
      ],
      { data },
    );
    expect(r.regs[6] >>> 0).toBe(0x017fdd80);
    expect(r.regs[7] >>> 0).toBe(0xccdd1234);
    expect(r.regs[8] >>> 0).toBe(0xaabbccdd);
    expect(r.regs[10] >>> 0).toBe(0xdd000000);
  });
});

describe('control flow', () => {
  it('branches compare signed and unsigned, taken and not taken', () => {
    const cases: Array<[Parameters<typeof asm.branch>[0], number, number, boolean]> = [
      ['beq', 5, 5, true],
      ['beq', 5, 6, false],
      ['bne', 5, 6, true],
      ['bne', 5, 5, false],
      ['blt', -1, 1, true],
      ['blt', 1, -1, false],
      ['bge', -1, -1, true],
      ['bge', MIN, MAX, false],
      ['bltu', 1, -1, true],
      ['bltu', -1, 1, false],
      ['bgeu', -1, 1, true],
      ['bgeu', 0, 1, false],
    ];
    for (const [op, a, b, taken] of cases) {
      // x7 = 1 only if the branch skipped the instruction that sets it to 2.
      const r = run([
        ...asm.li(5, a),
        ...asm.li(6, op === 'beq' || op === 'bne' ? b : b),
        asm.iop('addi', 7, 0, 1),
        asm.branch(op, 5, op.startsWith('b') && a === b && (op === 'beq' || op === 'bne') ? 5 : 6, 8),
        asm.iop('addi', 7, 0, 2),
      ]);
      expect([op, a, b, r.regs[7]]).toEqual([op, a, b, taken ? 1 : 2]);
    }
  });
  it('backward branches loop', () => {
    const r = run([
      asm.iop('addi', 5, 0, 10),
      asm.iop('addi', 6, 6, 3),
      asm.iop('addi', 5, 5, -1),
      asm.branch('bne', 5, 0, -8),
    ]);
    expect(r.regs[6]).toBe(30);
  });
  it('JAL links pc+4; JALR clears bit 0 of the target and handles rd = rs1', () => {
    const r = run([
      asm.jal(1, 8), // 0x10000 -> 0x10008
      asm.iop('addi', 9, 0, 99), // skipped
      asm.auipc(5, 0), // 0x10008
      asm.jalr(5, 5, 13), // target (0x10008 + 13) & ~1 = 0x10014; x5 = 0x10010
      asm.iop('addi', 9, 0, 98), // skipped
      asm.iop('addi', 10, 0, 7), // 0x10014
    ]);
    expect(r.regs[1]).toBe(TEXT_BASE + 4);
    expect(r.regs[5]).toBe(TEXT_BASE + 16);
    expect(r.regs[9]).toBe(0);
    expect(r.regs[10]).toBe(7);
  });
});

describe('syscalls', () => {
  it('read returns min(n, remaining) bytes and 0 at EOF; write to fd 1 and 2; exit code', () => {
    const code = [
      ...asm.li(31, DATA_BASE),
      ...[3, 10, 10].flatMap((n, k) => [
        ...asm.li(A0, 0),
        asm.iop('addi', A1, 31, 16 * k),
        ...asm.li(A2, n),
        ...asm.li(A7, SYS.read),
        asm.ecall(),
        asm.iop('addi', 20 + k, A0, 0),
      ]),
      ...asm.li(A0, 1),
      asm.iop('addi', A1, 31, 0),
      ...asm.li(A2, 3),
      ...asm.li(A7, SYS.write),
      asm.ecall(),
      ...asm.li(A0, 2),
      asm.iop('addi', A1, 31, 16),
      ...asm.li(A2, 2),
      ...asm.li(A7, SYS.write),
      asm.ecall(),
      ...asm.li(A0, -3),
    ];
    const program = loadElf(makeElf({ code: [...code, ...EXIT], bss: 4096 }));
    const r = execute(program, new TextEncoder().encode('abcdefg'));
    expect(new TextDecoder().decode(r.output)).toBe('abc');
    expect(new TextDecoder().decode(r.stderr)).toBe('de');
    expect(r.exitCode).toBe(-3);
    expect(r.inputConsumed).toBe(7);
    const rr = run(code, { input: new TextEncoder().encode('abcdefg') });
    expect(rr.regs.slice(20, 23)).toEqual([3, 4, 0]);
  });
});

describe('faults name the pc, the instruction and the reason', () => {
  const at = (k: number) => TEXT_BASE + 4 * k;
  it('EBREAK, CSR, illegal and privileged encodings', () => {
    expect(fault([asm.ebreak()]).kind).toBe('ebreak');
    const csr = fault([asm.iop('addi', 5, 0, 1), asm.csrrs(5, 0xc00, 0)]);
    expect([csr.kind, csr.pc, csr.instr]).toEqual(['csr', at(1), asm.csrrs(5, 0xc00, 0)]);
    expect(fault([0]).kind).toBe('illegal-instruction');
    expect(fault([0xffffffff]).kind).toBe('illegal-instruction');
    expect(fault([0x0000100f]).kind).toBe('illegal-instruction'); // FENCE.I is not RV32I
    expect(fault([0x06000033]).kind).toBe('illegal-instruction'); // funct7 0x03
    const mret = fault([0x30200073]);
    expect(mret.message).toBe('unsupported instruction 0x30200073 (mret) at pc 0x00010000');
  });
  it('misaligned loads, stores and jumps', () => {
    const base = asm.li(31, DATA_BASE);
    expect(fault([...base, asm.load('lw', 5, 31, 2)]).kind).toBe('misaligned-load');
    expect(fault([...base, asm.load('lh', 5, 31, 1)]).kind).toBe('misaligned-load');
    expect(fault([...base, asm.load('lhu', 5, 31, 3)]).kind).toBe('misaligned-load');
    expect(fault([...base, asm.store('sw', 5, 31, 1)]).kind).toBe('misaligned-store');
    expect(fault([...base, asm.store('sh', 5, 31, 1)]).detail).toBe(DATA_BASE + 1);
    const j = fault([asm.auipc(5, 0), asm.jalr(0, 5, 10)]);
    expect([j.kind, j.pc, j.detail]).toEqual(['misaligned-jump', at(1), TEXT_BASE + 10]);
    expect(fault([asm.jal(0, 6)]).kind).toBe('misaligned-jump');
    expect(fault([asm.branch('beq', 0, 0, 6)]).kind).toBe('misaligned-jump');
    // A misaligned target of a branch that is not taken is no fault.
    expect(run([asm.branch('bne', 0, 0, 6)]).regs[0]).toBe(0);
  });
  it('unknown syscalls and fds', () => {
    const e = fault([...asm.li(A7, 57), asm.ecall()]);
    expect([e.kind, e.detail]).toEqual(['unknown-syscall', 57]);
    expect(fault([...asm.li(A0, 3), ...asm.li(A7, SYS.write), asm.ecall()]).kind).toBe('bad-fd');
    expect(fault([...asm.li(A0, 1), ...asm.li(A7, SYS.read), asm.ecall()]).kind).toBe('bad-fd');
  });
  it('pc outside executable segments, stores to code, cycle limit', () => {
    expect(fault([asm.jalr(0, 0, 0)]).message).toBe('pc 0x00000000 outside executable segments');
    expect(fault([asm.iop('addi', 5, 0, 1)]).kind).toBe('pc-out-of-bounds'); // falls off the end
    expect(fault([...asm.li(5, TEXT_BASE), asm.store('sw', 0, 5, 0)]).kind).toBe('store-to-code');
    // Static targets outside the code (JAL, taken branch): the jump counts, the fetch faults.
    const far = fault([asm.iop('addi', 5, 0, 1), asm.jal(1, 0x1000)]);
    expect([far.kind, far.pc, far.detail, far.cycles]).toEqual([
      'pc-out-of-bounds',
      at(1) + 0x1000,
      at(1) + 0x1000,
      2,
    ]);
    const back = fault([asm.branch('beq', 0, 0, -8)]);
    expect([back.kind, back.pc, back.cycles]).toEqual(['pc-out-of-bounds', at(0) - 8, 1]);
    expect(run([asm.branch('bne', 0, 0, -8)]).regs[0]).toBe(0); // not taken: no fault
    // The limit is checked before the fetch: a jump out as the last allowed cycle is a limit.
    const lim = fault([asm.jal(0, 0x1000)], { maxCycles: 1 });
    expect([lim.kind, lim.pc, lim.cycles]).toEqual(['cycle-limit', at(0) + 0x1000, 1]);
    const loop = fault([asm.jal(0, 0)], { maxCycles: 1000 });
    expect([loop.kind, loop.cycles]).toEqual(['cycle-limit', 1000]);
  });
  it('cycle counts include the exit ECALL and a limit equal to the count suffices', () => {
    const program = loadElf(makeElf({ code: [asm.iop('addi', 5, 0, 1), ...EXIT] }));
    expect(execute(program, new Uint8Array(0), { maxCycles: 4 }).cycles).toBe(4);
    expect(() => execute(program, new Uint8Array(0), { maxCycles: 3 })).toThrow(/cycle limit/);
  });
});
