// Symbolic constraint expressions, stored as a hash-consed DAG in one arena per AIR.
// Every node is created once per distinct (op, operands) key, so shared subterms are shared
// nodes, and later passes (degree inference, compilation to a vectorised program, evaluation at a
// point) walk each node once. Invariant: a node's operands always have smaller ids (topological).

import { add, type Felt, mul, neg, P, sub } from '../field/babybear.js';

export enum Op {
  Const = 0,
  /** Main trace cell: a = column, b = 0 (this row) or 1 (next row). */
  Main = 1,
  /** Preprocessed (fixed) trace cell: a = column, b = rotation. */
  Pre = 2,
  /** Public value a. */
  Public = 3,
  /**
   * Row selectors. Each is one polynomial, exactly 0 or 1 on the trace domain H, evaluated the
   * same way by the debug checker, the LogUp aux builder, the prover's quotient and the verifier
   * (formulas in stark/domain.ts), so it may be used as a factor, as a value or in a bus
   * multiplicity alike. IsFirst is 1 on row 0 and 0 elsewhere (L_0).
   */
  IsFirst = 4,
  /** 1 on the last row, 0 elsewhere (L_{n−1}). */
  IsLast = 5,
  /** 0 on the last row and 1 elsewhere (1 − L_{n−1}). */
  IsTransition = 6,
  Add = 7,
  Sub = 8,
  Mul = 9,
  Neg = 10,
  /** Auxiliary (LogUp) extension column: a = column, b = rotation. Added by the engine. */
  Aux = 11,
  /** Extension-field challenge a, drawn after the main trace is committed. Added by the engine. */
  Challenge = 12,
}

/** Ops whose operands a (and b, except Neg) are node ids. */
export function isArithmetic(op: number): boolean {
  return op >= Op.Add && op <= Op.Neg;
}

export class ExprGraph {
  readonly op: number[] = [];
  readonly a: number[] = [];
  readonly b: number[] = [];
  private readonly byKey = new Map<string, number>();
  private readonly nodes: Expr[] = [];

  get size(): number {
    return this.op.length;
  }

  node(op: Op, a: number, b: number): Expr {
    // Commutative ops get a canonical operand order so that x+y and y+x share a node.
    if ((op === Op.Add || op === Op.Mul) && a > b) [a, b] = [b, a];
    const key = `${op}:${a}:${b}`;
    const hit = this.byKey.get(key);
    if (hit !== undefined) return this.nodes[hit];
    const id = this.op.length;
    this.op.push(op);
    this.a.push(a);
    this.b.push(b);
    const e = new Expr(this, id);
    this.nodes.push(e);
    this.byKey.set(key, id);
    return e;
  }

  get(id: number): Expr {
    return this.nodes[id];
  }

  constant(v: number): Expr {
    const c = ((v % P) + P) % P;
    return this.node(Op.Const, c, 0);
  }

  /** The constant value of a node, or undefined when it is not a constant. */
  constValue(id: number): Felt | undefined {
    return this.op[id] === Op.Const ? this.a[id] : undefined;
  }
}

export type ExprLike = Expr | number;

/**
 * A handle on one node. Arithmetic folds constants and the identities x+0, x·1, x·0, so that
 * filtered constraints and gadgets do not bloat the DAG.
 */
export class Expr {
  constructor(
    readonly graph: ExprGraph,
    readonly id: number,
  ) {}

  private lift(o: ExprLike): Expr {
    if (typeof o === 'number') return this.graph.constant(o);
    if (o.graph !== this.graph) throw new Error('expression from another AIR');
    return o;
  }

  add(o: ExprLike): Expr {
    const r = this.lift(o);
    const g = this.graph;
    const x = g.constValue(this.id);
    const y = g.constValue(r.id);
    if (x !== undefined && y !== undefined) return g.constant(add(x, y));
    if (x === 0) return r;
    if (y === 0) return this;
    return g.node(Op.Add, this.id, r.id);
  }

  sub(o: ExprLike): Expr {
    const r = this.lift(o);
    const g = this.graph;
    const x = g.constValue(this.id);
    const y = g.constValue(r.id);
    if (x !== undefined && y !== undefined) return g.constant(sub(x, y));
    if (y === 0) return this;
    if (x === 0) return r.neg();
    if (r.id === this.id) return g.constant(0);
    return g.node(Op.Sub, this.id, r.id);
  }

  mul(o: ExprLike): Expr {
    const r = this.lift(o);
    const g = this.graph;
    const x = g.constValue(this.id);
    const y = g.constValue(r.id);
    if (x !== undefined && y !== undefined) return g.constant(mul(x, y));
    if (x === 0 || y === 0) return g.constant(0);
    if (x === 1) return r;
    if (y === 1) return this;
    return g.node(Op.Mul, this.id, r.id);
  }

  neg(): Expr {
    const g = this.graph;
    const x = g.constValue(this.id);
    if (x !== undefined) return g.constant(neg(x));
    if (g.op[this.id] === Op.Neg) return g.get(g.a[this.id]);
    return g.node(Op.Neg, this.id, 0);
  }

  square(): Expr {
    return this.mul(this);
  }

  /** this^e for a small constant exponent, by repeated squaring (shared nodes). */
  pow(e: number): Expr {
    if (!Number.isInteger(e) || e < 0 || e > 64)
      throw new RangeError(`Expr.pow: exponent ${e} outside 0..64`);
    let r: Expr = this.graph.constant(1);
    let base: Expr = this;
    while (e > 0) {
      if (e & 1) r = r.mul(base);
      base = base.square();
      e >>= 1;
    }
    return r;
  }

  isConst(v?: number): boolean {
    const c = this.graph.constValue(this.id);
    return c !== undefined && (v === undefined || c === v);
  }
}
