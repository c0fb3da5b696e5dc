// Named column layouts: a chip declares its columns once, by name and count, and gets the width,
// a name for every column (for error messages) and typed views of a row. Invariant: columns are
// laid out in declaration order, and a group of n columns occupies n consecutive indices.

export type ColumnSpec = Record<string, number>;

/** A row seen through a layout: single columns are values, groups are arrays. */
export type Cols<S extends ColumnSpec, T> = { [K in keyof S]: S[K] extends 1 ? T : T[] };

export class ColumnLayout<S extends ColumnSpec = ColumnSpec> {
  readonly width: number;
  /** Name of each column, e.g. `limbs[2]`. */
  readonly names: string[] = [];
  readonly offset: { [K in keyof S]: number };

  constructor(readonly spec: S) {
    const offset: Record<string, number> = {};
    let w = 0;
    for (const [name, n] of Object.entries(spec)) {
      if (!Number.isInteger(n) || n < 1) throw new RangeError(`column group ${name} has bad size ${n}`);
      offset[name] = w;
      for (let i = 0; i < n; i++) this.names.push(n === 1 ? name : `${name}[${i}]`);
      w += n;
    }
    this.width = w;
    this.offset = offset as { [K in keyof S]: number };
  }

  /** Maps a flat row (of expressions, numbers, ...) to named fields. */
  view<T>(row: ArrayLike<T>): Cols<S, T> {
    if (row.length !== this.width)
      throw new RangeError(`row has ${row.length} columns, expected ${this.width}`);
    const out: Record<string, T | T[]> = {};
    for (const [name, n] of Object.entries(this.spec)) {
      const o = (this.offset as Record<string, number>)[name];
      if (n === 1) out[name] = row[o];
      else {
        const g: T[] = new Array(n);
        for (let i = 0; i < n; i++) g[i] = row[o + i];
        out[name] = g;
      }
    }
    return out as Cols<S, T>;
  }
}

export function columns<const S extends ColumnSpec>(spec: S): ColumnLayout<S> {
  return new ColumnLayout(spec);
}
