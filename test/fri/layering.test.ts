import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reachable } from '../helpers/imports.js';

describe('FRI layering', () => {
  it('the verifier, shape and proof reader load no wasm and nothing of the prover', () => {
    const root = resolve(__dirname, '../../src');
    for (const entry of ['fri/verifier.ts', 'fri/shape.ts', 'fri/proof.ts']) {
      const files = [...reachable(join(root, entry))].map((f) => f.slice(root.length + 1));
      expect(files).toContain('field/babybear.ts');
      if (entry === 'fri/verifier.ts') expect(files).toContain('merkle/verify.ts');
      expect(
        files.filter((f) => f.startsWith('wasm/') || /prover|tree|vector\.ts|fold-wasm/.test(f)),
      ).toEqual([]);
    }
  });
});
