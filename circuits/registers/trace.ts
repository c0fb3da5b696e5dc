// The register boundary's main columns: final value and last-access timestamp per register.

import { RowMajorMatrix } from '../../src/air/index.js';
import type { Cycles } from '../machine/cycles.js';

export function registersTrace(cy: Cycles): RowMajorMatrix {
  const m = RowMajorMatrix.zeros(32, 3);
  for (let r = 0; r < 32; r++) {
    const v = cy.registers.final[r];
    m.set(r, 0, v & 0xffff);
    m.set(r, 1, v >>> 16);
    m.set(r, 2, cy.registers.finalTs[r]);
  }
  return m;
}
