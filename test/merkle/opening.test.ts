import { afterAll, describe, expect, it } from 'vitest';
import {
  commit,
  decodeOpening,
  encodeOpening,
  MerkleError,
  openingBytes,
  readOpening,
  shapeOf,
  verify,
} from '../../src/merkle/index.js';
import { freeMatrix, makeMatrix, words } from './helpers.js';

describe('opening encoding', () => {
  const matrices = [
    makeMatrix(words(64 * 5, 1), 64, 5, 'col-major'),
    makeMatrix(words(16 * 2, 2), 16, 2, 'row-major'),
  ];
  const shapes = matrices.map(shapeOf);
  const { root, tree } = commit(matrices);
  afterAll(() => {
    tree.free();
    for (const m of matrices) freeMatrix(m);
  });
  const idx = [9, 40, 41, 9];
  const opening = tree.open(idx);
  const bytes = encodeOpening(opening);

  it('round-trips and has the documented size', () => {
    expect(bytes.length).toBe(openingBytes(shapes, idx.length, opening.siblings.length));
    expect(bytes.length).toBe(4 * 7 * 4 + 4 + 32 * opening.siblings.length);
    const back = decodeOpening(bytes, shapes, idx.length);
    expect(back).toEqual(opening);
    expect(verify(root, shapes, idx, back)).toBe(true);
  });

  it('reads an opening embedded in a larger buffer', () => {
    const big = new Uint8Array(bytes.length + 10);
    big.set(bytes, 3);
    const { opening: o, offset } = readOpening(big, 3, shapes, idx.length);
    expect(offset).toBe(3 + bytes.length);
    expect(verify(root, shapes, idx, o)).toBe(true);
  });

  it('rejects every truncation and trailing bytes with a typed error', () => {
    for (let n = 0; n < bytes.length; n++) {
      expect(() => decodeOpening(bytes.subarray(0, n), shapes, idx.length)).toThrow(MerkleError);
    }
    const long = new Uint8Array(bytes.length + 1);
    long.set(bytes);
    expect(() => decodeOpening(long, shapes, idx.length)).toThrow('merkle opening: 1 trailing bytes');
  });

  it('rejects non-canonical words and impossible sibling counts', () => {
    const nc = bytes.slice();
    new DataView(nc.buffer).setUint32(8, 0x78000001, true);
    try {
      decodeOpening(nc, shapes, idx.length);
      expect.unreachable();
    } catch (e) {
      expect((e as MerkleError).kind).toBe('non-canonical');
    }
    const huge = bytes.slice();
    new DataView(huge.buffer).setUint32(4 * 7 * 4, 0xffffffff, true);
    expect(() => decodeOpening(huge, shapes, idx.length)).toThrow(
      'merkle opening: 4294967295 siblings, at most 24 are possible',
    );
    expect(() => decodeOpening(bytes, shapes, 0)).toThrow(MerkleError);
  });

  it('every bit flip is rejected by decode or by verify, never with another exception', () => {
    for (let bit = 0; bit < 8 * bytes.length; bit++) {
      const b = bytes.slice();
      b[bit >> 3] ^= 1 << (bit & 7);
      let accepted = false;
      try {
        accepted = verify(root, shapes, idx, decodeOpening(b, shapes, idx.length));
      } catch (e) {
        expect(e).toBeInstanceOf(MerkleError);
      }
      expect(accepted, `bit ${bit}`).toBe(false);
    }
  });
});
