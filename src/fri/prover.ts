// The FRI prover (commit phase, final polynomial, grinding, query phase), mirroring verifier.ts
// step by step. Input: one extension codeword per distinct size, each the bit-reversed evaluations
// on g·H of a polynomial of degree < size/blowup (the DEEP step's output). Output: the proof and the
// query indices, at which the caller opens its own commitments.
// Invariant: the transcript sees exactly what verifier.ts replays, in the same order.

import { checkCanonical, extVecAxpy } from '../field/vector.js';
import { commitSteps, type MerkleTree } from '../merkle/tree.js';
import { runSteps, type Steps } from '../pool/steps.js';
import { grind } from '../transcript/pow.js';
import type { Transcript } from '../transcript/transcript.js';
import { WasmVec } from '../wasm/memory.js';
import { FriChannel } from './channel.js';
import { invHalfTable, layerShift } from './domain.js';
import { FriError } from './errors.js';
import { interpolateFinal } from './final-poly.js';
import { foldLayerTs, rollInCoefficient, rollInTs } from './fold.js';
import { foldLayerBatch } from './fold-wasm.js';
import type { StarkParams } from './params.js';
import type { FriLayerOpening, FriProof } from './proof.js';
import { type FriShape, friShape } from './shape.js';

export interface FriProveOptions {
  /** Fold with the SIMD kernel (default) or with its TypeScript twin; the proof is identical. */
  readonly fold?: 'wasm' | 'ts';
  /**
   * The proof-of-work search (default: transcript/pow.ts's `grind`). The STARK prover passes a
   * batched SIMD search that finds the same nonce much faster.
   */
  readonly grind?: (t: Transcript, bits: number) => number;
  /** The same search as steps (the STARK prover's, run on the pool); takes precedence over grind. */
  readonly grindSteps?: (t: Transcript, bits: number) => Steps<number>;
  /**
   * Tests only: skip the prover's check that the final codeword has degree < 2^finalLogDegree,
   * and send its low coefficients anyway (a dishonest proof the verifier must reject).
   */
  readonly unsafeSkipDegreeCheck?: boolean;
  /**
   * Tests only: called with each layer's codeword (layer 0 included, as a copy) just before it is
   * committed, to build proofs of a dishonest prover. May modify the words (keep them canonical).
   */
  readonly unsafeTamperLayer?: (layer: number, codeword: Uint32Array) => void;
}

export interface FriProverOutput {
  readonly proof: FriProof;
  /** The numQueries query indices in [0, 2^logMaxN), in draw order (duplicates possible). */
  readonly indices: number[];
  readonly shape: FriShape;
}

/** Checks one input's type and length and returns log2 of its point count. */
function inputLogSize(x: WasmVec | Uint32Array, k: number): number {
  if (!(x instanceof WasmVec) && !(x instanceof Uint32Array)) {
    throw new FriError('bad-shape', `fri: input ${k} is not a WasmVec or Uint32Array`);
  }
  const n = x.length / 4;
  if (!Number.isInteger(n) || n < 1 || (n & (n - 1)) !== 0) {
    throw new FriError('bad-shape', `fri: input ${k} has ${x.length} words, not 4 × a power of two`);
  }
  return Math.log2(n);
}

/**
 * Proves that each input codeword is close to a polynomial of degree < its size / 2^logBlowup.
 * `inputs` (any order, distinct sizes; WasmVecs or Uint32Arrays of 4·2^logN words, bit-reversed
 * values on g·H) are not modified. Throws ParamsError for bad params, FriError 'bad-shape' for bad
 * inputs, FriError 'degree-too-high' if the final codeword is not of low degree (an upstream bug).
 */
export function proveFri(
  t: Transcript,
  params: StarkParams,
  inputs: readonly (WasmVec | Uint32Array)[],
  options: FriProveOptions = {},
): FriProverOutput {
  return runSteps(proveFriSteps(t, params, inputs, options));
}

