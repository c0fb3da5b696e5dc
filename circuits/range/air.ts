// The range chip: receives every RANGE16 lookup. A tuple (x) balances only if x is one of the
// fixed values 0 … 2^16 − 1, so each lookup proves its value is a 16-bit limb.

import { type Air, RowMajorMatrix } from '../../src/air/index.js';
import { RANGE16 } from '../buses.js';
import { RANGE_BITS, rangeMain, rangePre } from './columns.js';

let fixed: RowMajorMatrix | undefined;

export const rangeAir: Air<typeof rangeMain.spec, typeof rangePre.spec> = {
  name: 'range16',
  main: rangeMain,
  preprocessed: rangePre,
  preprocessedTrace() {
    fixed ??= new RowMajorMatrix(
      Uint32Array.from({ length: 1 << RANGE_BITS }, (_, i) => i),
      1,
    );
    return fixed;
  },
  eval(b) {
    // x ∈ [0, 2^16), looked up `multiplicity` times.
    b.receive(RANGE16, [b.preLocal.value], b.local.multiplicity, 'range16 lookup');
  },
};
