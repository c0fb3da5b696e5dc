// The verifier's public entry: a verifying key, a statement and proof bytes in; { ok, ... } or
// { ok: false, kind, reason } out, never an exception for anything the prover or caller controls.
// It needs nothing but the key: no AIR objects, no LDE, no tree builder, no shared memory.
// Steps 0–4 are in verify.ts; FRI and the query openings (steps 6–7) are here, mirroring
// src/prover/index.ts.

import { blake3 } from '@noble/hashes/blake3.js';
import type { Felt } from '../field/babybear.js';
import { rootOfUnity } from '../field/babybear.js';
import { extMulBase } from '../field/ext.js';
import { checkParams, type SecurityReport, type StarkParams } from '../fri/params.js';
import { replayFriTranscript, verifyFriQueries } from '../fri/verifier.js';
import { type DeepCombiner, Powers } from '../stark/deep.js';
import { StarkError } from '../stark/errors.js';
import { readProof } from '../stark/proof.js';
import { checkTreeOpenings, deepInputsAt } from '../stark/queries.js';
import { proofSecurity } from '../stark/security.js';
import type { BusContribution } from '../stark/statement.js';
import { checkContributions } from '../stark/statement.js';
import type { PreparedAir } from '../stark/tables.js';
import {
  busesOf,
  decodeVerifyingKey,
  encodeVerifyingKey,
  prepareVerifyingKey,
  type VerifyingKey,
} from '../stark/vk.js';
import { verifyUntilFri } from './verify.js';

export type { BusContribution } from '../stark/statement.js';
export type { VerifyingKey } from '../stark/vk.js';

export type VerifyResult =
  | {
      readonly ok: true;
      readonly security: SecurityReport;
      /** Each table's height (rows), in the key's table order. */
      readonly heights: number[];
      /** The parameters checked (the key's). */
      readonly params: StarkParams;
      /** BLAKE3 of the verifying key's encoding, hex: which constraint system was checked. */
      readonly vkDigest: string;
    }
  | { readonly ok: false; readonly kind: string; readonly reason: string };

/** A table height requirement: an exact row count, or a bound. */
export type HeightPin = number | { readonly max: number } | { readonly min?: number; readonly max?: number };

export interface Statement {
  /** Public values of each table, in table order. */
  readonly publics: ReadonlyArray<readonly Felt[]>;
  /** Tuples the statement itself puts on buses. */
  readonly contributions?: readonly BusContribution[];
  /**
   * Optional pins on each table's height (rows), in table order; `undefined` leaves a table free.
   * Without a pin, a proof of any height the key allows verifies, so a statement such as "the
   * 30th Fibonacci number" needs one.
   */
  readonly heights?: ReadonlyArray<HeightPin | undefined>;
}

/**
 * A verifying key checked, rebuilt and hashed once (`prepareKey`), for a verifier that checks
 * many proofs under one key. The handle is an opaque token: what `verify` uses (its own decoded
 * copy of the key, the rebuilt constraint systems and the digest) lives in a private map, so
 * nothing a caller does to the handle, its `vk` or the original key can make them disagree.
 */
export interface PreparedVerifyingKey {
  /** A copy of the key, for reading (verify never reads it). */
  readonly vk: VerifyingKey;
  /** A copy of the key's digest. */
  readonly digest: Uint8Array;
}

interface PreparedState {
  readonly vk: VerifyingKey;
  readonly prepared: readonly PreparedAir[];
  readonly digest: Uint8Array;
}

const PREPARED = new WeakMap<object, PreparedState>();

/** Validates and prepares a key; throws StarkError('bad-vk') or ProofFormatError on a bad one. */
export function prepareKey(vk: VerifyingKey): PreparedVerifyingKey {
  return Object.freeze(prepareState(vk).handle);
}

function prepareState(vk: VerifyingKey): { state: PreparedState; handle: PreparedVerifyingKey } {
  prepareVerifyingKey(vk); // validate the caller's object first, with its own error messages
  const bytes = encodeVerifyingKey(vk);
  const own = decodeVerifyingKey(bytes);
  const state = { vk: own, prepared: prepareVerifyingKey(own), digest: blake3(bytes) };
  const handle = { vk: decodeVerifyingKey(bytes), digest: state.digest.slice() };
  PREPARED.set(handle, state);
  return { state, handle };
}

export interface VerifyOptions {
  /** Reject a proof whose conjectured security level is below this many bits. */
  readonly minSecurityBits?: number;
}

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

