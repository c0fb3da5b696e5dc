// Ctrl-C while proving: `rvstark prove` (a coordinator worker and a pool of helpers) exits
// promptly on SIGINT, writes no receipt and leaves no process behind; `--threads` is validated.

import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const tmp = mkdtempSync(join(tmpdir(), 'rvstark-sigint-'));
/** `rvstark prove` of fib from the sources, with these input bytes and extra arguments. */
const proveArgs = (inputHex: string, out: string, ...extra: string[]) => [
  '--import',
  'tsx',
  'src/cli/main.ts',
  'prove',
  'guests/examples/fib/fib.elf',
  '--input-hex',
  inputHex,
  '-o',
  out,
  ...extra,
];

describe('rvstark prove in workers', () => {
  it('exits promptly on SIGINT mid-proof and writes nothing', async () => {
    const out = join(tmp, 'r.bin');
    // fib(150000) ≈ 750k cycles at the default preset: many seconds of proving.
    const child = spawn(process.execPath, proveArgs('f0490200', out, '--threads', '2'), {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Wait until the prover is under way (its workers started and proving), then interrupt.
    await new Promise((r) => setTimeout(r, 6000));
    expect(child.exitCode).toBeNull();
    const t0 = performance.now();
    child.kill('SIGINT');
    const { code, signal } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
      child.on('exit', (c, s) => r({ code: c, signal: s })),
    );
    const ms = performance.now() - t0;
    expect(signal === 'SIGINT' || code === 130).toBe(true);
    expect(ms).toBeLessThan(3000);
    expect(existsSync(out)).toBe(false);
    // Threads live in the process: nothing of it is left.
    expect(() => process.kill(child.pid as number, 0)).toThrow();
  }, 30_000);

  it('refuses a bad --threads with a one-line usage error', async () => {
    const r = await new Promise<{ code: number | null; stderr: string }>((resolve) =>
      execFile(process.execPath, proveArgs('00', join(tmp, 'x'), '--threads', '0'), (err, _stdout, stderr) =>
        resolve({ code: err === null ? 0 : (err.code as number), stderr }),
      ),
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: --threads expects a positive integer, got "0"\n$/);
  }, 30_000);
});
