// The byte-op table: receives every BYTE_OP lookup. A tuple (op, a, b, c) balances only if it
// is one of the fixed facts (BYTE_AND, a, b, a & b), (BYTE_OR, a, b, a | b), (BYTE_XOR, a, b,
// a ^ b), (BYTE_RANGE, a, b, 0) with a, b ∈ [0, 256): each lookup proves its relation and that
// all its entries are bytes.

import { type Air, RowMajorMatrix } from '../../src/air/index.js';
import { BYTE_AND, BYTE_OP, BYTE_OR, BYTE_RANGE, BYTE_XOR } from '../buses.js';
import { BYTE_ROWS, byteMain, bytePre } from './columns.js';

let fixed: RowMajorMatrix | undefined;

export function bytePreprocessed(): RowMajorMatrix {
  if (fixed === undefined) {
    const w = bytePre.width;
    const d = new Uint32Array(BYTE_ROWS * w);
    for (let i = 0; i < BYTE_ROWS; i++) {
      const a = i & 0xff;
      const b = i >>> 8;
      d.set([a, b, a & b, a | b, a ^ b], i * w);
    }
    fixed = new RowMajorMatrix(d, w);
  }
  return fixed;
}

export const byteAir: Air<typeof byteMain.spec, typeof bytePre.spec> = {
  name: 'byte',
  main: byteMain,
  preprocessed: bytePre,
  preprocessedTrace: bytePreprocessed,
  eval(b) {
    const f = b.preLocal;
    const m = b.local;
    // c = a AND b, looked up mAnd times.
    b.receive(BYTE_OP, [BYTE_AND, f.a, f.b, f.and], m.mAnd, 'byte AND');
    // c = a OR b.
    b.receive(BYTE_OP, [BYTE_OR, f.a, f.b, f.or], m.mOr, 'byte OR');
    // c = a XOR b.
    b.receive(BYTE_OP, [BYTE_XOR, f.a, f.b, f.xor], m.mXor, 'byte XOR');
    // a, b ∈ [0, 256).
    b.receive(BYTE_OP, [BYTE_RANGE, f.a, f.b, 0], m.mRange, 'byte range pair');
  },
};
