// The shape of a multi-table proof, derived the same way by prover and verifier from the
// verifying key and the table heights: widths, LogUp aux columns, constraint degree and quotient
// chunk count. Invariant: everything here is a function of (verifying key, log heights) only, so a
// proof never carries a shape value the verifier could compute itself.

import type { BuiltAir } from '../air/air.js';
import { inferDegrees } from '../air/degree.js';
import { logUpLayout, withLogUp } from '../air/logup.js';
import { P } from '../field/babybear.js';
import { StarkError } from './errors.js';

export interface PreparedAir {
  /** The chip's name, unique within a verifying key. */
  readonly name: string;
  /** The chip's constraints followed by its LogUp constraints. */
  readonly built: BuiltAir;
  readonly maxDegree: number;
  /** log2 of the number of quotient chunks: 2^q ≥ maxDegree − 1. */
  readonly logChunks: number;
  /** Aux extension columns (one LogUp term column per interaction group, plus the running sum), 0 without interactions. */
  readonly numAux: number;
  readonly mainWidth: number;
  readonly preWidth: number;
  /** Height of the preprocessed trace, fixed by the verifying key (0 without one). */
  readonly preLogHeight: number;
}

/** Highest constraint degree a table may have (32 quotient chunks). */
export const MAX_DEGREE = 33;

/**
 * Appends the LogUp constraints to a chip's constraint system and derives its degree and quotient
 * shape. `built` must be fresh (its graph is extended in place): callers rebuild it from a
 * verifying key (stark/vk.ts), so prover and verifier prepare the same object the same way.
 */
export function prepareBuilt(chip: BuiltAir, preLogHeight: number): PreparedAir {
  const built = withLogUp(chip);
  const maxDegree = Math.max(2, inferDegrees(built).maxConstraintDegree);
  if (maxDegree > MAX_DEGREE)
    throw new StarkError(
      'bad-air',
      `chip ${chip.name}: constraint degree ${maxDegree} exceeds ${MAX_DEGREE}`,
    );
  const logChunks = Math.ceil(Math.log2(maxDegree - 1));
  return {
    name: chip.name,
    built,
    maxDegree,
    logChunks,
    numAux: logUpLayout(built).numAux,
    mainWidth: built.mainWidth,
    preWidth: built.preWidth,
    preLogHeight,
  };
}

/** Smallest and largest table heights a proof may have (log2). */
export const MIN_LOG_HEIGHT = 2;
export const MAX_LOG_HEIGHT = 22;

/**
 * Checks a proof's table heights against its AIRs: each within bounds, equal to the preprocessed
 * height where there is one, and the LogUp multiplicity bound Σ heights < p (every multiplicity
 * is at most one per row per interaction, so sums cannot wrap the field).
 */
export function checkHeights(prepared: readonly PreparedAir[], logHeights: readonly number[]): void {
  if (logHeights.length !== prepared.length) {
    throw new StarkError('bad-shape', `expected ${prepared.length} table heights, got ${logHeights.length}`);
  }
  let rows = 0;
  for (let t = 0; t < prepared.length; t++) {
    const h = logHeights[t];
    const name = prepared[t].name;
    if (!Number.isInteger(h) || h < MIN_LOG_HEIGHT || h > MAX_LOG_HEIGHT) {
      throw new StarkError(
        'bad-shape',
        `chip ${name}: log height ${h} outside ${MIN_LOG_HEIGHT}..${MAX_LOG_HEIGHT}`,
      );
    }
    if (prepared[t].preWidth > 0 && h !== prepared[t].preLogHeight) {
      throw new StarkError(
        'bad-shape',
        `chip ${name}: height 2^${h} differs from its preprocessed height 2^${prepared[t].preLogHeight}`,
      );
    }
    rows += 2 ** h * Math.max(1, prepared[t].built.interactions.length);
  }
  if (rows >= P) throw new StarkError('bad-shape', `LogUp bound: ${rows} interaction rows reach p`);
}
