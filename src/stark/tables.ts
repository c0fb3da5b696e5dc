// The shape of a multi-table proof, derived the same way by prover and verifier from the AIRs and
// the table heights: widths, LogUp aux columns, constraint degree and quotient chunk count.
// Invariant: everything here is a function of (AIRs, log heights) only, so a proof never carries
// a shape value the verifier could compute itself.

import type { Air, BuiltAir } from '../air/air.js';
import { buildAir } from '../air/air.js';
import { inferDegrees } from '../air/degree.js';
import { logUpLayout, withLogUp } from '../air/logup.js';
import { P } from '../field/babybear.js';
import { StarkError } from './errors.js';

export interface PreparedAir {
  readonly air: Air;
  /** The chip's constraints followed by its LogUp constraints. */
  readonly built: BuiltAir;
  readonly maxDegree: number;
  /** log2 of the number of quotient chunks: 2^q ≥ maxDegree − 1. */
  readonly logChunks: number;
  /** Aux extension columns (LogUp terms plus running sum), 0 without interactions. */
  readonly numAux: number;
  readonly mainWidth: number;
  readonly preWidth: number;
  /** Height of the preprocessed trace, fixed by the AIR (0 without one). */
  readonly preLogHeight: number;
}

// AIR objects are immutable once built, so each is prepared (built, degree-checked, its fixed
// trace's height read) once per process.
const preparedCache = new WeakMap<Air, PreparedAir>();

export function prepareAir(air: Air): PreparedAir {
  const hit = preparedCache.get(air);
  if (hit !== undefined) return hit;
  const p = prepareUncached(air);
  preparedCache.set(air, p);
  return p;
}

function prepareUncached(air: Air): PreparedAir {
  const built = withLogUp(buildAir(air));
  const maxDegree = Math.max(2, inferDegrees(built).maxConstraintDegree);
  const logChunks = Math.ceil(Math.log2(maxDegree - 1));
  let preLogHeight = 0;
  if (built.preWidth > 0) {
    const pre = air.preprocessedTrace?.();
    if (pre === undefined || pre.width !== built.preWidth) {
      throw new StarkError(
        'bad-air',
        `chip ${air.name}: preprocessed layout without a matching preprocessedTrace()`,
      );
    }
    preLogHeight = Math.log2(pre.height);
    if (!Number.isInteger(preLogHeight)) {
      throw new StarkError(
        'bad-air',
        `chip ${air.name}: preprocessed height ${pre.height} is not a power of two`,
      );
    }
  }
  return {
    air,
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
    const name = prepared[t].air.name;
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
