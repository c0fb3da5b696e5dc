// Random small AIRs with honest traces built by construction, and corruptions of them, for the
// differential test (test/stark/differential.test.ts): a proof made by the honest machinery must
// verify exactly when the debug checker (checkConstraints on every table, checkBuses over all of
// them) accepts the trace. Everything is plain data driven by one seeded PRNG, so a failing case
// is reproduced from its seed alone.

import { AirError } from '../../../src/air/errors.js';
import {
  type Air,
  type AirBuilder,
  type BuiltAir,
  Bus,
  buildAir,
  checkBuses,
  checkConstraints,
  columns,
  type Expr,
  RowMajorMatrix,
} from '../../../src/air/index.js';
import { add, type Felt, inv, mul, neg, P, pow, rootOfUnity, sub } from '../../../src/field/babybear.js';
import type { StarkParams } from '../../../src/fri/params.js';
import { prove, setup } from '../../../src/prover/index.js';
import { StarkError } from '../../../src/stark/errors.js';
import { verify } from '../../../src/verifier/index.js';

// ---------------------------------------------------------------------------------------------
// The one adapter every prove/verify call of the differential and selector-attack tests goes
// through, written against the keyed API: setup(airs, params) → { provingKey, verifyingKey },
// prove(provingKey, tables, { contributions }), verify(verifyingKey, statement, proof).
// ---------------------------------------------------------------------------------------------

/** A tuple the statement puts on a bus (signed like a send: p − m takes it m times). */
export interface Contribution {
  readonly busId: number;
  readonly values: readonly Felt[];
  readonly multiplicity: Felt;
}

export type Outcome =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly kind: string;
      readonly reason: string;
      readonly by: 'prover' | 'verifier';
    };

// One setup per (AIR list, parameters): the tests prove several traces of each system.
const keyCache = new WeakMap<readonly Air[], { params: StarkParams; keys: ReturnType<typeof setup> }>();
function keys(airs: readonly Air[], params: StarkParams): ReturnType<typeof setup> {
  const hit = keyCache.get(airs);
  if (hit !== undefined && JSON.stringify(hit.params) === JSON.stringify(params)) return hit.keys;
  const k = setup(airs, params);
  keyCache.set(airs, { params, keys: k });
  return k;
}

/**
 * Proves with the honest machinery (the engine's `prove` never runs the debug checker, so it
 * proves a bad trace as readily as a good one) and verifies. If `prove` itself refuses the
 * witness, that counts as a rejection only when the error is typed (a StarkError or AirError,
 * carrying a `kind`); any other exception is a bug and is rethrown.
 */
export function proveAndVerify(
  airs: readonly Air[],
  traces: readonly RowMajorMatrix[],
  publics: ReadonlyArray<readonly Felt[]>,
  contributions: readonly Contribution[],
  params: StarkParams,
): Outcome {
  const { provingKey, verifyingKey } = keys(airs, params);
  let proof: Uint8Array;
  try {
    const tables = traces.map((trace, t) => ({ trace, publics: publics[t] }));
    proof = prove(provingKey, tables, { contributions }).proof;
  } catch (e) {
    if (e instanceof StarkError || e instanceof AirError)
      return { ok: false, kind: e.kind, reason: e.message, by: 'prover' };
    throw e;
  }
  const r = verify(verifyingKey, { publics, contributions }, proof);
  return r.ok ? { ok: true } : { ok: false, kind: r.kind, reason: r.reason, by: 'verifier' };
}

// ---------------------------------------------------------------------------------------------
// The debug checker's verdict, and the rejection kind it implies for the verifier: the verifier
// checks the bus balance (step 2) before the out-of-domain identity (step 4), so an unbalanced
// bus is reported as 'bus-unbalanced' whatever the constraints do, and a trace whose buses
// balance but whose constraints fail is reported as 'ood-mismatch'.
// ---------------------------------------------------------------------------------------------

export type DebugVerdict =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly expectedKind: 'bus-unbalanced' | 'ood-mismatch';
      readonly constraints: string | null;
      readonly buses: string | null;
    };

const builtCache = new WeakMap<Air, BuiltAir>();
function built(air: Air): BuiltAir {
  let b = builtCache.get(air);
  if (b === undefined) {
    b = buildAir(air);
    builtCache.set(air, b);
  }
  return b;
}

export function debugCheck(
  airs: readonly Air[],
  traces: readonly RowMajorMatrix[],
  publics: ReadonlyArray<readonly Felt[]>,
  contributions: readonly Contribution[],
): DebugVerdict {
  const witnesses = airs.map((air, t) => ({
    built: built(air),
    main: traces[t],
    pre: air.preprocessedTrace?.(),
    publics: publics[t],
  }));
  const attempt = (f: () => void): string | null => {
    try {
      f();
      return null;
    } catch (e) {
      if (e instanceof AirError) return `${e.kind}: ${e.message}`;
      throw e;
    }
  };
  let constraints: string | null = null;
  for (const w of witnesses) constraints ??= attempt(() => checkConstraints(w));
  const buses = attempt(() => checkBuses(witnesses, contributions));
  if (constraints === null && buses === null) return { ok: true };
  return { ok: false, expectedKind: buses !== null ? 'bus-unbalanced' : 'ood-mismatch', constraints, buses };
}

// ---------------------------------------------------------------------------------------------
// Seeded randomness
// ---------------------------------------------------------------------------------------------

