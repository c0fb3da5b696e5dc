// Receipt verification against an image id: everything verifyReceipt does except the ELF check.
// It rebuilds the machine's verifying key from this code's constraint systems and the receipt's
// parameters, preprocessed root and fixed-table heights, recomputes the image id from that key's
// digest and the entry, requires it to equal the claim's (and the caller's, if given), then
// verifies the proof against the claim's statement. Never throws: every failure is
// { ok: false, kind, reason }.
//
// Nothing here may reach the prover (setup commits fixed tables: LDE and Merkle trees in wasm):
// it is what `rvstark/verify` (src/verify.ts) ships, and test/verify-entry.test.ts walks its
// imports. The ELF check, which runs setup, is in verify.ts and plugs in through `ElfCheck`.

import { imageIdV2 } from '../../circuits/machine/image-id.js';
import { rebuildMachineKey } from '../../circuits/machine/keys.js';
import type { Machine } from '../../circuits/machine/machine.js';
import { type Claim, claimContributions } from '../../circuits/machine/statement.js';
import type { SecurityReport, StarkParams } from '../fri/params.js';
import { proofLogHeights } from '../stark/proof.js';
import type { VerifyingKey } from '../stark/vk.js';
import { type PreparedVerifyingKey, prepareKey, verify } from '../verifier/index.js';
import { ReceiptError } from './errors.js';
import { DEFAULT_MIN_SECURITY_BITS, type PresetName, presetOf } from './presets.js';
import { decodeReceipt, type Receipt } from './receipt.js';

/** The table whose rows carry the claim's input and output bytes (circuits/ecall/io-air.ts). */
const IO_TABLE = 'io-words';

/** What a caller holding an image id (not the ELF) can require of a receipt. */
export interface ExpectedImageClaim {
  /** The image id the receipt must be for (32 bytes, or 64 hex digits). */
  readonly imageId?: Uint8Array | string;
  /** The input the run must have read, exactly. */
  readonly input?: Uint8Array;
  /** Security floor in conjectured bits. Default 100, or 0 with allowInsecure. */
  readonly minSecurityBits?: number;
  /** Accept any security level (the fast preset's receipts); minSecurityBits wins if given. */
  readonly allowInsecure?: boolean;
  /** Accept a dev-mode receipt (no proof): its claim is returned with dev: true, unproven. */
  readonly allowDev?: boolean;
}

export type VerifyReceiptFailure =
  | 'malformed'
  | 'unsupported-version'
  | 'image-id-mismatch'
  | 'input-mismatch'
  | 'dev-receipt'
  | 'insecure'
  | 'invalid-proof'
  | 'bad-expected'
  | 'internal';

export type VerifyReceiptResult =
  | {
      readonly ok: true;
      readonly claim: Claim;
      readonly imageIdHex: string;
      /** A dev receipt (only with allowDev): the claim is NOT proven. */
      readonly dev: boolean;
      readonly preset: PresetName | 'custom';
      readonly params: StarkParams;
      /** null for a dev receipt. */
      readonly security: SecurityReport | null;
      /** Each table's rows in the machine's order; empty for a dev receipt. */
      readonly heights: readonly number[];
      readonly vkDigest: string;
    }
  | { readonly ok: false; readonly kind: VerifyReceiptFailure; readonly reason: string };

export const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

