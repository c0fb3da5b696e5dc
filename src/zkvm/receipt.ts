// The receipt: a claim, the machine data a verifier needs to rebuild the verifying key without
// the ELF, and the proof (docs/RECEIPT.md). The reader derives every length from the bytes,
// bounds every count before it allocates, and rejects trailing bytes; all failures are
// ReceiptError. All integers are u32 little-endian unless said otherwise.

import type { Claim } from '../../circuits/machine/index.js';
import {
  MAX_FIXED_LOG_HEIGHT,
  type MachineKeyData,
  MIN_FIXED_LOG_HEIGHT,
} from '../../circuits/machine/keys.js';
import { checkParams, type StarkParams } from '../fri/params.js';
import { ByteReader, ByteWriter, ProofFormatError } from '../proof/codec.js';
import { readParams, writeParams } from '../stark/vk.js';
import { ReceiptError } from './errors.js';

/** 15 ASCII bytes and a NUL. */
export const RECEIPT_MAGIC = 'rvstark-receipt\0';
export const RECEIPT_VERSION = 1;
/** Flag bit 0: a dev-mode receipt (a claim and no proof). No other bit is defined. */
export const FLAG_DEV = 1;
/** A run has 1 … 2^27 − 2 cycles: timestamps 4·(cycles + 1) stay below 2^29 (docs/CIRCUITS.md). */
export const MAX_CLAIM_CYCLES = 2 ** 27 - 2;
// The most I/O a proof can carry: 4 bytes per io-words row, at most 2^22 rows.
const MAX_BYTES_FIELD = 2 ** 24;

export interface Receipt {
  readonly claim: Claim;
  /** The program's entry pc (the image id hashes it with the verifying key's digest). */
  readonly entry: number;
  /** Parameters, preprocessed root and the program-dependent fixed tables' log heights. */
  readonly key: MachineKeyData;
  /** Dev mode: the claim is not proven; `proof` is empty. */
  readonly dev: boolean;
  /** The STARK proof bytes (docs/PROOF_FORMAT.md); empty iff dev. */
  readonly proof: Uint8Array;
}

const utf8 = new TextEncoder();

function checkReceipt(r: Receipt): void {
  const c = r.claim;
  const bad = (m: string): never => {
    throw new ReceiptError('bad-value', m);
  };
  if (!(c.imageId instanceof Uint8Array) || c.imageId.length !== 32) bad('image id is not 32 bytes');
  if (!(c.input instanceof Uint8Array) || !(c.output instanceof Uint8Array))
    bad('input and output must be byte arrays');
  if (!Number.isInteger(c.exitCode) || c.exitCode < -(2 ** 31) || c.exitCode >= 2 ** 31)
    bad(`exit code ${c.exitCode} is not a signed 32-bit value`);
  if (!Number.isInteger(c.cycles) || c.cycles < 1 || c.cycles > MAX_CLAIM_CYCLES)
    bad(`cycles ${c.cycles} outside 1..${MAX_CLAIM_CYCLES}`);
  if (!Number.isInteger(r.entry) || r.entry < 0 || r.entry > 0xffffffff) bad(`entry ${r.entry}`);
  const k = r.key;
  if (!(k.preRoot instanceof Uint8Array) || k.preRoot.length !== 32) bad('preprocessed root is not 32 bytes');
  for (const h of [k.programLogHeight, k.imageLogHeight])
    if (!Number.isInteger(h) || h < MIN_FIXED_LOG_HEIGHT || h > MAX_FIXED_LOG_HEIGHT)
      bad(`fixed table log height ${h} outside ${MIN_FIXED_LOG_HEIGHT}..${MAX_FIXED_LOG_HEIGHT}`);
  try {
    checkParams(k.params);
  } catch (e) {
    bad(`parameters: ${(e as Error).message}`);
  }
  if (!(r.proof instanceof Uint8Array)) bad('the proof must be a byte array');
  if (r.dev !== (r.proof.length === 0)) bad('a receipt has a proof iff it is not a dev receipt');
}

