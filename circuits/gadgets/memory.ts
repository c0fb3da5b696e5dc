// One access to a memory cell (a register or a RAM word) in the offline memory argument.
//
// An access at timestamp ts receives the cell's last state (space, addr, prev, prevTs) from
// MEMORY and sends its new state (space, addr, value, ts), with prevTs < ts (evalTsLt). A read
// passes value = prev (the same columns). The boundary chips send every touched cell's initial
// state at ts 0 and receive its final state, so MEMORY balances only if, per cell, the accesses
// form one chain init → a_1 → … → a_k → final in which each access consumes exactly the state
// the previous one produced: a read returns the last value written (ts strictly increases along
// the chain, so it cannot loop back, and no access can consume a state twice).
//
// Produced values must be canonical 16-bit limbs (the memory-bus rule in circuits/buses.ts):
// the caller range-checks `value` of a write unless it is fixed by a table or is a read.

import type { AirBuilder, Expr, ExprLike } from '../../src/air/index.js';
import { MEMORY } from '../buses.js';
import { evalTsLt, populateTsLt, type RangeCounter } from './range.js';

// biome-ignore lint/suspicious/noExplicitAny: gadgets work on any chip's builder
type B = AirBuilder<any, any>;

export interface AccessExprs {
  readonly space: number;
  readonly addr: ExprLike;
  readonly prev: readonly Expr[];
  readonly value: readonly Expr[];
  readonly prevTs: Expr;
  readonly ts: Expr;
  readonly diff: Expr[];
  /** The row's degree-1 real flag (gates the timestamp decomposition). */
  readonly gate: ExprLike;
  /** 1 when the access happens (0 on padding rows, or for a write to x0). */
  readonly mult: ExprLike;
  readonly label: string;
}

export function evalAccess(b: B, a: AccessExprs): void {
  b.receive(MEMORY, [a.space, a.addr, a.prev[0], a.prev[1], a.prevTs], a.mult, `${a.label}: take last state`);
  b.send(MEMORY, [a.space, a.addr, a.value[0], a.value[1], a.ts], a.mult, `${a.label}: put new state`);
  evalTsLt(b, a.prevTs, a.ts, a.diff, a.gate, a.mult, a.label);
}

/** Writes prevTs and the diff limbs of one access into `row` at the given column offsets. */
export function populateAccess(
  row: Uint32Array,
  prevTsCol: number,
  diffCol: number,
  prevTs: number,
  ts: number,
  range: RangeCounter,
  happens: boolean,
): void {
  const [lo, hi] = populateTsLt(prevTs, ts, range, happens);
  row[prevTsCol] = prevTs;
  row[diffCol] = lo;
  row[diffCol + 1] = hi;
}
