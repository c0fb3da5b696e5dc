/**
 * The recording interpreter: the same RV32IM semantics as fast.ts, but each cycle also
 * appends a CPU row and its register/memory accesses to an ExecutionRecord. Invariant:
 * accesses to one (space, addr) have strictly increasing timestamps, and each access's
 * prevTs/prevValue equal the ts/value of the previous access there (0/initial at start).
 * Tests check that both interpreters agree on every guest and generated program.
 */
import { div, divu, mulh, mulhsu, mulhu, rem, remu } from './alu.js';
import { type DecodedProgram, NUM_OPS, Op } from './decode.js';
import type { Program } from './elf.js';
import type { ExecutionErrorKind } from './errors.js';
import type { RunEnd } from './fast.js';
import { Memory, PAGE_SHIFT, PAGE_WORDS, WORD_MASK, ZERO_PAGE } from './memory.js';
import {
  AccessTable,
  CpuTable,
  type ExecutionRecord,
  IoTable,
  SLOT_MEM,
  SLOT_RD,
  SLOT_RS1,
  SLOT_RS2,
  SPACE_RAM,
  SPACE_REG,
  type TouchedMemory,
} from './record.js';
import {
  ECALL_CONTINUE,
  ECALL_EXIT,
  ecall,
  type GuestIo,
  MAX_WRITE,
  REG_A0,
  REG_A1,
  REG_A2,
  REG_A7,
  SYS_READ,
  SYS_WRITE,
} from './syscalls.js';

const RS1 = 1;
const RS2 = 2;
const RD = 4;

/** Which registers each op reads and writes (its format). */
const OPERANDS: Uint8Array = (() => {
  const f = new Uint8Array(NUM_OPS + 1);
  const set = (flags: number, ops: number[]) => {
    for (const o of ops) f[o] = flags;
  };
  set(RD, [Op.LUI, Op.AUIPC, Op.JAL]);
  set(RS1 | RD, [Op.JALR, Op.LB, Op.LH, Op.LW, Op.LBU, Op.LHU]);
  set(RS1 | RD, [Op.ADDI, Op.SLTI, Op.SLTIU, Op.XORI, Op.ORI, Op.ANDI, Op.SLLI, Op.SRLI, Op.SRAI]);
  set(RS1 | RS2, [Op.BEQ, Op.BNE, Op.BLT, Op.BGE, Op.BLTU, Op.BGEU, Op.SB, Op.SH, Op.SW]);
  set(RS1 | RS2 | RD, [Op.ADD, Op.SUB, Op.SLL, Op.SLT, Op.SLTU, Op.XOR, Op.SRL, Op.SRA, Op.OR, Op.AND]);
  set(RS1 | RS2 | RD, [Op.MUL, Op.MULH, Op.MULHSU, Op.MULHU, Op.DIV, Op.DIVU, Op.REM, Op.REMU]);
  return f;
})();

/** Last-access timestamps of RAM words, paged like Memory (0 = never accessed). */
class TsPages {
  readonly pages: Uint32Array[] = new Array<Uint32Array>(1 << (32 - PAGE_SHIFT));

  page(index: number): Uint32Array {
    let p = this.pages[index];
    if (p === undefined) this.pages[index] = p = new Uint32Array(PAGE_WORDS);
    return p;
  }
}

/** Records one RAM word access at `ts`: value after, prev value and prev ts. */
function accessWord(
  acc: AccessTable,
  tsPages: TsPages,
  addr: number,
  ts: number,
  after: number,
  before: number,
  write: number,
): void {
  const p = tsPages.page(addr >>> PAGE_SHIFT);
  const j = (addr >>> 2) & WORD_MASK;
  acc.push(ts, p[j], addr & ~3, after, before, SPACE_RAM, write);
  p[j] = ts;
}

