// Sending BYTE_OP lookups (the byte table in this folder receives them).
//
// - byteOp(op, a, b, c): c = a op b for op ∈ {BYTE_AND, BYTE_OR, BYTE_XOR}, and a, b, c ∈ [0, 256).
// - byteRange(a, b): a, b ∈ [0, 256) — two bytes for one lookup.
// Soundness: the table holds exactly these facts for bytes a, b (circuits/byte/air.ts); a tuple
// that is not one of them leaves BYTE_OP unbalanced. The op entry may be a degree-1 sum of
// selector·op-code (the caller's multiplicity is then its isReal).

import type { AirBuilder, ExprLike } from '../../src/air/index.js';
import { BYTE_OP, BYTE_RANGE } from '../buses.js';

// biome-ignore lint/suspicious/noExplicitAny: gadgets work on any chip's builder
type B = AirBuilder<any, any>;

export function byteOp(
  b: B,
  op: ExprLike,
  x: ExprLike,
  y: ExprLike,
  z: ExprLike,
  mult: ExprLike,
  label: string,
): void {
  b.send(BYTE_OP, [op, x, y, z], mult, label);
}

export function byteRange(b: B, x: ExprLike, y: ExprLike, mult: ExprLike, label: string): void {
  b.send(BYTE_OP, [BYTE_RANGE, x, y, 0], mult, label);
}