export function verify(
  key: VerifyingKey | PreparedVerifyingKey,
  statement: Statement,
  proofBytes: Uint8Array,
  options: VerifyOptions = {},
): VerifyResult {
  try {
    // A plain key is checked, rebuilt and hashed on every call: nothing is cached by object
    // identity. A key from prepareKey was, once, from its own private copy.
    const known = key !== null && typeof key === 'object' ? PREPARED.get(key) : undefined;
    const { vk, prepared, digest } = known ?? prepareState(key as VerifyingKey).state;
    const params = vk.params;
    checkParams(params);
    if (statement === null || typeof statement !== 'object')
      throw new StarkError('bad-statement', 'statement is not an object');
    if (!(proofBytes instanceof Uint8Array)) throw new StarkError('format', 'proof is not a byte array');
    const { proof, shape } = readProof(proofBytes, prepared, params);
    checkHeightPins(
      statement.heights,
      proof.logHeights,
      prepared.map((p) => p.name),
    );
    const contributions = statement.contributions ?? [];
    checkContributions(busesOf(prepared), contributions);
    const security = proofSecurity(params, prepared, proof.logHeights, contributions);
    if (options === null || typeof options !== 'object')
      throw new StarkError('bad-statement', 'verify options must be an object');
    const min = options.minSecurityBits ?? 0;
    if (typeof min !== 'number' || Number.isNaN(min))
      throw new StarkError('bad-statement', `minSecurityBits ${String(min)} is not a number`);
    if (security.bits < min) {
      throw new StarkError(
        'insufficient-security',
        `the proof has ${security.bits} bits of conjectured security (${security.conjectured.binding} binds), ${min} were required`,
      );
    }

    const st = verifyUntilFri(
      prepared,
      digest,
      statement.publics,
      statement.contributions ?? [],
      proof,
      params,
    );

    // 6 ----- FRI transcript: layer roots, folding challenges, final polynomial, grinding, queries
    const ch = replayFriTranscript(st.transcript, shape.fri, proof.fri);
    const logMaxN = shape.fri.logMaxN;

    // 7 ----- trace openings at the queries, then each query's DEEP value folded through FRI
    const roots = { main: proof.mainRoot, pre: vk.preRoot, aux: proof.auxRoot, quotient: proof.quotientRoot };
    checkTreeOpenings(roots, shape.trees, proof.queries, ch.indices, logMaxN);
    const lambda = new Powers(st.challenges.lambda);
    const zeta = st.challenges.zeta;
    const combiners = new Map<number, DeepCombiner>();
    verifyFriQueries(shape.fri, proof.fri, ch, (q, index) =>
      deepInputsAt(
        q,
        index,
        logMaxN,
        params.logBlowup,
        proof.logHeights,
        shape.trees,
        proof.queries,
        proof.openings,
        zeta,
        (h) => extMulBase(zeta, rootOfUnity(h)),
        lambda,
        combiners,
      ),
    );
    return {
      ok: true,
      security,
      heights: proof.logHeights.map((h) => 2 ** h),
      params: { ...params },
      vkDigest: hex(digest),
    };
  } catch (e) {
    const kind =
      typeof (e as { kind?: unknown })?.kind === 'string' ? (e as { kind: string }).kind : 'internal';
    const reason = e instanceof Error ? e.message : String(e);
    return { ok: false, kind, reason };
  }
}

function checkHeightPins(
  pins: Statement['heights'],
  logHeights: readonly number[],
  names: readonly string[],
): void {
  if (pins === undefined || pins === null) return;
  if (!Array.isArray(pins) || pins.length !== logHeights.length) {
    throw new StarkError('bad-statement', `height pins must list ${logHeights.length} tables`);
  }
  const bound = (v: unknown, what: string, t: number) => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
      throw new StarkError('bad-statement', `chip ${names[t]}: height pin ${what} is not a number of rows`);
    return v;
  };
  pins.forEach((pin: unknown, t) => {
    if (pin === undefined || pin === null) return;
    let lo = 0;
    let hi = Number.POSITIVE_INFINITY;
    if (typeof pin === 'number') {
      lo = hi = bound(pin, 'value', t);
    } else if (typeof pin === 'object' && Object.getPrototypeOf(pin) === Object.prototype) {
      const keys = Object.keys(pin);
      if (keys.length === 0 || keys.some((k) => k !== 'min' && k !== 'max'))
        throw new StarkError(
          'bad-statement',
          `chip ${names[t]}: a height pin is a row count or { min, max }`,
        );
      const p = pin as { min?: unknown; max?: unknown };
      if (p.min !== undefined) lo = bound(p.min, 'min', t);
      if (p.max !== undefined) hi = bound(p.max, 'max', t);
    } else {
      throw new StarkError('bad-statement', `chip ${names[t]}: a height pin is a row count or { min, max }`);
    }
    const rows = 2 ** logHeights[t];
    if (rows < lo || rows > hi) {
      const want = lo === hi ? `${lo}` : `${lo}..${hi === Number.POSITIVE_INFINITY ? '' : hi}`;
      throw new StarkError(
        'height-mismatch',
        `chip ${names[t]}: the proof has ${rows} rows, the statement requires ${want}`,
      );
    }
  });
}
