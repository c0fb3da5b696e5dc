// The AIR interface and its symbolic builder. A chip describes itself once, in `eval(builder)`;
// building records every constraint and bus interaction as nodes of one expression DAG, which the
// degree pass, the debug checker, the prover's compiled evaluator and the verifier all consume.
// Invariant: a built AIR is immutable, and its constraint order is the order of `eval` calls.

import type { Bus } from './bus.js';
import { type Cols, ColumnLayout, type ColumnSpec } from './columns.js';
import { type Expr, ExprGraph, type ExprLike, Op } from './expr.js';
import type { RowMajorMatrix } from './matrix.js';

export interface Air<S extends ColumnSpec = ColumnSpec, Q extends ColumnSpec = ColumnSpec> {
  /** Unique within a proof; names the chip in errors and in the transcript. */
  readonly name: string;
  readonly main: ColumnLayout<S>;
  readonly preprocessed?: ColumnLayout<Q>;
  readonly numPublicValues?: number;
  /** The fixed columns' values, for AIRs with a preprocessed layout. */
  preprocessedTrace?(): RowMajorMatrix;
  eval(b: AirBuilder<S, Q>): void;
}

export interface Constraint {
  /** Root node of the expression that must vanish on every row. */
  readonly expr: number;
  /** Index in declaration order and a readable label, for error messages. */
  readonly index: number;
  readonly label: string;
}

export interface Interaction {
  readonly bus: Bus;
  /** Node ids of the tuple's entries. */
  readonly values: number[];
  /** Node id of the multiplicity; receives count negatively. */
  readonly multiplicity: number;
  readonly kind: 'send' | 'receive';
  readonly label: string;
}

/** The builder handed to `eval`: columns as expressions, and constraint/interaction recorders. */
export class AirBuilder<S extends ColumnSpec = ColumnSpec, Q extends ColumnSpec = ColumnSpec> {
  readonly local: Cols<S, Expr>;
  readonly next: Cols<S, Expr>;
  readonly preLocal: Cols<Q, Expr>;
  readonly preNext: Cols<Q, Expr>;
  readonly publics: Expr[];
  readonly isFirstRow: Expr;
  readonly isLastRow: Expr;
  readonly isTransition: Expr;

  constructor(
    readonly graph: ExprGraph,
    main: ColumnLayout<S>,
    pre: ColumnLayout<Q>,
    numPublicValues: number,
    private readonly sink: { constraints: Constraint[]; interactions: Interaction[] },
    private readonly condition: Expr | null = null,
  ) {
    const col = (op: Op, rot: number, w: number) =>
      Array.from({ length: w }, (_, i) => graph.node(op, i, rot));
    this.local = main.view(col(Op.Main, 0, main.width));
    this.next = main.view(col(Op.Main, 1, main.width));
    this.preLocal = pre.view(col(Op.Pre, 0, pre.width));
    this.preNext = pre.view(col(Op.Pre, 1, pre.width));
    this.publics = Array.from({ length: numPublicValues }, (_, i) => graph.node(Op.Public, i, 0));
    this.isFirstRow = graph.node(Op.IsFirst, 0, 0);
    this.isLastRow = graph.node(Op.IsLast, 0, 0);
    this.isTransition = graph.node(Op.IsTransition, 0, 0);
    this.layouts = { main, pre, numPublicValues };
  }

  private readonly layouts: { main: ColumnLayout<S>; pre: ColumnLayout<Q>; numPublicValues: number };

  const(v: number): Expr {
    return this.graph.constant(v);
  }

  private lift(e: ExprLike): Expr {
    return typeof e === 'number' ? this.graph.constant(e) : e;
  }

  /** A builder whose constraints and multiplicities hold only where `cond` is non-zero. */
  when(cond: ExprLike): AirBuilder<S, Q> {
    const c = this.lift(cond);
    const combined = this.condition === null ? c : this.condition.mul(c);
    const { main, pre, numPublicValues } = this.layouts;
    return new AirBuilder(this.graph, main, pre, numPublicValues, this.sink, combined);
  }

