/**
 * `rvstark bench [--quick] [--json]`: proves the example guests (fib with n from the input,
 * sha256 over inputs of growing size) at 2^14 … 2^20 cycles at the default preset and reports,
 * per row: cycles, prove seconds (warm: the second prove at that size in this process), cold
 * prove (a fresh `rvstark prove` process, as a user runs it), cycles/s, verify ms, proof KiB,
 * peak RSS (of the fresh process), security bits and cells per cycle. bench/rv.ts gives the same
 * rows to `npm run bench`. Guests that execute an op the circuits do not prove yet are skipped
 * with a note.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CircuitError } from '../../circuits/machine/errors.js';
import { execute, loadElf } from '../vm/index.js';
import type { proveElf as ProveElf } from '../zkvm/prove.js';
import type { verifyReceipt as VerifyReceipt } from '../zkvm/verify.js';
import { EXIT_OK, parseThreads } from './common.js';

export interface BenchRowResult {
  readonly guest: string;
  readonly log2: number;
  readonly cycles: number;
  /** Warm prove (ms): the second prove of this size in one process. */
  readonly prove_ms: number;
  readonly cycles_per_s: number;
  /** A fresh `rvstark prove --json` process: its proving time (ms, all phases). */
  readonly cold_ms: number;
  /** The same process's wall time, start-up and module loading included (ms). */
  readonly cold_wall_ms: number;
  readonly verify_ms: number;
  readonly verify_cold_ms: number;
  readonly proof_bytes: number;
  /** maxRSS of the fresh prove process (MiB). */
  readonly peak_rss_mb: number;
  readonly security_bits: number;
  readonly cells_per_cycle: number;
}

export interface BenchRunOptions {
  readonly quick?: boolean;
  /** Sizes as log2 cycles (default 14, 16, 18, 20; quick: 14). */
  readonly sizes?: readonly number[];
  readonly guests?: readonly string[];
  /** How to start the CLI in a fresh process for the cold prove: [executable, ...args]. */
  readonly cli?: readonly string[];
  readonly onRow?: (row: BenchRowResult) => void;
  readonly onNote?: (note: string) => void;
  /** Prove in workers with this many threads (default: on this thread, synchronously). */
  readonly threads?: number;
}

export const BENCH_GUESTS = ['fib', 'sha256'] as const;

/** The directory holding guests/examples (the package root, from src/cli or dist/src/cli). */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'guests', 'examples'))) return dir;
    dir = dirname(dir);
  }
  throw new Error('cannot find guests/examples next to rvstark');
}

export function guestElf(guest: string): Uint8Array {
  return new Uint8Array(readFileSync(join(packageRoot(), 'guests', 'examples', guest, `${guest}.elf`)));
}

