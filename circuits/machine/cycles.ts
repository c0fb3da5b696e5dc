// Per-cycle inputs of every instruction chip, from the ExecutionRecord in one pass: the
// program index of each row and the previous timestamp (and, for rd, the previous value) of each
// register access, replayed with 32 last-ts/last-value slots exactly as src/vm/access.ts defines
// the implied register accesses (rs1 at slot 0, rs2 at slot 1, rd at slot 3; an ECALL reads a7
// and a0 at slot 0; a read/write ECALL also a1 and a2 at slot 0 and writes a0 at slot 3).
// RAM accesses come from the record's RAM table: ramRow[k] is cycle k's first RAM row.

import { X0_SINK } from '../../src/vm/decode.js';
import type {
  DecodedProgram,
  ExecutionResult,
  IoTable,
  RamTable,
  TouchedMemory,
} from '../../src/vm/index.js';
import { OP_NAMES, Op, SLOT_MEM, SLOT_RD, SLOT_RS1, SLOT_RS2, timestamp } from '../../src/vm/index.js';
import { OPERANDS, RD, RS1, RS2 } from '../../src/vm/operands.js';
import {
  REG_A0,
  REG_A1,
  REG_A2,
  REG_A7,
  SYS_EXIT,
  SYS_EXIT_GROUP,
  SYS_READ,
  SYS_WRITE,
} from '../../src/vm/syscalls.js';
import { CircuitError, unsupportedOpcode } from './errors.js';

export interface Cycles {
  readonly n: number;
  readonly dp: DecodedProgram;
  readonly pc: Uint32Array;
  /** Program word index of each row's pc. */
  readonly idx: Uint32Array;
  readonly op: Uint8Array;
  readonly rs1Val: Uint32Array;
  readonly rs2Val: Uint32Array;
  readonly rdVal: Uint32Array;
  /** Previous access timestamps of the row's register accesses (ECALL: a7, a0 in rs1/rs2). */
  readonly rs1PrevTs: Uint32Array;
  readonly rs2PrevTs: Uint32Array;
  readonly rdPrevTs: Uint32Array;
  /** rd's value before the write. */
  readonly rdPrev: Uint32Array;
  readonly registers: { readonly final: Uint32Array; readonly finalTs: Uint32Array };
  readonly exitCode: number;
  /** The record's RAM accesses, I/O calls and touched words (memory chips, RAM boundary). */
  readonly ram: RamTable;
  readonly io: IoTable;
  readonly memory: TouchedMemory;
  /** Index of cycle k's first RAM row (loads, stores, read/write ECALLs), else −1. */
  readonly ramRow: Int32Array;
  /** Per read/write ECALL cycle: its io row and the prevTs of its a1 and a2 reads. */
  readonly ecallIo: Map<number, { readonly q: number; readonly a1PrevTs: number; readonly a2PrevTs: number }>;
}

/** Throws CircuitError('unsupported-opcode') at the first cycle whose op no chip proves. */
export function collectCycles(result: ExecutionResult, supported: (op: number) => boolean): Cycles {
  const rec = result.record;
  if (rec === undefined)
    throw new CircuitError('bad-record', 'execution result has no record (execute with record: true)');
  const dp = result.decoded;
  const { cpu } = rec;
  const n = cpu.length;
  const idx = new Uint32Array(n);
  const op = new Uint8Array(n);
  const rs1PrevTs = new Uint32Array(n);
  const rs2PrevTs = new Uint32Array(n);
  const rdPrevTs = new Uint32Array(n);
  const rdPrev = new Uint32Array(n);
  const regTs = new Uint32Array(32);
  const regVal = new Uint32Array(32);
  const ram = rec.ram;
  const ramRow = new Int32Array(n).fill(-1);
  const ecallIo = new Map<number, { q: number; a1PrevTs: number; a2PrevTs: number }>();
  let m = 0;
  let q = 0;
  for (let k = 0; k < n; k++) {
    const memTs = timestamp(k, SLOT_MEM);
    if (m < ram.length && ram.ts[m] === memTs) ramRow[k] = m;
    while (m < ram.length && ram.ts[m] === memTs) m++;
    const pc = cpu.pc[k];
    const i = ((pc - dp.base) >>> 0) >>> 2;
    const o = dp.op[i];
    idx[k] = i;
    op[k] = o;
    if (!supported(o)) throw unsupportedOpcode(OP_NAMES[o], pc, k);
    const ts = timestamp(k, SLOT_RS1);
    if (o === Op.ECALL) {
      const num = cpu.rs1Val[k];
      const isIo = num === SYS_READ || num === SYS_WRITE;
      if (num !== SYS_EXIT && num !== SYS_EXIT_GROUP && !isIo)
        throw unsupportedOpcode(`ecall(a7 = ${num})`, pc, k);
      rs1PrevTs[k] = regTs[REG_A7];
      regTs[REG_A7] = ts;
      rs2PrevTs[k] = regTs[REG_A0];
      regTs[REG_A0] = ts;
      if (isIo) {
        const io = rec.io;
        if (io.clk[q] !== k)
          throw new CircuitError('bad-record', `io row ${q} is not the ECALL of cycle ${k}`);
        // A bad buffer returns -EFAULT: the circuits do not prove that path (yet).
        if ((cpu.rdVal[k] | 0) < 0)
          throw unsupportedOpcode(`ecall(a7 = ${num}) returning ${cpu.rdVal[k] | 0}`, pc, k);
        ecallIo.set(k, { q, a1PrevTs: regTs[REG_A1], a2PrevTs: regTs[REG_A2] });
        q++;
        regTs[REG_A1] = ts;
        regTs[REG_A2] = ts;
        regTs[REG_A0] = timestamp(k, SLOT_RD);
        regVal[REG_A0] = cpu.rdVal[k];
      }
      continue;
    }
    const f = OPERANDS[o];
    if ((f & RS1) !== 0) {
      const r = dp.rs1[i];
      rs1PrevTs[k] = regTs[r];
      regTs[r] = ts;
    }
    if ((f & RS2) !== 0) {
      const r = dp.rs2[i];
      rs2PrevTs[k] = regTs[r];
      regTs[r] = timestamp(k, SLOT_RS2);
    }
    if ((f & RD) !== 0 && dp.rd[i] !== X0_SINK) {
      const r = dp.rd[i];
      rdPrevTs[k] = regTs[r];
      rdPrev[k] = regVal[r];
      regTs[r] = timestamp(k, SLOT_RD);
      regVal[r] = cpu.rdVal[k];
    }
  }
  return {
    n,
    dp,
    pc: cpu.pc,
    idx,
    op,
    rs1Val: cpu.rs1Val,
    rs2Val: cpu.rs2Val,
    rdVal: cpu.rdVal,
    rs1PrevTs,
    rs2PrevTs,
    rdPrevTs,
    rdPrev,
    registers: rec.registers,
    exitCode: result.exitCode,
    ram,
    io: rec.io,
    memory: rec.memory,
    ramRow,
    ecallIo,
  };
}
