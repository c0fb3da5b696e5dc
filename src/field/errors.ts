// Typed errors of the field layer and the argument checks its public functions run once, at the
// edge, before any hot loop. FieldError extends RangeError so callers that caught the RangeErrors
// of the first scalar module keep working.

export type FieldErrorKind =
  | 'non-canonical'
  | 'length-mismatch'
  | 'bad-length'
  | 'zero-inverse'
  | 'bad-exponent'
  | 'bad-log-size'
  | 'aliasing';

export class FieldError extends RangeError {
  readonly kind: FieldErrorKind;
  constructor(kind: FieldErrorKind, message: string) {
    super(message);
    this.name = 'FieldError';
    this.kind = kind;
  }
}

const P = 0x78000001;

/** Throws 'non-canonical' unless x is an integer in [0, p). */
export function checkFelt(op: string, what: string, x: unknown): void {
  if (typeof x !== 'number' || !Number.isInteger(x) || x < 0 || x >= P) {
    throw new FieldError('non-canonical', `${op}: ${what} ${String(x)} is not a canonical field element`);
  }
}

/** Throws 'non-canonical' unless s holds 4 canonical words. */
export function checkExtFelt(op: string, what: string, s: ArrayLike<number>): void {
  if (s === null || typeof s !== 'object' || s.length !== 4) {
    throw new FieldError('non-canonical', `${op}: ${what} must have 4 coefficients`);
  }
  for (let i = 0; i < 4; i++) checkFelt(op, `${what}[${i}]`, s[i]);
}

/** Throws 'length-mismatch' unless `got` has `expected` words. */
export function checkLength(op: string, what: string, got: { length: number }, expected: number): void {
  if (got.length !== expected) {
    throw new FieldError(
      'length-mismatch',
      `${op}: expected ${what} of length ${expected}, got ${got.length}`,
    );
  }
}

/** Throws 'bad-length' unless an extension column's word count is a multiple of 4. */
export function checkExtLength(op: string, what: string, v: { length: number }): void {
  if (v.length % 4 !== 0) {
    throw new FieldError('bad-length', `${op}: ${what} has ${v.length} words, not a multiple of 4`);
  }
}

/** A byte range of some buffer (a Uint32Array's, or wasm memory's for a WasmVec). */
export interface Span {
  buffer: ArrayBufferLike;
  start: number;
  end: number;
}

/**
 * Throws 'aliasing' if dst and src share bytes, unless they are the same range and `exactOk`
 * (element-wise kernels run in place; anything else would read words it already overwrote).
 */
export function checkAlias(op: string, what: string, dst: Span, src: Span, exactOk: boolean): void {
  if (dst.buffer !== src.buffer || dst.end <= src.start || src.end <= dst.start) return;
  if (exactOk && dst.start === src.start && dst.end === src.end) return;
  throw new FieldError(
    'aliasing',
    `${op}: output overlaps ${what}${exactOk ? ' without being equal to it' : ''}`,
  );
}
