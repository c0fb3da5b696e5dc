/**
 * The recording interpreter: the same RV32IM semantics as fast.ts, but each cycle also
 * writes a CPU row (pc and operand values) and its RAM accesses to an ExecutionRecord.
 * Invariant: accesses to one RAM word have strictly increasing timestamps, and each
 * row's prevTs/prevValue equal the ts/value of the previous access there (0/initial at
 * start); register accesses are implied by the CPU rows (access.ts). Tests check that
 * both interpreters agree on every guest and generated program.
 *
 * Performance (sha256, 41.7 M cycles; docs/BENCHMARKS.md "VM"): columns in locals with a
 * local row index, tables allocated once at their exact size, literal case labels, no
 * per-cycle counts (the pre-run has them; ~10%). The kernel's first touch of fresh table
 * memory costs ~0.75 s per GiB on this VM, so the record keeps ~17.6 bytes per cycle:
 * with every register access as a row (~71 bytes per cycle) it ran at ~8 M cycles/s,
 * now at ~18 M/s.
 */
import { div, divu, mulh, mulhsu, mulhu, rem, remu } from './alu.js';
import { type DecodedProgram, Op, X0_SINK } from './decode.js';
import type { Program } from './elf.js';
import type { ExecutionErrorKind } from './errors.js';
import type { RunEnd } from './fast.js';
import { Memory, PAGE_SHIFT, PAGE_WORDS, WORD_MASK, ZERO_PAGE } from './memory.js';
import { MEM, OPERANDS, RD, RS1, RS2 } from './operands.js';
import {
  CpuTable,
  type ExecutionRecord,
  IoTable,
  RamTable,
  SLOT_MEM,
  SLOT_RD,
  SLOT_RS1,
  SLOT_RS2,
  type TouchedMemory,
} from './record.js';
import {
  ECALL_CONTINUE,
  ECALL_EXIT,
  ecall,
  type GuestIo,
  REG_A0,
  REG_A1,
  REG_A2,
  REG_A7,
  readLength,
  SYS_READ,
  SYS_WRITE,
} from './syscalls.js';

/**
 * RAM rows a run will record, from a prior run's per-instruction counts and streams:
 * exact for loads and stores, an upper bound for ECALLs (at most len / 4 + 2 words per
 * call over all bytes moved). Sizing once avoids growing (and touching) the table twice.
 */
export function ramRows(dp: DecodedProgram, counts: Uint32Array, io: GuestIo): number {
  let n = 0;
  let ecalls = 0;
  for (let i = 0; i < dp.count; i++) {
    const c = counts[i];
    if (c === 0) continue;
    const o = dp.op[i];
    if (o === Op.ECALL) ecalls += c;
    else if ((OPERANDS[o] & MEM) !== 0) n += c;
  }
  const bytes = io.inputPos + io.journal.length + io.stderr.length;
  return n + 2 * ecalls + Math.ceil(bytes / 4) + 16;
}

/** Last-access timestamps of RAM words, paged like Memory; 0 = never accessed. */
class TsPages {
  /** Unallocated slots hold `null` (one element kind: the array stays packed). */
  readonly pages: Array<Uint32Array | null> = new Array<Uint32Array | null>(1 << (32 - PAGE_SHIFT)).fill(
    null,
  );

  page(index: number): Uint32Array {
    let p = this.pages[index];
    if (p === null) this.pages[index] = p = new Uint32Array(PAGE_WORDS);
    return p;
  }
}

/**
 * Runs like runFast and records every cycle. `cpuRows` and `ramRowCount` size the tables
 * (from a fast pre-run: cycles, and ramRows()); they are exact or upper bounds, and the
 * ECALL path grows the RAM table if a bound was short. Per-instruction counts are not
 * kept (the pre-run's are the same; dropping the per-cycle increment saved ~10%).
 */
