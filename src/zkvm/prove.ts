// proveElf: load an ELF, run it, prove the run and wrap claim and proof in a receipt.
// Phases: execute (fast run: faults and the cycle limit are reported before any proving work),
// record, witness (the machine's tables), setup (commits the fixed tables: program, image,
// range, byte, registers) and prove. Nothing here imports a Node built-in.

import { chipCost } from '../../circuits/machine/cost.js';
import {
  buildMachine,
  CHIP_OF_OP,
  CircuitError,
  type Claim,
  claimContributions,
  generateWitness,
  imageIdV2,
  type Machine,
  machineKeyData,
  machineKeys,
} from '../../circuits/machine/index.js';
import type { SecurityReport, StarkParams } from '../fri/params.js';
import { type Executor, runSteps, runStepsAsync, type Steps } from '../pool/steps.js';
import { proveSteps } from '../prover/index.js';
import { verifyingKeyDigest } from '../stark/vk.js';
import { ExecutionError, execute, loadElf, OP_NAMES, type Program } from '../vm/index.js';
import { ProveError } from './errors.js';
import { isPresetName, PRESETS, type PresetName, presetOf } from './presets.js';
import { encodeReceipt, MAX_CLAIM_CYCLES, type Receipt } from './receipt.js';

/**
 * The longest run one proof holds, until continuations land. Bounded by the engine's 2^22-row
 * tables and, first, by memory: a run of 2^20 cycles (fib) peaked at 2.4 GB RSS at the default
 * preset, and the wasm32 heap ends at 4 GiB, so 2^21 would not fit (docs/RECEIPT.md, "Limits").
 */
export const MAX_PROVE_CYCLES = 2 ** 20;

export type ProvePhase = 'execute' | 'record' | 'witness' | 'setup' | 'prove' | 'done';

/** Rough share of each phase in a prove (measured at 2^16–2^20 cycles), for progress bars. */
const PHASE_WEIGHTS: ReadonlyArray<readonly [ProvePhase, number]> = [
  ['execute', 0.01],
  ['record', 0.04],
  ['witness', 0.05],
  ['setup', 0.05],
  ['prove', 0.85],
];

export interface ProveElfOptions {
  /** 'default' (≥ 100 bits) or 'fast' (insecure, for tests). Default: 'default'. */
  readonly preset?: PresetName;
  /** Explicit parameters instead of a preset (the receipt names them 'custom'). */
  readonly params?: StarkParams;
  /** Dev mode: run and make a receipt with the claim and no proof. */
  readonly dev?: boolean;
  /** Called at the start of each phase with the overall fraction done (0 … 1), and with 'done'. */
  readonly onProgress?: (phase: ProvePhase, fraction: number) => void;
  /** Refuse runs longer than this (default and maximum MAX_PROVE_CYCLES). */
  readonly maxProveCycles?: number;
}

export interface ChipCells {
  readonly chip: string;
  readonly rows: number;
  /** Cells per row: main + 4 × aux extension columns (circuits/machine/cost.ts). */
  readonly cellsPerRow: number;
}

export interface ProveElfResult {
  readonly receipt: Uint8Array;
  readonly claim: Claim;
  readonly imageIdHex: string;
  readonly preset: PresetName | 'custom';
  readonly params: StarkParams;
  readonly dev: boolean;
  /** Milliseconds per phase (0 for phases a dev run skips) and in total. */
  readonly timings: Readonly<Record<Exclude<ProvePhase, 'done'> | 'total', number>>;
  /** The proof's security report; null for a dev receipt. */
  readonly security: SecurityReport | null;
  /** Each table's rows, by chip, in the machine's order; empty for a dev receipt. */
  readonly heights: readonly ChipCells[];
  /** Committed cells (Σ rows × cells per row) and per cycle; 0 for a dev receipt. */
  readonly cells: { readonly total: number; readonly perCycle: number };
  readonly proofBytes: number;
  /** What the guest wrote to fd 2 (not part of the claim). */
  readonly stderr: Uint8Array;
  /** Milliseconds per step of the prove phase (ProveResult.steps); empty for a dev receipt. */
  readonly steps: Readonly<Record<string, number>>;
  /** Threads that ran the prover's kernels. */
  readonly threads: number;
  /** Why fewer threads ran than were asked for (workers or shared memory unavailable), or null. */
  readonly fallback: string | null;
}

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

