// The instruction adapter: what every instruction chip does besides its own arithmetic.
//
//   exec:     receive (pc, ts), send (nextPc, ts + 4)        — one step of the execution chain
//   program:  receive (pc, op, rd, rs1, rs2, imm, rdWrite, seqPc) — the word at pc is this op
//   rs1, rs2: read at ts and ts + 1 (evalAccess with value = prev)
//   rd:       write at ts + 3, only when rdWrite (rd ≠ x0), value range-checked by the caller
//             unless it is fixed by the program table
//
// All multiplicities are the row's isReal (a sum of the chip's boolean opcode selectors), so a
// padding row (all zeros) touches no bus. A chip spreads the column groups it needs into its
// layout (STATE always; READ_RS1 / READ_RS2 / WRITE_RD as used), calls evalInstruction from
// its eval and populateInstruction from its trace filler.
//
// Soundness (the chain): EXEC balances with the statement's one (entry, 4) token and one HALT,
// so the rows form one path entry → … → exit of ts 4, 8, …, 4·cycles (ts strictly increases, so
// there is no cycle and no row off the path), each row's pc is the previous row's nextPc, and
// its instruction is the program's word at that pc. nextPc limbs need no range check: the next
// row's PROGRAM lookup only matches canonical, 4-aligned pcs of the program.

import type { AirBuilder, Expr, ExprLike } from '../../src/air/index.js';
import { SLOT_RD, SLOT_RS2 } from '../../src/vm/index.js';
import { EXEC, PROGRAM, SPACE_REG } from '../buses.js';
import type { Cycles } from '../machine/cycles.js';
import { programRow } from '../program/columns.js';
import { evalAccess, populateAccess } from './memory.js';
import { type RangeCounter, rangeCheck16 } from './range.js';

// biome-ignore lint/suspicious/noExplicitAny: gadgets work on any chip's builder
type B = AirBuilder<any, any>;

/** The instruction's state and decoded fields, mirrored from the program row. */
export const STATE = { pc: 2, seqPc: 2, ts: 1, rd: 1, rs1: 1, rs2: 1, imm: 2, rdWrite: 1 } as const;
/** rs1's value and its access (prevTs, ts-diff limbs). */
export const READ_RS1 = { rs1Val: 2, rs1PrevTs: 1, rs1Diff: 2 } as const;
export const READ_RS2 = { rs2Val: 2, rs2PrevTs: 1, rs2Diff: 2 } as const;
/** rd's new value, its previous value and the access. */
export const WRITE_RD = { rdVal: 2, rdPrev: 2, rdPrevTs: 1, rdDiff: 2 } as const;

export interface StateCols {
  pc: Expr[];
  seqPc: Expr[];
  ts: Expr;
  rd: Expr;
  rs1: Expr;
  rs2: Expr;
  imm: Expr[];
  rdWrite: Expr;
}
interface Rs1Cols {
  rs1Val: Expr[];
  rs1PrevTs: Expr;
  rs1Diff: Expr[];
}
interface Rs2Cols {
  rs2Val: Expr[];
  rs2PrevTs: Expr;
  rs2Diff: Expr[];
}
interface RdCols {
  rdVal: Expr[];
  rdPrev: Expr[];
  rdPrevTs: Expr;
  rdDiff: Expr[];
}

export interface InstructionSpec {
  /** 1 on rows that execute an instruction, 0 on padding (degree 1, boolean). */
  readonly isReal: Expr;
  /** The op id this row claims (Σ selector·OP), matched against the program row. */
  readonly op: ExprLike;
  /** Next pc limbs; default seqPc. `null`: the row halts (no exec send; the chip sends HALT). */
  readonly nextPc?: readonly ExprLike[] | null;
  /** Multiplicity of the rs1 read (needs READ_RS1 columns); omitted = no read. */
  readonly rs1?: ExprLike;
  readonly rs2?: ExprLike;
  /** Register read instead of the decoded rs1/rs2 (ECALL reads a7 and a0). */
  readonly rs1Reg?: ExprLike;
  readonly rs2Reg?: ExprLike;
  /** Slot of the rs2 read (default SLOT_RS2 = 1; ECALL reads both at slot 0). */
  readonly rs2Slot?: number;
  /** Write rdVal to rd when rdWrite (needs WRITE_RD columns). */
  readonly rd?: boolean;
}