/** The receipt's bytes (docs/RECEIPT.md). Throws ReceiptError on a receipt it could not read back. */
export function encodeReceipt(r: Receipt): Uint8Array {
  checkReceipt(r);
  const w = new ByteWriter();
  w.bytes(utf8.encode(RECEIPT_MAGIC));
  w.u32(RECEIPT_VERSION);
  w.u8(r.dev ? FLAG_DEV : 0);
  // claim
  const c = r.claim;
  w.bytes(c.imageId);
  w.u32(c.exitCode >>> 0);
  w.u32(c.cycles);
  w.count(c.input.length);
  w.bytes(c.input);
  w.count(c.output.length);
  w.bytes(c.output);
  // machine
  w.u32(r.entry);
  writeParams(w, r.key.params);
  w.u8(r.key.programLogHeight);
  w.u8(r.key.imageLogHeight);
  w.bytes(r.key.preRoot);
  // proof
  w.count(r.proof.length);
  w.bytes(r.proof);
  return w.finish();
}

/** Reads a receipt; throws ReceiptError (kind says what is wrong) on anything malformed. */
export function decodeReceipt(bytes: Uint8Array): Receipt {
  if (!(bytes instanceof Uint8Array)) throw new ReceiptError('bad-value', 'a receipt is a byte array');
  try {
    return read(new ByteReader(bytes, 'receipt'));
  } catch (e) {
    if (e instanceof ProofFormatError) throw new ReceiptError(e.kind, e.message);
    throw e;
  }
}

function read(r: ByteReader): Receipt {
  const magic = r.bytes(RECEIPT_MAGIC.length, 'magic');
  if (!magic.every((b, i) => b === RECEIPT_MAGIC.charCodeAt(i)))
    throw new ReceiptError('bad-magic', 'not an rvstark receipt (bad magic)');
  const version = r.u32('version');
  if (version !== RECEIPT_VERSION)
    throw new ReceiptError(
      'bad-version',
      `receipt format version ${version}; this rvstark reads version ${RECEIPT_VERSION}`,
    );
  const flags = r.u8('flags');
  if ((flags & ~FLAG_DEV) !== 0)
    throw new ReceiptError('non-canonical', `unknown flags 0x${flags.toString(16)}`);
  const dev = (flags & FLAG_DEV) !== 0;
  const imageId = r.bytes(32, 'image id');
  const exitCode = r.u32('exit code') | 0;
  const cycles = r.u32('cycles');
  if (cycles < 1 || cycles > MAX_CLAIM_CYCLES)
    throw new ReceiptError('bad-value', `cycles ${cycles} outside 1..${MAX_CLAIM_CYCLES}`);
  const input = r.bytes(r.count('input length', 0, MAX_BYTES_FIELD), 'input');
  const output = r.bytes(r.count('output length', 0, MAX_BYTES_FIELD), 'output');
  const entry = r.u32('entry');
  const params: StarkParams = readParams(r);
  try {
    checkParams(params);
  } catch (e) {
    throw new ReceiptError('bad-value', `parameters: ${(e as Error).message}`);
  }
  const logHeight = (what: string) => {
    const h = r.u8(what);
    if (h < MIN_FIXED_LOG_HEIGHT || h > MAX_FIXED_LOG_HEIGHT)
      throw new ReceiptError(
        'bad-value',
        `${what} ${h} outside ${MIN_FIXED_LOG_HEIGHT}..${MAX_FIXED_LOG_HEIGHT}`,
      );
    return h;
  };
  const programLogHeight = logHeight('program table log height');
  const imageLogHeight = logHeight('image table log height');
  const preRoot = r.bytes(32, 'preprocessed root');
  const proofLen = r.count('proof length', 0, MAX_BYTES_FIELD);
  if (dev !== (proofLen === 0))
    throw new ReceiptError(
      'non-canonical',
      dev ? 'a dev receipt carries no proof' : 'the receipt has no proof and is not marked dev',
    );
  const proof = r.bytes(proofLen, 'proof');
  r.finish();
  return {
    claim: { imageId, input, output, exitCode, cycles },
    entry,
    key: { params, preRoot, programLogHeight, imageLogHeight },
    dev,
    proof,
  };
}
