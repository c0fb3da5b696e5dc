// Typed errors of the polynomial layer and the argument checks that raise them. Every public
// function validates here, once, at the edge; the kernels and twins behind it never check.

import { P, TWO_ADICITY } from '../field/babybear.js';

export type PolyErrorKind =
  | 'not-power-of-two'
  | 'too-large'
  | 'bad-length'
  | 'bad-blowup'
  | 'bad-shift'
  | 'bad-order'
  | 'bad-point';

export class PolyError extends Error {
  readonly kind: PolyErrorKind;
  constructor(kind: PolyErrorKind, message: string) {
    super(message);
    this.name = 'PolyError';
    this.kind = kind;
  }
}

/** Element order of a vector: natural, or bit-reversed indices. */
export type Order = 'natural' | 'bitrev';

/** Largest transform: the 2-adicity of BabyBear (2^27 points). */
export const MAX_LOG_SIZE = TWO_ADICITY;
/** Supported LDE blowups: 2, 4, 8, 16. */
export const MIN_LOG_BLOWUP = 1;
export const MAX_LOG_BLOWUP = 4;

/** Returns log2(n), or throws when n is not a power of two in 1..2^27. */
export function checkSize(op: string, n: number): number {
  if (!Number.isInteger(n) || n < 1 || (n & (n - 1)) !== 0) {
    throw new PolyError('not-power-of-two', `${op}: size ${n} is not a power of two`);
  }
  const logN = 31 - Math.clz32(n);
  if (logN > MAX_LOG_SIZE) {
    throw new PolyError('too-large', `${op}: size 2^${logN} exceeds the maximum 2^${MAX_LOG_SIZE}`);
  }
  return logN;
}

export function checkOrder(op: string, order: unknown): Order {
  if (order !== 'natural' && order !== 'bitrev') {
    throw new PolyError('bad-order', `${op}: order ${String(order)} is not 'natural' or 'bitrev'`);
  }
  return order;
}

export function checkLogBlowup(op: string, logBlowup: number): number {
  if (!Number.isInteger(logBlowup) || logBlowup < MIN_LOG_BLOWUP || logBlowup > MAX_LOG_BLOWUP) {
    throw new PolyError(
      'bad-blowup',
      `${op}: log blowup ${logBlowup} is outside ${MIN_LOG_BLOWUP}..${MAX_LOG_BLOWUP} (blowup 2, 4, 8 or 16)`,
    );
  }
  return logBlowup;
}

/** A coset shift must be a canonical, nonzero field element. */
export function checkShift(op: string, shift: number): number {
  if (!Number.isInteger(shift) || shift <= 0 || shift >= P) {
    throw new PolyError('bad-shift', `${op}: shift ${shift} is not a nonzero canonical field element`);
  }
  return shift;
}