export function evalInstruction(
  b: B,
  c: StateCols & Partial<Rs1Cols & Rs2Cols & RdCols>,
  s: InstructionSpec,
): void {
  const real = s.isReal;
  // The row continues the execution chain at (pc, ts) …
  b.receive(EXEC, [c.pc[0], c.pc[1], c.ts], real, 'exec: take (pc, ts)');
  // … and hands it on to (nextPc, ts + 4), unless it halts.
  if (s.nextPc !== null) {
    const next = s.nextPc ?? c.seqPc;
    b.send(EXEC, [next[0], next[1], c.ts.add(4)], real, 'exec: put (next pc, ts + 4)');
  }
  // The instruction at pc is this op with these fields.
  b.receive(
    PROGRAM,
    [c.pc[0], c.pc[1], s.op, c.rd, c.rs1, c.rs2, c.imm[0], c.imm[1], c.rdWrite, c.seqPc[0], c.seqPc[1]],
    real,
    'program: fetch',
  );
  if (s.rs1 !== undefined) {
    const x = c as Rs1Cols;
    evalAccess(b, {
      space: SPACE_REG,
      addr: s.rs1Reg ?? c.rs1,
      prev: x.rs1Val,
      value: x.rs1Val,
      prevTs: x.rs1PrevTs,
      ts: c.ts,
      diff: x.rs1Diff,
      gate: real,
      mult: s.rs1,
      label: 'read rs1',
    });
  }
  if (s.rs2 !== undefined) {
    const x = c as Rs2Cols;
    evalAccess(b, {
      space: SPACE_REG,
      addr: s.rs2Reg ?? c.rs2,
      prev: x.rs2Val,
      value: x.rs2Val,
      prevTs: x.rs2PrevTs,
      ts: c.ts.add(s.rs2Slot ?? SLOT_RS2),
      diff: x.rs2Diff,
      gate: real,
      mult: s.rs2,
      label: 'read rs2',
    });
  }
  if (s.rd === true) {
    const x = c as RdCols;
    evalAccess(b, {
      space: SPACE_REG,
      addr: c.rd,
      prev: x.rdPrev,
      value: x.rdVal,
      prevTs: x.rdPrevTs,
      ts: c.ts.add(SLOT_RD),
      diff: x.rdDiff,
      gate: real,
      mult: real.mul(c.rdWrite),
      label: 'write rd',
    });
  }
}

/** Both limbs of a 32-bit value produced by this row are 16-bit (the memory-bus rule). */
export function rangeCheckWord(b: B, limbs: readonly Expr[], mult: ExprLike, label: string): void {
  rangeCheck16(b, limbs[0], mult, `${label} lo`);
  rangeCheck16(b, limbs[1], mult, `${label} hi`);
}

export function setWord(row: Uint32Array, col: number, v: number): void {
  row[col] = v & 0xffff;
  row[col + 1] = v >>> 16;
}

/** Per field: undefined = the chip has no such columns, false = columns but no access on this row. */
export interface PopulateSpec {
  readonly rs1?: boolean;
  readonly rs2?: boolean;
  /** rs2 slot (default 1). */
  readonly rs2Slot?: number;
  readonly rd?: boolean;
}

const progScratch = new Uint32Array(11);

/**
 * Fills STATE and the register accesses of cycle k into `row` (offsets from the chip's layout).
 * rs1Val / rs2Val come from the record; rdVal is the chip's to fill (its computed result,
 * which the record leaves at 0 for rd = x0).
 */
export function populateInstruction(
  row: Uint32Array,
  o: Readonly<Record<string, number>>,
  cy: Cycles,
  k: number,
  range: RangeCounter,
  u: PopulateSpec,
): void {
  const p = programRow(cy.dp, cy.idx[k], progScratch);
  const ts = 4 * (k + 1);
  row[o.pc] = p[0];
  row[o.pc + 1] = p[1];
  row[o.seqPc] = p[9];
  row[o.seqPc + 1] = p[10];
  row[o.ts] = ts;
  row[o.rd] = p[3];
  row[o.rs1] = p[4];
  row[o.rs2] = p[5];
  row[o.imm] = p[6];
  row[o.imm + 1] = p[7];
  row[o.rdWrite] = p[8];
  if (u.rs1 !== undefined) {
    // rs1 columns exist; the read happens only when u.rs1 (JAL has no rs1).
    if (u.rs1) setWord(row, o.rs1Val, cy.rs1Val[k]);
    populateAccess(row, o.rs1PrevTs, o.rs1Diff, u.rs1 ? cy.rs1PrevTs[k] : 0, ts, range, u.rs1);
  }
  if (u.rs2 !== undefined) {
    // rs2 columns exist; the read happens only when u.rs2 (ADDI keeps its immediate there).
    if (u.rs2) setWord(row, o.rs2Val, cy.rs2Val[k]);
    populateAccess(
      row,
      o.rs2PrevTs,
      o.rs2Diff,
      u.rs2 ? cy.rs2PrevTs[k] : 0,
      ts + (u.rs2Slot ?? SLOT_RS2),
      range,
      u.rs2,
    );
  }
  if (u.rd !== undefined) {
    const writes = p[8] === 1;
    setWord(row, o.rdPrev, writes ? cy.rdPrev[k] : 0);
    populateAccess(row, o.rdPrevTs, o.rdDiff, writes ? cy.rdPrevTs[k] : 0, ts + SLOT_RD, range, writes);
  }
}