export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  /** mulberry32 */
  u32(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }
  int(n: number): number {
    return this.u32() % n;
  }
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }
  bool(p = 0.5): boolean {
    return this.u32() / 2 ** 32 < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }
  /** Picks by weight: [[weight, value], ...]. */
  weighted<T>(xs: ReadonlyArray<readonly [number, T]>): T {
    const total = xs.reduce((s, [w]) => s + w, 0);
    let r = (this.u32() / 2 ** 32) * total;
    for (const [w, v] of xs) {
      if (r < w) return v;
      r -= w;
    }
    return xs[xs.length - 1][1];
  }
  /** A field element: often small (collisions, zeros and ones matter), otherwise uniform. */
  felt(): Felt {
    const r = this.int(8);
    if (r < 3) return this.int(4);
    if (r === 3) return P - 1 - this.int(3);
    return this.u32() % P;
  }
  shuffle<T>(xs: T[]): T[] {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [xs[i], xs[j]] = [xs[j], xs[i]];
    }
    return xs;
  }
}

// ---------------------------------------------------------------------------------------------
// The specification language: expressions, conditions, columns, interactions, tables
// ---------------------------------------------------------------------------------------------

export type Sel = 'first' | 'last' | 'trans';

export type E =
  | { readonly k: 'main'; readonly c: number; readonly next: boolean }
  | { readonly k: 'pre'; readonly c: number; readonly next: boolean }
  | { readonly k: 'pub'; readonly i: number }
  | { readonly k: 'const'; readonly v: Felt }
  | { readonly k: 'sel'; readonly s: Sel }
  | { readonly k: 'add' | 'sub' | 'mul'; readonly a: E; readonly b: E }
  | { readonly k: 'neg'; readonly a: E };

/** One `when`: a selector shortcut (whenFirstRow/whenLastRow/whenTransition) or any expression. */
export type Cond = { readonly k: Sel } | { readonly k: 'expr'; readonly e: E };

/** How a column is pinned down; the generator fills it so that its constraints hold. */
export type Col =
  /** No constraint of its own (a witness, a bus value, or a cell nothing reads). */
  | { readonly kind: 'free' }
  /** assertBool. */
  | { readonly kind: 'bit' }
  /** Values drawn from the range table's fixed column (range-checked by a send, if any). */
  | { readonly kind: 'small' }
  /** when(conds…).assertEq(local.c, e): e reads columns to the left, this row and the next. */
  | { readonly kind: 'derived'; readonly conds: readonly Cond[]; readonly e: E; readonly form: number }
  /** A recurrence on next.c (step may read local.c itself), with a boundary value. */
  | {
      readonly kind: 'acc';
      readonly init: Init;
      readonly step: E;
      readonly via: 'whenTransition' | 'when(isTransition)' | 'when(1-isLastRow)' | 'isTransition*';
    }
  /** assertEq(next.c, local.c) with no selector: the last row wraps to row 0, a constant column. */
  | { readonly kind: 'const' }
  /** A sink or range table's multiplicity, or its on/off flag (assertBool), filled by balancing. */
  | { readonly kind: 'mult' }
  | { readonly kind: 'flag' };

export type Init =
  | { readonly k: 'none' }
  /** whenFirstRow().assertEq(local.c, e). */
  | { readonly k: 'first'; readonly e: E }
  /** whenLastRow().assertEq(next.c, e): row 0 is fixed by the last row, through the wrap. */
  | { readonly k: 'wrap'; readonly e: E };

/** A public output: when{First,Last}Row().assertEq(e, publics[numIn + k]). */
export interface Output {
  readonly row: 'first' | 'last';
  readonly e: E;
}

export interface Inter {
  readonly bus: number;
  readonly kind: 'send' | 'receive';
  readonly values: readonly E[];
  /** null: the builder's default multiplicity 1. */
  readonly mult: E | null;
  readonly conds: readonly Cond[];
}

/** How balancing fills a sink or range table: one interaction, its value/mult/flag columns. */
export interface Slot {
  readonly inter: number;
  /** Main columns holding the tuple (sink); null when the tuple is the fixed column (range). */
  readonly valueCols: readonly number[] | null;
  readonly multCol: number;
  readonly flagCol: number | null;
}

export interface TableSpec {
  readonly name: string;
  readonly logN: number;
  readonly role: 'producer' | 'sink' | 'range';
  readonly cols: readonly Col[];
  /** Preprocessed columns, column-major, n values each. */
  readonly pre: readonly (readonly Felt[])[];
  readonly inputs: readonly Felt[];
  readonly outputs: readonly Output[];
  readonly inters: readonly Inter[];
  readonly slots: readonly Slot[];
}

export interface BusSpec {
  readonly id: number;
  readonly name: string;
  readonly arity: number;
}

export interface SystemSpec {
  readonly buses: readonly BusSpec[];
  readonly tables: readonly TableSpec[];
}

export interface Instance {
  readonly traces: RowMajorMatrix[];
  readonly publics: Felt[][];
  readonly contributions: Contribution[];
}

// ---------------------------------------------------------------------------------------------
// Interpretation: the spec as an Air (through the builder), and evaluated on concrete rows
// ---------------------------------------------------------------------------------------------

export function degree(e: E): number {
  switch (e.k) {
    case 'main':
    case 'pre':
    case 'sel':
      return 1;
    case 'pub':
    case 'const':
      return 0;
    case 'add':
    case 'sub':
      return Math.max(degree(e.a), degree(e.b));
    case 'mul':
      return degree(e.a) + degree(e.b);
    case 'neg':
      return degree(e.a);
  }
}

const condDegree = (cs: readonly Cond[]) => cs.reduce((d, c) => d + (c.k === 'expr' ? degree(c.e) : 1), 0);