export function runRecording(
  program: Program,
  dp: DecodedProgram,
  mem: Memory,
  io: GuestIo,
  regs: Int32Array,
  entry: number,
  maxCycles: number,
  cpuRows: number,
  ramRowCount: number,
): { end: RunEnd; record: ExecutionRecord } {
  const op = dp.op;
  const code = dp.code;
  const immA = dp.imm;
  const base = dp.base | 0;
  const count = dp.count | 0;
  const codeBytes = count * 4;
  const pages = mem.pages;
  const cpu = new CpuTable(Math.max(1, Math.min(maxCycles, cpuRows)));
  const ram = new RamTable(Math.max(16, ramRowCount));
  const iot = new IoTable();
  const tsPages = new TsPages();
  const tsp = tsPages.pages;
  const regTs = new Uint32Array(33);
  // Hot-loop locals (V8 keeps them in registers): the table columns and the RAM row index
  // n. The ECALL path syncs n with ram.length and reloads the columns, which it may grow.
  const cPc = cpu.pc;
  const cRs1 = cpu.rs1Val;
  const cRs2 = cpu.rs2Val;
  const cRd = cpu.rdVal;
  const limit = Math.min(maxCycles, cPc.length);
  let aTs = ram.ts;
  let aPrevTs = ram.prevTs;
  let aAddr = ram.addr;
  let aVal = ram.value;
  let aPrev = ram.prevValue;
  let aWrite = ram.write;
  let n = 0;
  let pc = entry | 0;
  let clk = 0;
  let ts = 0;
  let kind: ExecutionErrorKind | null = null;
  let detail = 0;
  let exited = false;

  run: for (;;) {
    if (clk >= limit) {
      kind = 'cycle-limit';
      detail = maxCycles;
      break;
    }
    const i = (pc - base) >>> 2;
    const o = i < count ? op[i] : Op.OUTSIDE;
    if (o === Op.OUTSIDE) {
      kind = 'pc-out-of-bounds';
      detail = pc;
      break;
    }
    ts += 4; // = timestamp(clk, 0)
    const w = code[i << 1];
    const imm = immA[i];
    const flags = OPERANDS[o];
    const r1 = (w >>> 16) & 0xff;
    const r2 = w >>> 24;
    // Formats without rs1/rs2 decode them as 0, so v1/v2 are 0 there (regs[0] = 0).
    let v1 = regs[r1];
    let v2 = regs[r2];
    // Register accesses are implied by the CPU row; only the last timestamp per register
    // is kept, for `registers.finalTs`.
    if ((flags & RS1) !== 0) regTs[r1] = ts;
    if ((flags & RS2) !== 0) regTs[r2] = ts + SLOT_RS2;
    let npc = (pc + 4) | 0;
    let rv = 0;
    // Same literal-label switch as fast.ts (a jump table; see there).
    switch (o) {
      case 19 /* ADDI */:
        rv = v1 + imm;
        break;
      case 28 /* ADD */:
        rv = v1 + v2;
        break;
      case 11 /* LB */:
      case 12 /* LH */:
      case 13 /* LW */:
      case 14 /* LBU */:
      case 15 /* LHU */:
        {
          const a = (v1 + imm) | 0;
          const align = o === 13 ? 3 : o === 12 || o === 15 ? 1 : 0;
          if ((a & align) !== 0) {
            kind = 'misaligned-load';
            detail = a;
            break run;
          }
          const wv = pages[a >>> 16][(a >>> 2) & 0x3fff];
          let tp = tsp[a >>> 16];
          if (tp === null) tp = tsPages.page(a >>> 16);
          const j = (a >>> 2) & 0x3fff;
          aTs[n] = ts + SLOT_MEM;
          aPrevTs[n] = tp[j];
          aAddr[n] = a & ~3;
          aVal[n] = wv;
          aPrev[n] = wv;
          n++;
          tp[j] = ts + SLOT_MEM;
          const s = (a & 3) << 3;
          if (o === 13) rv = wv;
          else if (o === 11) rv = (wv << (24 - s)) >> 24;
          else if (o === 14) rv = (wv >>> s) & 0xff;
          else if (o === 12) rv = (wv << (16 - s)) >> 16;
          else rv = (wv >>> s) & 0xffff;
          break;
        }
      case 16 /* SB */:
      case 17 /* SH */:
      case 18 /* SW */:
        {
          const a = (v1 + imm) | 0;
          const width = o === 18 ? 3 : o === 17 ? 1 : 0;
          if ((a & width) !== 0) {
            kind = 'misaligned-store';
            detail = a;
            break run;
          }
          if ((a - base) >>> 0 < codeBytes && op[(a - base) >>> 2] !== Op.OUTSIDE) {
            kind = 'store-to-code';
            detail = a;
            break run;
          }
          let p = pages[a >>> 16];
          if (p === ZERO_PAGE) p = mem.page(a >>> 16);
          let tp = tsp[a >>> 16];
          if (tp === null) tp = tsPages.page(a >>> 16);
          const j = (a >>> 2) & 0x3fff;
          const before = p[j];
          const s = (a & 3) << 3;
          const m = width === 3 ? -1 : width === 1 ? 0xffff : 0xff;
          const after = width === 3 ? v2 : (before & ~(m << s)) | ((v2 & m) << s);
          p[j] = after;
          aTs[n] = ts + SLOT_MEM;
          aPrevTs[n] = tp[j];
          aAddr[n] = a & ~3;
          aVal[n] = after;
          aPrev[n] = before;
          aWrite[n] = 1;
          n++;
          tp[j] = ts + SLOT_MEM;
          break;
        }
      case 1 /* LUI */:
      case 2 /* AUIPC */:
        rv = imm;
        break;
      case 3 /* JAL */:
        rv = npc;
        npc = imm;
        break;
      case 4 /* JALR */:
        rv = npc;
        npc = (v1 + imm) & ~1;
        break;
      case 5 /* BEQ */:
        if (v1 === v2) npc = imm;
        break;
      case 6 /* BNE */:
        if (v1 !== v2) npc = imm;
        break;
      case 7 /* BLT */:
        if (v1 < v2) npc = imm;
        break;
      case 8 /* BGE */:
        if (v1 >= v2) npc = imm;
        break;
      case 9 /* BLTU */:
        if (v1 >>> 0 < v2 >>> 0) npc = imm;
        break;
      case 10 /* BGEU */:
        if (v1 >>> 0 >= v2 >>> 0) npc = imm;
        break;
      case 20 /* SLTI */:
        rv = v1 < imm ? 1 : 0;
        break;
      case 21 /* SLTIU */:
        rv = v1 >>> 0 < imm >>> 0 ? 1 : 0;
        break;
      case 22 /* XORI */:
        rv = v1 ^ imm;
        break;
      case 23 /* ORI */:
        rv = v1 | imm;
        break;
      case 24 /* ANDI */:
        rv = v1 & imm;
        break;
      case 25 /* SLLI */:
        rv = v1 << imm;
        break;
      case 26 /* SRLI */:
        rv = v1 >>> imm;
        break;
      case 27 /* SRAI */:
        rv = v1 >> imm;
        break;
      case 29 /* SUB */:
        rv = v1 - v2;
        break;
      case 30 /* SLL */:
        rv = v1 << v2;
        break;
      case 31 /* SLT */:
        rv = v1 < v2 ? 1 : 0;
        break;
      case 32 /* SLTU */:
        rv = v1 >>> 0 < v2 >>> 0 ? 1 : 0;
        break;
      case 33 /* XOR */:
        rv = v1 ^ v2;
        break;
      case 34 /* SRL */:
        rv = v1 >>> v2;
        break;
      case 35 /* SRA */:
        rv = v1 >> v2;
        break;
      case 36 /* OR */:
        rv = v1 | v2;
        break;
      case 37 /* AND */:
        rv = v1 & v2;
        break;
      case 42 /* MUL */:
        rv = Math.imul(v1, v2);
        break;
      case 43 /* MULH */:
        rv = mulh(v1, v2);
        break;
      case 44 /* MULHSU */:
        rv = mulhsu(v1, v2);
        break;
      case 45 /* MULHU */:
        rv = mulhu(v1, v2);
        break;
      case 46 /* DIV */:
        rv = div(v1, v2);
        break;
      case 47 /* DIVU */:
        rv = divu(v1, v2);
        break;
      case 48 /* REM */:
        rv = rem(v1, v2);
        break;
      case 49 /* REMU */:
        rv = remu(v1, v2);
        break;
      case 38 /* FENCE */:
        break;
      case 39 /* ECALL */:
        {
          ram.length = n;
          const r = recordEcall(regs, mem, io, ram, iot, tsPages, regTs, clk, ts);
          n = ram.length;
          aTs = ram.ts;
          aPrevTs = ram.prevTs;
          aAddr = ram.addr;
          aVal = ram.value;
          aPrev = ram.prevValue;
          aWrite = ram.write;
          v1 = regs[REG_A7];
          v2 = r.a0Before;
          rv = regs[REG_A0];
          if (r.status === ECALL_EXIT) {
            cPc[clk] = pc;
            cRs1[clk] = v1;
            cRs2[clk] = v2;
            cRd[clk] = 0;
            clk++;
            exited = true;
            break run;
          }
          if (r.status !== ECALL_CONTINUE) {
            kind = io.faultKind;
            detail = io.faultDetail;
            break run;
          }
          break;
        }
      case 40 /* EBREAK */:
        kind = 'ebreak';
        break run;
      case 41 /* CSR */:
        kind = 'csr';
        break run;
      default:
        kind = 'illegal-instruction';
        break run;
    }
    if ((npc & 3) !== 0) {
      kind = 'misaligned-jump';
      detail = npc;
      break;
    }
    if ((flags & RD) !== 0) {
      const rd = (w >>> 8) & 0xff;
      if (rd !== X0_SINK) {
        regTs[rd] = ts + SLOT_RD;
        regs[rd] = rv;
      } else rv = 0;
    }
    cPc[clk] = pc;
    cRs1[clk] = v1;
    cRs2[clk] = v2;
    cRd[clk] = rv;
    pc = npc;
    clk++;
  }

  cpu.trim(clk);
  ram.length = n;
  ram.trim();
  const record: ExecutionRecord = {
    cpu,
    ram,
    io: iot,
    input: io.input.subarray(0, io.inputPos),
    output: io.journal.bytes(),
    memory: touchedMemory(program, mem, tsPages),
    registers: { final: Uint32Array.from(regs.subarray(0, 32)), finalTs: regTs.slice(0, 32) },
  };
  return { end: { exited, kind, pc, detail, cycles: clk }, record };
}

