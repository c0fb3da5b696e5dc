import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every source file reachable from `entry` through relative value imports (`import type` is erased). */
function reachable(entry: string): Set<string> {
  const seen = new Set<string>();
  const todo = [entry];
  while (todo.length > 0) {
    const f = todo.pop() as string;
    if (seen.has(f)) continue;
    seen.add(f);
    const src = readFileSync(f, 'utf8');
    for (const m of src.matchAll(/^(?:import|export)\s(?!type\s)[^;]*?from\s+'(\.[^']+)'/gms)) {
      todo.push(resolve(dirname(f), m[1].replace(/\.js$/, '.ts')));
    }
  }
  return seen;
}

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