function toExpr(b: AirBuilder, e: E): Expr {
  const cell = (row: unknown, c: number) => (row as Record<string, Expr>)[`c${c}`];
  switch (e.k) {
    case 'main':
      return cell(e.next ? b.next : b.local, e.c);
    case 'pre':
      return cell(e.next ? b.preNext : b.preLocal, e.c);
    case 'pub':
      return b.publics[e.i];
    case 'const':
      return b.const(e.v);
    case 'sel':
      return e.s === 'first' ? b.isFirstRow : e.s === 'last' ? b.isLastRow : b.isTransition;
    case 'add':
      return toExpr(b, e.a).add(toExpr(b, e.b));
    case 'sub':
      return toExpr(b, e.a).sub(toExpr(b, e.b));
    case 'mul':
      return toExpr(b, e.a).mul(toExpr(b, e.b));
    case 'neg':
      return toExpr(b, e.a).neg();
  }
}

function applyConds(b: AirBuilder, conds: readonly Cond[]): AirBuilder {
  for (const c of conds) {
    if (c.k === 'expr') b = b.when(toExpr(b, c.e));
    else if (c.k === 'first') b = b.whenFirstRow();
    else if (c.k === 'last') b = b.whenLastRow();
    else b = b.whenTransition();
  }
  return b;
}

function layout(prefix: 'c', width: number) {
  return columns(Object.fromEntries(Array.from({ length: width }, (_, j) => [`${prefix}${j}`, 1])));
}

export function makeAir(spec: TableSpec, buses: readonly Bus[]): Air {
  const n = 2 ** spec.logN;
  const main = layout('c', spec.cols.length);
  const numPublicValues = spec.inputs.length + spec.outputs.length;
  const air: Air = {
    name: spec.name,
    main,
    numPublicValues,
    eval(b) {
      const cell = (row: unknown, c: number) => (row as Record<string, Expr>)[`c${c}`];
      spec.cols.forEach((col, j) => {
        const local = cell(b.local, j);
        const next = cell(b.next, j);
        switch (col.kind) {
          case 'bit':
          case 'flag':
            b.assertBool(local, `c${j} is a bit`);
            break;
          case 'derived': {
            const bb = applyConds(b, col.conds);
            const e = toExpr(b, col.e);
            if (col.form === 0) bb.assertEq(local, e, `c${j} derived`);
            else if (col.form === 1) bb.assertEq(e, local, `c${j} derived`);
            else bb.assertZero(local.sub(e), `c${j} derived`);
            break;
          }
          case 'acc': {
            const step = toExpr(b, col.step);
            if (col.via === 'whenTransition') b.whenTransition().assertEq(next, step, `c${j} step`);
            else if (col.via === 'when(isTransition)')
              b.when(b.isTransition).assertEq(next, step, `c${j} step`);
            else if (col.via === 'when(1-isLastRow)')
              b.when(b.const(1).sub(b.isLastRow)).assertEq(next, step, `c${j} step`);
            else b.assertZero(b.isTransition.mul(next.sub(step)), `c${j} step`);
            if (col.init.k === 'first') b.whenFirstRow().assertEq(local, toExpr(b, col.init.e), `c${j} init`);
            if (col.init.k === 'wrap') b.whenLastRow().assertEq(next, toExpr(b, col.init.e), `c${j} wrap`);
            break;
          }
          case 'const':
            b.assertEq(next, local, `c${j} constant`);
            break;
          default:
            break;
        }
      });
      spec.outputs.forEach((o, k) => {
        const bb = o.row === 'first' ? b.whenFirstRow() : b.whenLastRow();
        bb.assertEq(toExpr(b, o.e), b.publics[spec.inputs.length + k], `output ${k}`);
      });
      spec.inters.forEach((it, k) => {
        const bb = applyConds(b, it.conds);
        const values = it.values.map((v) => toExpr(b, v));
        const bus = buses[it.bus];
        const label = `${it.kind} ${k}`;
        if (it.mult === null) {
          if (it.kind === 'send') bb.send(bus, values);
          else bb.receive(bus, values);
        } else if (it.kind === 'send') bb.send(bus, values, toExpr(b, it.mult), label);
        else bb.receive(bus, values, toExpr(b, it.mult), label);
      });
    },
  };
  if (spec.pre.length > 0) {
    const pre = layout('c', spec.pre.length);
    const values = new Uint32Array(n * spec.pre.length);
    for (let i = 0; i < n; i++)
      for (let c = 0; c < spec.pre.length; c++) values[i * spec.pre.length + c] = spec.pre[c][i];
    return {
      ...air,
      preprocessed: pre,
      preprocessedTrace: () => new RowMajorMatrix(values.slice(), spec.pre.length),
    };
  }
  return air;
}

export function makeAirs(spec: SystemSpec): Air[] {
  const buses = spec.buses.map((b) => new Bus(b.id, b.name, b.arity));
  return spec.tables.map((t) => makeAir(t, buses));
}

/** A row selector's value on row i of n; the engine's selectors are 0/1 on the trace domain. */
export type SelectorValues = (s: Sel, i: number, n: number) => Felt;

export const ZERO_ONE_SELECTORS: SelectorValues = (s, i, n) =>
  s === 'first' ? (i === 0 ? 1 : 0) : s === 'last' ? (i === n - 1 ? 1 : 0) : i === n - 1 ? 0 : 1;

/**
 * The values the verifier's selectors took on H before commit bc0232a: isLast was ω on the last
 * row (Z_H/(n(x − ω^−1)) without the ω^−1 factor) and isTransition was x − ω^−1, i.e.
 * ω^i − ω^−1 on row i. A trace derived with these is what a cheating prover builds against such a
 * verifier: the debug checker rejects it, so a correct verifier must too.
 */
export const PRE_FIX_SELECTORS: SelectorValues = (s, i, n) => {
  const w = rootOfUnity(Math.log2(n));
  if (s === 'first') return i === 0 ? 1 : 0;
  if (s === 'last') return i === n - 1 ? w : 0;
  return sub(pow(w, i), inv(w));
};

