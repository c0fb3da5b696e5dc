/**
 * `rvstark prove <prog.elf> [--input FILE | --input-hex HEX] -o receipt.bin [--preset default|fast]
 * [--dev] [--json]`: executes and proves, then writes the receipt atomically (a temporary file in
 * the same directory, then a rename). A faulting run, an op the circuits do not prove yet, or a run
 * longer than one proof holds stops before proving with exit 1 and writes nothing. On a terminal
 * a progress bar goes to stderr; piped or with --json there is none (docs/RECEIPT.md).
 */
import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import cliProgress from 'cli-progress';
import { CircuitError } from '../../circuits/machine/errors.js';
import { ElfError, ExecutionError } from '../vm/errors.js';
import { ProveError } from '../zkvm/errors.js';
import { isPresetName } from '../zkvm/presets.js';
import type { ProveElfResult, ProvePhase } from '../zkvm/prove.js';
import {
  CliError,
  EXIT_FAULT,
  EXIT_OK,
  EXIT_USAGE,
  parseHex,
  parseThreads,
  readFileOrFail,
} from './common.js';
import { claimJson, claimLines, securityJson, securityLine } from './verify.js';

/**
 * Runs an async command and sets the exit status, reporting an error as one line with the same
 * statuses as main.ts. The prover and verifier (circuits, wasm kernels) are imported only by the
 * commands that need them, so `rvstark run` and usage errors do not pay for loading them.
 */
export function settle(command: Promise<number>): void {
  command.then(
    (status) => {
      process.exitCode = status;
    },
    (e: unknown) => {
      const status =
        e instanceof CliError
          ? e.exitCode
          : e instanceof ElfError || e instanceof RangeError
            ? EXIT_USAGE
            : EXIT_FAULT;
      const message = e instanceof Error ? e.message : String(e);
      process.stderr.write(`error: ${message.split('\n')[0]}\n`);
      process.exitCode = status;
    },
  );
}

export interface ProveOptions {
  input?: string;
  inputHex?: string;
  output: string;
  preset?: string;
  dev?: boolean;
  json?: boolean;
  threads?: string;
}

export async function proveCommand(elfPath: string, opts: ProveOptions): Promise<number> {
  if (opts.input !== undefined && opts.inputHex !== undefined)
    throw new CliError('--input and --input-hex are mutually exclusive');
  const preset = opts.preset ?? 'default';
  if (!isPresetName(preset)) throw new CliError(`--preset expects default or fast, got "${preset}"`);
  const dev = opts.dev === true || process.env.RVSTARK_DEV_MODE === '1';
  const input =
    opts.input !== undefined
      ? readFileOrFail(opts.input, 'input file')
      : opts.inputHex !== undefined
        ? parseHex(opts.inputHex)
        : new Uint8Array(0);
  const elf = readFileOrFail(elfPath, 'ELF');
  const threads = parseThreads(opts.threads);
  // The prover runs in workers (a coordinator and its pool); this thread only waits and draws.
  const { proveElfAsync } = await import('../zkvm/prove-async.js');
  const bar = !opts.json && process.stderr.isTTY ? progressBar() : undefined;
  let result: ProveElfResult;
  try {
    result = await proveElfAsync(elf, input, { preset, dev, onProgress: bar?.update, threads });
  } catch (e) {
    bar?.stop();
    if (e instanceof ExecutionError)
      throw new CliError(`${e.message} (the run faulted: no receipt written)`, EXIT_FAULT);
    if (e instanceof ProveError || e instanceof CircuitError)
      throw new CliError(`${e.message} (no receipt written)`, EXIT_FAULT);
    throw e;
  }
  bar?.stop();
  writeAtomically(opts.output, result.receipt);
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  if (opts.json) {
    process.stdout.write(
      `${JSON.stringify({
        receipt: opts.output,
        receipt_bytes: result.receipt.length,
        dev: result.dev,
        ...claimJson(result.claim),
        preset: result.preset,
        threads: result.threads,
        threads_fallback: result.fallback,
        timings_ms: Object.fromEntries(
          Object.entries(result.timings).map(([k, v]) => [k, Math.round(v * 10) / 10]),
        ),
        prove_steps_ms: Object.fromEntries(
          Object.entries(result.steps).map(([k, v]) => [k, Math.round(v * 10) / 10]),
        ),
        proof_bytes: result.proofBytes,
        peak_rss_mb: peakRssMb,
        security: result.security === null ? null : securityJson(result.security),
        cells_per_cycle: Math.round(result.cells.perCycle * 10) / 10,
      })}\n`,
    );
    return EXIT_OK;
  }
  if (result.stderr.length > 0) process.stderr.write(result.stderr);
  const t = result.timings;
  const ms = (v: number) => `${v < 10 ? v.toFixed(1) : Math.round(v)} ms`;
  const lines = [
    `${result.dev ? 'dev-mode receipt (NO proof)' : 'receipt'} written to ${opts.output} (${result.receipt.length} bytes)`,
    ...claimLines(result.claim),
    result.security === null
      ? `security: none (dev mode: verify refuses it without --allow-dev)`
      : `security: ${securityLine(result.security, result.preset)}`,
    `time: execute ${ms(t.execute)}, record ${ms(t.record)}, witness ${ms(t.witness)}, setup ${ms(t.setup)}, prove ${ms(t.prove)}; total ${ms(t.total)}` +
      (result.dev
        ? ''
        : ` (${Math.round(result.claim.cycles / (t.total / 1000))} cycles/s, ${result.threads} thread${result.threads > 1 ? 's' : ''})`),
  ];
  if (!result.dev)
    lines.push(
      `proof: ${(result.proofBytes / 1024).toFixed(1)} KiB, ${result.cells.perCycle.toFixed(1)} cells per cycle`,
    );
  lines.push(`peak memory: ${peakRssMb} MiB`);
  if (result.fallback !== null) lines.push(`note: ${result.fallback}`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return EXIT_OK;
}

/** Writes `bytes` to a temporary file beside `path`, then renames it: never a half-written receipt. */
export function writeAtomically(path: string, bytes: Uint8Array): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(tmp, bytes, { flag: 'wx' });
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    throw new CliError(`cannot write the receipt ${path} (${code})`, EXIT_FAULT);
  }
}

const LABEL: Record<ProvePhase, string> = {
  execute: 'executing',
  record: 'recording',
  witness: 'trace generation',
  setup: 'setup',
  prove: 'proving',
  done: 'done',
};

/** A live display on stderr: phase, bar, ETA (the prover runs in workers; this thread draws). */
function progressBar(): { update: (phase: ProvePhase, fraction: number) => void; stop: () => void } {
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: '{phase} |{bar}| {percentage}% | ETA {eta_formatted}',
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 4,
      synchronousUpdate: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(phase, fraction) {
      const v = Math.round(fraction * 1000);
      if (!started) {
        bar.start(1000, v, { phase: LABEL[phase].padEnd(16) });
        started = true;
      } else bar.update(v, { phase: LABEL[phase].padEnd(16) });
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}
