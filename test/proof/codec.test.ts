import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { P } from '../../src/field/babybear.js';
import { ByteReader, ByteWriter, ProofFormatError } from '../../src/proof/codec.js';

interface Sample {
  tag: number;
  felts: number[];
  blob: Uint8Array;
}

function write(s: Sample): Uint8Array {
  const w = new ByteWriter();
  w.u8(s.tag);
  w.count(s.felts.length);
  w.felts(s.felts);
  w.count(s.blob.length);
  w.bytes(s.blob);
  return w.finish();
}

function read(b: Uint8Array): Sample {
  const r = new ByteReader(b);
  const tag = r.u8('tag');
  const felts = Array.from(r.felts(r.count('felt count', 0, 64), 'felts'));
  const blob = r.bytes(r.count('blob length', 0, 4096), 'blob');
  r.finish();
  return { tag, felts, blob };
}

const sample = fc.record({
  tag: fc.integer({ min: 0, max: 255 }),
  felts: fc.array(fc.integer({ min: 0, max: P - 1 }), { maxLength: 64 }),
  blob: fc.uint8Array({ maxLength: 300 }),
});

describe('proof codec', () => {
  it('round-trips', () => {
    fc.assert(
      fc.property(sample, (s) => {
        const back = read(write(s));
        expect(back.tag).toBe(s.tag);
        expect(back.felts).toEqual(s.felts);
        expect(Array.from(back.blob)).toEqual(Array.from(s.blob));
      }),
    );
  });

  it('rejects every truncation and any trailing byte with a typed error', () => {
    fc.assert(
      fc.property(sample, fc.nat(), (s, k) => {
        const b = write(s);
        const cut = k % b.length;
        expect(() => read(b.subarray(0, cut))).toThrow(ProofFormatError);
        const longer = new Uint8Array(b.length + 1);
        longer.set(b);
        try {
          read(longer);
          throw new Error('accepted trailing bytes');
        } catch (e) {
          expect((e as ProofFormatError).kind).toBe('trailing-bytes');
        }
      }),
    );
  });

  it('rejects non-canonical field elements and out-of-range counts before allocating', () => {
    const w = new ByteWriter();
    w.count(1);
    w.u32(P);
    const r = new ByteReader(w.finish());
    r.u32('n');
    expect(() => r.felts(1, 'x')).toThrow(/x\[0\] = 2013265921 is not a canonical field element/);
    const huge = new ByteWriter();
    huge.count(0xffffffff);
    expect(() => new ByteReader(huge.finish()).count('rows', 0, 1 << 20)).toThrow(
      'rows: expected 0..1048576, got 4294967295',
    );
  });

  it('survives random bit flips with either a value or a typed error, never anything else', () => {
    fc.assert(
      fc.property(sample, fc.nat(), (s, k) => {
        const b = write(s);
        b[k % b.length] ^= 1 << (k % 8);
        try {
          read(b);
        } catch (e) {
          expect(e).toBeInstanceOf(ProofFormatError);
        }
      }),
      { numRuns: 500 },
    );
  });
});