/** `proveFri` as steps: each layer's commitment goes out as batches. */
export function* proveFriSteps(
  t: Transcript,
  params: StarkParams,
  inputs: readonly (WasmVec | Uint32Array)[],
  options: FriProveOptions = {},
): Steps<FriProverOutput> {
  if (!Array.isArray(inputs)) throw new FriError('bad-shape', 'fri: inputs must be an array');
  const logs = inputs.map(inputLogSize);
  const shape = friShape(params, logs);
  const { logMaxN, layers, logFinalN, finalLogDegree, numQueries } = shape;
  const useWasm = options.fold !== 'ts';
  const tamper = options.unsafeTamperLayer;
  const channel = new FriChannel(t);

  const owned: WasmVec[] = [];
  const trees: MerkleTree[] = [];
  const own = (v: WasmVec) => {
    owned.push(v);
    return v;
  };
  try {
    // Every input in wasm memory (Uint32Arrays are copied once), by log size.
    const byLog = new Map<number, WasmVec>();
    for (let k = 0; k < inputs.length; k++) {
      const x = inputs[k];
      const v = x instanceof WasmVec ? x : own(WasmVec.from(x));
      // A SIMD scan: 2^23 words take 1.8 ms, against 25 ms for a TS loop of isCanonical.
      try {
        checkCanonical(v);
      } catch (e) {
        throw new FriError('bad-shape', `fri: input ${k}: ${(e as Error).message}`);
      }
      byLog.set(logs[k], v);
    }
    // 1/(2x) tables for every binary fold from 2^logMaxN down to 2^logFinalN points.
    const tables: WasmVec[] = [];
    for (let logM = logMaxN; logM > logFinalN; logM--)
      tables[logM] = own(WasmVec.from(invHalfTable(logMaxN, logM)));
    const maxArity = Math.max(0, ...layers.map((l) => l.logArity));
    const tmp = maxArity > 1 ? own(new WasmVec(2 * 2 ** logMaxN)) : null;
    let cur = byLog.get(logMaxN) as WasmVec;

    // 1 ----- commit phase: commit each layer, draw its β, fold, roll in the next input ----------
    for (let k = 0; k < layers.length; k++) {
      const layer = layers[k];
      const { logN, logArity } = layer;
      if (tamper !== undefined) {
        if (k === 0) cur = own(WasmVec.from(cur.view));
        tamper(k, cur.view);
      }
      const A = 2 ** logArity;
      const { root, tree } = yield* commitSteps([
        { layout: 'row-major', data: cur, height: 2 ** logN / A, width: 4 * A },
      ]);
      trees.push(tree);
      // Soundness error (commit phase, per layer): about 2^logN·A / |F_p^4| (the folding and
      // roll-in combinations are polynomials of degree ≤ A in β).
      const beta = channel.layer(root);
      const next = own(new WasmVec((4 * 2 ** logN) / A));
      if (useWasm) yield foldLayerBatch(next, cur, logN, logArity, beta, tables, tmp);
      else {
        const tv = tables.map((x) => x.view);
        foldLayerTs(next.view, cur.view, logN, logArity, beta, tv, tmp === null ? null : tmp.view);
      }
      if (layer.rollIn) {
        const x = byLog.get(logN - logArity) as WasmVec;
        const c = rollInCoefficient(beta, logArity);
        if (useWasm) extVecAxpy(next, c, x, next);
        else rollInTs(next.view, c, x.view, 2 ** (logN - logArity));
      }
      cur = next;
    }

    // 2 ----- final polynomial ---------------------------------------------------------------------
    const finalPoly = interpolateFinal(
      cur.view,
      logFinalN,
      layerShift(logMaxN, logFinalN),
      finalLogDegree,
      options.unsafeSkipDegreeCheck !== true,
    );
    channel.finalPoly(finalPoly);

    // 3 ----- proof of work, then the query indices ------------------------------------------------
    const powNonce =
      options.grindSteps !== undefined
        ? yield* options.grindSteps(t, shape.powBits)
        : (options.grind ?? grind)(t, shape.powBits);
    // Soundness error (query phase): about (1 − δ)^numQueries · 2^−powBits for proximity δ.
    const indices = channel.queries(numQueries, logMaxN);

    // 4 ----- query phase: open each layer's group at every query ---------------------------------
    const openings: FriLayerOpening[] = layers.map((layer, k) => {
      const groups = indices.map((i) => i >>> (logMaxN - layer.logN + layer.logArity));
      return trees[k].open(groups);
    });
    return {
      proof: { roots: trees.map((tr) => tr.root), finalPoly, powNonce, openings },
      indices,
      shape,
    };
  } finally {
    for (const tr of trees) tr.free();
    for (const v of owned) v.free();
  }
}
