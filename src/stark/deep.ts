// The DEEP step, shared by prover and verifier: which committed columns are opened at which
// points, and how they combine into one low-degree codeword per table height,
//   F_h(x) = Σ_k λ^k·(p_k(x) − p_k(z_k)) / (x − z_k),  z_k ∈ {ζ, ζ·ω_h},
// where k runs over (column, point) pairs in a fixed order: tables of height h in proof order;
// in each, main columns, preprocessed columns and aux coordinate columns (each at ζ, then ζ·ω_h),
// then quotient coordinate columns (at ζ only). FRI then shows each F_h has degree < 2^h.

import { type ExtFelt, extAdd, extAddAt, extInv, extMul, extMulBaseAt, extSub } from '../field/ext.js';

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
  const num1 = new Uint32Array(4);
  const num2 = new Uint32Array(4);
  const tmp = new Uint32Array(4);
  forEachDeepTerm(tables, opened, (col, value, power, next) => {
    const lp = lambda.get(power);
    // λ^k·(p(x) − v) accumulated per point.
    extMulBaseAt(tmp, 0, lp, 0, row[col]);
    const acc = next ? num2 : num1;
    extAddAt(acc, 0, acc, 0, tmp, 0);
    const lv = extMul(lp, value);
    const neg = extSub(new Uint32Array(4), lv);
    extAddAt(acc, 0, acc, 0, neg, 0);
  });
  const xe = Uint32Array.of(x, 0, 0, 0);
  const d1 = extSub(xe, zeta);
  const d2 = extSub(xe, zetaNext);
  // num1/d1 + num2/d2 with one inversion: (num1·d2 + num2·d1) / (d1·d2).
  const top = new Uint32Array(4);
  extAddAt(top, 0, extMul(num1, d2), 0, extMul(num2, d1), 0);
  return extMul(top, extInv(extMul(d1, d2)));
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
