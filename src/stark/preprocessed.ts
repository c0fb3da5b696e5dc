// Commitment to the preprocessed (fixed) columns of a set of AIRs: the LDE of each fixed trace,
// committed under one root. The verifier recomputes the root from the AIRs themselves, so a
// prover can never substitute another program table or range table.

import type { RowMajorMatrix } from '../air/matrix.js';
import { commit, type MerkleTree } from '../merkle/tree.js';
import { ldeColumns } from '../poly/lde.js';
import type { WasmVec } from '../wasm/memory.js';
import { columnsToWasm } from './columns.js';
import { LDE_SHIFT } from './domain.js';
import type { PreparedAir } from './tables.js';

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

export function commitPreprocessed(
  prepared: readonly PreparedAir[],
  logBlowup: number,
): PreprocessedCommitment | null {
  const tables = prepared.flatMap((p, t) => (p.preWidth > 0 ? [t] : []));
  if (tables.length === 0) return null;
  const traces: WasmVec[][] = prepared.map(() => []);
  const ldes: WasmVec[][] = prepared.map(() => []);
  for (const t of tables) {
    traces[t] = columnsToWasm(prepared[t].air.preprocessedTrace?.() as RowMajorMatrix);
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

// The verifier's view: only the root, memoised per set of AIR objects and blowup, so that a
// verifier checking many proofs of the same program pays for the fixed columns' LDE and tree once
// (this is the "verifying key"). AIR objects are identified by a per-object id, not by name.
const airIds = new WeakMap<object, number>();
let nextAirId = 0;
const rootCache = new Map<string, Uint8Array | null>();
const ROOT_CACHE_LIMIT = 64;

export function preprocessedRoot(prepared: readonly PreparedAir[], logBlowup: number): Uint8Array | null {
  const key = `${logBlowup}:${prepared
    .map((p) => {
      let id = airIds.get(p.air);
      if (id === undefined) {
        id = nextAirId++;
        airIds.set(p.air, id);
      }
      return id;
    })
    .join(',')}`;
  const hit = rootCache.get(key);
  if (hit !== undefined) return hit === null ? null : hit.slice();
  const pre = commitPreprocessed(prepared, logBlowup);
  const root = pre?.root ?? null;
  pre?.free();
  if (rootCache.size >= ROOT_CACHE_LIMIT) rootCache.clear();
  rootCache.set(key, root === null ? null : root.slice());
  return root;
}