export function runRecording(
  program: Program,
  dp: DecodedProgram,
  mem: Memory,
  io: GuestIo,
  regs: Int32Array,
  entry: number,
  maxCycles: number,
  counts: Uint32Array,
  expectedCycles: number,
): { end: RunEnd; record: ExecutionRecord } {
  const op = dp.op;
  const rdA = dp.rd;
  const rs1A = dp.rs1;
  const rs2A = dp.rs2;
  const immA = dp.imm;
  const wordA = dp.word;
  const base = dp.base | 0;
  const codeBytes = dp.count * 4;
  const pages = mem.pages;
  // Sized from a prior fast run: growing (copying) 85 bytes/cycle cost ~40% of the time.
  const cap = Math.max(16, Math.min(maxCycles, expectedCycles));
  const cpu = new CpuTable(cap);
  const acc = new AccessTable(3 * cap + 64);
  const iot = new IoTable();
  const tsPages = new TsPages();
  const regTs = new Uint32Array(33);
  let pc = entry | 0;
  let clk = 0;
  let kind: ExecutionErrorKind | null = null;
  let detail = 0;
  let exited = false;

  run: for (;;) {
    if (clk >= maxCycles) {
      kind = 'cycle-limit';
      detail = maxCycles;
      break;
    }
    const i = (pc - base) >>> 2;
    const o = op[i];
    if (o === undefined || o === Op.OUTSIDE) {
      kind = 'pc-out-of-bounds';
      detail = pc;
      break;
    }
    counts[i]++;
    const ts = 4 * (clk + 1);
    const flags = OPERANDS[o];
    const r1 = rs1A[i];
    const r2 = rs2A[i];
    const v1 = regs[r1];
    const v2 = regs[r2];
    if ((flags & RS1) !== 0) {
      acc.push(ts + SLOT_RS1, regTs[r1], r1, v1, v1, SPACE_REG, 0);
      regTs[r1] = ts + SLOT_RS1;
    }
    if ((flags & RS2) !== 0) {
      acc.push(ts + SLOT_RS2, regTs[r2], r2, v2, v2, SPACE_REG, 0);
      regTs[r2] = ts + SLOT_RS2;
    }
    let npc = (pc + 4) | 0;
    let rv = 0;
    let maddr = 0;
    let c1 = (flags & RS1) !== 0 ? v1 : 0;
    let c2 = (flags & RS2) !== 0 ? v2 : 0;
    switch (o) {
      case Op.LUI:
      case Op.AUIPC:
        rv = immA[i];
        break;
      case Op.JAL:
        rv = npc;
        npc = immA[i];
        break;
      case Op.JALR:
        rv = npc;
        npc = (v1 + immA[i]) & ~1;
        break;
      case Op.BEQ:
        if (v1 === v2) npc = immA[i];
        break;
      case Op.BNE:
        if (v1 !== v2) npc = immA[i];
        break;
      case Op.BLT:
        if (v1 < v2) npc = immA[i];
        break;
      case Op.BGE:
        if (v1 >= v2) npc = immA[i];
        break;
      case Op.BLTU:
        if (v1 >>> 0 < v2 >>> 0) npc = immA[i];
        break;
      case Op.BGEU:
        if (v1 >>> 0 >= v2 >>> 0) npc = immA[i];
        break;
      case Op.LB:
      case Op.LBU:
      case Op.LH:
      case Op.LHU:
      case Op.LW: {
        const a = (v1 + immA[i]) | 0;
        const align = o === Op.LW ? 3 : o === Op.LH || o === Op.LHU ? 1 : 0;
        if ((a & align) !== 0) {
          kind = 'misaligned-load';
          detail = a;
          break run;
        }
        const w = pages[a >>> 16][(a >>> 2) & 0x3fff];
        accessWord(acc, tsPages, a, ts + SLOT_MEM, w, w, 0);
        maddr = a;
        const s = (a & 3) << 3;
        if (o === Op.LW) rv = w;
        else if (o === Op.LB) rv = (w << (24 - s)) >> 24;
        else if (o === Op.LBU) rv = (w >>> s) & 0xff;
        else if (o === Op.LH) rv = (w << (16 - s)) >> 16;
        else rv = (w >>> s) & 0xffff;
        break;
      }
      case Op.SB:
      case Op.SH:
      case Op.SW: {
        const a = (v1 + immA[i]) | 0;
        const width = o === Op.SW ? 3 : o === Op.SH ? 1 : 0;
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
        const j = (a >>> 2) & 0x3fff;
        const before = p[j];
        const s = (a & 3) << 3;
        const m = width === 3 ? -1 : width === 1 ? 0xffff : 0xff;
        const after = width === 3 ? v2 : (before & ~(m << s)) | ((v2 & m) << s);
        p[j] = after;
        accessWord(acc, tsPages, a, ts + SLOT_MEM, after, before, 1);
        maddr = a;
        break;
      }
      case Op.ADDI:
        rv = v1 + immA[i];
        break;
      case Op.SLTI:
        rv = v1 < immA[i] ? 1 : 0;
        break;
      case Op.SLTIU:
        rv = v1 >>> 0 < immA[i] >>> 0 ? 1 : 0;
        break;
      case Op.XORI:
        rv = v1 ^ immA[i];
        break;
      case Op.ORI:
        rv = v1 | immA[i];
        break;
      case Op.ANDI:
        rv = v1 & immA[i];
        break;
      case Op.SLLI:
        rv = v1 << immA[i];
        break;
      case Op.SRLI:
        rv = v1 >>> immA[i];
        break;
      case Op.SRAI:
        rv = v1 >> immA[i];
        break;
      case Op.ADD:
        rv = v1 + v2;
        break;
      case Op.SUB:
        rv = v1 - v2;
        break;
      case Op.SLL:
        rv = v1 << v2;
        break;
      case Op.SLT:
        rv = v1 < v2 ? 1 : 0;
        break;
      case Op.SLTU:
        rv = v1 >>> 0 < v2 >>> 0 ? 1 : 0;
        break;
      case Op.XOR:
        rv = v1 ^ v2;
        break;
      case Op.SRL:
        rv = v1 >>> v2;
        break;
      case Op.SRA:
        rv = v1 >> v2;
        break;
      case Op.OR:
        rv = v1 | v2;
        break;
      case Op.AND:
        rv = v1 & v2;
        break;
      case Op.MUL:
        rv = Math.imul(v1, v2);
        break;
      case Op.MULH:
        rv = mulh(v1, v2);
        break;
      case Op.MULHSU:
        rv = mulhsu(v1, v2);
        break;
      case Op.MULHU:
        rv = mulhu(v1, v2);
        break;
      case Op.DIV:
        rv = div(v1, v2);
        break;
      case Op.DIVU:
        rv = divu(v1, v2);
        break;
      case Op.REM:
        rv = rem(v1, v2);
        break;
      case Op.REMU:
        rv = remu(v1, v2);
        break;
      case Op.FENCE:
        break;
      case Op.ECALL: {
        const r = recordEcall(regs, mem, io, acc, iot, tsPages, regTs, clk, ts);
        c1 = regs[REG_A7];
        c2 = r.a0Before;
        rv = regs[REG_A0];
        if (r.status === ECALL_EXIT) {
          cpu.push(pc, pc, wordA[i], o, c1, c2, 0, 0);
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
      case Op.EBREAK:
        kind = 'ebreak';
        break run;
      case Op.CSR:
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
      const rd = rdA[i] & 31;
      if (rd !== 0) {
        acc.push(ts + SLOT_RD, regTs[rd], rd, rv, regs[rd], SPACE_REG, 1);
        regTs[rd] = ts + SLOT_RD;
        regs[rd] = rv;
      } else rv = 0;
    }
    cpu.push(pc, npc, wordA[i], o, c1, c2, o === Op.ECALL || (flags & RD) !== 0 ? rv : 0, maddr);
    pc = npc;
    clk++;
  }

  cpu.trim();
  acc.trim();
  const record: ExecutionRecord = {
    cpu,
    access: acc,
    io: iot,
    input: io.input.subarray(0, io.inputPos),
    output: io.journal.bytes(),
    memory: touchedMemory(program, mem, tsPages),
    registers: { final: Uint32Array.from(regs.subarray(0, 32)), finalTs: regTs.slice(0, 32) },
  };
  return { end: { exited, kind, pc, detail, cycles: clk }, record };
}

/**
 * An ECALL with its accesses: reads a7 and a0..a2 (slot RS1; distinct registers may
 * share a timestamp), one access per RAM word the call reads or writes (slot MEM; each
 * word at most once), and the a0 result (slot RD). Semantics come from syscalls.ecall.
 */
function recordEcall(
  regs: Int32Array,
  mem: Memory,
  io: GuestIo,
  acc: AccessTable,
  iot: IoTable,
  tsPages: TsPages,
  regTs: Uint32Array,
  clk: number,
  ts: number,
): { status: number; a0Before: number } {
  const num = regs[REG_A7];
  const isIo = num === SYS_READ || num === SYS_WRITE;
  const argRegs = isIo ? [REG_A7, REG_A0, REG_A1, REG_A2] : [REG_A7, REG_A0];
  for (const r of argRegs) {
    acc.push(ts + SLOT_RS1, regTs[r], r, regs[r], regs[r], SPACE_REG, 0);
    regTs[r] = ts + SLOT_RS1;
  }
  const a0Before = regs[REG_A0];
  const buf = regs[REG_A1] >>> 0;
  // Snapshot the words the call may touch, so each gets one access with prev and new value.
  let n = 0;
  if (isIo) {
    n = num === SYS_READ ? Math.min(regs[REG_A2] >>> 0, io.input.length - io.inputPos) : regs[REG_A2] >>> 0;
  }
  const inputPos = io.inputPos;
  const journalLen = io.journal.length;
  const stderrLen = io.stderr.length;
  const first = buf & ~3;
  const words = n === 0 || n > MAX_WRITE ? 0 : (((buf + n - 1) & ~3) - first) / 4 + 1;
  const before: number[] = [];
  for (let k = 0; k < words; k++) before.push(mem.loadWord((first + 4 * k) >>> 0));
  const status = ecall(regs, mem, io);
  if (status !== ECALL_CONTINUE) return { status, a0Before };
  if (isIo) {
    const write = num === SYS_READ ? 1 : 0;
    for (let k = 0; k < words; k++) {
      const a = (first + 4 * k) >>> 0;
      accessWord(acc, tsPages, a, ts + SLOT_MEM, mem.loadWord(a), before[k], write);
    }
    const fd = num === SYS_READ ? 0 : a0Before;
    const offset = num === SYS_READ ? inputPos : fd === 1 ? journalLen : stderrLen;
    iot.push(clk, fd, buf, n, offset);
  }
  acc.push(ts + SLOT_RD, regTs[REG_A0], REG_A0, regs[REG_A0], a0Before, SPACE_REG, 1);
  regTs[REG_A0] = ts + SLOT_RD;
  return { status, a0Before };
}

/** The RAM words accessed during the run, with initial (loaded image) and final values. */
function touchedMemory(program: Program, mem: Memory, tsPages: TsPages): TouchedMemory {
  const initial = Memory.fromProgram(program);
  let count = 0;
  for (let pi = 0; pi < tsPages.pages.length; pi++) {
    const p = tsPages.pages[pi];
    if (p === undefined) continue;
    for (let j = 0; j < PAGE_WORDS; j++) if (p[j] !== 0) count++;
  }
  const addr = new Uint32Array(count);
  const init = new Uint32Array(count);
  const final = new Uint32Array(count);
  const finalTs = new Uint32Array(count);
  let n = 0;
  for (let pi = 0; pi < tsPages.pages.length; pi++) {
    const p = tsPages.pages[pi];
    if (p === undefined) continue;
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
