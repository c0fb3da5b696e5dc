/**
 * The ExecutionRecord: everything the circuits need from a run, as columnar tables of
 * typed arrays (one array per field, no object per cycle), allocated at their final size
 * from the fast pre-run and trimmed to views at the end. Only what no pass can recompute
 * cheaply is stored (~20 bytes per cycle): CPU operand values and RAM accesses. Columns
 * that are functions of pc and the program come from `deriveCpuColumns`, register
 * accesses from `buildAccessTable` (access.ts). Layout and timestamp rules: docs/VM.md.
 */
import { branchTaken } from './alu.js';
import { type DecodedProgram, Op } from './decode.js';

/** Address spaces of the flat access table: registers are memory in their own space. */
export const SPACE_REG = 0;
export const SPACE_RAM = 1;

/** Access slots within a cycle; timestamp(clk, slot) = 4 * (clk + 1) + slot > 0 = init. */
export const SLOT_RS1 = 0;
export const SLOT_RS2 = 1;
export const SLOT_MEM = 2;
export const SLOT_RD = 3;

export function timestamp(clk: number, slot: number): number {
  return 4 * (clk + 1) + slot;
}

/**
 * One row per executed instruction (clk = row index). The recorder writes the arrays
 * directly from locals rather than through a `push` method per row.
 */
export class CpuTable {
  length = 0;
  pc: Uint32Array;
  /** Value read from rs1 / rs2 (0 when the format has no such operand). */
  rs1Val: Uint32Array;
  rs2Val: Uint32Array;
  /** Value written to rd (0 when nothing is written, including rd = x0). */
  rdVal: Uint32Array;

  constructor(cap: number) {
    this.pc = new Uint32Array(cap);
    this.rs1Val = new Uint32Array(cap);
    this.rs2Val = new Uint32Array(cap);
    this.rdVal = new Uint32Array(cap);
  }

  trim(n: number): void {
    this.length = n;
    this.pc = this.pc.subarray(0, n);
    this.rs1Val = this.rs1Val.subarray(0, n);
    this.rs2Val = this.rs2Val.subarray(0, n);
    this.rdVal = this.rdVal.subarray(0, n);
  }
}

/** The CPU columns that are functions of pc, the program and the stored columns. */
export interface DerivedCpuColumns {
  /** The instruction word and its op id (decode.ts) at pc. */
  readonly instr: Uint32Array;
  readonly op: Uint8Array;
  /** pc of the next row; the last row (the exit ECALL) repeats its own pc. */
  readonly nextPc: Uint32Array;
  /** Effective byte address of a load or store (rs1Val + imm), else 0. */
  readonly memAddr: Uint32Array;
}

/**
 * Computes the derived CPU columns in one pass, from each row's instruction semantics
 * (not from the next row's pc, so a test can check that rows chain).
 */
export function deriveCpuColumns(cpu: CpuTable, dp: DecodedProgram): DerivedCpuColumns {
  const n = cpu.length;
  const instr = new Uint32Array(n);
  const op = new Uint8Array(n);
  const nextPc = new Uint32Array(n);
  const memAddr = new Uint32Array(n);
  for (let k = 0; k < n; k++) {
    const pc = cpu.pc[k];
    const i = (pc - dp.base) >>> 2;
    const o = dp.op[i];
    const imm = dp.imm[i];
    const a = cpu.rs1Val[k] | 0;
    const b = cpu.rs2Val[k] | 0;
    instr[k] = dp.word[i];
    op[k] = o;
    let next = pc + 4;
    if (o === Op.JAL) next = imm;
    else if (o === Op.JALR) next = (a + imm) & ~1;
    else if (o >= Op.BEQ && o <= Op.BGEU && branchTaken(o, a, b)) next = imm;
    else if (o === Op.ECALL && k === n - 1) next = pc;
    nextPc[k] = next;
    if (o >= Op.LB && o <= Op.SW) memAddr[k] = a + imm;
  }
  return { instr, op, nextPc, memAddr };
}

