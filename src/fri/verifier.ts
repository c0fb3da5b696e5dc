// The FRI verifier, mirroring prover.ts step by step: check the proof's shape, replay the
// transcript (roots and β's, final polynomial, proof of work, query indices), then check every
// query's path through the layers down to the final polynomial. Plain TypeScript: imports nothing
// from the prover and no wasm. Invariant: every malformed or wrong proof yields a FriError.

import { P } from '../field/babybear.js';
import { extAddAt, extMulAt } from '../field/ext.js';
import { verifyOpening } from '../merkle/verify.js';
import { verifyPow } from '../transcript/pow.js';
import type { Transcript } from '../transcript/transcript.js';
import { FriChannel } from './channel.js';
import { layerPoint } from './domain.js';
import { FriError } from './errors.js';
import { evalFinalPoly } from './final-poly.js';
import { foldGroup, rollInCoefficient } from './fold.js';
import type { FriProof } from './proof.js';
import type { FriShape } from './shape.js';

/**
 * The caller's values of its inputs at query q (index i in [0, 2^logMaxN)): for every input log
 * size L in shape.logSizes, the value (4 canonical words) of that codeword at i >> (logMaxN − L),
 * computed from the caller's own opened and verified rows.
 */
export type FriInputAt = (query: number, index: number) => ReadonlyMap<number, ArrayLike<number>>;

export interface FriChallenges {
  /** One folding challenge per layer. */
  readonly betas: readonly Uint32Array[];
  readonly indices: readonly number[];
}

const badShape = (message: string) => new FriError('bad-shape', `fri: ${message}`);

function isDigest(d: unknown): boolean {
  return d instanceof Uint8Array && d.length === 32;
}

function canonicalWords(x: unknown, n: number): boolean {
  if (!(x instanceof Uint32Array) || x.length !== n) return false;
  for (let j = 0; j < n; j++) if (x[j] >= P) return false;
  return true;
}

/** Throws FriError 'bad-shape' unless the proof has exactly the sizes `shape` gives. No hashing. */
export function checkFriProofShape(shape: FriShape, proof: FriProof): void {
  const L = shape.layers.length;
  const { roots, finalPoly, powNonce, openings } = proof ?? ({} as FriProof);
  if (!Array.isArray(roots) || roots.length !== L)
    throw badShape(`expected ${L} layer roots, got ${roots?.length}`);
  roots.forEach((r, k) => {
    if (!isDigest(r)) throw badShape(`layer ${k} root is not 32 bytes`);
  });
  const d = 4 * 2 ** shape.finalLogDegree;
  if (!canonicalWords(finalPoly, d)) {
    throw badShape(`final polynomial must be ${d} canonical words, got ${finalPoly?.length}`);
  }
  if (!Number.isSafeInteger(powNonce) || powNonce < 0) throw badShape(`pow nonce ${powNonce} is not a u53`);
  if (!Array.isArray(openings) || openings.length !== L) {
    throw badShape(`expected ${L} layer openings, got ${openings?.length}`);
  }
  for (let k = 0; k < L; k++) {
    const { logN, logArity } = shape.layers[k];
    const o = openings[k];
    const width = 4 * 2 ** logArity;
    if (!Array.isArray(o?.rows) || o.rows.length !== shape.numQueries) {
      throw badShape(`layer ${k}: expected ${shape.numQueries} opened rows, got ${o?.rows?.length}`);
    }
    for (let q = 0; q < shape.numQueries; q++) {
      const r = o.rows[q];
      if (!Array.isArray(r) || r.length !== 1 || !canonicalWords(r[0], width)) {
        throw badShape(`layer ${k}, query ${q}: the opened row is not ${width} canonical words`);
      }
    }
    const most = shape.numQueries * (logN - logArity);
    if (!Array.isArray(o.siblings) || o.siblings.length > most || !o.siblings.every(isDigest)) {
      throw badShape(`layer ${k}: expected at most ${most} 32-byte siblings`);
    }
  }
}

/**
 * Steps 1–3 of the verifier: replays the FRI transcript (after checking the shape) and returns the
 * challenges; the caller then opens its own commitments at `indices`. Throws FriError ('bad-shape',
 * 'pow').
 */
export function replayFriTranscript(t: Transcript, shape: FriShape, proof: FriProof): FriChallenges {
  checkFriProofShape(shape, proof);
  const channel = new FriChannel(t);

  // 1 ----- commit phase: absorb each root, draw its β ---------------------------------------------
  const betas: Uint32Array[] = [];
  for (const root of proof.roots) {
    // Soundness error (per layer): about 2^logN·arity / |F_p^4|.
    betas.push(channel.layer(root));
  }

  // 2 ----- final polynomial -----------------------------------------------------------------------
  channel.finalPoly(proof.finalPoly);

  // 3 ----- proof of work, then the query indices --------------------------------------------------
  try {
    verifyPow(t, shape.powBits, proof.powNonce);
  } catch (e) {
    throw new FriError('pow', `fri: ${(e as Error).message}`);
  }
  // Soundness error (query phase): about (1 − δ)^numQueries · 2^−powBits for proximity δ.
  const indices = channel.queries(shape.numQueries, shape.logMaxN);
  return { betas, indices };
}

