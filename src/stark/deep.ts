// The DEEP step, shared by prover and verifier: which committed columns are opened at which
// points, and how they combine into one low-degree codeword per table height,
//   F_h(x) = Σ_k λ^k·(p_k(x) − p_k(z_k)) / (x − z_k),  z_k ∈ {ζ, ζ·ω_h},
// where k runs over (column, point) pairs in a fixed order: tables of height h in proof order;
// in each, main columns, preprocessed columns and aux coordinate columns (each at ζ, then ζ·ω_h),
// then quotient coordinate columns (at ζ only). FRI then shows each F_h has degree < 2^h.

import { add, mul } from '../field/babybear.js';
import { type ExtFelt, extAdd, extInv, extMul, extSub } from '../field/ext.js';
import { StarkError } from './errors.js';

/** One table's values at ζ (and ζ·ω for the columns that have a next-row opening). */
export interface TableOpenings {
  readonly mainLocal: ExtFelt[];
  readonly mainNext: ExtFelt[];
  readonly preLocal: ExtFelt[];
  readonly preNext: ExtFelt[];
  /** 4 per aux column: coordinate c of aux column k at index 4k + c. */
  readonly auxLocal: ExtFelt[];
  readonly auxNext: ExtFelt[];
  /** 4 per chunk: coordinate c of chunk j at index 4j + c. */
  readonly quotient: ExtFelt[];
}

/** Powers λ^0, λ^1, ... as needed. */
export class Powers {
  private readonly list: ExtFelt[] = [Uint32Array.of(1, 0, 0, 0)];
  constructor(private readonly base: ExtFelt) {}
  get(k: number): ExtFelt {
    while (this.list.length <= k) this.list.push(extMul(this.list[this.list.length - 1], this.base));
    return this.list[k];
  }
}

/**
 * Walks the (column, point) pairs of one height group in the canonical order, calling
 * visit(rowValue index within the group's concatenated row, opened value, λ-power index, point).
 * `opened(t)` gives table t's openings; widths say how many columns each part has.
 */
export function forEachDeepTerm(
  tables: readonly number[],
  opened: (t: number) => TableOpenings,
  visit: (column: number, value: ExtFelt, power: number, next: boolean) => void,
): number {
  let col = 0;
  let k = 0;
  for (const t of tables) {
    const o = opened(t);
    const pairs: Array<[ExtFelt[], ExtFelt[] | null]> = [
      [o.mainLocal, o.mainNext],
      [o.preLocal, o.preNext],
      [o.auxLocal, o.auxNext],
      [o.quotient, null],
    ];
    for (const [local, next] of pairs) {
      for (let c = 0; c < local.length; c++) {
        visit(col, local[c], k++, false);
        if (next !== null) visit(col, next[c], k++, true);
        col++;
      }
    }
  }
  return col;
}

/**
 * The verifier's F_h for one height group, ready to evaluate at many query points. F_h(x) splits
 * per point z into (Σ_k λ^k·p_k(x) − Σ_k λ^k·v_k)/(x − z): the second sum and every λ^k are the
 * same for all queries, so they are computed once here, and a query costs one base × extension
 * multiply-add per opened cell plus one inversion (measured: verify of a 20-table zkVM proof
 * went from ~150 ms, mostly temporaries and GC in a per-term loop, to a few ms).
 */
export class DeepCombiner {
  /** λ^k of each column's term at ζ (4 words per column) and at ζ·ω (0 without one). */
  private readonly local: Uint32Array;
  private readonly next: Uint32Array;
  private readonly hasNext: Uint8Array;
  private readonly vLocal: ExtFelt;
  private readonly vNext: ExtFelt;
  readonly columns: number;

  constructor(tables: readonly number[], opened: (t: number) => TableOpenings, lambda: Powers) {
    const terms: Array<[number, ExtFelt, ExtFelt, boolean]> = [];
    let vLocal: ExtFelt = new Uint32Array(4);
    let vNext: ExtFelt = new Uint32Array(4);
    this.columns = forEachDeepTerm(tables, opened, (col, value, power, next) => {
      const lp = lambda.get(power);
      terms.push([col, lp, value, next]);
      if (next) vNext = extAdd(vNext, extMul(lp, value));
      else vLocal = extAdd(vLocal, extMul(lp, value));
    });
    this.local = new Uint32Array(4 * this.columns);
    this.next = new Uint32Array(4 * this.columns);
    this.hasNext = new Uint8Array(this.columns);
    for (const [col, lp, , next] of terms) {
      (next ? this.next : this.local).set(lp, 4 * col);
      if (next) this.hasNext[col] = 1;
    }
    this.vLocal = vLocal;
    this.vNext = vNext;
  }

  /**
   * F_h at the LDE point x, from the group's opened row: the concatenation, in canonical column
   * order, of `parts` (each table's main, pre, aux and quotient rows; read in place, not copied).
   */
  valueAt(parts: readonly Uint32Array[], x: number, zeta: ExtFelt, zetaNext: ExtFelt): ExtFelt {
    const { local, next, hasNext } = this;
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    let a3 = 0;
    let b0 = 0;
    let b1 = 0;
    let b2 = 0;
    let b3 = 0;
    let c = 0;
    for (const row of parts) {
      for (let j = 0; j < row.length; j++, c++) {
        const r = row[j];
        const o = 4 * c;
        a0 = add(a0, mul(local[o], r));
        a1 = add(a1, mul(local[o + 1], r));
        a2 = add(a2, mul(local[o + 2], r));
        a3 = add(a3, mul(local[o + 3], r));
        if (hasNext[c]) {
          b0 = add(b0, mul(next[o], r));
          b1 = add(b1, mul(next[o + 1], r));
          b2 = add(b2, mul(next[o + 2], r));
          b3 = add(b3, mul(next[o + 3], r));
        }
      }
    }
    if (c !== this.columns)
      throw new StarkError('bad-shape', `DEEP row has ${c} values, expected ${this.columns}`);
    const num1 = extSub(Uint32Array.of(a0, a1, a2, a3), this.vLocal);
    const num2 = extSub(Uint32Array.of(b0, b1, b2, b3), this.vNext);
    const xe = Uint32Array.of(x, 0, 0, 0);
    const d1 = extSub(xe, zeta);
    const d2 = extSub(xe, zetaNext);
    // num1/d1 + num2/d2 with one inversion: (num1·d2 + num2·d1) / (d1·d2).
    const top = extAdd(extMul(num1, d2), extMul(num2, d1));
    return extMul(top, extInv(extMul(d1, d2)));
  }
}

/**
 * The verifier's value of F_h at one LDE point x, from the group's opened row values (the
 * concatenation, in canonical column order, of each table's main, pre, aux and quotient rows).
 */
export function deepValueAt(
  tables: readonly number[],
  opened: (t: number) => TableOpenings,
  row: Uint32Array,
  x: number,
  zeta: ExtFelt,
  zetaNext: ExtFelt,
  lambda: Powers,
): ExtFelt {
  return new DeepCombiner(tables, opened, lambda).valueAt([row], x, zeta, zetaNext);
}

const EXT_BASIS: ExtFelt[] = [0, 1, 2, 3].map((j) =>
  Uint32Array.from([0, 1, 2, 3], (c) => (c === j ? 1 : 0)),
);

/** Σ_j e_j·v_j: the extension value of a column group given its 4 coordinate values. */
export function recombine(coords: readonly ExtFelt[], at: number): ExtFelt {
  let r: ExtFelt = new Uint32Array(4);
  for (let j = 0; j < 4; j++) r = extAdd(r, extMul(EXT_BASIS[j], coords[at + j]));
  return r;
}