/**
 * Runs `elf` on `input` and proves the run. Throws ElfError for a bad ELF, ExecutionError when
 * the guest faults, ProveError('too-long') for a run longer than one proof holds, and
 * CircuitError('unsupported-opcode') for an op no chip proves yet; nothing is proved then.
 */
export function proveElf(
  elf: Uint8Array,
  input: Uint8Array = new Uint8Array(0),
  opts: ProveElfOptions = {},
): ProveElfResult {
  return runSteps(proveElfSteps(elf, input, opts));
}

/**
 * `proveElf` with `pool` running the kernel batches, on the calling thread (which the pool's
 * coordinator work blocks between awaits: call it from a worker; `proveElfAsync` does).
 */
export async function proveElfOnPool(
  pool: Executor,
  elf: Uint8Array,
  input: Uint8Array = new Uint8Array(0),
  opts: ProveElfOptions = {},
): Promise<ProveElfResult> {
  const res = await runStepsAsync(proveElfSteps(elf, input, opts), pool);
  return { ...res, threads: pool.threads, fallback: pool.fallback ?? null };
}

/** proveElf as steps (src/pool/steps.ts); the same bytes whichever way they run. */
export function* proveElfSteps(
  elf: Uint8Array,
  input: Uint8Array = new Uint8Array(0),
  opts: ProveElfOptions = {},
): Steps<ProveElfResult> {
  const t0 = now();
  if (!(elf instanceof Uint8Array)) throw new ProveError('bad-input', 'the ELF must be a byte array');
  if (!(input instanceof Uint8Array)) throw new ProveError('bad-input', 'the input must be a byte array');
  if (opts.preset !== undefined && !isPresetName(opts.preset))
    throw new ProveError('bad-options', `unknown preset ${String(opts.preset)} (default or fast)`);
  const params = opts.params ?? PRESETS[opts.preset ?? 'default'];
  const limit = Math.min(opts.maxProveCycles ?? MAX_PROVE_CYCLES, MAX_PROVE_CYCLES);
  const progress = phaseReporter(opts.onProgress);
  const timings = { execute: 0, record: 0, witness: 0, setup: 0, prove: 0, total: 0 };
  const program: Program = loadElf(elf);

  // Fast run first: faults and the length limit surface before any proving work.
  progress('execute');
  let t = now();
  let run: ReturnType<typeof execute>;
  try {
    run = execute(program, input, { maxCycles: opts.dev ? MAX_CLAIM_CYCLES : limit });
  } catch (e) {
    if (e instanceof ExecutionError && e.kind === 'cycle-limit') throw tooLong(program, input, limit);
    throw e;
  }
  timings.execute = now() - t;
  if (!opts.dev) checkSupported(run);
  const machine = buildMachine(program);

  if (opts.dev) {
    progress('setup');
    t = now();
    const { verifyingKey } = machineKeys(machine, params);
    timings.setup = now() - t;
    const claim: Claim = {
      imageId: imageIdV2(verifyingKeyDigest(verifyingKey), machine.entry),
      input: input.slice(0, run.inputConsumed),
      output: run.output,
      exitCode: run.exitCode | 0,
      cycles: run.cycles,
    };
    const receipt = wrap(machine, verifyingKey, claim, true, new Uint8Array(0));
    progress('done');
    timings.total = now() - t0;
    return {
      receipt,
      claim,
      imageIdHex: hex(claim.imageId),
      preset: presetOf(params),
      params,
      dev: true,
      timings,
      security: null,
      heights: [],
      cells: { total: 0, perCycle: 0 },
      proofBytes: 0,
      stderr: run.stderr,
      steps: {},
      threads: 1,
      fallback: null,
    };
  }

  progress('record');
  t = now();
  const recorded = execute(program, input, { record: true, maxCycles: limit });
  timings.record = now() - t;

  progress('witness');
  t = now();
  const witness = generateWitness(machine, recorded, input);
  timings.witness = now() - t;

  progress('setup');
  t = now();
  const { provingKey, verifyingKey } = machineKeys(machine, params);
  timings.setup = now() - t;
  const claim: Claim = {
    ...witness.claim,
    imageId: imageIdV2(verifyingKeyDigest(verifyingKey), machine.entry),
  };

  progress('prove');
  t = now();
  const result = yield* proveSteps(
    provingKey,
    witness.tables.map((x) => ({ air: x.air, trace: x.trace })),
    { contributions: claimContributions(machine, claim) },
  );
  timings.prove = now() - t;
  const heights: ChipCells[] = witness.tables.map((x, i) => ({
    chip: x.air.name,
    rows: result.heights[i],
    cellsPerRow: chipCost(x.air).cells,
  }));
  const total = heights.reduce((s, h) => s + h.rows * h.cellsPerRow, 0);
  const receipt = wrap(machine, verifyingKey, claim, false, result.proof);
  progress('done');
  timings.total = now() - t0;
  return {
    receipt,
    claim,
    imageIdHex: hex(claim.imageId),
    preset: presetOf(params),
    params,
    dev: false,
    timings,
    security: result.security,
    heights,
    cells: { total, perCycle: total / claim.cycles },
    proofBytes: result.proof.length,
    stderr: recorded.stderr,
    steps: result.steps,
    threads: 1,
    fallback: null,
  };
}

