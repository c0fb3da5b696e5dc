/**
 * The ExecutionRecord: everything the circuits need from a run, as columnar tables of
 * typed arrays (one array per field, no object per cycle). Tables grow by doubling and
 * are trimmed to views at the end. Layout and timestamp rules are in docs/VM.md.
 */

/** Address spaces of the access table: registers are memory in their own space. */
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

function grow<T extends Uint32Array | Uint8Array>(a: T, cap: number): T {
  const next = new (a.constructor as new (n: number) => T)(cap);
  next.set(a);
  return next;
}

/** One row per executed instruction (clk = row index). */
export class CpuTable {
  length = 0;
  pc: Uint32Array;
  nextPc: Uint32Array;
  instr: Uint32Array;
  /** Op id from decode.ts. */
  op: Uint8Array;
  /** Value read from rs1 / rs2 (0 when the format has no such operand). */
  rs1Val: Uint32Array;
  rs2Val: Uint32Array;
  /** Value written to rd (0 when nothing is written, including rd = x0). */
  rdVal: Uint32Array;
  /** Effective byte address of a load or store, else 0. */
  memAddr: Uint32Array;

  constructor(cap: number) {
    this.pc = new Uint32Array(cap);
    this.nextPc = new Uint32Array(cap);
    this.instr = new Uint32Array(cap);
    this.op = new Uint8Array(cap);
    this.rs1Val = new Uint32Array(cap);
    this.rs2Val = new Uint32Array(cap);
    this.rdVal = new Uint32Array(cap);
    this.memAddr = new Uint32Array(cap);
  }

  push(
    pc: number,
    nextPc: number,
    instr: number,
    op: number,
    rs1: number,
    rs2: number,
    rd: number,
    mem: number,
  ): void {
    const n = this.length;
    if (n === this.pc.length) this.grow();
    this.pc[n] = pc;
    this.nextPc[n] = nextPc;
    this.instr[n] = instr;
    this.op[n] = op;
    this.rs1Val[n] = rs1;
    this.rs2Val[n] = rs2;
    this.rdVal[n] = rd;
    this.memAddr[n] = mem;
    this.length = n + 1;
  }

  private grow(): void {
    const cap = this.pc.length * 2;
    this.pc = grow(this.pc, cap);
    this.nextPc = grow(this.nextPc, cap);
    this.instr = grow(this.instr, cap);
    this.op = grow(this.op, cap);
    this.rs1Val = grow(this.rs1Val, cap);
    this.rs2Val = grow(this.rs2Val, cap);
    this.rdVal = grow(this.rdVal, cap);
    this.memAddr = grow(this.memAddr, cap);
  }

  trim(): void {
    const n = this.length;
    this.pc = this.pc.subarray(0, n);
    this.nextPc = this.nextPc.subarray(0, n);
    this.instr = this.instr.subarray(0, n);
    this.op = this.op.subarray(0, n);
    this.rs1Val = this.rs1Val.subarray(0, n);
    this.rs2Val = this.rs2Val.subarray(0, n);
    this.rdVal = this.rdVal.subarray(0, n);
    this.memAddr = this.memAddr.subarray(0, n);
  }
}

/**
 * One row per register or memory access, for offline memory checking: the access
 * consumes (space, addr, prevValue, prevTs) and produces (space, addr, value, ts).
 * RAM accesses are whole aligned words (addr is the word address); a byte or halfword
 * store is a word write whose `value` differs from `prevValue` only in those bytes.
 */
export class AccessTable {
  length = 0;
  ts: Uint32Array;
  prevTs: Uint32Array;
  addr: Uint32Array;
  value: Uint32Array;
  prevValue: Uint32Array;
  space: Uint8Array;
  write: Uint8Array;

  constructor(cap: number) {
    this.ts = new Uint32Array(cap);
    this.prevTs = new Uint32Array(cap);
    this.addr = new Uint32Array(cap);
    this.value = new Uint32Array(cap);
    this.prevValue = new Uint32Array(cap);
    this.space = new Uint8Array(cap);
    this.write = new Uint8Array(cap);
  }

  push(
    ts: number,
    prevTs: number,
    addr: number,
    value: number,
    prevValue: number,
    space: number,
    write: number,
  ): void {
    const n = this.length;
    if (n === this.ts.length) this.grow();
    this.ts[n] = ts;
    this.prevTs[n] = prevTs;
    this.addr[n] = addr;
    this.value[n] = value;
    this.prevValue[n] = prevValue;
    this.space[n] = space;
    this.write[n] = write;
    this.length = n + 1;
  }

  private grow(): void {
    const cap = this.ts.length * 2;
    this.ts = grow(this.ts, cap);
    this.prevTs = grow(this.prevTs, cap);
    this.addr = grow(this.addr, cap);
    this.value = grow(this.value, cap);
    this.prevValue = grow(this.prevValue, cap);
    this.space = grow(this.space, cap);
    this.write = grow(this.write, cap);
  }

  trim(): void {
    const n = this.length;
    this.ts = this.ts.subarray(0, n);
    this.prevTs = this.prevTs.subarray(0, n);
    this.addr = this.addr.subarray(0, n);
    this.value = this.value.subarray(0, n);
    this.prevValue = this.prevValue.subarray(0, n);
    this.space = this.space.subarray(0, n);
    this.write = this.write.subarray(0, n);
  }
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

  push(clk: number, fd: number, addr: number, len: number, offset: number): void {
    this.clk.push(clk);
    this.fd.push(fd);
    this.addr.push(addr >>> 0);
    this.len.push(len);
    this.offset.push(offset);
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
  readonly cpu: CpuTable;
  readonly access: AccessTable;
  readonly io: IoTable;
  /** The input bytes the guest consumed and the journal it wrote. */
  readonly input: Uint8Array;
  readonly output: Uint8Array;
  /** Sorted by address. */
  readonly memory: TouchedMemory;
  /** x0..x31 after the run and the timestamp of each register's last access (0 = never). */
  readonly registers: { readonly final: Uint32Array; readonly finalTs: Uint32Array };
}
