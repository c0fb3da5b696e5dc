// The byte table's multiplicities. Every chip that sends BYTE_OP counts its lookups in the
// ByteCounter of the witness being built, found from that witness's RangeCounter (one per
// generateWitness call). The counter's storage *is* the byte table's main trace (row-major,
// width 4), so the table is complete whatever the order in which the fillers run: the matrix
// byteTrace returns sees every count made before the prover reads it.

import { RowMajorMatrix } from '../../src/air/index.js';
import { BYTE_AND, BYTE_OR, BYTE_XOR } from '../buses.js';
import type { RangeCounter } from '../gadgets/range.js';
import type { Cycles } from '../machine/cycles.js';
import { BYTE_ROWS, byteMain } from './columns.js';

export class ByteCounter {
  readonly counts = new Uint32Array(BYTE_ROWS * byteMain.width);

  /** One lookup (op, a, b, ·) with a, b bytes. */
  add(op: number, a: number, b: number): void {
    if (!(a >= 0 && a < 256 && b >= 0 && b < 256))
      throw new RangeError(`byte_op: (${a}, ${b}) are not bytes`);
    this.counts[(a + 256 * b) * 4 + op]++;
  }

  and(a: number, b: number): number {
    this.add(BYTE_AND, a, b);
    return a & b;
  }
  or(a: number, b: number): number {
    this.add(BYTE_OR, a, b);
    return a | b;
  }
  xor(a: number, b: number): number {
    this.add(BYTE_XOR, a, b);
    return a ^ b;
  }
}

const counters = new WeakMap<RangeCounter, ByteCounter>();

/** The ByteCounter of the witness whose RangeCounter is `range`. */
export function byteCounter(range: RangeCounter): ByteCounter {
  let c = counters.get(range);
  if (c === undefined) {
    c = new ByteCounter();
    counters.set(range, c);
  }
  return c;
}

/** The byte table (2^16 rows, whatever `height` the machine asks for an op-less chip). */
export function byteTrace(
  _cy: Cycles,
  _rows: readonly number[],
  _height: number,
  range: RangeCounter,
): RowMajorMatrix {
  return new RowMajorMatrix(byteCounter(range).counts, byteMain.width);
}

/** The table is not an instruction chip: it executes no op. */
export const BYTE_TABLE_OPS: readonly number[] = [];