/** A table's cells while it is being filled, column-major. */
interface Env {
  readonly n: number;
  readonly main: Felt[][];
  readonly pre: readonly (readonly Felt[])[];
  readonly pubs: readonly Felt[];
  readonly sel: SelectorValues;
}

function evalE(e: E, env: Env, i: number): Felt {
  const r = (next: boolean) => (next ? (i + 1) % env.n : i);
  switch (e.k) {
    case 'main':
      return env.main[e.c][r(e.next)];
    case 'pre':
      return env.pre[e.c][r(e.next)];
    case 'pub':
      return env.pubs[e.i];
    case 'const':
      return e.v;
    case 'sel':
      return env.sel(e.s, i, env.n);
    case 'add':
      return add(evalE(e.a, env, i), evalE(e.b, env, i));
    case 'sub':
      return sub(evalE(e.a, env, i), evalE(e.b, env, i));
    case 'mul':
      return mul(evalE(e.a, env, i), evalE(e.b, env, i));
    case 'neg':
      return neg(evalE(e.a, env, i));
  }
}

function evalConds(cs: readonly Cond[], env: Env, i: number): Felt {
  let v = 1;
  for (const c of cs) v = mul(v, evalE(c.k === 'expr' ? c.e : { k: 'sel', s: c.k }, env, i));
  return v;
}

