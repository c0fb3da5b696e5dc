// The rvstark CLI as a process: exit status 0 (ran), 1 (guest fault), 2 (usage or bad
// input), one-line errors without stack traces, and the --json object.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { asm } from './helpers/asm.js';
import { makeElf } from './helpers/elf-writer.js';
import { GCC } from './helpers/qemu.js';

const tmp = mkdtempSync(join(tmpdir(), 'rvstark-cli-'));

/**
 * Runs the CLI from source. `node --import tsx` starts in ~0.4 s against ~1 s for `npx tsx`
 * (which spawns a second node), and the tests run independent commands concurrently:
 * the file went from ~27 s to a few seconds.
 */
function cli(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return cliWithEnv(process.env, ...args);
}

function cliWithEnv(
  env: NodeJS.ProcessEnv,
  ...args: string[]
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', ...args],
      { env },
      (err, stdout, stderr) => {
        const code = err === null ? 0 : typeof err.code === 'number' ? err.code : null;
        resolve({ status: code, stdout, stderr });
      },
    );
  });
}

describe('rvstark CLI', () => {
  it('run: prints output, exit code, cycles, histogram; --json; --profile', async () => {
    const out = join(tmp, 'out.bin');
    writeFileSync(join(tmp, 'in.bin'), Buffer.from('abc'));
    const [r, j, s] = await Promise.all([
      cli('run', 'guests/examples/hello/hello.elf', '--input-hex', '616220', '--profile'),
      cli('run', 'guests/examples/fib/fib.elf', '--input-hex', '0a000000', '--json'),
      cli('run', 'guests/examples/sha256/sha256.elf', '--input', join(tmp, 'in.bin'), '--output', out),
    ]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('hello, ab! 1 word, 3 bytes');
    expect(r.stdout).toMatch(/exit code: 1\n/);
    expect(r.stdout).toMatch(/cycles: \d+/);
    expect(r.stdout).toMatch(/addi +\d+/);
    expect(r.stdout).toMatch(/vfprintf @ 0x/);
    expect(j.status).toBe(0);
    const obj = JSON.parse(j.stdout);
    expect(obj.exit_code).toBe(0);
    expect(obj.output_hex).toBe('37000000');
    expect(obj.cycles).toBeGreaterThan(50);
    expect(s.status).toBe(0);
    expect(readFileSync(out).toString('hex')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
  it('exit status 1 on a guest fault, with a one-line error', async () => {
    const elf = join(tmp, 'ebreak.elf');
    writeFileSync(elf, makeElf({ code: [asm.iop('addi', 5, 0, 1), asm.ebreak()] }));
    const [r, c] = await Promise.all([
      cli('run', elf),
      cli('run', 'guests/examples/fib/fib.elf', '--input-hex', 'ffffff00', '--max-cycles', '1000'),
    ]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('error: EBREAK at pc 0x00010004\n');
    expect(c.status).toBe(1);
    expect(c.stderr).toMatch(/^error: cycle limit of 1000 cycles reached at pc 0x[0-9a-f]{8}\n$/);
  });
  it('exit status 2 on usage errors and bad files, one line each', async () => {
    const cases = [
      ['run'],
      ['frobnicate'],
      ['run', 'guests/examples/fib/fib.elf', '--input-hex', 'xyz'],
      ['run', 'guests/examples/fib/fib.elf', '--max-cycles', '-5'],
      ['run', 'no/such/file.elf'],
      ['run', 'package.json'],
      ['id', 'guests/examples/fib/fib.c'],
    ];
    const results = await Promise.all(cases.map((args) => cli(...args)));
    results.forEach((r, k) => {
      expect([cases[k], r.status]).toEqual([cases[k], 2]);
      expect(r.stderr).toMatch(/^error: [^\n]+\n$/);
    });
  });
  it('id prints the 64-hex-digit image id', async () => {
    const r = await cli('id', 'guests/examples/fib/fib.elf');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^[0-9a-f]{64}\n$/);
  });
  it.skipIf(!GCC)('build reproduces the committed fib ELF byte for byte', async () => {
    const out = join(tmp, 'fib.elf');
    const r = await cli('build', 'guests/examples/fib/fib.c', '-o', out);
    expect(r.status).toBe(0);
    expect(readFileSync(out).equals(readFileSync('guests/examples/fib/fib.elf'))).toBe(true);
  });

  it('build without the toolchain names the Debian packages to install', async () => {
    // The CLI runs from node's absolute path; PATH only serves its lookup of the compiler, and
    // an empty directory hides it.
    const empty = mkdtempSync(join(tmpdir(), 'rvstark-empty-path-'));
    const r = await cliWithEnv(
      { ...process.env, PATH: empty },
      'build',
      'guests/examples/fib/fib.c',
      '-o',
      join(tmp, 'x.elf'),
    );
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(
      /^error: riscv64-unknown-elf-gcc not found; .*apt-get install gcc-riscv64-unknown-elf/,
    );
  });
});
