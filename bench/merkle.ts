// Merkle benchmarks: the SIMD 2-to-1 node kernel against its TS twin and noble's per-call blake3,
// and a whole commitment of a 2^18 × 64 column-major matrix (the prover's LDE layout) against the
// TS twin. Nodes and leaves hash in BLAKE3 keyed mode (docs/MERKLE.md), as the prover does.
// Inputs are allocated in setup, outside the timed region.

import { blake3 } from '@noble/hashes/blake3.js';
import { digestBytes, MERKLE_NODE, pairsTs } from '../src/merkle/blake3.js';
import { commit, commitTs, hashNodes, type Matrix, type MultiOpening, verify } from '../src/merkle/index.js';
import type { MerkleTree } from '../src/merkle/tree.js';
import { WasmVec } from '../src/wasm/memory.js';
import type { BenchCase, BenchOptions } from './harness.js';

const P = 0x78000001;

function fill(v: Uint32Array, seed: number): void {
  let x = seed >>> 0 || 1;
  for (let i = 0; i < v.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    v[i] = x % P;
  }
}

const nsPer = (count: number, key: string) => (ms: number) => ({
  [key]: Number(((ms * 1e6) / count).toFixed(1)),
});

/** Input and output layers of n nodes in wasm memory, allocated per case (setup/teardown). */
function nodeLayers(n: number) {
  const io = { src: null as WasmVec | null, dst: null as WasmVec | null };
  return {
    io,
    setup: () => {
      io.src = new WasmVec(16 * n);
      fill(io.src.view, 1);
      io.dst = new WasmVec(8 * n);
    },
    teardown: () => {
      io.src?.free();
      io.dst?.free();
    },
  };
}

function nodeCases(): BenchCase[] {
  const N = 1 << 20;
  const key = digestBytes(MERKLE_NODE.key, 0);
  const NOBLE = 1 << 16;
  const a = nodeLayers(N);
  const b = nodeLayers(N);
  const c = nodeLayers(NOBLE);
  return [
    {
      name: 'merkle.node.2^20',
      ...a,
      fn: () => hashNodes(a.io.dst as WasmVec, a.io.src as WasmVec, N),
      extra: nsPer(N, 'ns_per_node'),
    },
    {
      name: 'merkle.node.2^20.ts',
      ...b,
      fn: () => {
        const s = (b.io.src as WasmVec).view;
        pairsTs(MERKLE_NODE, (b.io.dst as WasmVec).view, 0, s, 0, 16, s, 8, 16, N);
      },
      extra: nsPer(N, 'ns_per_node'),
      minSamples: 3,
    },
    {
      // noble's per-call keyed blake3 (a fresh hasher and output per node), on 2^16 nodes only.
      name: 'merkle.node.2^20.noble',
      ...c,
      fn: () => {
        const s = (c.io.src as WasmVec).view;
        const d = (c.io.dst as WasmVec).view;
        const sb = new Uint8Array(s.buffer, s.byteOffset, 64 * NOBLE);
        const db = new Uint8Array(d.buffer, d.byteOffset, 32 * NOBLE);
        for (let i = 0; i < NOBLE; i++) db.set(blake3(sb.subarray(64 * i, 64 * i + 64), { key }), 32 * i);
      },
      extra: (ms) => ({ nodes: NOBLE, ...nsPer(NOBLE, 'ns_per_node')(ms) }),
    },
  ];
}

/** A 2^18 × 64 matrix of field words in `layout`, allocated per case. */
function bigMatrix(layout: 'col-major' | 'row-major') {
  const H = 1 << 18;
  const W = 64;
  const io = { m: null as Matrix | null };
  return {
    io,
    setup: () => {
      const data = new WasmVec(H * W);
      fill(data.view, 2);
      io.m = { layout, data, height: H, width: W };
    },
    teardown: () => {
      if (io.m && io.m.layout !== 'columns') io.m.data.free();
      io.m = null;
    },
  };
}

function commitCases(): BenchCase[] {
  const H = 1 << 18;
  const perRow = nsPer(H, 'ns_per_row');
  const cm = bigMatrix('col-major');
  const cmTs = bigMatrix('col-major');
  const rm = bigMatrix('row-major');
  const vm = bigMatrix('col-major');
  const v = { tree: null as MerkleTree | null, idx: [] as number[], opening: null as MultiOpening | null };
  return [
    {
      name: 'merkle.commit.2^18x64',
      ...cm,
      fn: () => commit([cm.io.m as Matrix]).tree.free(),
      extra: perRow,
    },
    {
      name: 'merkle.commit.2^18x64.ts',
      ...cmTs,
      fn: () => commitTs([cmTs.io.m as Matrix]),
      extra: perRow,
      minSamples: 3,
    },
    {
      // Row-major input (the leaf kernel reads each row contiguously): the cost of the layout.
      name: 'merkle.commit.2^18x64.rowmajor',
      ...rm,
      fn: () => commit([rm.io.m as Matrix]).tree.free(),
      extra: perRow,
    },
    {
      // The verifier's side, plain TS: 100 queries into the 2^18 × 64 tree.
      name: 'merkle.verify.2^18x64.100q',
      setup: () => {
        vm.setup();
        v.tree = commit([vm.io.m as Matrix]).tree;
        v.idx = Array.from({ length: 100 }, (_, q) => (q * 2654435761) % H);
        v.opening = v.tree.open(v.idx);
      },
      fn: () => {
        const t = v.tree as MerkleTree;
        if (!verify(t.root, t.layout.shapes, v.idx, v.opening as MultiOpening))
          throw new Error('verify failed');
      },
      teardown: () => {
        v.tree?.free();
        vm.teardown();
      },
      extra: () => ({ siblings: v.opening?.siblings.length }),
    },
  ];
}

export function cases(_opts: BenchOptions): BenchCase[] {
  return [...nodeCases(), ...commitCases()];
}
