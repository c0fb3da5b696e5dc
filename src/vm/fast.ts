/**
 * The fast interpreter: runs a pre-decoded program with no recording, for `rvstark run`.
 * Invariants: regs[0] is always 0 (writes to x0 land in regs[32], see X0_SINK); the loop
 * tracks the instruction index i = (pc - base) / 4, never a raw pc; every jump checks its
 * target's alignment and range, and an out-of-range target becomes index `count` (the
 * OUTSIDE sentinel), so the next fetch faults with pc-out-of-bounds.
 *
 * Performance (sha256 guest, 41.7 M cycles, Node 20, noisy 2-core VM; docs/BENCHMARKS.md):
 * - `case 19 /* ADDI *\/` literals, not `case Op.ADDI`: Ignition turns a switch whose
 *   labels are all Smi literals into a jump table, while property-load labels compile to
 *   a chain of compares. This alone took 48-72 to 82-107 M cycles/s. A test checks that
 *   every literal matches its Op name (test/vm/fast-switch.test.ts).
 * - One packed fetch (`dp.code`, two int32 per instruction) instead of five arrays, and
 *   pc as an index: sequential flow is `i + 1`, the link value and branch/JAL targets
 *   come from i, and alignment is checked only on JALR (static targets at decode), not
 *   per cycle. Together ~+10%, within the noise of single runs.
 * - Per-index execution counts give both the opcode histogram and the per-function
 *   profile, so they are always on. One increment per cycle cost ~15-25%; the loop counts
 *   only entries into straight-line runs (at jumps, branches and ECALLs) and
 *   `entriesToCounts` derives per-instruction counts after the run.
 * - Tried, no measurable gain: a one-entry page cache (last page touched) on loads; the
 *   page array lookup is already one load.
 */
