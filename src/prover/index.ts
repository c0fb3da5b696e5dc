// The prover's public entry: proves a set of tables under a proving key and returns the proof
// bytes, with the conjectured security level of the key's parameters. Steps 0–5 are in
// prove.ts; FRI and the query openings (steps 6–7) are here, mirroring src/verifier/index.ts.

import type { SecurityReport } from '../fri/params.js';
import { type FriProveOptions, proveFriSteps } from '../fri/prover.js';
import type { MultiOpening } from '../merkle/opening.js';
import { type Executor, runSteps, runStepsAsync, type Steps } from '../pool/steps.js';
import { type StarkProof, writeProof } from '../stark/proof.js';
import { TREES, type TreeName, treeIndex, treeShapes } from '../stark/queries.js';
import { proofSecurity } from '../stark/security.js';
import type { BusContribution } from '../stark/statement.js';
import { grindFastSteps } from './grind.js';
import { proveUntilFriSteps, type TableWitnessInput } from './prove.js';
import type { ProvingKey } from './setup.js';

export type { TableWitnessInput } from './prove.js';
export { type Keys, type ProvingKey, setup } from './setup.js';

export interface ProveResult {
  readonly proof: Uint8Array;
  readonly security: SecurityReport;
  /** Each table's height (rows), in the key's table order. */
  readonly heights: number[];
  /**
   * Milliseconds per prover step: statement, main (commit the traces), aux (LogUp), quotient,
   * ood, deep, fri, queries.
   */
  readonly steps: Readonly<Record<string, number>>;
}

export interface ProveOptions {
  /** Tuples the statement puts on buses (the verifier must be given the same ones). */
  readonly contributions?: readonly BusContribution[];
  /** Tests only: hooks that make a dishonest FRI prover. */
  readonly unsafeFri?: FriProveOptions;
}

/** Proves on this thread (synchronously). */
export function prove(
  provingKey: ProvingKey,
  tables: readonly TableWitnessInput[],
  options: ProveOptions = {},
): ProveResult {
  return runSteps(proveSteps(provingKey, tables, options));
}

/**
 * Proves with `pool` running the kernel batches (WorkerPool, or any Executor). The proof bytes
 * are those of `prove`, for every thread count.
 */
export function proveAsync(
  provingKey: ProvingKey,
  tables: readonly TableWitnessInput[],
  options: ProveOptions & { readonly pool: Executor },
): Promise<ProveResult> {
  return runStepsAsync(proveSteps(provingKey, tables, options), options.pool);
}

/** The whole proof as steps (src/pool/steps.ts). */
export function* proveSteps(
  provingKey: ProvingKey,
  tables: readonly TableWitnessInput[],
  options: ProveOptions = {},
): Steps<ProveResult> {
  const params = provingKey.verifyingKey.params;
  const st = yield* proveUntilFriSteps(provingKey, tables, options.contributions ?? []);
  try {
    // 6 ----- FRI on the DEEP codewords (one per table height)
    const fri = yield* proveFriSteps(st.transcript, params, [...st.deep.values()], {
      grindSteps: grindFastSteps,
      ...options.unsafeFri,
    });

    st.clock.lap('fri');
    // 7 ----- open every trace tree at the query indices
    const shapes = treeShapes(st.prepared, st.proof.logHeights, params.logBlowup);
    const logMaxN = fri.shape.logMaxN;
    const queries = {} as Record<TreeName, MultiOpening | null>;
    for (const name of TREES) {
      const tree = st.trees[name];
      const s = shapes[name];
      queries[name] =
        tree === null || s.tables.length === 0
          ? null
          : tree.open(fri.indices.map((i) => treeIndex(s, logMaxN, i)));
    }
    const proof: StarkProof = { ...st.proof, fri: fri.proof, queries };
    const bytes = writeProof(proof);
    st.clock.lap('queries');
    return {
      proof: bytes,
      steps: { ...st.clock.ms },
      security: proofSecurity(params, st.prepared, st.proof.logHeights, options.contributions ?? []),
      heights: st.proof.logHeights.map((h) => 2 ** h),
    };
  } finally {
    st.free();
  }
}
