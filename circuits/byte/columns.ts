// The byte-op table: one row per byte pair (a, b), row index a + 256·b, 2^16 rows.
//
// | group | cells | meaning |
// |---|---|---|
// | fixed a, b | 2 | the byte pair |
// | fixed and, or, xor | 3 | a AND b, a OR b, a XOR b |
// | mAnd, mOr, mXor, mRange (main) | 4 | lookups of (op, a, b, c) per op |
//
// Layout choice: one row per pair with an answer column per op (2^16 rows, 4 multiplicity
// columns, 4 interactions: 4 + 4·5 = 24 cells per row, 1.57 M cells) rather than one row per
// (op, a, b) (2^18 rows, 1 multiplicity, 1 interaction: 1 + 4·2 = 9 cells per row, 2.36 M cells).

import { columns } from '../../src/air/index.js';

export const BYTE_ROWS = 1 << 16;
export const bytePre = columns({ a: 1, b: 1, and: 1, or: 1, xor: 1 });
/** Multiplicity of each op, in BYTE_AND, BYTE_OR, BYTE_XOR, BYTE_RANGE order. */
export const byteMain = columns({ mAnd: 1, mOr: 1, mXor: 1, mRange: 1 });