/** An input that makes `guest` run about 2^log2 cycles (at most), from a two-point linear fit. */
export function inputForCycles(guest: string, elf: Uint8Array, log2: number): Uint8Array {
  const program = loadElf(elf);
  const cycles = (input: Uint8Array) => execute(program, input).cycles;
  const target = 2 ** log2;
  if (guest === 'fib') {
    const u32 = (n: number) => Uint8Array.from([n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, n >>> 24]);
    const c0 = cycles(u32(0));
    const per = (cycles(u32(1000)) - c0) / 1000;
    return u32(Math.max(0, Math.floor((target - c0) / per)));
  }
  if (guest === 'sha256') {
    const c0 = cycles(new Uint8Array(0));
    const per = (cycles(new Uint8Array(4096)) - c0) / 4096;
    return new Uint8Array(Math.max(0, Math.floor((target - c0) / per / 64) * 64));
  }
  throw new Error(`no input model for guest ${guest}`);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

const r1 = (x: number) => Math.round(x * 10) / 10;

/**
 * A fresh `rvstark prove --json` process (the cold time a user sees): its own total time, its
 * wall time from spawn, and its peak RSS; NaN with the error's text if it failed.
 */
export function coldProve(
  cli: readonly string[],
  elfPath: string,
  inPath: string,
  outPath: string,
  extra: readonly string[] = [],
): { coldMs: number; coldWall: number; rss: number; error: string | null } {
  const spawned = performance.now();
  const child = spawnSync(
    cli[0],
    [...cli.slice(1), 'prove', elfPath, '--input', inPath, '-o', outPath, '--json', ...extra],
    { encoding: 'utf8', maxBuffer: 64 << 20 },
  );
  const coldWall = performance.now() - spawned;
  if (child.status !== 0)
    return { coldMs: Number.NaN, coldWall, rss: Number.NaN, error: child.stderr.trim() };
  const j = JSON.parse(child.stdout) as { timings_ms: { total: number }; peak_rss_mb: number };
  return { coldMs: j.timings_ms.total, coldWall, rss: j.peak_rss_mb, error: null };
}

/** Runs the benchmark; returns its rows (skipped guests and sizes are reported through onNote). */
export async function runBench(opts: BenchRunOptions = {}): Promise<BenchRowResult[]> {
  const syncProve: typeof ProveElf = (await import('../zkvm/prove.js')).proveElf;
  const prover =
    opts.threads === undefined
      ? null
      : await (await import('../zkvm/prove-async.js')).Prover.create({ threads: opts.threads });
  const proveElf = async (elf: Uint8Array, input: Uint8Array) =>
    prover === null
      ? syncProve(elf, input, { preset: 'default' })
      : prover.proveElf(elf, input, { preset: 'default' });
  const verifyReceipt: typeof VerifyReceipt = (await import('../zkvm/verify.js')).verifyReceipt;
  const sizes = opts.sizes ?? (opts.quick ? [14] : [14, 16, 18, 20]);
  const note = opts.onNote ?? (() => {});
  const cli = opts.cli ?? [process.execPath, ...process.execArgv, process.argv[1]];
  const tmp = mkdtempSync(join(tmpdir(), 'rvstark-bench-'));
  const rows: BenchRowResult[] = [];
  try {
    for (const guest of opts.guests ?? BENCH_GUESTS) {
      const elf = guestElf(guest);
      for (const log2 of sizes) {
        const input = inputForCycles(guest, elf, log2);
        try {
          await proveElf(elf, input); // the first prove of this size: warm-up
        } catch (e) {
          if (e instanceof CircuitError && e.kind === 'unsupported-opcode') {
            note(`${guest}: skipped: ${e.message}`);
            break;
          }
          note(`${guest} 2^${log2}: skipped: ${(e as Error).message}`);
          continue;
        }
        const warm = await proveElf(elf, input);
        const elfPath = join(packageRoot(), 'guests', 'examples', guest, `${guest}.elf`);
        const inPath = join(tmp, 'input.bin');
        writeFileSync(inPath, input);
        const threadArgs = opts.threads === undefined ? [] : ['--threads', String(opts.threads)];
        const cold = coldProve(cli, elfPath, inPath, join(tmp, 'r.bin'), threadArgs);
        if (cold.error !== null) note(`${guest} 2^${log2}: the fresh prove process failed: ${cold.error}`);
        const { coldMs, coldWall, rss } = cold;
        let t = performance.now();
        const v = verifyReceipt(warm.receipt);
        const verifyCold = performance.now() - t;
        if (!v.ok) throw new Error(`${guest} 2^${log2}: verification failed: ${v.reason}`);
        const times: number[] = [];
        for (let i = 0; i < 5; i++) {
          t = performance.now();
          verifyReceipt(warm.receipt);
          times.push(performance.now() - t);
        }
        const proveMs = warm.timings.total;
        const row: BenchRowResult = {
          guest,
          log2,
          cycles: warm.claim.cycles,
          prove_ms: r1(proveMs),
          cycles_per_s: Math.round(warm.claim.cycles / (proveMs / 1000)),
          cold_ms: r1(coldMs),
          cold_wall_ms: r1(coldWall),
          verify_ms: r1(median(times)),
          verify_cold_ms: r1(verifyCold),
          proof_bytes: warm.proofBytes,
          peak_rss_mb: rss,
          security_bits: warm.security?.bits ?? 0,
          cells_per_cycle: r1(warm.cells.perCycle),
        };
        rows.push(row);
        opts.onRow?.(row);
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    await prover?.close();
  }
  return rows;
}

export async function benchCommand(opts: {
  quick?: boolean;
  json?: boolean;
  threads?: string;
}): Promise<number> {
  const header =
    'guest    size   cycles     prove s  cold s   cycles/s  verify ms  proof KiB  peak RSS  bits   cells/cycle';
  if (!opts.json) process.stdout.write(`${header}\n`);
  await runBench({
    quick: opts.quick === true,
    threads: parseThreads(opts.threads),
    cli: [process.execPath, ...process.execArgv, resolve(process.argv[1])],
    onNote: (n) => process.stderr.write(`note: ${n}\n`),
    onRow: (r) => {
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(r)}\n`);
        return;
      }
      const cells = [
        r.guest.padEnd(8),
        `2^${r.log2}`.padEnd(6),
        String(r.cycles).padStart(8),
        (r.prove_ms / 1000).toFixed(2).padStart(10),
        (r.cold_ms / 1000).toFixed(2).padStart(7),
        String(r.cycles_per_s).padStart(10),
        r.verify_ms.toFixed(1).padStart(10),
        (r.proof_bytes / 1024).toFixed(1).padStart(10),
        `${r.peak_rss_mb} MiB`.padStart(9),
        r.security_bits.toFixed(1).padStart(6),
        r.cells_per_cycle.toFixed(1).padStart(13),
      ];
      process.stdout.write(`${cells.join(' ')}\n`);
    },
  });
  return EXIT_OK;
}
