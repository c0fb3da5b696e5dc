// Fills the DIV/DIVU/REM/REMU table from the cycles that ran those ops.

import { RowMajorMatrix } from '../../src/air/index.js';
import { P } from '../../src/field/babybear.js';
import { div, divu, rem, remu } from '../../src/vm/alu.js';
import { Op } from '../../src/vm/index.js';
import { populateInstruction } from '../gadgets/instruction.js';
import { populateMul64, populateWordBytes, wordBytes64 } from '../gadgets/mul64.js';
import type { RangeCounter } from '../gadgets/range.js';
import type { Cycles } from '../machine/cycles.js';
import { divRemCols } from './columns.js';

export const DIV_REM_OPS: readonly number[] = [Op.DIV, Op.DIVU, Op.REM, Op.REMU];

/** The result word of op on a, b (u32), from src/vm/alu.ts. */
export function divRemResult(op: number, a: number, b: number): number {
  switch (op) {
    case Op.DIV:
      return div(a | 0, b | 0) >>> 0;
    case Op.DIVU:
      return divu(a | 0, b | 0) >>> 0;
    case Op.REM:
      return rem(a | 0, b | 0) >>> 0;
    default:
      return remu(a | 0, b | 0) >>> 0;
  }
}

/** Quotient word, its extension bit and |r| of op on a, b (u32), per RISC-V. */
export function divRemWitness(op: number, a: number, b: number): { q: number; qExt: number; rAbs: number } {
  const signed = op === Op.DIV || op === Op.REM;
  if (b === 0) {
    const as = signed ? a | 0 : a;
    return { q: 0xffffffff, qExt: signed ? 1 : 0, rAbs: Math.abs(as) };
  }
  if (!signed) return { q: (a - (a % b)) / b, qExt: 0, rAbs: a % b };
  const as = a | 0;
  const bs = b | 0;
  // Truncated division over the integers (exact doubles); INT_MIN / −1 gives Q = 2^31.
  const Q = Math.trunc(as / bs);
  const R = as - bs * Q;
  return { q: Q >>> 0, qExt: Q < 0 ? 1 : 0, rAbs: Math.abs(R) };
}

/**
 * Writes the arithmetic columns of one row for op on a, b with the given quotient witness (the
 * honest one by default); counts the lookups when `range` is given. Exported for tamper tests,
 * which refill a row with a dishonest (q, qExt, rAbs) (range = null: then the carries of an
 * inexact identity are left to the caller).
 */
