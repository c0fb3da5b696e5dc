// The range table's multiplicities, counted by every chip's trace filler (RangeCounter).

import { RowMajorMatrix } from '../../src/air/index.js';
import type { RangeCounter } from '../gadgets/range.js';

export function rangeTrace(range: RangeCounter): RowMajorMatrix {
  return new RowMajorMatrix(range.counts.slice(), 1);
}