/** Aligned words covering the n bytes at buf (unsigned, no wrap: ECALLs refuse it). */
function spanWords(buf: number, n: number): number {
  return n === 0 ? 0 : Math.floor((buf + n - 1) / 4) - Math.floor(buf / 4) + 1;
}

/** The k-th aligned word address of a buffer at buf (unsigned). */
function wordAt(buf: number, k: number): number {
  return (Math.floor(buf / 4) + k) * 4;
}

/** Records one RAM word access at `ts` (ECALL path): value after, prev value and prev ts. */
function accessWord(
  ram: RamTable,
  tsPages: TsPages,
  addr: number,
  ts: number,
  after: number,
  before: number,
  write: number,
): void {
  const p = tsPages.page(addr >>> PAGE_SHIFT);
  const j = (addr >>> 2) & WORD_MASK;
  ram.push(ts, p[j], addr & ~3, after, before, write);
  p[j] = ts;
}

/**
 * An ECALL with its accesses: reads a7 and a0..a2 (slot RS1; distinct registers may
 * share a timestamp), one access per RAM word the call reads or writes (slot MEM; each
 * word at most once), and the a0 result (slot RD). Only the RAM rows and the io row are
 * stored; the register accesses only update their last timestamps. Semantics come from
 * syscalls.ecall.
 */