export function same(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** A check that fails verification with this kind (caught by verifyReceiptWith). */
export class Reject extends Error {
  constructor(
    readonly kind: VerifyReceiptFailure,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Checks that the receipt's key (rebuilt from its data: `vk`, `digest`) is the key of `elf`;
 * throws Reject otherwise. Supplied by the ELF path (src/zkvm/verify.ts), which runs setup.
 */
export type ElfCheck = (elf: Uint8Array, r: Receipt, vk: VerifyingKey, digest: Uint8Array) => void;

/**
 * Verifies a receipt against an image id (or none), without the ELF. An `elf` field in
 * `expected` is refused (`bad-expected`) rather than ignored: checking it needs the prover.
 */
export function verifyImageReceipt(
  receiptBytes: Uint8Array,
  expected: ExpectedImageClaim = {},
): VerifyReceiptResult {
  return verifyReceiptWith(receiptBytes, expected);
}

/** The receipt checks, with the ELF check when the caller has one. */
export function verifyReceiptWith(
  receiptBytes: Uint8Array,
  expected: ExpectedImageClaim & { readonly elf?: Uint8Array },
  elfCheck?: ElfCheck,
): VerifyReceiptResult {
  try {
    return check(receiptBytes, expected ?? {}, elfCheck);
  } catch (e) {
    if (e instanceof Reject) return { ok: false, kind: e.kind, reason: e.message };
    if (e instanceof ReceiptError)
      return {
        ok: false,
        kind: e.kind === 'bad-version' ? 'unsupported-version' : 'malformed',
        reason: e.message,
      };
    return { ok: false, kind: 'internal', reason: e instanceof Error ? e.message : String(e) };
  }
}

function check(
  bytes: Uint8Array,
  expected: ExpectedImageClaim & { readonly elf?: Uint8Array },
  elfCheck: ElfCheck | undefined,
): VerifyReceiptResult {
  if (expected.elf !== undefined && elfCheck === undefined)
    throw new Reject(
      'bad-expected',
      "this verifier checks image ids only: pass the ELF's image id (`rvstark id prog.elf`), or verify against the ELF with the main rvstark entry",
    );
  const want = expectedImageId(expected.imageId);
  const r: Receipt = decodeReceipt(bytes);
  const key = machineKey(r);
  const { vk, digest } = key;
  const id = imageIdV2(digest, r.entry);
  const claim = r.claim;
  if (!same(id, claim.imageId))
    throw new Reject(
      'image-id-mismatch',
      `the claim names image ${hex(claim.imageId)} but the receipt's key and entry hash to ${hex(id)}` +
        ' (made with other circuits, e.g. another rvstark version, or altered)',
    );
  if (want !== undefined && !same(want, id))
    throw new Reject('image-id-mismatch', `the receipt is for image ${hex(id)}, not ${hex(want)}`);
  if (expected.elf !== undefined && elfCheck !== undefined) elfCheck(expected.elf, r, vk, digest);
  if (expected.input !== undefined) {
    if (!(expected.input instanceof Uint8Array)) throw new Reject('bad-expected', 'input is not bytes');
    if (!same(expected.input, claim.input)) {
      const prefix =
        claim.input.length < expected.input.length &&
        same(expected.input.subarray(0, claim.input.length), claim.input);
      throw new Reject(
        'input-mismatch',
        prefix
          ? `the run read only the first ${claim.input.length} of the ${expected.input.length} input bytes`
          : `the run read ${claim.input.length} input bytes that differ from the ${expected.input.length} expected`,
      );
    }
  }
  const preset = presetOf(r.key.params);
  const base = {
    claim,
    imageIdHex: hex(id),
    preset,
    params: r.key.params,
    vkDigest: hex(digest),
  };
  if (r.dev) {
    if (expected.allowDev !== true)
      throw new Reject(
        'dev-receipt',
        'this is a dev-mode receipt: it carries no proof, so nothing is verified (allow dev receipts to read its claim)',
      );
    return { ok: true, ...base, dev: true, security: null, heights: [] };
  }
  const min = expected.minSecurityBits ?? (expected.allowInsecure ? 0 : DEFAULT_MIN_SECURITY_BITS);
  if (typeof min !== 'number' || Number.isNaN(min)) throw new Reject('bad-expected', 'minSecurityBits');
  // Each io-words row moves at most 4 bytes of input or output, so a claim with more I/O than
  // the proof's io table can carry is false. Checked before building one bus tuple per claimed
  // byte: a receipt claiming megabytes it never proved must not cost the verifier minutes.
  const heights = proofLogHeights(r.proof);
  const io = vk.tables.findIndex((t) => t.name === IO_TABLE);
  if (heights === null || heights.length !== vk.tables.length)
    throw new Reject('invalid-proof', 'format: the proof header does not match the machine');
  if (io >= 0 && claim.input.length + claim.output.length > 4 * 2 ** heights[io])
    throw new Reject(
      'invalid-proof',
      `the claim has ${claim.input.length + claim.output.length} I/O bytes, more than the proof's I/O table can carry`,
    );
  const res = verify(
    key,
    {
      publics: vk.tables.map(() => []),
      contributions: claimContributions({ entry: r.entry } as Machine, claim),
    },
    r.proof,
    { minSecurityBits: min },
  );
  if (!res.ok) {
    if (res.kind === 'insufficient-security')
      throw new Reject(
        'insecure',
        `the receipt was proved at the ${preset} preset: ${res.reason}; allow insecure receipts to accept it`,
      );
    throw new Reject('invalid-proof', `${res.kind}: ${res.reason}`);
  }
  if (res.vkDigest !== hex(digest)) throw new Reject('internal', 'verifier checked another key');
  return { ok: true, ...base, dev: false, security: res.security, heights: res.heights };
}

// The last few keys rebuilt, by their data: a key and its digest are a pure function of the data
// and this code, and hashing a key costs milliseconds (it encodes every constraint system).
const KEY_CACHE_SIZE = 8;
const keyCache = new Map<string, PreparedVerifyingKey>();

function machineKey(r: Receipt): PreparedVerifyingKey {
  const p = r.key.params;
  const id = [
    p.logBlowup,
    p.numQueries,
    p.powBits,
    p.logFoldingArity,
    p.finalPolyLogDegree,
    p.logUpPowBits ?? 0,
    r.key.programLogHeight,
    r.key.imageLogHeight,
    hex(r.key.preRoot),
  ].join(',');
  const hit = keyCache.get(id);
  if (hit !== undefined) return hit;
  let vk: VerifyingKey;
  try {
    vk = rebuildMachineKey(r.key);
  } catch (e) {
    throw new Reject('malformed', `receipt key data: ${(e as Error).message}`);
  }
  let entry: PreparedVerifyingKey;
  try {
    entry = prepareKey(vk);
  } catch (e) {
    throw new Reject('malformed', `receipt key data: ${(e as Error).message}`);
  }
  if (keyCache.size >= KEY_CACHE_SIZE) keyCache.delete(keyCache.keys().next().value as string);
  keyCache.set(id, entry);
  return entry;
}

function expectedImageId(v: ExpectedImageClaim['imageId']): Uint8Array | undefined {
  if (v === undefined) return undefined;
  if (v instanceof Uint8Array) {
    if (v.length !== 32) throw new Reject('bad-expected', `an image id has 32 bytes, got ${v.length}`);
    return v;
  }
  if (typeof v !== 'string' || !/^[0-9a-fA-F]{64}$/.test(v))
    throw new Reject('bad-expected', 'an image id is 64 hex digits');
  return Uint8Array.from({ length: 32 }, (_, i) => Number.parseInt(v.slice(2 * i, 2 * i + 2), 16));
}
