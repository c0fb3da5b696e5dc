// Argument checks shared by the two vector APIs (wasm in vector.ts, TS twins in vector-ts.ts), so
// both reject the same inputs with the same FieldError: lengths, extension word counts, overlaps.
// Scalars are checked for canonicity; column contents are not (that would cost as much as the
// operation: use checkCanonical where data enters the system).

import { checkAlias, checkExtLength, checkLength, type Span } from './errors.js';

export interface Column {
  readonly length: number;
}

export type SpanOf<T> = (x: T) => Span;

/** Element-wise base (or word-wise) operation: every input has dst's length; in place allowed. */
export function checkElementwise<T extends Column>(
  op: string,
  spanOf: SpanOf<T>,
  dst: T,
  inputs: ReadonlyArray<readonly [string, T]>,
): number {
  const n = dst.length;
  const ds = spanOf(dst);
  for (const [what, x] of inputs) {
    checkLength(op, what, x, n);
    checkAlias(op, what, ds, spanOf(x), true);
  }
  return n;
}

/** Element-wise extension operation: as checkElementwise, and word counts are multiples of 4. */
export function checkExtElementwise<T extends Column>(
  op: string,
  spanOf: SpanOf<T>,
  dst: T,
  inputs: ReadonlyArray<readonly [string, T]>,
): number {
  checkExtLength(op, 'output', dst);
  return checkElementwise(op, spanOf, dst, inputs) / 4;
}

/**
 * Extension output with one base-column input `base` (one word per extension element) and
 * extension inputs `exts`. The base column may not overlap the output at all (different strides).
 */
export function checkExtWithBase<T extends Column>(
  op: string,
  spanOf: SpanOf<T>,
  dst: T,
  exts: ReadonlyArray<readonly [string, T]>,
  base: readonly [string, T],
): number {
  const n = checkExtElementwise(op, spanOf, dst, exts);
  checkLength(op, base[0], base[1], n);
  checkAlias(op, base[0], spanOf(dst), spanOf(base[1]), false);
  return n;
}
