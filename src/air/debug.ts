// The debug checker: evaluates an AIR's constraints on a concrete trace, row by row, and
// balances every bus over a set of tables. It is slow and exact, and exists so that a bad trace
// fails with "chip X, constraint k (label), row i" instead of an opaque proof rejection.

import { add, type Felt, mul, neg, P, sub } from '../field/babybear.js';
import type { BuiltAir } from './air.js';
import { AirError } from './errors.js';
import { isArithmetic, Op } from './expr.js';
import type { RowMajorMatrix } from './matrix.js';

/** Values of every node of the AIR's DAG on row `i` (next row wraps to 0). */
export class RowEvaluator {
  private readonly vals: Uint32Array;

  constructor(
    private readonly built: BuiltAir,
    private readonly main: RowMajorMatrix,
    private readonly pre: RowMajorMatrix | undefined,
    private readonly publics: readonly Felt[],
  ) {
    const name = built.name;
    if (main.width !== built.mainWidth) {
      throw new AirError(
        'bad-trace-shape',
        `chip ${name}: trace has ${main.width} columns, expected ${built.mainWidth}`,
        {
          chip: name,
        },
      );
    }
    if (
      built.preWidth > 0 &&
      (pre === undefined || pre.width !== built.preWidth || pre.height !== main.height)
    ) {
      throw new AirError(
        'bad-trace-shape',
        `chip ${name}: preprocessed trace must be ${main.height} × ${built.preWidth}, got ${pre ? `${pre.height} × ${pre.width}` : 'none'}`,
        { chip: name },
      );
    }
    if (publics.some((v) => !(Number.isInteger(v) && v >= 0 && v < P))) {
      throw new AirError(
        'bad-public-values',
        `chip ${name}: a public value is not a canonical field element`,
        {
          chip: name,
        },
      );
    }
    if (publics.length !== built.numPublicValues) {
      throw new AirError(
        'bad-public-values',
        `chip ${name}: expected ${built.numPublicValues} public values, got ${publics.length}`,
        { chip: name },
      );
    }
    this.vals = new Uint32Array(built.graph.size);
    // Nodes that depend on aux columns or challenges (the engine's LogUp constraints) have no
    // value on a main trace; they are checked through the bus balance instead.
    const g = built.graph;
    this.skip = new Uint8Array(g.size);
    for (let id = 0; id < g.size; id++) {
      const op = g.op[id];
      if (op === Op.Aux || op === Op.Challenge) this.skip[id] = 1;
      else if (isArithmetic(op))
        this.skip[id] = this.skip[g.a[id]] | (op === Op.Neg ? 0 : this.skip[g.b[id]]);
    }
  }

  /** 1 for nodes that depend on aux columns or challenges, which evalRow leaves at 0. */
  readonly skip: Uint8Array;

  evalRow(i: number): Uint32Array {
    const g = this.built.graph;
    const v = this.vals;
    const n = this.main.height;
    const j = i + 1 === n ? 0 : i + 1;
    const skip = this.skip;
    for (let id = 0; id < g.size; id++) {
      if (skip[id]) continue;
      const a = g.a[id];
      const b = g.b[id];
      switch (g.op[id] as Op) {
        case Op.Const:
          v[id] = a;
          break;
        case Op.Main:
          v[id] = this.main.get(b === 0 ? i : j, a);
          break;
        case Op.Pre:
          v[id] = (this.pre as RowMajorMatrix).get(b === 0 ? i : j, a);
          break;
        case Op.Public:
          v[id] = this.publics[a];
          break;
        case Op.IsFirst:
          v[id] = i === 0 ? 1 : 0;
          break;
        case Op.IsLast:
          v[id] = i === n - 1 ? 1 : 0;
          break;
        case Op.IsTransition:
          v[id] = i === n - 1 ? 0 : 1;
          break;
        case Op.Add:
          v[id] = add(v[a], v[b]);
          break;
        case Op.Sub:
          v[id] = sub(v[a], v[b]);
          break;
        case Op.Mul:
          v[id] = mul(v[a], v[b]);
          break;
        case Op.Neg:
          v[id] = neg(v[a]);
          break;
      }
    }
    return v;
  }
}

