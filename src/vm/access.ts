/**
 * The flat access table (every register and RAM access, in timestamp order) built on
 * demand from an ExecutionRecord, for consumers that want one row per access and for the
 * offline memory-checking test. Invariant: for an honest record it holds exactly the rows
 * the recorder used to store, so each row's (prevTs, prevValue) is the previous access to
 * the same (space, addr). Register rows are implied by the CPU rows and the program.
 */
import { type DecodedProgram, Op, X0_SINK } from './decode.js';
import { OPERANDS, RD, RS1, RS2 } from './operands.js';
import {
  type ExecutionRecord,
  grow,
  SLOT_MEM,
  SLOT_RD,
  SLOT_RS1,
  SLOT_RS2,
  SPACE_RAM,
  SPACE_REG,
  timestamp,
} from './record.js';
import { REG_A0, REG_A1, REG_A2, REG_A7, SYS_READ, SYS_WRITE } from './syscalls.js';

/** One row per register or RAM access, in execution order (ts increasing). */
export class AccessTable {
  length = 0;
  ts: Uint32Array;
  prevTs: Uint32Array;
  addr: Uint32Array;
  value: Uint32Array;
  prevValue: Uint32Array;
  /** SPACE_REG or SPACE_RAM. */
  space: Uint8Array;
  /** 0 = read (value = prevValue), 1 = write. */
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
    if (n === this.ts.length) {
      const cap = 2 * n + 16;
      this.ts = grow(this.ts, cap);
      this.prevTs = grow(this.prevTs, cap);
      this.addr = grow(this.addr, cap);
      this.value = grow(this.value, cap);
      this.prevValue = grow(this.prevValue, cap);
      this.space = grow(this.space, cap);
      this.write = grow(this.write, cap);
    }
    this.ts[n] = ts;
    this.prevTs[n] = prevTs;
    this.addr[n] = addr;
    this.value[n] = value;
    this.prevValue[n] = prevValue;
    this.space[n] = space;
    this.write[n] = write;
    this.length = n + 1;
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

/** Replayed register-file state: last access timestamp and last written value. */
interface RegState {
  readonly ts: Uint32Array;
  readonly value: Uint32Array;
}

function readReg(acc: AccessTable, s: RegState, r: number, ts: number, value: number): void {
  // A read claims the value the CPU row used; the memory check compares it with s.value.
  acc.push(ts, s.ts[r], r, value, value, SPACE_REG, 0);
  s.ts[r] = ts;
}

function writeReg(acc: AccessTable, s: RegState, r: number, ts: number, value: number): void {
  acc.push(ts, s.ts[r], r, value, s.value[r], SPACE_REG, 1);
  s.ts[r] = ts;
  s.value[r] = value >>> 0;
}

/**
 * Expands a record into the flat access table in one pass over the CPU rows: per cycle,
 * the rs1/rs2 reads its format implies (slots RS1, RS2; x0 reads included), its RAM rows
 * (slot MEM, from `record.ram`), then the rd write (slot RD; none for x0). An ECALL reads
 * a7 and a0 (and a1, a2 for read/write, from `record.io`) at slot RS1 and, unless it
 * exits, writes a0 at slot RD. `dp` is `ExecutionResult.decoded`.
 */
export function buildAccessTable(record: ExecutionRecord, dp: DecodedProgram): AccessTable {
  const { cpu, ram, io } = record;
  // At most 3 register accesses per instruction, 5 per read/write ECALL.
  const acc = new AccessTable(3 * cpu.length + 2 * io.length + ram.length);
  const s: RegState = { ts: new Uint32Array(32), value: new Uint32Array(32) };
  let m = 0;
  let q = 0;
  for (let k = 0; k < cpu.length; k++) {
    const ts = timestamp(k, SLOT_RS1);
    const i = (cpu.pc[k] - dp.base) >>> 2;
    const o = dp.op[i];
    let writeRd = -1;
    if (o === Op.ECALL) {
      const num = cpu.rs1Val[k];
      readReg(acc, s, REG_A7, ts, num);
      readReg(acc, s, REG_A0, ts, cpu.rs2Val[k]);
      if (num === SYS_READ || num === SYS_WRITE) {
        if (io.clk[q] !== k) throw new Error(`record: io row ${q} is not the ECALL of cycle ${k}`);
        readReg(acc, s, REG_A1, ts, io.addr[q]);
        readReg(acc, s, REG_A2, ts, io.requested[q]);
        q++;
        writeRd = REG_A0;
      }
    } else {
      const f = OPERANDS[o];
      if ((f & RS1) !== 0) readReg(acc, s, dp.rs1[i], ts, cpu.rs1Val[k]);
      if ((f & RS2) !== 0) readReg(acc, s, dp.rs2[i], ts + SLOT_RS2, cpu.rs2Val[k]);
      if ((f & RD) !== 0 && dp.rd[i] !== X0_SINK) writeRd = dp.rd[i];
    }
    const memTs = ts + SLOT_MEM;
    for (; m < ram.length && ram.ts[m] <= memTs; m++) {
      acc.push(
        ram.ts[m],
        ram.prevTs[m],
        ram.addr[m],
        ram.value[m],
        ram.prevValue[m],
        SPACE_RAM,
        ram.write[m],
      );
    }
    if (writeRd >= 0) writeReg(acc, s, writeRd, ts + SLOT_RD, cpu.rdVal[k]);
  }
  if (m !== ram.length) throw new Error(`record: RAM row ${m} lies after the last cycle`);
  acc.trim();
  return acc;
}
