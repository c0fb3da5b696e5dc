// Cells per row of each chip: main columns + 4 × aux extension columns (the engine today spends
// one aux column per interaction plus one running sum). The budget per cycle is ≤ 80 (an
// extension cell counting 4); docs/CIRCUITS.md, "Cell budget".

import { inferDegrees } from '../../src/air/degree.js';
import { type Air, buildAir } from '../../src/air/index.js';

export interface ChipCost {
  readonly chip: string;
  readonly main: number;
  readonly interactions: number;
  /** Aux extension columns: one per interaction plus the running sum (0 without interactions). */
  readonly auxExt: number;
  /** main + 4·auxExt. */
  readonly cells: number;
  readonly maxDegree: number;
}

export function chipCost(air: Air): ChipCost {
  const built = buildAir(air);
  const j = built.interactions.length;
  const auxExt = j === 0 ? 0 : j + 1;
  return {
    chip: air.name,
    main: built.mainWidth,
    interactions: j,
    auxExt,
    cells: built.mainWidth + 4 * auxExt,
    maxDegree: inferDegrees(built).maxConstraintDegree,
  };
}