  whenFirstRow(): AirBuilder<S, Q> {
    return this.when(this.isFirstRow);
  }

  whenLastRow(): AirBuilder<S, Q> {
    return this.when(this.isLastRow);
  }

  /** Constraints between a row and the next one hold on every row but the last. */
  whenTransition(): AirBuilder<S, Q> {
    return this.when(this.isTransition);
  }

  assertZero(e: ExprLike, label?: string): void {
    let x = this.lift(e);
    if (this.condition !== null) x = this.condition.mul(x);
    if (x.isConst(0)) return;
    const index = this.sink.constraints.length;
    this.sink.constraints.push({ expr: x.id, index, label: label ?? `constraint ${index}` });
  }

  assertEq(a: ExprLike, b: ExprLike, label?: string): void {
    this.assertZero(this.lift(a).sub(b), label);
  }

  /** x ∈ {0, 1}. */
  assertBool(x: ExprLike, label?: string): void {
    const e = this.lift(x);
    this.assertZero(e.mul(e.sub(1)), label);
  }

  private interact(
    kind: 'send' | 'receive',
    bus: Bus,
    values: ExprLike[],
    mult: ExprLike,
    label?: string,
  ): void {
    if (values.length !== bus.arity) {
      throw new RangeError(`bus ${bus.name} takes ${bus.arity} values, got ${values.length}`);
    }
    let m = this.lift(mult);
    if (this.condition !== null) m = this.condition.mul(m);
    const n = this.sink.interactions.length;
    this.sink.interactions.push({
      bus,
      values: values.map((v) => this.lift(v).id),
      multiplicity: m.id,
      kind,
      label: label ?? `${kind} ${n} on ${bus.name}`,
    });
  }

  /** Adds `values` to the bus with multiplicity `mult` (default 1). */
  send(bus: Bus, values: ExprLike[], mult: ExprLike = 1, label?: string): void {
    this.interact('send', bus, values, mult, label);
  }

  /** Takes `values` from the bus with multiplicity `mult` (default 1). */
  receive(bus: Bus, values: ExprLike[], mult: ExprLike = 1, label?: string): void {
    this.interact('receive', bus, values, mult, label);
  }
}

/** An AIR after `eval`: its DAG, constraints, interactions and inferred degrees. */
export interface BuiltAir {
  /** The chip's name (from its Air, or from a verifying key). */
  readonly name: string;
  readonly graph: ExprGraph;
  readonly constraints: readonly Constraint[];
  readonly interactions: readonly Interaction[];
  readonly mainWidth: number;
  readonly preWidth: number;
  readonly numPublicValues: number;
  /**
   * Set by withLogUp: for each interaction, the node of its denominator β − fp(v) and of its
   * signed multiplicity (negated for a receive), so the prover can evaluate them in bulk; and the
   * interaction groups batched into each aux term column (src/air/logup.ts, logUpGroups).
   */
  readonly logUp?: {
    readonly denominators: readonly number[];
    readonly multiplicities: readonly number[];
    readonly groups: ReadonlyArray<{ readonly interactions: readonly number[]; readonly degree: number }>;
  };
}

const EMPTY = new ColumnLayout({});

export function buildAir(air: Air): BuiltAir {
  const graph = new ExprGraph();
  const sink = { constraints: [] as Constraint[], interactions: [] as Interaction[] };
  const pre = air.preprocessed ?? EMPTY;
  const numPublicValues = air.numPublicValues ?? 0;
  air.eval(new AirBuilder(graph, air.main, pre as ColumnLayout, numPublicValues, sink));
  return {
    name: air.name,
    graph,
    constraints: sink.constraints,
    interactions: sink.interactions,
    mainWidth: air.main.width,
    preWidth: pre.width,
    numPublicValues,
  };
}
