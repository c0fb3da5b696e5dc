// Errors thrown in the prover worker reach the caller as data (toWire, structured clone) and are
// rebuilt with their class and fields (fromWire), so callers can branch on instanceof and kind.

import { describe, expect, it } from 'vitest';
import { FieldError } from '../../src/field/errors.js';
import { FriError } from '../../src/fri/errors.js';
import { MerkleError } from '../../src/merkle/errors.js';
import { PolyError } from '../../src/poly/errors.js';
import { PoolError } from '../../src/pool/pool.js';
import { StarkError } from '../../src/stark/errors.js';
import { ProveError } from '../../src/zkvm/errors.js';
import { fromWire, toWire } from '../../src/zkvm/prove-async.js';

describe('errors across the worker boundary', () => {
  it('keep their class, kind and message', () => {
    const errors: Error[] = [
      new ProveError('too-long', 'the run takes 3 cycles'),
      new StarkError('bad-witness', 'trace value 7 is not below p'),
      new MerkleError('bad-shape', 'merkle: matrices must be an array'),
      new PolyError('bad-length', 'lde: column 1 is not a WasmVec'),
      new FriError('bad-shape', 'fri: inputs must be an array'),
      new FieldError('zero-inverse', 'extVecBatchInverse: element 3 is zero'),
      new PoolError('a pool worker died: worker exited with code 1'),
      new RangeError('out of range'),
    ];
    for (const e of errors) {
      const back = fromWire(structuredClone(toWire(e)));
      expect(back).toBeInstanceOf(e.constructor);
      expect(back.message).toBe(e.message);
      expect(back.name).toBe(e.name);
      expect((back as { kind?: string }).kind).toBe((e as { kind?: string }).kind);
    }
    // Something that is not an Error still arrives as one.
    expect(fromWire(toWire('boom'))).toBeInstanceOf(Error);
  });
});
