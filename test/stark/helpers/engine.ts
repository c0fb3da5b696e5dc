// Test helpers over the engine's keyed API: prove and verify tables given as (AIR, trace, publics),
// running `setup` for the AIRs each time, as a user of these AIRs would.

import type { Air } from '../../../src/air/air.js';
import { buildAir } from '../../../src/air/air.js';
import type { RowMajorMatrix } from '../../../src/air/matrix.js';
import type { Felt } from '../../../src/field/babybear.js';
import type { StarkParams } from '../../../src/fri/params.js';
import { type ProveOptions, prove, setup } from '../../../src/prover/index.js';
import { type PreparedAir, prepareBuilt } from '../../../src/stark/tables.js';
import { type Statement, type VerifyOptions, verify } from '../../../src/verifier/index.js';

export interface AirTable {
  readonly air: Air;
  readonly trace: RowMajorMatrix;
  readonly publics?: readonly Felt[];
}

export function proveTables(tables: readonly AirTable[], params: StarkParams, options?: ProveOptions) {
  const keys = setup(
    tables.map((t) => t.air),
    params,
  );
  return { ...prove(keys.provingKey, tables, options), ...keys };
}

export function verifyAirs(
  airs: readonly Air[],
  statement: Statement,
  proof: Uint8Array,
  params: StarkParams,
  options?: VerifyOptions,
) {
  return verify(setup(airs, params).verifyingKey, statement, proof, options);
}

/** A single AIR prepared as the engine prepares it (for shape-level tests). */
export function prepareAir(air: Air): PreparedAir {
  const pre = air.preprocessedTrace?.();
  return prepareBuilt(buildAir(air), pre ? Math.log2(pre.height) : 0);
}