/** Does the expression (or condition list) read a row selector? */
function readsSel(e: E): boolean {
  switch (e.k) {
    case 'sel':
      return true;
    case 'add':
    case 'sub':
    case 'mul':
      return readsSel(e.a) || readsSel(e.b);
    case 'neg':
      return readsSel(e.a);
    default:
      return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Generation
// ---------------------------------------------------------------------------------------------

interface Ctx {
  /** Main columns readable on this row, and on the next row. */
  readonly local: readonly number[];
  readonly next: readonly number[];
  readonly pre: number;
  readonly pubs: number;
}

function leaf(rng: Rng, ctx: Ctx, maxDeg: number): E {
  const opts: Array<readonly [number, () => E]> = [[1, () => ({ k: 'const', v: rng.felt() })]];
  if (ctx.pubs > 0) opts.push([1, () => ({ k: 'pub', i: rng.int(ctx.pubs) })]);
  if (maxDeg >= 1) {
    if (ctx.local.length > 0) opts.push([4, () => ({ k: 'main', c: rng.pick(ctx.local), next: false })]);
    if (ctx.next.length > 0) opts.push([1.5, () => ({ k: 'main', c: rng.pick(ctx.next), next: true })]);
    if (ctx.pre > 0) opts.push([1.5, () => ({ k: 'pre', c: rng.int(ctx.pre), next: rng.bool(0.3) })]);
    opts.push([2, () => ({ k: 'sel', s: rng.pick(['first', 'last', 'trans'] as const) })]);
  }
  return rng.weighted(opts)();
}

export function genE(rng: Rng, ctx: Ctx, maxDeg: number, depth = 3): E {
  if (depth <= 0 || rng.bool(0.3)) return leaf(rng, ctx, maxDeg);
  const r = rng.int(10);
  if (r < 4) {
    return {
      k: rng.bool() ? 'add' : 'sub',
      a: genE(rng, ctx, maxDeg, depth - 1),
      b: genE(rng, ctx, maxDeg, depth - 1),
    };
  }
  if (r < 9) {
    const a = genE(rng, ctx, maxDeg, depth - 1);
    return { k: 'mul', a, b: genE(rng, ctx, maxDeg - degree(a), depth - 1) };
  }
  return { k: 'neg', a: genE(rng, ctx, maxDeg, depth - 1) };
}

/** Conditions for a `when`: selector shortcuts, selectors as expressions, data (bit columns). */
function genConds(rng: Rng, ctx: Ctx, bits: readonly number[], maxCount: number): Cond[] {
  const out: Cond[] = [];
  const count = rng.weighted([
    [3, 0],
    [3, 1],
    [1, 2],
  ] as const);
  for (let k = 0; k < Math.min(count, maxCount); k++) {
    const opts: Array<readonly [number, () => Cond]> = [
      [2, () => ({ k: 'trans' })],
      [1, () => ({ k: 'first' })],
      [1, () => ({ k: 'last' })],
      [1, () => ({ k: 'expr', e: { k: 'sel', s: rng.pick(['first', 'last', 'trans'] as const) } })],
      [
        1,
        () => ({
          k: 'expr',
          e: { k: 'sub', a: { k: 'const', v: 1 }, b: { k: 'sel', s: rng.pick(['first', 'last'] as const) } },
        }),
      ],
      [1, () => ({ k: 'expr', e: genE(rng, ctx, 1, 1) })],
    ];
    if (bits.length > 0) {
      const bit = () => rng.pick(bits);
      opts.push([3, () => ({ k: 'expr', e: { k: 'main', c: bit(), next: false } })]);
      opts.push([
        1,
        () => ({
          k: 'expr',
          e: { k: 'sub', a: { k: 'const', v: 1 }, b: { k: 'main', c: bit(), next: false } },
        }),
      ]);
    }
    out.push(rng.weighted(opts)());
  }
  return out;
}

const upTo = (j: number) => Array.from({ length: j }, (_, k) => k);

function genProducer(
  rng: Rng,
  name: string,
  buses: readonly BusSpec[],
  range: { readonly bus: number; readonly values: readonly Felt[] } | null,
): TableSpec {
  const logN = rng.range(2, 5);
  const n = 2 ** logN;
  const maxDeg = rng.pick([2, 3, 3, 4, 4, 5, 6]);
  const pre = Array.from({ length: rng.pick([0, 0, 1, 2]) }, () =>
    Array.from({ length: n }, () => rng.felt()),
  );
  const inputs = Array.from({ length: rng.int(3) }, () => rng.felt());
  const width = rng.range(2, 7);
  const cols: Col[] = [];
  const bits: number[] = [];
  for (let j = 0; j < width; j++) {
    const ctx: Ctx = { local: upTo(j), next: upTo(j), pre: pre.length, pubs: inputs.length };
    const kind = rng.weighted<Col['kind']>([
      [2, 'free'],
      [1.5, 'bit'],
      [range ? 1.5 : 0, 'small'],
      [4, 'derived'],
      [3, 'acc'],
      [0.5, 'const'],
    ]);
    if (kind === 'derived') {
      const conds = genConds(rng, ctx, bits, 2);
      const budget = Math.max(1, maxDeg - condDegree(conds));
      // Sometimes exactly a selector as a value: `assertEq(x, isTransition)` and friends.
      const e: E = rng.bool(0.15)
        ? rng.pick<E>([
            { k: 'sel', s: 'trans' },
            { k: 'sel', s: 'last' },
            { k: 'sel', s: 'first' },
            { k: 'sub', a: { k: 'const', v: 1 }, b: { k: 'sel', s: 'last' } },
          ])
        : genE(rng, ctx, budget);
      cols.push({ kind, conds, e, form: rng.int(3) });
    } else if (kind === 'acc') {
      const stepCtx: Ctx = { ...ctx, local: upTo(j + 1) };
      const step = genE(rng, stepCtx, maxDeg - 1);
      const init: Init = rng.weighted<Init>([
        [1, { k: 'none' }],
        [
          2,
          {
            k: 'first',
            e: genE(rng, { local: upTo(j), next: [], pre: pre.length, pubs: inputs.length }, maxDeg - 1, 2),
          },
        ],
        [1, { k: 'wrap', e: genE(rng, ctx, maxDeg - 1, 2) }],
      ]);
      const via = rng.pick([
        'whenTransition',
        'when(isTransition)',
        'when(1-isLastRow)',
        'isTransition*',
      ] as const);
      cols.push({ kind, init, step, via });
    } else {
      if (kind === 'bit') bits.push(j);
      cols.push({ kind } as Col);
    }
  }
  const all: Ctx = { local: upTo(width), next: upTo(width), pre: pre.length, pubs: inputs.length };
  const outputs: Output[] = Array.from({ length: rng.int(3) }, () => ({
    row: rng.pick(['first', 'last'] as const),
    e: genE(rng, all, maxDeg - 1, 2),
  }));
  const inters: Inter[] = [];
  const smalls = cols.flatMap((c, j) => (c.kind === 'small' ? [j] : []));
  for (
    let k = rng.weighted([
      [1, 0],
      [2, 1],
      [2, 2],
      [1, 3],
    ] as const);
    k > 0;
    k--
  ) {
    const conds = genConds(rng, all, bits, 2);
    const multBudget = Math.max(0, maxDeg - condDegree(conds));
    const mult = rng.bool(0.4) ? null : genE(rng, all, multBudget, 2);
    const kind = rng.bool(0.7) ? 'send' : 'receive';
    if (range !== null && smalls.length > 0 && rng.bool(0.5)) {
      // A range check: send a small column (or, rarely, anything) on the range bus.
      const v: E = rng.bool(0.85)
        ? { k: 'main', c: rng.pick(smalls), next: rng.bool(0.2) }
        : genE(rng, all, 2, 2);
      inters.push({ bus: range.bus, kind, values: [v], mult, conds });
      continue;
    }
    const bus = rng.int(buses.length);
    const values = Array.from({ length: buses[bus].arity }, () => genE(rng, all, 2, 2));
    inters.push({ bus, kind, values, mult, conds });
  }
  return { name, logN, role: 'producer', cols, pre, inputs, outputs, inters, slots: [] };
}

function genSink(rng: Rng, name: string, buses: readonly BusSpec[]): TableSpec {
  const logN = rng.range(2, 5);
  const cols: Col[] = [];
  const inters: Inter[] = [];
  const slots: Slot[] = [];
  const served = rng.shuffle(upTo(buses.length)).slice(0, rng.range(1, buses.length));
  for (const bus of served) {
    const valueCols = Array.from({ length: buses[bus].arity }, () => cols.push({ kind: 'free' }) - 1);
    const multCol = cols.push({ kind: 'mult' }) - 1;
    const flagCol = rng.bool(0.5) ? cols.push({ kind: 'flag' }) - 1 : null;
    const conds: Cond[] = flagCol === null ? [] : [{ k: 'expr', e: { k: 'main', c: flagCol, next: false } }];
    // Sometimes the sink itself only works on some rows (a selector in its multiplicity).
    if (rng.bool(0.3)) conds.push({ k: rng.pick(['trans', 'first', 'last'] as const) });
    slots.push({ inter: inters.length, valueCols, multCol, flagCol });
    inters.push({
      bus,
      kind: rng.bool(0.7) ? 'receive' : 'send',
      values: valueCols.map((c) => ({ k: 'main', c, next: false }) as const),
      mult: { k: 'main', c: multCol, next: false },
      conds,
    });
  }
  return { name, logN, role: 'sink', cols, pre: [], inputs: [], outputs: [], inters, slots };
}

function genRange(rng: Rng, name: string, bus: number, logN: number): TableSpec {
  const n = 2 ** logN;
  const values = new Set<Felt>();
  while (values.size < n) values.add(rng.bool(0.7) ? rng.int(4 * n) : rng.felt());
  const cols: Col[] = [{ kind: 'mult' }];
  const flagCol = rng.bool(0.3) ? cols.push({ kind: 'flag' }) - 1 : null;
  const conds: Cond[] = flagCol === null ? [] : [{ k: 'expr', e: { k: 'main', c: flagCol, next: false } }];
  if (rng.bool(0.25)) conds.push({ k: 'trans' });
  const inter: Inter = {
    bus,
    kind: rng.bool(0.8) ? 'receive' : 'send',
    values: [{ k: 'pre', c: 0, next: rng.bool(0.25) }],
    mult: { k: 'main', c: 0, next: false },
    conds,
  };
  return {
    name,
    logN,
    role: 'range',
    cols,
    pre: [[...values]],
    inputs: [],
    outputs: [],
    inters: [inter],
    slots: [{ inter: 0, valueCols: null, multCol: 0, flagCol }],
  };
}

export function genSystem(rng: Rng): SystemSpec {
  const numBuses = rng.range(1, 3);
  const ids = rng.shuffle(Array.from({ length: 255 }, (_, k) => k + 1)).slice(0, numBuses + 1);
  const buses: BusSpec[] = Array.from({ length: numBuses }, (_, k) => ({
    id: ids[k],
    name: `bus${k}`,
    arity: rng.range(1, 4),
  }));
  const tables: TableSpec[] = [];
  let range: { bus: number; values: Felt[] } | null = null;
  let rangeTable: TableSpec | null = null;
  if (rng.bool(0.5)) {
    buses.push({ id: ids[numBuses], name: 'range', arity: 1 });
    rangeTable = genRange(rng, 'range', buses.length - 1, rng.range(2, 5));
    range = { bus: buses.length - 1, values: [...rangeTable.pre[0]] };
  }
  const numProducers = rng.weighted([
    [3, 1],
    [3, 2],
    [1, 3],
  ] as const);
  for (let t = 0; t < numProducers; t++)
    tables.push(genProducer(rng, `p${t}`, buses.slice(0, numBuses), range));
  if (rng.bool(0.6)) tables.push(genSink(rng, 'sink', buses.slice(0, numBuses)));
  if (rangeTable !== null) tables.push(rangeTable);
  rng.shuffle(tables);
  return { buses, tables };
}

// ---------------------------------------------------------------------------------------------
// Honest traces, by construction
// ---------------------------------------------------------------------------------------------

const tupleKey = (bus: number, values: readonly Felt[]) => `${bus}:${values.join(',')}`;

function fillTable(rng: Rng, t: TableSpec, rangeValues: readonly Felt[] | null, sel: SelectorValues): Env {
  const n = 2 ** t.logN;
  const env: Env = { n, main: [], pre: t.pre, pubs: t.inputs, sel };
  for (const col of t.cols) {
    const c: Felt[] = new Array(n).fill(0);
    env.main.push(c);
    switch (col.kind) {
      case 'free':
        for (let i = 0; i < n; i++) c[i] = rng.felt();
        break;
      case 'bit':
      case 'flag':
        for (let i = 0; i < n; i++) c[i] = rng.int(2);
        break;
      case 'small':
        for (let i = 0; i < n; i++) c[i] = rangeValues ? rng.pick(rangeValues) : rng.int(4);
        break;
      case 'derived':
        for (let i = 0; i < n; i++)
          c[i] = evalConds(col.conds, env, i) !== 0 ? evalE(col.e, env, i) : rng.felt();
        break;
      case 'acc':
        c[0] =
          col.init.k === 'first'
            ? evalE(col.init.e, env, 0)
            : col.init.k === 'wrap'
              ? evalE(col.init.e, env, n - 1)
              : rng.felt();
        for (let i = 0; i + 1 < n; i++) c[i + 1] = evalE(col.step, env, i);
        break;
      case 'const':
        c.fill(rng.felt());
        break;
      case 'mult':
        break;
    }
  }
  return env;
}

function outputsOf(t: TableSpec, env: Env): Felt[] {
  return t.outputs.map((o) => evalE(o.e, env, o.row === 'first' ? 0 : env.n - 1));
}

function toMatrix(env: Env, width: number): RowMajorMatrix {
  const m = RowMajorMatrix.zeros(env.n, width);
  for (let j = 0; j < width; j++) for (let i = 0; i < env.n; i++) m.set(i, j, env.main[j][i]);
  return m;
}

/**
 * Fills every table so that all constraints hold, then balances every bus: the net count of each
 * tuple over the producers goes to the range table (if the tuple is one of its fixed values), to
 * a free row of the sink, or else to a public contribution. `sel` is what the row selectors
 * mean while deriving: the engine's 0/1 for an honest trace, or another reading of them (for a
 * trace a verifier with that reading would accept).
 */
export function honestInstance(
  rng: Rng,
  spec: SystemSpec,
  sel: SelectorValues = ZERO_ONE_SELECTORS,
): Instance {
  const range = spec.tables.find((t) => t.role === 'range');
  const envs: Env[] = spec.tables.map((t) =>
    fillTable(rng, t, t.role === 'producer' && range ? range.pre[0] : null, sel),
  );
  const publics = spec.tables.map((t, k) => [...t.inputs, ...outputsOf(t, envs[k])]);
  // Net count of each tuple sent by the producers.
  const net = new Map<string, { bus: number; values: Felt[]; m: Felt }>();
  spec.tables.forEach((t, k) => {
    if (t.role !== 'producer') return;
    const env = { ...envs[k], pubs: publics[k] };
    for (let i = 0; i < env.n; i++) {
      for (const it of t.inters) {
        let m = evalConds(it.conds, env, i);
        if (it.mult !== null) m = mul(m, evalE(it.mult, env, i));
        if (m === 0) continue;
        const values = it.values.map((v) => evalE(v, env, i));
        const key = tupleKey(it.bus, values);
        const e = net.get(key) ?? { bus: it.bus, values, m: 0 };
        e.m = add(e.m, it.kind === 'send' ? m : neg(m));
        net.set(key, e);
      }
    }
  });
  // Sinks and the range table take what they can.
  spec.tables.forEach((t, k) => {
    if (t.role === 'producer') return;
    const env = envs[k];
    for (const slot of t.slots) {
      const it = t.inters[slot.inter];
      // Rows where the slot's selector conditions (not its flag) are on.
      const selConds = it.conds.filter((c) => c.k !== 'expr');
      const rows = rng.shuffle(upTo(env.n).filter((i) => evalConds(selConds, env, i) !== 0));
      const used = new Set<number>();
      const take = (i: number, m: Felt) => {
        const scaled = mul(m, inv(evalConds(selConds, env, i)));
        env.main[slot.multCol][i] = it.kind === 'receive' ? scaled : neg(scaled);
        if (slot.flagCol !== null) env.main[slot.flagCol][i] = 1;
        used.add(i);
      };
      if (slot.valueCols === null) {
        // Range table: each row's tuple is fixed; match it against the nets.
        for (const i of rows) {
          const key = tupleKey(
            it.bus,
            it.values.map((v) => evalE(v, env, i)),
          );
          const e = net.get(key);
          if (e !== undefined && rng.bool(0.9)) {
            take(i, e.m);
            net.delete(key);
          }
        }
      } else {
        let r = 0;
        for (const [key, e] of net) {
          if (e.bus !== it.bus || r >= rows.length || !rng.bool(0.85)) continue;
          const i = rows[r++];
          slot.valueCols.forEach((c, a) => {
            env.main[c][i] = e.values[a];
          });
          take(i, e.m);
          net.delete(key);
        }
      }
      // Rows the slot's selectors switch off take any multiplicity; free rows either have the
      // flag off and any multiplicity, or multiplicity 0.
      const on = new Set(rows);
      for (let i = 0; i < env.n; i++) {
        if (used.has(i)) continue;
        if (!on.has(i) || (slot.flagCol !== null && rng.bool(0.5))) {
          if (on.has(i) && slot.flagCol !== null) env.main[slot.flagCol][i] = 0;
          env.main[slot.multCol][i] = rng.felt();
        } else {
          if (slot.flagCol !== null) env.main[slot.flagCol][i] = 1;
          env.main[slot.multCol][i] = 0;
        }
      }
    }
  });
  const contributions: Contribution[] = [];
  for (const e of net.values()) {
    if (e.m !== 0)
      contributions.push({ busId: spec.buses[e.bus].id, values: e.values, multiplicity: neg(e.m) });
  }
  rng.shuffle(contributions);
  const traces = spec.tables.map((t, k) => toMatrix(envs[k], t.cols.length));
  return { traces, publics, contributions };
}

// ---------------------------------------------------------------------------------------------
// Corruptions
// ---------------------------------------------------------------------------------------------

export type Corruption =
  | {
      readonly k: 'cell';
      readonly why: string;
      readonly t: number;
      readonly row: number;
      readonly col: number;
      readonly v: Felt;
    }
  | { readonly k: 'public'; readonly t: number; readonly i: number; readonly v: Felt }
  | { readonly k: 'contribution-mult'; readonly i: number; readonly v: Felt }
  | { readonly k: 'contribution-value'; readonly i: number; readonly a: number; readonly v: Felt }
  | { readonly k: 'contribution-drop'; readonly i: number }
  | { readonly k: 'contribution-add'; readonly c: Contribution };

function otherValue(rng: Rng, old: Felt): Felt {
  for (;;) {
    const v = rng.weighted<Felt>([
      [2, add(old, 1)],
      [1, sub(old, 1)],
      [1, 0],
      [1, 1],
      [2, rng.felt()],
    ]);
    if (v !== old) return v;
  }
}

/** Columns whose constraints (or interactions) involve a selector: their boundary rows matter. */
function selectorColumns(t: TableSpec): number[] {
  const out = new Set<number>();
  t.cols.forEach((c, j) => {
    if (c.kind === 'derived' && (c.conds.length > 0 || readsSel(c.e))) out.add(j);
    if (c.kind === 'acc') out.add(j);
    if (c.kind === 'mult' || c.kind === 'flag') out.add(j);
  });
  for (const it of t.inters) {
    if (it.conds.length > 0 || (it.mult !== null && readsSel(it.mult))) {
      const mark = (e: E) => {
        if (e.k === 'main') out.add(e.c);
        else if (e.k === 'add' || e.k === 'sub' || e.k === 'mul') {
          mark(e.a);
          mark(e.b);
        } else if (e.k === 'neg') mark(e.a);
      };
      it.values.forEach(mark);
      if (it.mult !== null) mark(it.mult);
    }
  }
  return [...out];
}

export function genCorruption(rng: Rng, spec: SystemSpec, inst: Instance): Corruption {
  const tables = spec.tables;
  const withPublics = upTo(tables.length).filter((t) => inst.publics[t].length > 0);
  const withMults = upTo(tables.length).filter((t) => tables[t].slots.length > 0);
  const usedBuses = [...new Set(tables.flatMap((t) => t.inters.map((it) => it.bus)))];
  const cell = (why: string, t: number, row: number, col: number): Corruption => ({
    k: 'cell',
    why,
    t,
    row,
    col,
    v: otherValue(rng, inst.traces[t].get(row, col)),
  });
  const kind = rng.weighted<string>([
    [4, 'cell'],
    [4, 'boundary'],
    [withMults.length > 0 ? 2 : 0, 'mult'],
    [withPublics.length > 0 ? 2 : 0, 'public'],
    [inst.contributions.length > 0 ? 1.5 : 0, 'contribution'],
    [usedBuses.length > 0 ? 0.5 : 0, 'contribution-add'],
  ]);
  switch (kind) {
    case 'boundary': {
      const t = rng.int(tables.length);
      const n = inst.traces[t].height;
      const sc = selectorColumns(tables[t]);
      const col = sc.length > 0 && rng.bool(0.8) ? rng.pick(sc) : rng.int(tables[t].cols.length);
      return cell('boundary', t, rng.pick([0, n - 1, rng.pick([0, 1, n - 2, n - 1])]), col);
    }
    case 'mult': {
      const t = rng.pick(withMults);
      const slot = rng.pick(tables[t].slots);
      const col = slot.flagCol !== null && rng.bool(0.3) ? slot.flagCol : slot.multCol;
      return cell('mult', t, rng.int(inst.traces[t].height), col);
    }
    case 'public': {
      const t = rng.pick(withPublics);
      const i = rng.int(inst.publics[t].length);
      return { k: 'public', t, i, v: otherValue(rng, inst.publics[t][i]) };
    }
    case 'contribution': {
      const i = rng.int(inst.contributions.length);
      const c = inst.contributions[i];
      const r = rng.int(3);
      if (r === 0) return { k: 'contribution-mult', i, v: otherValue(rng, c.multiplicity) };
      if (r === 1) {
        const a = rng.int(c.values.length);
        return { k: 'contribution-value', i, a, v: otherValue(rng, c.values[a]) };
      }
      return { k: 'contribution-drop', i };
    }
    case 'contribution-add': {
      const bus = spec.buses[rng.pick(usedBuses)];
      const values = Array.from({ length: bus.arity }, () => rng.felt());
      return {
        k: 'contribution-add',
        c: { busId: bus.id, values, multiplicity: rng.bool(0.7) ? 1 : rng.felt() },
      };
    }
    default: {
      const t = rng.int(tables.length);
      return cell('cell', t, rng.int(inst.traces[t].height), rng.int(tables[t].cols.length));
    }
  }
}

export function applyCorruption(inst: Instance, c: Corruption): Instance {
  const traces = inst.traces.map((m) => new RowMajorMatrix(m.values.slice(), m.width));
  const publics = inst.publics.map((p) => p.slice());
  const contributions: Contribution[] = inst.contributions.map((x) => ({ ...x, values: x.values.slice() }));
  switch (c.k) {
    case 'cell':
      traces[c.t].set(c.row, c.col, c.v);
      break;
    case 'public':
      publics[c.t][c.i] = c.v;
      break;
    case 'contribution-mult':
      contributions[c.i] = { ...contributions[c.i], multiplicity: c.v };
      break;
    case 'contribution-value': {
      const values = contributions[c.i].values.slice();
      values[c.a] = c.v;
      contributions[c.i] = { ...contributions[c.i], values };
      break;
    }
    case 'contribution-drop':
      contributions.splice(c.i, 1);
      break;
    case 'contribution-add':
      contributions.push(c.c);
      break;
  }
  return { traces, publics, contributions };
}

/** A one-line description of a system, for failure messages. */
export function describe(spec: SystemSpec): string {
  return spec.tables
    .map(
      (t) =>
        `${t.name}[2^${t.logN}, ${t.role}, cols ${t.cols.map((c) => c.kind).join('/')}, pre ${t.pre.length}, ` +
        `pub ${t.inputs.length}+${t.outputs.length}, ${t.inters.length} interactions]`,
    )
    .join(' ');
}

/** Which builder features a system exercises (the test checks that the seeded runs cover all). */
export function features(spec: SystemSpec, inst: Instance): Set<string> {
  const f = new Set<string>();
  const walk = (e: E, where: string) => {
    if (e.k === 'sel') f.add(`selector-as-value in ${where}`);
    if (e.k === 'main' && e.next) f.add('next-row reference');
    if (e.k === 'pre') f.add(e.next ? 'preprocessed next' : 'preprocessed local');
    if (e.k === 'pub') f.add('public input in an expression');
    if (e.k === 'add' || e.k === 'sub' || e.k === 'mul') {
      walk(e.a, where);
      walk(e.b, where);
    } else if (e.k === 'neg') walk(e.a, where);
  };
  const conds = (cs: readonly Cond[], where: string) => {
    for (const c of cs) {
      if (c.k === 'expr') {
        f.add(readsSel(c.e) ? `when(selector expression) on ${where}` : `when(data) on ${where}`);
        walk(c.e, where);
      } else f.add(`when-${c.k} on ${where}`);
    }
  };
  for (const t of spec.tables) {
    t.cols.forEach((c) => {
      if (c.kind === 'derived') {
        conds(c.conds, 'constraint');
        walk(c.e, 'constraint');
      } else if (c.kind === 'acc') {
        f.add(`transition via ${c.via}`);
        f.add(`boundary ${c.init.k}`);
        walk(c.step, 'constraint');
        if (c.init.k !== 'none') walk(c.init.e, 'constraint');
      } else f.add(`column ${c.kind}`);
    });
    if (t.outputs.length > 0) f.add('public output');
    for (const it of t.inters) {
      f.add(it.kind);
      f.add(`arity ${it.values.length}`);
      conds(it.conds, it.kind);
      for (const v of it.values) walk(v, 'bus value');
      if (it.mult !== null && degree(it.mult) > 0) f.add('multiplicity expression');
      if (it.mult !== null) walk(it.mult, 'multiplicity');
    }
    f.add(`table ${t.role}`);
  }
  if (new Set(spec.tables.map((t) => t.logN)).size > 1) f.add('tables of different heights');
  if (new Set(spec.tables.flatMap((t) => t.inters.map((it) => it.bus))).size > 1) f.add('several buses');
  if (inst.contributions.length > 0) f.add('public bus contributions');
  return f;
}