import { branchTaken, div, divu, mulh, mulhsu, mulhu, rem, remu } from './alu.js';
import { CODE_FAR_JUMP, type DecodedProgram, Op } from './decode.js';
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
 * Runs from `entry` until exit, fault or `maxCycles` completed instructions. On exit,
 * `counts[i]` holds the executions of the instruction at base + 4i (on a fault it holds
 * partial entry counts: callers discard it).
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
  const code = dp.code;
  const base = dp.base | 0;
  const count = dp.count | 0;
  const codeBytes = count * 4;
  const pages = mem.pages;
  // The pc of the sentinel index when a jump left the code (else base + 4 * count).
  let outPc = (base + codeBytes) | 0;
  let i = (entry - base) >>> 2;
  if ((entry - base) >>> 0 >= codeBytes) {
    i = count;
    outPc = entry | 0;
  }
  let cycles = 0;
  counts[i]++;
  let kind: ExecutionErrorKind | null = null;
  let detail = 0;

  run: for (;;) {
    if (cycles >= maxCycles) {
      kind = 'cycle-limit';
      detail = maxCycles;
      break;
    }
    const k = i << 1;
    const w = code[k];
    const imm = code[k + 1];
    let ni = i + 1;
    switch (w & 0xff) {
      case 19 /* ADDI */:
        regs[(w >>> 8) & 0xff] = regs[(w >>> 16) & 0xff] + imm;
        break;
      case 28 /* ADD */:
        regs[(w >>> 8) & 0xff] = regs[(w >>> 16) & 0xff] + regs[w >>> 24];
        break;
      case 13 /* LW */:
        {
          const a = (regs[(w >>> 16) & 0xff] + imm) | 0;
          if ((a & 3) !== 0) {
            kind = 'misaligned-load';
            detail = a;
            break run;
          }
          regs[(w >>> 8) & 0xff] = pages[a >>> 16][(a >>> 2) & 0x3fff];
          break;
        }
      case 18 /* SW */:
      case 16 /* SB */:
      case 17 /* SH */:
        {
          const a = (regs[(w >>> 16) & 0xff] + imm) | 0;
          const o = w & 0xff;
          const width = o === 18 ? 3 : o === 17 ? 1 : 0;
          if ((a & width) !== 0) {
            kind = 'misaligned-store';
            detail = a;
            break run;
          }
          // Harvard rule: code is fetched from the decoded table only, so it must not change.
          if ((a - base) >>> 0 < codeBytes && (code[((a - base) >>> 2) << 1] & 0xff) !== 50) {
            kind = 'store-to-code';
            detail = a;
            break run;
          }
          let p = pages[a >>> 16];
          if (p === ZERO_PAGE) p = mem.page(a >>> 16);
          const j = (a >>> 2) & 0x3fff;
          const v = regs[w >>> 24];
          if (width === 3) p[j] = v;
          else {
            const s = (a & 3) << 3;
            const m = width === 1 ? 0xffff : 0xff;
            p[j] = (p[j] & ~(m << s)) | ((v & m) << s);
          }
          break;
        }
      case 1 /* LUI */:
        regs[(w >>> 8) & 0xff] = imm;
        break;
      case 2 /* AUIPC */:
        // imm holds pc + offset, computed at decode.
        regs[(w >>> 8) & 0xff] = imm;
        break;
      case 3 /* JAL */:
        regs[(w >>> 8) & 0xff] = (base + (ni << 2)) | 0;
        ni = imm;
        counts[ni]++;
        break;
      case 4 /* JALR */:
        {
          // Target before the link write: rd may equal rs1.
          const t = (regs[(w >>> 16) & 0xff] + imm) & ~1;
          regs[(w >>> 8) & 0xff] = (base + (ni << 2)) | 0;
          ni = jumpIndex(t, base, count);
          if (ni < 0) {
            // The link register is already written, harmless because a fault ends the run.
            kind = 'misaligned-jump';
            detail = t;
            break run;
          }
          if (ni === count) outPc = t;
          counts[ni]++;
          break;
        }
      case 5 /* BEQ */:
        if (regs[(w >>> 16) & 0xff] === regs[w >>> 24]) ni = imm;
        counts[ni]++;
        break;
      case 6 /* BNE */:
        if (regs[(w >>> 16) & 0xff] !== regs[w >>> 24]) ni = imm;
        counts[ni]++;
        break;
      case 7 /* BLT */:
        if (regs[(w >>> 16) & 0xff] < regs[w >>> 24]) ni = imm;
        counts[ni]++;
        break;
      case 8 /* BGE */:
        if (regs[(w >>> 16) & 0xff] >= regs[w >>> 24]) ni = imm;
        counts[ni]++;
        break;
      case 9 /* BLTU */:
        if (regs[(w >>> 16) & 0xff] >>> 0 < regs[w >>> 24] >>> 0) ni = imm;
        counts[ni]++;
        break;
      case 10 /* BGEU */:
        if (regs[(w >>> 16) & 0xff] >>> 0 >= regs[w >>> 24] >>> 0) ni = imm;
        counts[ni]++;
        break;
      case 11 /* LB */:
        {
          const a = (regs[(w >>> 16) & 0xff] + imm) | 0;
          regs[(w >>> 8) & 0xff] = (pages[a >>> 16][(a >>> 2) & 0x3fff] << (24 - ((a & 3) << 3))) >> 24;
          break;
        }
      case 14 /* LBU */:
        {
          const a = (regs[(w >>> 16) & 0xff] + imm) | 0;
          regs[(w >>> 8) & 0xff] = (pages[a >>> 16][(a >>> 2) & 0x3fff] >>> ((a & 3) << 3)) & 0xff;
          break;
        }
      case 12 /* LH */:
        {
          const a = (regs[(w >>> 16) & 0xff] + imm) | 0;
          if ((a & 1) !== 0) {
            kind = 'misaligned-load';
            detail = a;
            break run;
          }
          regs[(w >>> 8) & 0xff] = (pages[a >>> 16][(a >>> 2) & 0x3fff] << (16 - ((a & 2) << 3))) >> 16;
          break;
        }
      case 15 /* LHU */:
        {
          const a = (regs[(w >>> 16) & 0xff] + imm) | 0;
          if ((a & 1) !== 0) {
            kind = 'misaligned-load';
            detail = a;
            break run;
          }
          regs[(w >>> 8) & 0xff] = (pages[a >>> 16][(a >>> 2) & 0x3fff] >>> ((a & 2) << 3)) & 0xffff;
          break;
        }
      case 20 /* SLTI */:
        regs[(w >>> 8) & 0xff] = regs[(w >>> 16) & 0xff] < imm ? 1 : 0;
        break;
      case 21 /* SLTIU */:
        regs[(w >>> 8) & 0xff] = regs[(w >>> 16) & 0xff] >>> 0 < imm >>> 0 ? 1 : 0;
        break;
      case 22 /* XORI */:
        regs[(w >>> 8) & 0xff] = regs[(w >>> 16) & 0xff] ^ imm;
        break;
      case 23 /* ORI */:
        regs[(w >>> 8) & 0xff] = regs[(w >>> 16) & 0xff] | imm;
        break;
      case 24 /* ANDI */:
        regs[(w >>> 8) & 0xff] = regs[(w >>> 16) & 0xff] & imm;
        break;
      case 25 /* SLLI */:
        regs[(w >>> 8) & 0xff] = regs[(w >>> 16) & 0xff] << imm;
        break;
      case 26 /* SRLI */:
        regs[(w >>> 8) & 0xff] = regs[(w >>> 16) & 0xff] >>> imm;
        break;
      case 27 /* SRAI */:
        regs[(w >>> 8) & 0xff] = regs[(w >>> 16) & 0xff] >> imm;
        break;
      case 29 /* SUB */:
        regs[(w >>> 8) & 0xff] = regs[(w >>> 16) & 0xff] - regs[w >>> 24];
        break;
      // JS shifts already use only the low 5 bits of the count, as RV32 does.
      case 30 /* SLL */:
        regs[(w >>> 8) & 0xff] = regs[(w >>> 16) & 0xff] << regs[w >>> 24];
        break;
      case 31 /* SLT */:
        regs[(w >>> 8) & 0xff] = regs[(w >>> 16) & 0xff] < regs[w >>> 24] ? 1 : 0;
        break;
      case 32 /* SLTU */:
        regs[(w >>> 8) & 0xff] = regs[(w >>> 16) & 0xff] >>> 0 < regs[w >>> 24] >>> 0 ? 1 : 0;
        break;
      case 33 /* XOR */:
        regs[(w >>> 8) & 0xff] = regs[(w >>> 16) & 0xff] ^ regs[w >>> 24];
        break;
      case 34 /* SRL */:
        regs[(w >>> 8) & 0xff] = regs[(w >>> 16) & 0xff] >>> regs[w >>> 24];
        break;
      case 35 /* SRA */:
        regs[(w >>> 8) & 0xff] = regs[(w >>> 16) & 0xff] >> regs[w >>> 24];
        break;
      case 36 /* OR */:
        regs[(w >>> 8) & 0xff] = regs[(w >>> 16) & 0xff] | regs[w >>> 24];
        break;
      case 37 /* AND */:
        regs[(w >>> 8) & 0xff] = regs[(w >>> 16) & 0xff] & regs[w >>> 24];
        break;
      case 42 /* MUL */:
        regs[(w >>> 8) & 0xff] = Math.imul(regs[(w >>> 16) & 0xff], regs[w >>> 24]);
        break;
      case 43 /* MULH */:
        regs[(w >>> 8) & 0xff] = mulh(regs[(w >>> 16) & 0xff], regs[w >>> 24]);
        break;
      case 44 /* MULHSU */:
        regs[(w >>> 8) & 0xff] = mulhsu(regs[(w >>> 16) & 0xff], regs[w >>> 24]);
        break;
      case 45 /* MULHU */:
        regs[(w >>> 8) & 0xff] = mulhu(regs[(w >>> 16) & 0xff], regs[w >>> 24]);
        break;
      case 46 /* DIV */:
        regs[(w >>> 8) & 0xff] = div(regs[(w >>> 16) & 0xff], regs[w >>> 24]);
        break;
      case 47 /* DIVU */:
        regs[(w >>> 8) & 0xff] = divu(regs[(w >>> 16) & 0xff], regs[w >>> 24]);
        break;
      case 48 /* REM */:
        regs[(w >>> 8) & 0xff] = rem(regs[(w >>> 16) & 0xff], regs[w >>> 24]);
        break;
      case 49 /* REMU */:
        regs[(w >>> 8) & 0xff] = remu(regs[(w >>> 16) & 0xff], regs[w >>> 24]);
        break;
      case 38 /* FENCE */:
        break;
      case 39 /* ECALL */:
        {
          const r = ecall(regs, mem, io);
          if (r === ECALL_CONTINUE) {
            counts[ni]++;
            break;
          }
          if (r === ECALL_EXIT) {
            cycles++;
            entriesToCounts(code, count, counts);
            return { exited: true, kind: null, pc: (base + (i << 2)) | 0, detail: 0, cycles };
          }
          kind = io.faultKind;
          detail = io.faultDetail;
          break run;
        }
      case 51 /* CODE_FAR_JUMP */:
        {
          // JAL or a branch whose target is misaligned or outside the code; imm is the target.
          if (branchTaken((w >>> 8) & 0xff, regs[(w >>> 16) & 0xff], regs[w >>> 24])) {
            ni = jumpIndex(imm, base, count);
            if (ni < 0) {
              kind = 'misaligned-jump';
              detail = imm;
              break run;
            }
            outPc = imm;
          }
          counts[ni]++;
          break;
        }
      case 40 /* EBREAK */:
        kind = 'ebreak';
        break run;
      case 41 /* CSR */:
        kind = 'csr';
        break run;
      case 0 /* ILLEGAL */:
        kind = 'illegal-instruction';
        break run;
      default:
        // 50 (OUTSIDE): a gap between segments, the end of the code, or a jump out of it.
        kind = 'pc-out-of-bounds';
        detail = i === count ? outPc : (base + (i << 2)) | 0;
        break run;
    }
    i = ni;
    cycles++;
  }
  const pc = i === count ? outPc : (base + (i << 2)) | 0;
  return { exited: false, kind, pc, detail: kind === 'pc-out-of-bounds' ? pc : detail, cycles };
}

