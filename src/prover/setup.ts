// Preprocessed setup (as Plonky3's `setup_preprocessed`): runs each AIR's `eval` once, snapshots
// its fixed trace, commits the fixed columns, and returns a proving key and a plain-data
// verifying key. Invariant: both keys are values fixed at setup time. Mutating an AIR object
// afterwards changes neither, and the proving key's constraint systems are rebuilt from the
// verifying key's data, exactly as the verifier rebuilds them.

import type { Air } from '../air/air.js';
import { buildAir } from '../air/air.js';
import { RowMajorMatrix } from '../air/matrix.js';
import { P } from '../field/babybear.js';
import { checkParams, DEFAULT_PARAMS, type StarkParams } from '../fri/params.js';
import { StarkError } from '../stark/errors.js';
import { commitPreprocessed } from '../stark/preprocessed.js';
import type { PreparedAir } from '../stark/tables.js';
import {
  constraintSystemOf,
  prepareVerifyingKey,
  type TableKey,
  type VerifyingKey,
  verifyingKeyDigest,
} from '../stark/vk.js';

export interface ProvingKey {
  readonly verifyingKey: VerifyingKey;
  /** BLAKE3 of the verifying key's encoding, absorbed first by the transcript. */
  readonly digest: Uint8Array;
  /** Each table's constraint system, rebuilt from the verifying key. */
  readonly prepared: readonly PreparedAir[];
  /** Each table's fixed trace as snapshotted at setup, or null. */
  readonly fixed: ReadonlyArray<RowMajorMatrix | null>;
}

export interface Keys {
  readonly provingKey: ProvingKey;
  readonly verifyingKey: VerifyingKey;
}

export function setup(airs: readonly Air[], params: StarkParams = DEFAULT_PARAMS): Keys {
  checkParams(params);
  if (airs.length === 0) throw new StarkError('bad-air', 'setup needs at least one AIR');
  const tables: TableKey[] = [];
  const fixed: (RowMajorMatrix | null)[] = [];
  for (const air of airs) {
    const built = buildAir(air);
    let snapshot: RowMajorMatrix | null = null;
    let preLogHeight = 0;
    if (built.preWidth > 0) {
      const m = air.preprocessedTrace?.();
      if (m === undefined || m.width !== built.preWidth) {
        throw new StarkError(
          'bad-air',
          `chip ${air.name}: preprocessed layout without a matching preprocessedTrace()`,
        );
      }
      preLogHeight = Math.log2(m.height);
      if (!Number.isInteger(preLogHeight) || preLogHeight < 1) {
        throw new StarkError(
          'bad-air',
          `chip ${air.name}: preprocessed height ${m.height} is not a power of two`,
        );
      }
      for (const v of m.values) {
        if (!(v < P))
          throw new StarkError('bad-air', `chip ${air.name}: preprocessed value ${v} is not below p`);
      }
      snapshot = new RowMajorMatrix(m.values.slice(), m.width);
    }
    tables.push({
      name: air.name,
      mainWidth: built.mainWidth,
      preWidth: built.preWidth,
      numPublicValues: built.numPublicValues,
      preLogHeight,
      constraints: constraintSystemOf(built),
    });
    fixed.push(snapshot);
  }
  const pre = commitPreprocessed(fixed, params.logBlowup);
  const preRoot = pre?.root.slice() ?? null;
  pre?.free();
  // The key always states logUpPowBits, so an absent field and 0 are one key.
  const verifyingKey: VerifyingKey = {
    params: { ...params, logUpPowBits: params.logUpPowBits ?? 0 },
    tables,
    preRoot,
  };
  const prepared = prepareVerifyingKey(verifyingKey);
  return {
    provingKey: { verifyingKey, digest: verifyingKeyDigest(verifyingKey), prepared, fixed },
    verifyingKey,
  };
}
