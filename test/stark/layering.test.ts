import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reachable } from '../helpers/imports.js';

describe('STARK layering', () => {
  it('the verifier loads nothing from the prover', () => {
    const root = resolve(__dirname, '../../src');
    const files = [...reachable(join(root, 'verifier/index.ts'))].map((f) => f.slice(root.length + 1));
    expect(files).toContain('verifier/verify.ts');
    expect(files.filter((f) => f.startsWith('prover/'))).toEqual([]);
  });

  it('the verifier needs only a verifying key: no LDE, no tree builder, no wasm or shared memory', () => {
    const root = resolve(__dirname, '../../src');
    const files = [...reachable(join(root, 'verifier/index.ts'))].map((f) => f.slice(root.length + 1));
    expect(files).toContain('stark/vk.ts');
    const forbidden =
      /^(prover\/|wasm\/|poly\/(lde|ntt|kernels|twiddles|evaluate)\.ts|merkle\/(tree|hash)\.ts|stark\/(preprocessed|columns)\.ts|air\/(debug|program|program-run|logup-trace)\.ts)/;
    expect(files.filter((f) => forbidden.test(f))).toEqual([]);
  });

  it('the prover and verifier share the protocol modules, and lower layers import neither', () => {
    const root = resolve(__dirname, '../../src');
    for (const lower of [
      'field/index.ts',
      'poly/index.ts',
      'merkle/index.ts',
      'transcript/index.ts',
      'air/index.ts',
    ]) {
      const files = [...reachable(join(root, lower))].map((f) => f.slice(root.length + 1));
      expect(
        files.filter((f) => /^(prover|verifier|stark|fri)\//.test(f)),
        lower,
      ).toEqual([]);
    }
  });
});
