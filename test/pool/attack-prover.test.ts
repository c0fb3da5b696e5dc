// Adversarial tests of the asynchronous prover (src/zkvm/prove-async.ts, worker/prover.ts):
// close() while a proof runs must settle the proof, two proofs at once on one Prover must both
// give proveElf's bytes, and a progress callback that throws must not kill the prover worker.

import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { PoolError } from '../../src/pool/pool.js';
import { proveElf } from '../../src/zkvm/prove.js';
import { Prover } from '../../src/zkvm/prove-async.js';

const fib = new Uint8Array(readFileSync('guests/examples/fib/fib.elf'));
const u32 = (n: number) => new Uint8Array(new Uint32Array([n]).buffer);

function within<T>(p: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const t = new Promise<'timeout'>((r) => {
    timer = setTimeout(() => r('timeout'), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

const provers: Prover[] = [];
afterAll(async () => {
  for (const p of provers) await p.close();
});

describe('the async prover under attack', () => {
  it('settles a proof when the prover is closed during it (no hang)', async () => {
    const prover = await Prover.create({ threads: 2 });
    provers.push(prover);
    const proof = prover.proveElf(fib, u32(20000), { preset: 'fast' }).then(
      () => 'resolved',
      (e) => e,
    );
    await new Promise((r) => setTimeout(r, 1500));
    await prover.close();
    const r = await within(proof, 10_000);
    expect(r).not.toBe('timeout');
    if (r !== 'resolved') expect(r).toBeInstanceOf(PoolError);
  }, 60_000);

  it('proves twice at once on one prover, with the bytes of proveElf', async () => {
    const inputs = [u32(700), u32(900)];
    const want = inputs.map((i) => proveElf(fib, i, { preset: 'fast' }).receipt);
    const prover = await Prover.create({ threads: 2 });
    provers.push(prover);
    const got = await Promise.all(inputs.map((i) => prover.proveElf(fib, i, { preset: 'fast' })));
    for (let k = 0; k < 2; k++) expect(Buffer.from(got[k].receipt).equals(Buffer.from(want[k]))).toBe(true);
  }, 60_000);

  it('survives a progress callback that throws', async () => {
    const prover = await Prover.create({ threads: 2 });
    provers.push(prover);
    const bad = await prover
      .proveElf(fib, u32(50), {
        preset: 'fast',
        onProgress: (p) => {
          if (p === 'prove') throw new Error('progress callback failed');
        },
      })
      .then(
        () => 'resolved',
        (e) => e,
      );
    // As proveElf: the callback's error fails the proof; and the prover still works afterwards.
    expect(bad).toBeInstanceOf(Error);
    expect(String(bad.message)).toMatch(/progress callback failed/);
    expect(() =>
      proveElf(fib, u32(50), {
        preset: 'fast',
        onProgress: (p) => {
          if (p === 'prove') throw new Error('progress callback failed');
        },
      }),
    ).toThrow(/progress callback failed/);
    const want = proveElf(fib, u32(60), { preset: 'fast' }).receipt;
    const got = await prover.proveElf(fib, u32(60), { preset: 'fast' });
    expect(Buffer.from(got.receipt).equals(Buffer.from(want))).toBe(true);
  }, 60_000);
});
