// The shape of a FRI proof: which layers are committed, how much each folds, and how long the final
// polynomial is. Prover and verifier both derive it from the parameters and the input sizes alone,
// so the proof reader never trusts a length it could compute (docs/FRI.md, "Layer schedule").
// Invariant: the layers fold the largest input down to exactly 2^logFinalN points, and every other
// input's size is a layer boundary (where it is rolled in) or the final size.

import { TWO_ADICITY } from '../field/babybear.js';
import { FriError } from './errors.js';
import { checkParams, type StarkParams } from './params.js';

export interface FriLayerShape {
  /** log2 of this layer's codeword length (extension points). */
  readonly logN: number;
  /** This layer folds by 2^logArity; its Merkle rows are groups of 2^logArity consecutive points. */
  readonly logArity: number;
  /** True when an input of size 2^(logN − logArity) is added to the folded codeword. */
  readonly rollIn: boolean;
}

export interface FriShape {
  readonly logBlowup: number;
  readonly numQueries: number;
  readonly powBits: number;
  /** The inputs' log sizes, distinct, largest first. */
  readonly logSizes: readonly number[];
  /** logSizes[0]: query indices have this many bits. */
  readonly logMaxN: number;
  readonly layers: readonly FriLayerShape[];
  /** log2 of the final codeword's length: finalLogDegree + logBlowup. */
  readonly logFinalN: number;
  /** The final polynomial has 2^finalLogDegree extension coefficients. */
  readonly finalLogDegree: number;
}

/** Most distinct input sizes (one per table height): every size from 2^1 to 2^27. */
export const MAX_INPUTS = TWO_ADICITY;

/**
 * The FRI shape for inputs of these log sizes (any order, distinct; each at least logBlowup, at
 * most 27). The final degree is min(finalPolyLogDegree, smallest log size − logBlowup), so a
 * table shorter than 2^finalPolyLogDegree rows is still checked (by the final polynomial). Layers
 * fold by 2^logFoldingArity, or less where that would jump past an input's size or the final size.
 * Throws ParamsError for bad parameters, FriError 'bad-shape' for bad sizes.
 */
export function friShape(params: StarkParams, logSizes: readonly number[]): FriShape {
  checkParams(params);
  if (!Array.isArray(logSizes) || logSizes.length === 0 || logSizes.length > MAX_INPUTS) {
    throw new FriError(
      'bad-shape',
      `fri: expected 1..${MAX_INPUTS} input sizes, got ${String(logSizes?.length)}`,
    );
  }
  const { logBlowup } = params;
  for (const l of logSizes) {
    if (!Number.isInteger(l) || l < logBlowup || l > TWO_ADICITY) {
      throw new FriError('bad-shape', `fri: input log size ${l} is outside ${logBlowup}..${TWO_ADICITY}`);
    }
  }
  const sorted = [...logSizes].sort((a, b) => b - a);
  for (let k = 1; k < sorted.length; k++) {
    if (sorted[k] === sorted[k - 1]) {
      throw new FriError('bad-shape', `fri: two inputs have log size ${sorted[k]}; combine them first`);
    }
  }
  const logMaxN = sorted[0];
  const finalLogDegree = Math.min(params.finalPolyLogDegree, sorted[sorted.length - 1] - logBlowup);
  const logFinalN = finalLogDegree + logBlowup;
  const layers: FriLayerShape[] = [];
  let cur = logMaxN;
  let next = 1; // index in `sorted` of the next stop below cur
  while (cur > logFinalN) {
    const stop = next < sorted.length && sorted[next] > logFinalN ? sorted[next] : logFinalN;
    const a = Math.min(params.logFoldingArity, cur - stop);
    layers.push({ logN: cur, logArity: a, rollIn: sorted.includes(cur - a) });
    cur -= a;
    if (cur === stop && next < sorted.length && sorted[next] === stop) next++;
  }
  return Object.freeze({
    logBlowup,
    numQueries: params.numQueries,
    powBits: params.powBits,
    logSizes: Object.freeze(sorted),
    logMaxN,
    layers: Object.freeze(layers.map((l) => Object.freeze(l))),
    logFinalN,
    finalLogDegree,
  });
}