/**
 * One row per RAM word access, in execution order (ts increasing): loads and stores at
 * slot MEM, and the words an ECALL reads or writes. Register accesses are not stored:
 * they are implied by the CPU rows (`buildAccessTable`). The recorder writes rows
 * directly into exactly-sized columns; `write` starts at 0 (read), so only writes store
 * it. `push` serves the rare ECALL path.
 */
export class RamTable {
  length = 0;
  ts: Uint32Array;
  prevTs: Uint32Array;
  /** The aligned word address. */
  addr: Uint32Array;
  value: Uint32Array;
  prevValue: Uint32Array;
  write: Uint8Array;

  constructor(cap: number) {
    this.ts = new Uint32Array(cap);
    this.prevTs = new Uint32Array(cap);
    this.addr = new Uint32Array(cap);
    this.value = new Uint32Array(cap);
    this.prevValue = new Uint32Array(cap);
    this.write = new Uint8Array(cap);
  }

  push(ts: number, prevTs: number, addr: number, value: number, prevValue: number, write: number): void {
    const n = this.length;
    if (n === this.ts.length) this.reserve(1);
    this.ts[n] = ts;
    this.prevTs[n] = prevTs;
    this.addr[n] = addr;
    this.value[n] = value;
    this.prevValue[n] = prevValue;
    this.write[n] = write;
    this.length = n + 1;
  }

  /** Makes room for `extra` more rows (doubling; the sizing from the pre-run avoids it). */
  reserve(extra: number): void {
    let cap = this.ts.length;
    if (this.length + extra <= cap) return;
    while (cap < this.length + extra) cap = 2 * cap + 16;
    this.ts = grow(this.ts, cap);
    this.prevTs = grow(this.prevTs, cap);
    this.addr = grow(this.addr, cap);
    this.value = grow(this.value, cap);
    this.prevValue = grow(this.prevValue, cap);
    this.write = grow(this.write, cap);
  }

  trim(): void {
    const n = this.length;
    this.ts = this.ts.subarray(0, n);
    this.prevTs = this.prevTs.subarray(0, n);
    this.addr = this.addr.subarray(0, n);
    this.value = this.value.subarray(0, n);
    this.prevValue = this.prevValue.subarray(0, n);
    this.write = this.write.subarray(0, n);
  }
}

/** A copy of `a` with capacity `cap` (same element type). */
export function grow<T extends Uint32Array | Uint8Array>(a: T, cap: number): T {
  const next = new (a.constructor as new (n: number) => T)(cap);
  next.set(a);
  return next;
}

/** One row per read/write ECALL: which stream bytes moved to or from which memory. */
export class IoTable {
  length = 0;
  clk: number[] = [];
  /** 0 = read (input), 1 = journal, 2 = stderr. */
  fd: number[] = [];
  addr: number[] = [];
  len: number[] = [];
  /** Offset of the first byte within its stream. */
  offset: number[] = [];
  /** The a2 argument (bytes asked for; `len` is what moved). With `addr` (a1), the ECALL's register reads. */
  requested: number[] = [];

  push(clk: number, fd: number, addr: number, len: number, offset: number, requested: number): void {
    this.clk.push(clk);
    this.fd.push(fd);
    this.addr.push(addr >>> 0);
    this.len.push(len);
    this.offset.push(offset);
    this.requested.push(requested >>> 0);
    this.length++;
  }
}

/** Every RAM word the run touched: initial and final value, last access timestamp. */
export interface TouchedMemory {
  readonly addr: Uint32Array;
  readonly init: Uint32Array;
  readonly final: Uint32Array;
  readonly finalTs: Uint32Array;
}

export interface ExecutionRecord {
  /** Also implies every register access (see buildAccessTable). */
  readonly cpu: CpuTable;
  readonly ram: RamTable;
  readonly io: IoTable;
  /** The input bytes the guest consumed and the journal it wrote. */
  readonly input: Uint8Array;
  readonly output: Uint8Array;
  /** Sorted by address. */
  readonly memory: TouchedMemory;
  /** x0..x31 after the run and the timestamp of each register's last access (0 = never). */
  readonly registers: { readonly final: Uint32Array; readonly finalTs: Uint32Array };
}
