// Fills the program table's multiplicity column: executions per instruction word.

import { RowMajorMatrix } from '../../src/air/index.js';
import type { Cycles } from '../machine/cycles.js';
import { programHeight } from './air.js';

export function programTrace(cy: Cycles): RowMajorMatrix {
  const m = RowMajorMatrix.zeros(programHeight(cy.dp.count), 1);
  for (let k = 0; k < cy.n; k++) m.values[cy.idx[k]]++;
  return m;
}
