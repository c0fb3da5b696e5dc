// The rvstark CLI as a process: `run` passes the guest's exit status through (a0 & 0xff,
// like qemu-riscv32), 124 on the cycle limit, 125 on a guest fault, 2 on usage or bad
// input; one-line errors without stack traces; a bounded output preview; partial output
// on a fault; --json prints exactly one JSON object on stdout.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { A0, asm, exitSeq, writeSeq } from './helpers/asm.js';
import { DATA_BASE, makeElf } from './helpers/elf-writer.js';
import { GCC, QEMU, runQemu } from './helpers/qemu.js';

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

// Generous: each case starts node + tsx, and the machine may be busy.
describe('rvstark CLI', { timeout: 180_000 }, () => {
  it('run: prints output, exit code, cycles, histogram; --json; --profile', async () => {
    const out = join(tmp, 'out.bin');
    writeFileSync(join(tmp, 'in.bin'), Buffer.from('abc'));
    const [r, j, s] = await Promise.all([
      cli('run', 'guests/examples/hello/hello.elf', '--input-hex', '616220', '--profile'),
      cli('run', 'guests/examples/fib/fib.elf', '--input-hex', '0a000000', '--json'),
      cli('run', 'guests/examples/sha256/sha256.elf', '--input', join(tmp, 'in.bin'), '--output', out),
    ]);
    expect(r.status).toBe(1); // hello's exit code is its word count
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
  it('exit status 125 on a guest fault, 124 on the cycle limit, with a one-line error', async () => {
    const elf = join(tmp, 'ebreak.elf');
    writeFileSync(elf, makeElf({ code: [asm.iop('addi', 5, 0, 1), asm.ebreak()] }));
    const [r, c] = await Promise.all([
      cli('run', elf),
      cli('run', 'guests/examples/fib/fib.elf', '--input-hex', 'ffffff00', '--max-cycles', '1000'),
    ]);
    expect(r.status).toBe(125);
    expect(r.stderr).toBe('error: EBREAK at pc 0x00010004\n');
    expect(r.stdout).toBe('');
    expect(c.status).toBe(124);
    expect(c.stderr).toMatch(/^error: cycle limit of 1000 cycles reached at pc 0x[0-9a-f]{8}\n$/);
  });
  it('exit status 2 on usage errors and bad files, one line each', async () => {
    const cases = [
      ['run', 'guests/examples/fib/fib.elf', '--output', join(tmp, 'no/such/dir/out.bin')],
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
  it('run passes the guest exit status through (a0 & 0xff), like qemu-riscv32', async () => {
    const codes = [42, 1, 2, -1, 256 + 7];
    const elfs = codes.map((code, k) => {
      const path = join(tmp, `exit${k}.elf`);
      writeFileSync(path, makeElf({ code: [...asm.li(5, code), ...exitSeq(5)] }));
      return path;
    });
    const runs = await Promise.all(elfs.map((e) => cli('run', e)));
    expect(runs.map((r) => r.status)).toEqual([42, 1, 2, 255, 7]);
    expect(runs[3].stdout).toContain('exit code: -1 (exit status 255)\n');
    const json = await cli('run', elfs[0], '--json');
    expect([json.status, JSON.parse(json.stdout).exit_status]).toEqual([42, 42]);
    if (QEMU) {
      const q = await Promise.all(elfs.map((e) => runQemu(readFileSync(e), new Uint8Array(0))));
      expect(q.map((r) => r.status)).toEqual([42, 1, 2, 255, 7]);
    }
  });

  it('a fault keeps what the guest wrote: --output gets it, the message says partial', async () => {
    // write(1, "abc"), write(2, "b"), then EBREAK.
    const elf = join(tmp, 'partial.elf');
    const data = new TextEncoder().encode('abc\n');
    writeFileSync(
      elf,
      makeElf({ code: [...writeSeq(1, DATA_BASE, 3), ...writeSeq(2, DATA_BASE + 1, 1), asm.ebreak()], data }),
    );
    const out = join(tmp, 'partial.bin');
    const [f, p, j] = await Promise.all([
      cli('run', elf, '--output', out),
      cli('run', elf),
      cli('run', elf, '--json'),
    ]);
    expect(f.status).toBe(125);
    expect(readFileSync(out).toString()).toBe('abc');
    expect(f.stdout).toBe('');
    expect(f.stderr).toMatch(
      /^b?error: EBREAK at pc 0x[0-9a-f]{8} \(partial output: 3 bytes before the fault written to .*partial\.bin\)\n$/,
    );
    expect(f.stderr.startsWith('b')).toBe(true); // the guest's fd 2, before the error line
    expect(p.status).toBe(125);
    expect(p.stdout).toBe('output: partial, before the fault: 3 bytes\nabc\n');
    expect(j.status).toBe(125);
    const obj = JSON.parse(j.stdout);
    expect([obj.output_hex, obj.output_partial, obj.error.kind, obj.exit_status]).toEqual([
      '616263',
      true,
      'ebreak',
      125,
    ]);
  });

  it('a 50 MB output is previewed (bounded), with its size and a pointer to --output', async () => {
    // One write of 50 MB of (zero) memory: a few cycles.
    const n = 50 * 1024 * 1024;
    const elf = join(tmp, 'big.elf');
    writeFileSync(elf, makeElf({ code: [...writeSeq(1, DATA_BASE, n), ...asm.li(A0, 0), ...exitSeq(A0)] }));
    const out = join(tmp, 'big.bin');
    const [r, f] = await Promise.all([cli('run', elf), cli('run', elf, '--output', out)]);
    expect(r.status).toBe(0);
    expect(r.stdout.length).toBeLessThan(10_000);
    expect(r.stdout).toContain(
      `output: ${n} bytes; the first 1024 shown (--output <file> saves all of them)\n`,
    );
    expect(r.stdout).toContain(`  hex: ${'00'.repeat(1024)}\n  ... ${n - 1024} more bytes\n`);
    expect(f.status).toBe(0);
    expect(f.stdout).toContain(`output: ${n} bytes written to ${out}\n`);
    expect(readFileSync(out).length).toBe(n);
  });

  it('--json prints only one JSON object on stdout; the guest fd 2 goes to stderr', async () => {
    const elf = join(tmp, 'both.elf');
    const data = new TextEncoder().encode('to stdout\nto stderr\n');
    writeFileSync(
      elf,
      makeElf({
        code: [
          ...writeSeq(1, DATA_BASE, 10),
          ...writeSeq(2, DATA_BASE + 10, 10),
          ...asm.li(A0, 3),
          ...exitSeq(A0),
        ],
        data,
      }),
    );
    const r = await cli('run', elf, '--json');
    expect(r.status).toBe(3);
    expect(r.stdout.endsWith('\n')).toBe(true);
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(1);
    const obj = JSON.parse(r.stdout);
    expect(Buffer.from(obj.output_hex, 'hex').toString()).toBe('to stdout\n');
    expect([obj.exit_code, obj.exit_status, obj.output_bytes]).toEqual([3, 3, 10]);
    expect(r.stderr).toBe('to stderr\n');
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