/** Ops after which execution does not simply fall through: they end a straight-line run. */
const ENDS_RUN: Uint8Array = (() => {
  const t = new Uint8Array(256);
  for (const o of [Op.JAL, Op.JALR, Op.BEQ, Op.BNE, Op.BLT, Op.BGE, Op.BLTU, Op.BGEU, Op.ECALL]) t[o] = 1;
  t[CODE_FAR_JUMP] = 1;
  return t;
})();

/**
 * Turns entry counts into execution counts: an instruction runs once per entry into it
 * (jump target, fall-through after a branch or ECALL, the program entry) plus once per
 * fall-through from its predecessor, when that predecessor does not end a run.
 */
export function entriesToCounts(code: Int32Array, count: number, counts: Uint32Array): void {
  for (let i = 1; i <= count; i++) {
    if (ENDS_RUN[code[2 * (i - 1)] & 0xff] === 0) counts[i] += counts[i - 1];
  }
}

/**
 * The index of jump target `t`: -1 if `t` is not 4-aligned (no RVC: a fault, before
 * any effect of the next instruction), `count` (the OUTSIDE sentinel) if outside the code.
 */
function jumpIndex(t: number, base: number, count: number): number {
  if ((t & 3) !== 0) return -1;
  const j = (t - base) >>> 2;
  return Math.min(j, count);
}
