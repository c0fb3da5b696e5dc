/**
 * Random RV32IM program generator for differential testing. A program is a list of
 * atomic blocks (so branches only land on block starts and loops stay bounded), between
 * a prologue that loads edge-biased values into x1..x29 and an epilogue that dumps the
 * register file and the scratch memory through write(1) and exits with a register's
 * low byte. x30 is the loop counter and x31 the scratch-memory base; no block writes them.
 */
import {
  A0,
  asm,
  BRANCH_OPS,
  type BranchOp,
  I_OPS,
  type IOp,
  LOAD_OPS,
  type LoadOp,
  R_OPS,
  type ROp,
  SHIFT_I_OPS,
  type ShiftIOp,
  STORE_OPS,
  type StoreOp,
  SYS,
  writeSeq,
} from './asm.js';
import { DATA_BASE, makeElf, TEXT_BASE } from './elf-writer.js';

const LOOP = 30;
const BASE = 31;
const SCRATCH = 1024; // random loads and stores stay in [DATA_BASE, DATA_BASE + SCRATCH)
const DUMP = SCRATCH; // x0..x31 dumped at DATA_BASE + DUMP

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EDGE = [
  0,
  1,
  -1,
  2,
  -2,
  0x7fffffff,
  -0x80000000,
  0x80000001 | 0,
  0xffff,
  0x8000,
  0x7fff,
  0xff,
  0x80,
  31,
  32,
  33,
];
const EDGE_IMM = [0, 1, -1, 2047, -2048, 0x7ff, 31, 32, -32, 0x555, -0x556];

