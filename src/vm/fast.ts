/**
 * The fast interpreter: runs a pre-decoded program with no recording, for `rvstark run`.
 * Invariants: regs[0] is always 0 (writes to x0 land in regs[32], see X0_SINK); pc is
 * always 4-aligned (every jump checks its target); a pc outside the decoded table reads
 * `undefined` from the op array and lands in the `default` case (pc-out-of-bounds).
 *
 * Performance notes (measured on the sha256 guest, Node 20): one `switch` over a small
 * integer op id with all tables and the page array in locals; loads index the page array
 * with no "allocated?" branch (ZERO_PAGE); per-index execution counts cost ~5% and give
 * both the opcode histogram and the per-function profile, so they are always on.
 */
import { div, divu, mulh, mulhsu, mulhu, rem, remu } from './alu.js';
import type { DecodedProgram } from './decode.js';
import { Op } from './decode.js';
import type { ExecutionErrorKind } from './errors.js';
import { type Memory, ZERO_PAGE } from './memory.js';
import { ECALL_CONTINUE, ECALL_EXIT, ecall, type GuestIo } from './syscalls.js';

/** How a run ended: exited, or faulted at `pc` with `kind` and `detail`. */
export interface RunEnd {
  exited: boolean;
  kind: ExecutionErrorKind | null;
  pc: number;
  detail: number;
  cycles: number;
}

/**
 * Runs from `entry` until exit, fault or `maxCycles` completed instructions.
 * `counts[i]` is incremented for each execution of the instruction at base + 4i.
 */