function recordEcall(
  regs: Int32Array,
  mem: Memory,
  io: GuestIo,
  ram: RamTable,
  iot: IoTable,
  tsPages: TsPages,
  regTs: Uint32Array,
  clk: number,
  ts: number,
): { status: number; a0Before: number } {
  const num = regs[REG_A7];
  const isIo = num === SYS_READ || num === SYS_WRITE;
  const argRegs = isIo ? [REG_A7, REG_A0, REG_A1, REG_A2] : [REG_A7, REG_A0];
  for (const r of argRegs) regTs[r] = ts + SLOT_RS1;
  const a0Before = regs[REG_A0];
  const buf = regs[REG_A1] >>> 0;
  const requested = regs[REG_A2];
  const inputPos = io.inputPos;
  const journalLen = io.journal.length;
  const stderrLen = io.stderr.length;
  // A read writes memory: snapshot the words it will write, so each gets one access with
  // its previous and new value. An EFAULT read (readLength -1) writes nothing.
  const readN = num === SYS_READ && a0Before === 0 ? Math.max(0, readLength(regs, io)) : 0;
  const before: number[] = [];
  for (let k = 0; k < spanWords(buf, readN); k++) before.push(mem.loadWord(wordAt(buf, k)));
  const status = ecall(regs, mem, io);
  if (status !== ECALL_CONTINUE) return { status, a0Before };
  if (isIo) {
    const fd = num === SYS_READ ? 0 : a0Before;
    // Bytes that actually moved (0 on EFAULT); a write reads the words, a read writes them.
    const len =
      fd === 0
        ? io.inputPos - inputPos
        : fd === 1
          ? io.journal.length - journalLen
          : io.stderr.length - stderrLen;
    const words = spanWords(buf, len);
    ram.reserve(words);
    for (let k = 0; k < words; k++) {
      const a = wordAt(buf, k);
      const now = mem.loadWord(a);
      accessWord(ram, tsPages, a, ts + SLOT_MEM, now, fd === 0 ? before[k] : now, fd === 0 ? 1 : 0);
    }
    const offset = fd === 0 ? inputPos : fd === 1 ? journalLen : stderrLen;
    iot.push(clk, fd, buf, len, offset, requested);
  }
  regTs[REG_A0] = ts + SLOT_RD;
  return { status, a0Before };
}

/** The RAM words accessed during the run, with initial (loaded image) and final values. */
function touchedMemory(program: Program, mem: Memory, tsPages: TsPages): TouchedMemory {
  const initial = Memory.fromProgram(program);
  let count = 0;
  for (let pi = 0; pi < tsPages.pages.length; pi++) {
    const p = tsPages.pages[pi];
    if (p === null) continue;
    for (let j = 0; j < PAGE_WORDS; j++) if (p[j] !== 0) count++;
  }
  const addr = new Uint32Array(count);
  const init = new Uint32Array(count);
  const final = new Uint32Array(count);
  const finalTs = new Uint32Array(count);
  let n = 0;
  for (let pi = 0; pi < tsPages.pages.length; pi++) {
    const p = tsPages.pages[pi];
    if (p === null) continue;
    for (let j = 0; j < PAGE_WORDS; j++) {
      if (p[j] === 0) continue;
      const a = ((pi << PAGE_SHIFT) | (j << 2)) >>> 0;
      addr[n] = a;
      init[n] = initial.loadWord(a);
      final[n] = mem.loadWord(a);
      finalTs[n] = p[j];
      n++;
    }
  }
  return { addr, init, final, finalTs };
}