class Gen {
  constructor(readonly rnd: () => number) {}
  int(n: number): number {
    return Math.floor(this.rnd() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }
  value(): number {
    const k = this.int(4);
    if (k === 0) return this.pick(EDGE);
    if (k === 1) return (this.int(2 ** 16) - 2 ** 15) | 0;
    return (this.int(2 ** 32) | 0) ^ 0;
  }
  imm12(): number {
    return this.rnd() < 0.4 ? this.pick(EDGE_IMM) : this.int(4096) - 2048;
  }
  /** Any register the random blocks may read. */
  src(): number {
    return this.int(30);
  }
  /** Any register the random blocks may write (x0 included, to test that it stays 0). */
  dst(): number {
    return this.rnd() < 0.08 ? 0 : this.int(30);
  }
  /** rd, rs1, rs2 with boosted aliasing: rs1 = rs2, rd = rs1, rd = x0. */
  regs3(): [number, number, number] {
    const rs1 = this.src();
    const rs2 = this.rnd() < 0.15 ? rs1 : this.src();
    const rd = this.rnd() < 0.2 ? rs1 : this.dst();
    return [rd, rs1, rs2];
  }
}

/** A block: its size in words and an emitter given its address and all block addresses. */
interface Block {
  size: number;
  emit(addr: number, starts: readonly number[]): number[];
}

const fixed = (words: number[]): Block => ({ size: words.length, emit: () => words });

function straight(g: Gen): number[] {
  const k = g.int(9);
  if (k <= 2) {
    const [rd, rs1, rs2] = g.regs3();
    return [asm.rop(g.pick(Object.keys(R_OPS) as ROp[]), rd, rs1, rs2)];
  }
  if (k === 3) {
    const [rd, rs1] = g.regs3();
    return [asm.iop(g.pick(Object.keys(I_OPS) as IOp[]), rd, rs1, g.imm12())];
  }
  if (k === 4) {
    const [rd, rs1] = g.regs3();
    return [
      asm.shifti(g.pick(Object.keys(SHIFT_I_OPS) as ShiftIOp[]), rd, rs1, g.pick([0, 1, 31, g.int(32)])),
    ];
  }
  if (k === 5) {
    const op = g.pick(Object.keys(LOAD_OPS) as LoadOp[]);
    const width = op === 'lw' ? 4 : op === 'lh' || op === 'lhu' ? 2 : 1;
    return [asm.load(op, g.dst(), BASE, g.int(SCRATCH / width) * width)];
  }
  if (k === 6) {
    const op = g.pick(Object.keys(STORE_OPS) as StoreOp[]);
    const width = op === 'sw' ? 4 : op === 'sh' ? 2 : 1;
    return [asm.store(op, g.src(), BASE, g.int(SCRATCH / width) * width)];
  }
  if (k === 7) return [g.rnd() < 0.5 ? asm.lui(g.dst(), g.value()) : asm.auipc(g.dst(), g.value())];
  return g.rnd() < 0.2 ? [asm.fence()] : asm.li(g.dst(), g.value());
}

function block(g: Gen, index: number, total: number): Block {
  const forward = () => Math.min(total, index + 1 + g.int(4));
  const k = g.int(12);
  if (k === 0) {
    const target = forward();
    const op = g.pick(Object.keys(BRANCH_OPS) as BranchOp[]);
    const rs1 = g.src();
    const rs2 = g.rnd() < 0.2 ? rs1 : g.src();
    return { size: 1, emit: (addr, starts) => [asm.branch(op, rs1, rs2, starts[target] - addr)] };
  }
  if (k === 1) {
    const target = forward();
    const rd = g.dst();
    return { size: 1, emit: (addr, starts) => [asm.jal(rd, starts[target] - addr)] };
  }
  if (k === 2) {
    // JALR to a later block through an odd address: bit 0 must be cleared.
    const target = forward();
    const t = 1 + g.int(29);
    const rd = g.rnd() < 0.3 ? t : g.dst();
    const odd = g.rnd() < 0.5 ? 1 : 0;
    return {
      size: 2,
      emit: (addr, starts) => [asm.auipc(t, 0), asm.jalr(rd, t, starts[target] - addr + odd)],
    };
  }
  if (k === 3) {
    // A bounded backward loop: x30 counts down from `iterations` and the closing branch
    // varies. BNE/BLT/BLTU/BGE compare x30 with x0; BEQ and BGEU compare a flag
    // t = (x30 == 0), set just before the branch, with x0, so every close exits at 0.
    const body: number[] = [];
    const n = 1 + g.int(3);
    for (let m = 0; m < n; m++) body.push(...straight(g));
    const iterations = 1 + g.int(4);
    const close = g.pick(['bne', 'blt', 'bltu', 'bge', 'beq', 'bgeu'] as const);
    const init = close === 'bge' ? iterations - 1 : iterations;
    const t = 1 + g.int(29);
    const flag = close === 'beq' || close === 'bgeu' ? [asm.iop('sltiu', t, LOOP, 1)] : [];
    const swap = g.rnd() < 0.5;
    return {
      size: 2 + body.length + 1 + flag.length + 1,
      emit: () => {
        const back = -4 * (body.length + 1 + flag.length);
        const br =
          close === 'bne'
            ? asm.branch('bne', LOOP, 0, back)
            : close === 'blt'
              ? asm.branch('blt', 0, LOOP, back)
              : close === 'bltu'
                ? asm.branch('bltu', 0, LOOP, back)
                : close === 'bge'
                  ? asm.branch('bge', LOOP, 0, back)
                  : close === 'beq'
                    ? asm.branch('beq', swap ? 0 : t, swap ? t : 0, back) // loop while t == 0
                    : asm.branch('bgeu', 0, t, back); // loop while 0 >=u t, i.e. t == 0
        return [...asm.li(LOOP, init), ...body, asm.iop('addi', LOOP, LOOP, -1), ...flag, br];
      },
    };
  }
  return fixed(straight(g));
}

export interface RandomProgram {
  elf: Uint8Array;
  /** Bytes the epilogue writes: scratch memory then x0..x31. */
  outputBytes: number;
}

export function randomProgram(seed: number, blocks = 80): RandomProgram {
  const g = new Gen(mulberry32(seed));
  const prologue: number[] = [];
  for (let r = 1; r < 30; r++) prologue.push(...asm.li(r, g.value()));
  prologue.push(...asm.li(LOOP, 0), ...asm.li(BASE, DATA_BASE));
  const body: Block[] = [];
  for (let k = 0; k < blocks; k++) body.push(block(g, k, blocks));
  const epilogue: number[] = [];
  for (let r = 1; r < 32; r++) epilogue.push(asm.store('sw', r, BASE, DUMP + 4 * r));
  epilogue.push(...writeSeq(1, DATA_BASE, DUMP + 128));
  const exitReg = 1 + g.int(29);
  epilogue.push(asm.load('lw', A0, BASE, DUMP + 4 * exitReg), ...asm.li(17, SYS.exit), asm.ecall());

  const starts: number[] = [];
  let addr = TEXT_BASE + 4 * prologue.length;
  for (const b of body) {
    starts.push(addr);
    addr += 4 * b.size;
  }
  starts.push(addr); // index `blocks` = the epilogue
  const code = [...prologue];
  body.forEach((b, k) => {
    code.push(...b.emit(starts[k], starts));
  });
  code.push(...epilogue);
  const data = new Uint8Array(DUMP + 128);
  for (let k = 0; k < SCRATCH; k++) data[k] = g.int(256);
  return { elf: makeElf({ code, data, bss: 4096 }), outputBytes: DUMP + 128 };
}
