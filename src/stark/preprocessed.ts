// Commitment to the preprocessed (fixed) columns of a set of tables: the LDE of each fixed
// trace, committed under one root. `setup` computes the root once into the verifying key; the
// prover recommits the fixed traces the proving key snapshotted and checks it gets that root.
// Prover-side only: the verifier reads the root from the key and never builds an LDE or a tree.

import type { RowMajorMatrix } from '../air/matrix.js';
import { commit, type MerkleTree } from '../merkle/tree.js';
import { ldeColumns } from '../poly/lde.js';
import type { WasmVec } from '../wasm/memory.js';
import { columnsToWasm } from './columns.js';
import { LDE_SHIFT } from './domain.js';

export interface PreprocessedCommitment {
  readonly root: Uint8Array;
  readonly tree: MerkleTree;
  /** Per table: trace-domain columns and their LDEs (empty for tables without fixed columns). */
  readonly traces: ReadonlyArray<WasmVec[]>;
  readonly ldes: ReadonlyArray<WasmVec[]>;
  /** Tables that have preprocessed columns, in commit order. */
  readonly tables: readonly number[];
  free(): void;
}

/** `fixed[t]` is table t's fixed trace, or null; returns null when no table has one. */
export function commitPreprocessed(
  fixed: ReadonlyArray<RowMajorMatrix | null>,
  logBlowup: number,
): PreprocessedCommitment | null {
  const tables = fixed.flatMap((m, t) => (m !== null && m.width > 0 ? [t] : []));
  if (tables.length === 0) return null;
  const traces: WasmVec[][] = fixed.map(() => []);
  const ldes: WasmVec[][] = fixed.map(() => []);
  for (const t of tables) {
    traces[t] = columnsToWasm(fixed[t] as RowMajorMatrix);
    ldes[t] = ldeColumns(traces[t], logBlowup, LDE_SHIFT, 'bitrev');
  }
  const { root, tree } = commit(
    tables.map((t) => ({ layout: 'columns' as const, columns: ldes[t], height: ldes[t][0].length })),
  );
  return {
    root,
    tree,
    traces,
    ldes,
    tables,
    free() {
      tree.free();
      for (const v of [...traces.flat(), ...ldes.flat()]) v.free();
    },
  };
}