function inputValue(values: ReadonlyMap<number, ArrayLike<number>>, logN: number, q: number): Uint32Array {
  const v = values instanceof Map ? values.get(logN) : undefined;
  if (v === undefined || v === null || v.length !== 4) {
    throw badShape(`query ${q}: the caller gave no 4-word value for the input of log size ${logN}`);
  }
  const out = new Uint32Array(4);
  for (let j = 0; j < 4; j++) {
    const w = v[j];
    if (!Number.isInteger(w) || w < 0 || w >= P) {
      throw badShape(`query ${q}: the caller's value for log size ${logN} is not canonical`);
    }
    out[j] = w;
  }
  return out;
}

function sameAt(row: Uint32Array, o: number, x: Uint32Array): boolean {
  return row[o] === x[0] && row[o + 1] === x[1] && row[o + 2] === x[2] && row[o + 3] === x[3];
}

/**
 * Step 4 of the verifier: checks every layer's Merkle opening, then every query's chain of folds
 * from the caller's input values to the final polynomial. Throws FriError ('merkle',
 * 'input-mismatch', 'fold-mismatch', 'final-poly', 'bad-shape' for a bad callback value).
 */
export function verifyFriQueries(
  shape: FriShape,
  proof: FriProof,
  ch: FriChallenges,
  inputAt: FriInputAt,
): void {
  const { logMaxN, layers, logFinalN } = shape;
  const { indices, betas } = ch;

  // 4a ----- every layer's opening against its root -----------------------------------------------
  for (let k = 0; k < layers.length; k++) {
    const { logN, logArity } = layers[k];
    const groups = indices.map((i) => i >>> (logMaxN - logN + logArity));
    const shapes = [{ height: 2 ** (logN - logArity), width: 4 * 2 ** logArity }];
    let res: ReturnType<typeof verifyOpening>;
    try {
      res = verifyOpening(proof.roots[k], shapes, groups, proof.openings[k]);
    } catch (e) {
      throw new FriError('merkle', `fri: layer ${k}: ${(e as Error).message}`);
    }
    if (!res.ok) throw new FriError('merkle', `fri: layer ${k}: Merkle opening rejected (${res.reason})`);
  }

  // 4b ----- each query: input → layer 0 → … → final polynomial -----------------------------------
  const rollCoef = layers.map((l, k) => (l.rollIn ? rollInCoefficient(betas[k], l.logArity) : null));
  const t = new Uint32Array(4);
  for (let q = 0; q < indices.length; q++) {
    const index = indices[q];
    const values = inputAt(q, index);
    let cur = inputValue(values, logMaxN, q);
    for (let k = 0; k < layers.length; k++) {
      const { logN, logArity } = layers[k];
      const pos = index >>> (logMaxN - logN);
      const slot = pos & (2 ** logArity - 1);
      const row = proof.openings[k].rows[q][0];
      if (!sameAt(row, 4 * slot, cur)) {
        throw k === 0
          ? new FriError(
              'input-mismatch',
              `fri: query ${q}, layer 0: opened value does not match the input value`,
            )
          : new FriError(
              'fold-mismatch',
              `fri: query ${q}, layer ${k}: opened value does not match the folded value`,
            );
      }
      cur = foldGroup(row, logMaxN, logN, logArity, pos >>> logArity, betas[k]);
      const c = rollCoef[k];
      if (c !== null) {
        extMulAt(t, 0, c, 0, inputValue(values, logN - logArity, q), 0);
        extAddAt(cur, 0, cur, 0, t, 0);
      }
    }
    const y = layerPoint(logMaxN, logFinalN, index >>> (logMaxN - logFinalN));
    if (!sameAt(evalFinalPoly(proof.finalPoly, y), 0, cur)) {
      throw new FriError(
        'final-poly',
        `fri: query ${q}: the final polynomial does not match the folded value at its point`,
      );
    }
  }
}

/**
 * The whole FRI verifier: replayFriTranscript then verifyFriQueries. Returns the query indices.
 * `shape` comes from friShape(params, input log sizes), as for readFriProof.
 */
export function verifyFri(
  t: Transcript,
  shape: FriShape,
  proof: FriProof,
  inputAt: FriInputAt,
): FriChallenges {
  const ch = replayFriTranscript(t, shape, proof);
  verifyFriQueries(shape, proof, ch, inputAt);
  return ch;
}
