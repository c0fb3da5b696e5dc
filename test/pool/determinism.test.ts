// Proof bytes do not depend on the thread count: the same run proved inline (proveElf), and by
// the asynchronous prover with 1, 2 and 4 threads, gives byte-identical receipts. Errors thrown in
// the prover worker come back with their class and fields, and a closed prover leaves no worker.

import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { ElfError, ExecutionError } from '../../src/vm/errors.js';
import { proveElf } from '../../src/zkvm/prove.js';
import { Prover, proveElfAsync } from '../../src/zkvm/prove-async.js';
import { verifyReceipt } from '../../src/zkvm/verify.js';

const fib = new Uint8Array(readFileSync('guests/examples/fib/fib.elf'));
const sha = new Uint8Array(readFileSync('guests/examples/sha256/sha256.elf'));
const u32 = (n: number) => new Uint8Array(new Uint32Array([n]).buffer);

const provers: Prover[] = [];
afterAll(async () => {
  for (const p of provers) await p.close();
});

describe('determinism across thread counts', () => {
  it('fib and sha256 (fast preset) and fib (default preset): same receipt bytes for 1, 2 and 4 threads', async () => {
    const runs = [
      { elf: fib, input: u32(3000), preset: 'fast' as const },
      { elf: sha, input: new TextEncoder().encode('abc'.repeat(100)), preset: 'fast' as const },
      { elf: fib, input: u32(500), preset: 'default' as const },
    ];
    const want = runs.map((r) => proveElf(r.elf, r.input, { preset: r.preset }).receipt);
    for (const threads of [1, 2, 4]) {
      const prover = await Prover.create({ threads });
      provers.push(prover);
      for (let i = 0; i < runs.length; i++) {
        const r = runs[i];
        const got = await prover.proveElf(r.elf, r.input, { preset: r.preset });
        expect(Buffer.from(got.receipt).equals(Buffer.from(want[i])), `run ${i} at ${threads} threads`).toBe(
          true,
        );
        expect(got.steps.quotient).toBeGreaterThan(0);
      }
      await prover.close();
    }
    const v = verifyReceipt(want[2], { elf: fib });
    expect(v.ok).toBe(true);
  }, 240_000);

  it('proves on the calling thread, with the same bytes, where no worker starts', async () => {
    const want = proveElf(fib, u32(300), { preset: 'fast' }).receipt;
    const prover = await Prover.create({
      threads: 2,
      spawn: async () => {
        throw new Error('Worker is not defined');
      },
    });
    provers.push(prover);
    expect(prover.threads).toBe(1);
    expect(prover.fallback).toMatch(/cannot start a prover worker/);
    const got = await prover.proveElf(fib, u32(300), { preset: 'fast' });
    expect(Buffer.from(got.receipt).equals(Buffer.from(want))).toBe(true);
    expect(got.fallback).toMatch(/proving on this thread/);
  });

  it('reports progress from the worker and rethrows errors with their class', async () => {
    const phases: string[] = [];
    const res = await proveElfAsync(fib, u32(50), {
      preset: 'fast',
      threads: 2,
      onProgress: (p) => {
        phases.push(p);
      },
    });
    expect(res.claim.exitCode).toBe(0);
    expect(phases).toEqual(
      expect.arrayContaining(['execute', 'record', 'witness', 'setup', 'prove', 'done']),
    );
    const bad = await proveElfAsync(new Uint8Array([1, 2, 3]), new Uint8Array(0), { threads: 2 }).catch(
      (e) => e,
    );
    expect(bad).toBeInstanceOf(ElfError);
    expect(String(bad.message)).toMatch(/ELF/i);
    // A guest that faults: an ExecutionError with its kind and pc.
    const elf = new Uint8Array(fib);
    const fault = await proveElfAsync(elf, new Uint8Array(0), { threads: 1, maxProveCycles: 10 }).catch(
      (e) => e,
    );
    expect(fault).not.toBeInstanceOf(ElfError);
    expect(fault instanceof ExecutionError || fault.name === 'ProveError').toBe(true);
  }, 120_000);
});