export function runFast(
  dp: DecodedProgram,
  mem: Memory,
  io: GuestIo,
  regs: Int32Array,
  entry: number,
  maxCycles: number,
  counts: Uint32Array,
): RunEnd {
  const op = dp.op;
  const rdA = dp.rd;
  const rs1A = dp.rs1;
  const rs2A = dp.rs2;
  const immA = dp.imm;
  const base = dp.base | 0;
  const codeBytes = dp.count * 4;
  const pages = mem.pages;
  let pc = entry | 0;
  let cycles = 0;
  let kind: ExecutionErrorKind | null = null;
  let detail = 0;

  run: for (;;) {
    if (cycles >= maxCycles) {
      kind = 'cycle-limit';
      detail = maxCycles;
      break;
    }
    const i = (pc - base) >>> 2;
    counts[i]++;
    let npc = (pc + 4) | 0;
    switch (op[i]) {
      case Op.LUI:
      case Op.AUIPC:
        regs[rdA[i]] = immA[i];
        break;
      case Op.JAL:
        regs[rdA[i]] = npc;
        npc = immA[i];
        break;
      case Op.JALR: {
        // Target before the link write: rd may equal rs1.
        const t = (regs[rs1A[i]] + immA[i]) & ~1;
        regs[rdA[i]] = npc;
        npc = t;
        break;
      }
      case Op.BEQ:
        if (regs[rs1A[i]] === regs[rs2A[i]]) npc = immA[i];
        break;
      case Op.BNE:
        if (regs[rs1A[i]] !== regs[rs2A[i]]) npc = immA[i];
        break;
      case Op.BLT:
        if (regs[rs1A[i]] < regs[rs2A[i]]) npc = immA[i];
        break;
      case Op.BGE:
        if (regs[rs1A[i]] >= regs[rs2A[i]]) npc = immA[i];
        break;
      case Op.BLTU:
        if (regs[rs1A[i]] >>> 0 < regs[rs2A[i]] >>> 0) npc = immA[i];
        break;
      case Op.BGEU:
        if (regs[rs1A[i]] >>> 0 >= regs[rs2A[i]] >>> 0) npc = immA[i];
        break;
      case Op.LB: {
        const a = (regs[rs1A[i]] + immA[i]) | 0;
        regs[rdA[i]] = (pages[a >>> 16][(a >>> 2) & 0x3fff] << (24 - ((a & 3) << 3))) >> 24;
        break;
      }
      case Op.LBU: {
        const a = (regs[rs1A[i]] + immA[i]) | 0;
        regs[rdA[i]] = (pages[a >>> 16][(a >>> 2) & 0x3fff] >>> ((a & 3) << 3)) & 0xff;
        break;
      }
      case Op.LH: {
        const a = (regs[rs1A[i]] + immA[i]) | 0;
        if ((a & 1) !== 0) {
          kind = 'misaligned-load';
          detail = a;
          break run;
        }
        regs[rdA[i]] = (pages[a >>> 16][(a >>> 2) & 0x3fff] << (16 - ((a & 2) << 3))) >> 16;
        break;
      }
      case Op.LHU: {
        const a = (regs[rs1A[i]] + immA[i]) | 0;
        if ((a & 1) !== 0) {
          kind = 'misaligned-load';
          detail = a;
          break run;
        }
        regs[rdA[i]] = (pages[a >>> 16][(a >>> 2) & 0x3fff] >>> ((a & 2) << 3)) & 0xffff;
        break;
      }
      case Op.LW: {
        const a = (regs[rs1A[i]] + immA[i]) | 0;
        if ((a & 3) !== 0) {
          kind = 'misaligned-load';
          detail = a;
          break run;
        }
        regs[rdA[i]] = pages[a >>> 16][(a >>> 2) & 0x3fff];
        break;
      }
      case Op.SB:
      case Op.SH:
      case Op.SW: {
        const a = (regs[rs1A[i]] + immA[i]) | 0;
        const o = op[i];
        const width = o === Op.SW ? 3 : o === Op.SH ? 1 : 0;
        if ((a & width) !== 0) {
          kind = 'misaligned-store';
          detail = a;
          break run;
        }
        // Harvard rule: code is fetched from the decoded table only, so it must not change.
        if ((a - base) >>> 0 < codeBytes && op[(a - base) >>> 2] !== Op.OUTSIDE) {
          kind = 'store-to-code';
          detail = a;
          break run;
        }
        let p = pages[a >>> 16];
        if (p === ZERO_PAGE) p = mem.page(a >>> 16);
        const j = (a >>> 2) & 0x3fff;
        const v = regs[rs2A[i]];
        if (width === 3) p[j] = v;
        else {
          const s = (a & 3) << 3;
          const m = width === 1 ? 0xffff : 0xff;
          p[j] = (p[j] & ~(m << s)) | ((v & m) << s);
        }
        break;
      }
      case Op.ADDI:
        regs[rdA[i]] = regs[rs1A[i]] + immA[i];
        break;
      case Op.SLTI:
        regs[rdA[i]] = regs[rs1A[i]] < immA[i] ? 1 : 0;
        break;
      case Op.SLTIU:
        regs[rdA[i]] = regs[rs1A[i]] >>> 0 < immA[i] >>> 0 ? 1 : 0;
        break;
      case Op.XORI:
        regs[rdA[i]] = regs[rs1A[i]] ^ immA[i];
        break;
      case Op.ORI:
        regs[rdA[i]] = regs[rs1A[i]] | immA[i];
        break;
      case Op.ANDI:
        regs[rdA[i]] = regs[rs1A[i]] & immA[i];
        break;
      case Op.SLLI:
        regs[rdA[i]] = regs[rs1A[i]] << immA[i];
        break;
      case Op.SRLI:
        regs[rdA[i]] = regs[rs1A[i]] >>> immA[i];
        break;
      case Op.SRAI:
        regs[rdA[i]] = regs[rs1A[i]] >> immA[i];
        break;
      case Op.ADD:
        regs[rdA[i]] = regs[rs1A[i]] + regs[rs2A[i]];
        break;
      case Op.SUB:
        regs[rdA[i]] = regs[rs1A[i]] - regs[rs2A[i]];
        break;
      // JS shifts already use only the low 5 bits of the count, as RV32 does.
      case Op.SLL:
        regs[rdA[i]] = regs[rs1A[i]] << regs[rs2A[i]];
        break;
      case Op.SLT:
        regs[rdA[i]] = regs[rs1A[i]] < regs[rs2A[i]] ? 1 : 0;
        break;
      case Op.SLTU:
        regs[rdA[i]] = regs[rs1A[i]] >>> 0 < regs[rs2A[i]] >>> 0 ? 1 : 0;
        break;
      case Op.XOR:
        regs[rdA[i]] = regs[rs1A[i]] ^ regs[rs2A[i]];
        break;
      case Op.SRL:
        regs[rdA[i]] = regs[rs1A[i]] >>> regs[rs2A[i]];
        break;
      case Op.SRA:
        regs[rdA[i]] = regs[rs1A[i]] >> regs[rs2A[i]];
        break;
      case Op.OR:
        regs[rdA[i]] = regs[rs1A[i]] | regs[rs2A[i]];
        break;
      case Op.AND:
        regs[rdA[i]] = regs[rs1A[i]] & regs[rs2A[i]];
        break;
      case Op.MUL:
        regs[rdA[i]] = Math.imul(regs[rs1A[i]], regs[rs2A[i]]);
        break;
      case Op.MULH:
        regs[rdA[i]] = mulh(regs[rs1A[i]], regs[rs2A[i]]);
        break;
      case Op.MULHSU:
        regs[rdA[i]] = mulhsu(regs[rs1A[i]], regs[rs2A[i]]);
        break;
      case Op.MULHU:
        regs[rdA[i]] = mulhu(regs[rs1A[i]], regs[rs2A[i]]);
        break;
      case Op.DIV:
        regs[rdA[i]] = div(regs[rs1A[i]], regs[rs2A[i]]);
        break;
      case Op.DIVU:
        regs[rdA[i]] = divu(regs[rs1A[i]], regs[rs2A[i]]);
        break;
      case Op.REM:
        regs[rdA[i]] = rem(regs[rs1A[i]], regs[rs2A[i]]);
        break;
      case Op.REMU:
        regs[rdA[i]] = remu(regs[rs1A[i]], regs[rs2A[i]]);
        break;
      case Op.FENCE:
        break;
      case Op.ECALL: {
        const r = ecall(regs, mem, io);
        if (r === ECALL_CONTINUE) break;
        if (r === ECALL_EXIT) {
          cycles++;
          return { exited: true, kind: null, pc, detail: 0, cycles };
        }
        kind = io.faultKind;
        detail = io.faultDetail;
        break run;
      }
      case Op.EBREAK:
        kind = 'ebreak';
        break run;
      case Op.CSR:
        kind = 'csr';
        break run;
      case Op.ILLEGAL:
        kind = 'illegal-instruction';
        break run;
      default:
        kind = 'pc-out-of-bounds';
        detail = pc;
        break run;
    }
    // Jump and taken-branch targets may be 2 mod 4 (no RVC here): a fault, before any
    // architectural effect of the next instruction. The link register is already written,
    // which is harmless because a fault ends the run.
    if ((npc & 3) !== 0) {
      kind = 'misaligned-jump';
      detail = npc;
      break;
    }
    pc = npc;
    cycles++;
  }
  return { exited: false, kind, pc, detail, cycles };
}
