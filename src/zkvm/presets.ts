// The parameter presets a receipt can be proved at. A receipt states its parameters in full; the
// preset name is only how a caller asks for them and how a report names them.

import { DEFAULT_PARAMS, INSECURE_TEST_PARAMS, type StarkParams } from '../fri/params.js';

export type PresetName = 'default' | 'fast';

export const PRESETS: Readonly<Record<PresetName, StarkParams>> = Object.freeze({
  /** ≥ 100 bits of conjectured security for every proof the machine can make. */
  default: DEFAULT_PARAMS,
  /** About 15 bits: NOT secure. For tests, CI and trying things out. */
  fast: INSECURE_TEST_PARAMS,
});

/** The security floor verifyReceipt applies unless the caller lowers it. */
export const DEFAULT_MIN_SECURITY_BITS = 100;

export function isPresetName(s: unknown): s is PresetName {
  return s === 'default' || s === 'fast';
}

/** The preset these parameters are, or 'custom'. */
export function presetOf(p: StarkParams): PresetName | 'custom' {
  const same = (q: StarkParams) =>
    p.logBlowup === q.logBlowup &&
    p.numQueries === q.numQueries &&
    p.powBits === q.powBits &&
    p.logFoldingArity === q.logFoldingArity &&
    p.finalPolyLogDegree === q.finalPolyLogDegree &&
    (p.logUpPowBits ?? 0) === (q.logUpPowBits ?? 0);
  if (same(PRESETS.default)) return 'default';
  if (same(PRESETS.fast)) return 'fast';
  return 'custom';
}