function wrap(
  machine: Machine,
  vk: Parameters<typeof machineKeyData>[0],
  claim: Claim,
  dev: boolean,
  proof: Uint8Array,
): Uint8Array {
  const r: Receipt = {
    claim,
    entry: machine.entry,
    key: machineKeyData(vk),
    dev,
    proof,
  };
  return encodeReceipt(r);
}

/** The run's length against the limit, counted by a second fast run (up to 2^27 cycles). */
function tooLong(program: Program, input: Uint8Array, limit: number): ProveError {
  let cycles = `more than ${MAX_CLAIM_CYCLES}`;
  try {
    cycles = String(execute(program, input, { maxCycles: MAX_CLAIM_CYCLES }).cycles);
  } catch {
    // a cycle limit or a later fault: the run is longer than the limit either way
  }
  const pow = Number.isInteger(Math.log2(limit)) ? ` (2^${Math.log2(limit)})` : '';
  return new ProveError(
    'too-long',
    `the run takes ${cycles} cycles; one proof holds at most ${limit}${pow} cycles until continuations land`,
  );
}

/** Fails before recording if the run executed an op no chip proves yet. */
function checkSupported(run: ReturnType<typeof execute>): void {
  const dp = run.decoded;
  for (let i = 0; i < run.counts.length; i++) {
    if (run.counts[i] === 0 || CHIP_OF_OP[dp.op[i]] >= 0) continue;
    const pc = (dp.base + 4 * i) >>> 0;
    const op = OP_NAMES[dp.op[i]] ?? `op ${dp.op[i]}`;
    throw new CircuitError(
      'unsupported-opcode',
      `opcode ${op} is not yet supported by the circuits (pc 0x${pc.toString(16).padStart(8, '0')}, executed ${run.counts[i]} times)`,
      { pc, op },
    );
  }
}

function phaseReporter(cb: ProveElfOptions['onProgress']): (phase: ProvePhase) => void {
  return (phase) => {
    if (cb === undefined) return;
    let done = 0;
    for (const [p, w] of PHASE_WEIGHTS) {
      if (p === phase) break;
      done += w;
    }
    cb(phase, phase === 'done' ? 1 : Math.min(1, done));
  };
}

function now(): number {
  return performance.now();
}
