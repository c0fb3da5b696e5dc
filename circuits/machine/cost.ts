// Cells per row of each chip: main columns + 4 × aux extension columns, with the aux columns as
// the engine lays them out (interactions batched into LogUp groups, plus one running sum), and
// the constraint degree after LogUp. The budget per cycle is ≤ 80 (an extension cell counting 4);
// docs/CIRCUITS.md, "Cell budget".

import { type Air, buildAir } from '../../src/air/index.js';
import { prepareBuilt } from '../../src/stark/tables.js';

export interface ChipCost {
  readonly chip: string;
  readonly main: number;
  readonly interactions: number;
  /** Aux extension columns: one per LogUp group plus the running sum (0 without interactions). */
  readonly auxExt: number;
  /** main + 4·auxExt. */
  readonly cells: number;
  /** Highest constraint degree, LogUp constraints included. */
  readonly maxDegree: number;
}

export function chipCost(air: Air): ChipCost {
  const pre = air.preprocessedTrace?.();
  const p = prepareBuilt(buildAir(air), pre ? Math.log2(pre.height) : 0);
  return {
    chip: air.name,
    main: p.mainWidth,
    interactions: p.built.interactions.length,
    auxExt: p.numAux,
    cells: p.mainWidth + 4 * p.numAux,
    maxDegree: p.maxDegree,
  };
}