export interface TableWitness {
  readonly built: BuiltAir;
  readonly main: RowMajorMatrix;
  readonly pre?: RowMajorMatrix;
  readonly publics?: readonly Felt[];
}

/** Throws an AirError naming the chip, constraint and row of the first constraint that fails. */
export function checkConstraints(t: TableWitness): void {
  const { built, main } = t;
  const ev = new RowEvaluator(built, main, t.pre, t.publics ?? []);
  for (let i = 0; i < main.height; i++) {
    const v = ev.evalRow(i);
    for (const c of built.constraints) {
      if (ev.skip[c.expr] === 0 && v[c.expr] !== 0) {
        throw new AirError(
          'constraint-failed',
          `chip ${built.name}, constraint ${c.index} (${c.label}), row ${i}: evaluates to ${v[c.expr]}, expected 0`,
          { chip: built.name, row: i, constraint: c.index },
        );
      }
    }
  }
}

/** A tuple the verifier adds to a bus from public data (for example, the program's output). */
export interface PublicContribution {
  readonly busId: number;
  readonly values: readonly Felt[];
  /** Signed like a send: positive adds the tuple, p − m takes it m times. */
  readonly multiplicity: Felt;
}

/**
 * Sums every interaction's multiplicity per (bus, tuple) over all tables plus the public
 * contributions; throws an AirError naming the first tuple whose net count is not zero.
 */
export function checkBuses(
  tables: readonly TableWitness[],
  publicContributions: readonly PublicContribution[] = [],
): void {
  // Keyed by bus id and tuple, as LogUp's fingerprints are; the name is only for the message.
  const net = new Map<
    string,
    { sum: Felt; shown: string; where: string; chip: string; row: number | undefined }
  >();
  const tally = (
    busId: number,
    name: string,
    values: readonly number[],
    m: Felt,
    where: string,
    chip: string,
    row: number | undefined,
  ) => {
    const tuple = values.join(', ');
    const key = `${busId}(${tuple})`;
    const e = net.get(key);
    if (e === undefined) net.set(key, { sum: m, shown: `${name}(${tuple})`, where, chip, row });
    else e.sum = add(e.sum, m);
  };
  for (const t of tables) {
    const { built, main } = t;
    if (built.interactions.length === 0) continue;
    const ev = new RowEvaluator(built, main, t.pre, t.publics ?? []);
    for (let i = 0; i < main.height; i++) {
      const v = ev.evalRow(i);
      for (const it of built.interactions) {
        const m = v[it.multiplicity];
        if (m === 0) continue;
        const signed = it.kind === 'send' ? m : neg(m);
        const values = it.values.map((x) => v[x]);
        tally(
          it.bus.id,
          it.bus.name,
          values,
          signed,
          `chip ${built.name} row ${i} (${it.label})`,
          built.name,
          i,
        );
      }
    }
  }
  const busName = new Map<number, string>();
  for (const t of tables) for (const it of t.built.interactions) busName.set(it.bus.id, it.bus.name);
  for (const c of publicContributions) {
    tally(
      c.busId,
      busName.get(c.busId) ?? `bus#${c.busId}`,
      c.values,
      c.multiplicity,
      'public input',
      'public',
      undefined,
    );
  }
  for (const e of net.values()) {
    if (e.sum !== 0) {
      const shown = e.sum > P / 2 ? `-${P - e.sum}` : `${e.sum}`;
      throw new AirError(
        'bus-unbalanced',
        `bus tuple ${e.shown} is unbalanced by ${shown}, first seen at ${e.where}`,
        {
          chip: e.chip,
          row: e.row,
        },
      );
    }
  }
}
