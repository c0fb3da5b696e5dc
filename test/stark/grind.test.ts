import { describe, expect, it } from 'vitest';
import { grindFast } from '../../src/prover/grind.js';
import { grind, Transcript } from '../../src/transcript/index.js';

describe('fast proof-of-work search', () => {
  it('finds the same nonce as the reference search and leaves the transcript in the same state', () => {
    for (const bits of [0, 1, 5, 9, 12]) {
      const mk = () => {
        const t = new Transcript('grind-test', 1);
        t.absorbU64('bits', bits);
        return t;
      };
      const a = mk();
      const b = mk();
      expect(grindFast(a, bits)).toBe(grind(b, bits));
      expect(a.challengeFelt('after')).toBe(b.challengeFelt('after'));
    }
  });
});
