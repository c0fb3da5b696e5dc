// Fiat-Shamir transcript: the verifier's randomness, derived from everything absorbed so far.
// The state is a BLAKE3 hash of the whole history in a prefix-free encoding (kind tag, label,
// length, bytes), so two different histories never collide into one state. A challenge is read
// from the XOF of a clone of that state, and a marker of the draw is absorbed back, so every later
// challenge depends on every earlier absorb and draw, in order.

import { blake3 } from '@noble/hashes/blake3.js';
import { type Felt, isCanonical, P } from '../field/babybear.js';
import { TranscriptError } from './errors.js';

/** Prefix tags: each absorbed item starts with one, so items of different kinds cannot alias. */
enum Tag {
  Domain = 1,
  Bytes = 2,
  U64 = 3,
  Felts = 4,
  Ext = 5,
  Digest = 6,
  Squeeze = 7,
}

type Hasher = ReturnType<typeof blake3.create>;

const utf8 = new TextEncoder();

export class Transcript {
  private hasher: Hasher;
  private squeezes = 0;

  /**
   * Starts a transcript bound to a protocol label and version, so proofs of one protocol (or
   * one version of it) are never valid for another.
   */
  constructor(protocol: string, version: number) {
    this.hasher = blake3.create();
    this.item(Tag.Domain, protocol, u64le(version));
  }

  private item(tag: Tag, label: string, data: Uint8Array): void {
    const l = utf8.encode(label);
    const head = new Uint8Array(1 + 4 + l.length + 8);
    const dv = new DataView(head.buffer);
    head[0] = tag;
    dv.setUint32(1, l.length, true);
    head.set(l, 5);
    dv.setUint32(5 + l.length, data.length >>> 0, true);
    dv.setUint32(9 + l.length, Math.floor(data.length / 2 ** 32), true);
    this.hasher.update(head);
    this.hasher.update(data);
  }

  absorbBytes(label: string, data: Uint8Array): void {
    this.item(Tag.Bytes, label, data);
  }

  /** A non-negative integer below 2^53 (sizes, parameters, nonces). */
  absorbU64(label: string, value: number): void {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new TranscriptError(
        'bad-value',
        `transcript: ${label} = ${value} is not an integer in [0, 2^53)`,
      );
    }
    this.item(Tag.U64, label, u64le(value));
  }

  /** Base-field elements, each 4 bytes little-endian; non-canonical values are rejected. */
  absorbFelts(label: string, values: ArrayLike<number>): void {
    const out = new Uint8Array(values.length * 4);
    const dv = new DataView(out.buffer);
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (!isCanonical(v)) {
        throw new TranscriptError(
          'non-canonical',
          `transcript: ${label}[${i}] = ${v} is not a canonical field element`,
        );
      }
      dv.setUint32(i * 4, v, true);
    }
    this.item(Tag.Felts, label, out);
  }

  /** Extension elements: 4 canonical words each (so the length must be a multiple of 4). */
  absorbExt(label: string, words: ArrayLike<number>): void {
    if (words.length % 4 !== 0) {
      throw new TranscriptError(
        'bad-length',
        `transcript: ${label} has ${words.length} words, not a multiple of 4`,
      );
    }
    const out = new Uint8Array(words.length * 4);
    const dv = new DataView(out.buffer);
    for (let i = 0; i < words.length; i++) {
      if (!isCanonical(words[i])) {
        throw new TranscriptError(
          'non-canonical',
          `transcript: ${label}[${i}] is not a canonical field element`,
        );
      }
      dv.setUint32(i * 4, words[i], true);
    }
    this.item(Tag.Ext, label, out);
  }

  /** A 32-byte commitment (Merkle root). */
  absorbDigest(label: string, digest: Uint8Array): void {
    if (digest.length !== 32) {
      throw new TranscriptError(
        'bad-length',
        `transcript: ${label} digest has ${digest.length} bytes, expected 32`,
      );
    }
    this.item(Tag.Digest, label, digest);
  }

  /** The XOF stream for one draw: history ‖ draw marker. The marker is absorbed back afterwards. */
  private stream(label: string): Hasher {
    const n = this.squeezes++;
    this.item(Tag.Squeeze, label, u64le(n));
    return this.hasher.clone();
  }

  /** `n` uniformly random bytes. */
  challengeBytes(label: string, n: number): Uint8Array {
    return this.stream(label).xof(n);
  }

  /** Uniform base-field elements by rejection sampling of 31-bit words (no modulo bias). */
  challengeFelts(label: string, count: number): Felt[] {
    const xof = this.stream(label);
    const out: Felt[] = [];
    while (out.length < count) {
      const block = xof.xof(4 * Math.max(8, count - out.length + 2));
      const dv = new DataView(block.buffer, block.byteOffset, block.byteLength);
      for (let i = 0; i < block.length && out.length < count; i += 4) {
        // Acceptance 15/16 per word: p = 15·2^27 + 1 of 2^31.
        const w = dv.getUint32(i, true) & 0x7fffffff;
        if (w < P) out.push(w);
      }
    }
    return out;
  }

  challengeFelt(label: string): Felt {
    return this.challengeFelts(label, 1)[0];
  }

  /** A uniform element of F_p^4 (4 words, coefficients of 1, x, x^2, x^3). */
  challengeExt(label: string): Uint32Array {
    return Uint32Array.from(this.challengeFelts(label, 4));
  }

  /** `count` uniform indices in [0, 2^logN), from raw bits (exact since the range is a power of two). */
  challengeIndices(label: string, count: number, logN: number): number[] {
    if (!Number.isInteger(logN) || logN < 0 || logN > 32) {
      throw new TranscriptError('bad-value', `transcript: index range 2^${logN} outside 2^0..2^32`);
    }
    if (!Number.isInteger(count) || count < 0) {
      throw new TranscriptError('bad-value', `transcript: bad index count ${count}`);
    }
    const bytes = this.stream(label).xof(4 * count);
    const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const out: number[] = new Array(count);
    for (let i = 0; i < count; i++) {
      const w = dv.getUint32(4 * i, true);
      out[i] = logN === 32 ? w : w & (2 ** logN - 1);
    }
    return out;
  }

  /** A 32-byte seed for proof-of-work, bound to the whole history (see pow.ts). */
  powSeed(): Uint8Array {
    return this.challengeBytes('pow-seed', 32);
  }
}

function u64le(v: number): Uint8Array {
  const out = new Uint8Array(8);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, v >>> 0, true);
  dv.setUint32(4, Math.floor(v / 2 ** 32), true);
  return out;
}
