// Byte encoding of proofs: a writer for the prover and a strict reader for the verifier. The
// reader checks every length against the bytes left before it allocates, rejects non-canonical
// field elements, and `finish()` rejects trailing bytes, so a malformed proof fails here with a
// typed error instead of deeper in the verifier. All integers are little-endian.

import { P } from '../field/babybear.js';

export type ProofFormatErrorKind =
  | 'truncated'
  | 'trailing-bytes'
  | 'non-canonical'
  | 'bad-length'
  | 'bad-version';

export class ProofFormatError extends Error {
  readonly kind: ProofFormatErrorKind;
  constructor(kind: ProofFormatErrorKind, message: string) {
    super(message);
    this.name = 'ProofFormatError';
    this.kind = kind;
  }
}

export class ByteWriter {
  private buf = new Uint8Array(1024);
  private len = 0;

  private reserve(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.len + n) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  u8(v: number): void {
    this.reserve(1);
    this.buf[this.len++] = v;
  }

  u32(v: number): void {
    this.reserve(4);
    new DataView(this.buf.buffer).setUint32(this.len, v >>> 0, true);
    this.len += 4;
  }

  /** A length or count, as a u32. */
  count(n: number): void {
    if (!Number.isInteger(n) || n < 0 || n > 0xffffffff)
      throw new RangeError(`count ${n} does not fit in a u32`);
    this.u32(n);
  }

  bytes(b: Uint8Array): void {
    this.reserve(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
  }

  /** Field elements, 4 bytes each, without a length prefix (the shape says how many). */
  felts(values: ArrayLike<number>): void {
    this.reserve(values.length * 4);
    const dv = new DataView(this.buf.buffer);
    for (let i = 0; i < values.length; i++) dv.setUint32(this.len + 4 * i, values[i], true);
    this.len += values.length * 4;
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}

export class ByteReader {
  private pos = 0;
  private readonly dv: DataView;

  constructor(
    private readonly buf: Uint8Array,
    /** What is being read, for error messages ("proof", "verifying key", "receipt"). */
    private readonly subject = 'proof',
  ) {
    this.dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  get remaining(): number {
    return this.buf.length - this.pos;
  }

  private need(n: number, what: string): void {
    if (n > this.remaining) {
      throw new ProofFormatError(
        'truncated',
        `${this.subject} truncated: ${what} needs ${n} bytes, ${this.remaining} left`,
      );
    }
  }

  u8(what: string): number {
    this.need(1, what);
    return this.buf[this.pos++];
  }

  u32(what: string): number {
    this.need(4, what);
    const v = this.dv.getUint32(this.pos, true);
    this.pos += 4;
    return v;
  }

  /** A count that must lie in [min, max]; checked before anything is allocated for it. */
  count(what: string, min: number, max: number): number {
    const n = this.u32(what);
    if (n < min || n > max)
      throw new ProofFormatError('bad-length', `${what}: expected ${min}..${max}, got ${n}`);
    return n;
  }

  /** A value that must equal what the verifier expects (a shape field). */
  expect(what: string, expected: number): void {
    const got = this.u32(what);
    if (got !== expected)
      throw new ProofFormatError('bad-length', `${what}: expected ${expected}, got ${got}`);
  }

  bytes(n: number, what: string): Uint8Array {
    this.need(n, what);
    const out = this.buf.slice(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  felts(n: number, what: string): Uint32Array {
    this.need(4 * n, what);
    const out = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      const v = this.dv.getUint32(this.pos + 4 * i, true);
      if (v >= P)
        throw new ProofFormatError('non-canonical', `${what}[${i}] = ${v} is not a canonical field element`);
      out[i] = v;
    }
    this.pos += 4 * n;
    return out;
  }

  /** Fails unless every byte was consumed. */
  finish(): void {
    if (this.remaining !== 0) {
      throw new ProofFormatError('trailing-bytes', `${this.subject} has ${this.remaining} trailing bytes`);
    }
  }
}