export function fillDivRemArith(
  row: Uint32Array,
  op: number,
  a: number,
  b: number,
  range: RangeCounter | null,
  w: { q: number; qExt: number; rAbs: number } = divRemWitness(op, a, b),
): void {
  const o = divRemCols.offset;
  const signed = op === Op.DIV || op === Op.REM;
  for (const s of [o.isDiv, o.isDivu, o.isRem, o.isRemu]) row[s] = 0;
  row[op === Op.DIV ? o.isDiv : op === Op.DIVU ? o.isDivu : op === Op.REM ? o.isRem : o.isRemu] = 1;
  const signA = a >>> 31;
  const signB = b >>> 31;
  const negA = signed ? signA : 0;
  const negB = signed ? signB : 0;
  row[o.signA] = signA;
  row[o.signB] = signB;
  row[o.negA] = negA;
  row[o.negB] = negB;
  const { q, qExt, rAbs } = w;
  const put = (col: number, v: number) => {
    row[col] = v & 0xffff;
    row[col + 1] = v >>> 16;
  };
  put(o.q, q);
  row[o.qExt] = qExt;
  row[o.qHi] = (q >>> 8) & 0xff;
  row[o.qHi + 1] = q >>> 24;
  row[o.bHi] = (b >>> 8) & 0xff;
  row[o.bHi + 1] = b >>> 24;
  const bZero = b === 0 ? 1 : 0;
  row[o.bZero] = bZero;
  // r = σ_a·|r| mod 2^32, with the negation's limb carries.
  const r = (negA ? -rAbs : rAbs) >>> 0;
  put(o.r, r);
  put(o.rAbs, rAbs);
  const k0 = negA ? ((r & 0xffff) + (rAbs & 0xffff)) >>> 16 : 0;
  const k1 = negA ? ((r >>> 16) + (rAbs >>> 16) + k0) >>> 16 : 0;
  row[o.rCarry] = k0;
  row[o.rCarry + 1] = k1;
  // diff = |b| − |r| − 1 (0 for b = 0), and the lo limb's borrow k ∈ [0, 4).
  const sigmaB = negB ? -1 : 1;
  const absB = negB ? 2 ** 32 - b : b;
  const n = 1 - bZero;
  const diff = bZero ? 0 : absB - rAbs - 1;
  if (diff >= 0) {
    put(o.diff, diff);
    const lo = sigmaB * (b & 0xffff) - n * (rAbs & 0xffff) - n - (diff & 0xffff);
    const k = -lo / 65536;
    row[o.borrow] = k & 1;
    row[o.borrow + 1] = k >> 1;
  } else {
    // Only for tests' dishonest witnesses (rAbs ≥ |b|): borrow 0, diff's limbs the field
    // elements that satisfy both limb equations, which the range lookups then reject.
    const fe = (x: number) => ((x % P) + P) % P;
    row[o.diff] = fe(sigmaB * (b & 0xffff) - n * (rAbs & 0xffff) - n);
    row[o.diff + 1] = fe(sigmaB * (b >>> 16) + 65536 * negB - n * (rAbs >>> 16));
    row[o.borrow] = 0;
    row[o.borrow + 1] = 0;
  }
  // rd = DIV/DIVU ? q : r.
  put(o.rdVal, op === Op.DIV || op === Op.DIVU ? q : r);
  const sigmaA = negA ? -1 : 1;
  populateMul64(
    row,
    o.carry,
    wordBytes64(b, negB),
    wordBytes64(q, qExt),
    [
      sigmaA * (rAbs & 0xffff) - (a & 0xffff),
      sigmaA * (rAbs >>> 16) - (a >>> 16),
      -0xffff * negA,
      -0xffff * negA,
    ],
    range,
    range !== null,
  );
  if (range !== null) {
    range.add16(((a >>> 16) & 0x7fff) * 2);
    populateWordBytes(row, o.bHi, b, true, range);
    range.add16(q & 0xffff);
    range.add16(q >>> 16);
    populateWordBytes(row, o.qHi, q, false, range);
    for (const x of [rAbs, r, diff]) {
      range.add16(x & 0xffff);
      range.add16(x >>> 16);
    }
  }
}

export function divRemTrace(
  cy: Cycles,
  rows: readonly number[],
  height: number,
  range: RangeCounter,
): RowMajorMatrix {
  const o = divRemCols.offset;
  const m = RowMajorMatrix.zeros(height, divRemCols.width);
  for (let j = 0; j < rows.length; j++) {
    const k = rows[j];
    const row = m.row(j);
    const op = cy.op[k];
    const a = cy.rs1Val[k] >>> 0;
    const b = cy.rs2Val[k] >>> 0;
    populateInstruction(row, o, cy, k, range, { rs1: true, rs2: true, rd: true });
    fillDivRemArith(row, op, a, b, range);
    const rd = (row[o.rdVal] | (row[o.rdVal + 1] << 16)) >>> 0;
    const expect = divRemResult(op, a, b);
    if (rd !== expect)
      throw new Error(`alu-div-rem: op ${op} on ${a}, ${b}: row gives ${rd}, alu.ts ${expect}`);
    if (row[o.rdWrite] === 1 && rd !== cy.rdVal[k] >>> 0) {
      throw new Error(`alu-div-rem: cycle ${k}: rd ${rd} ≠ record ${cy.rdVal[k] >>> 0}`);
    }
  }
  return m;
}
