/**
 * Public entry point of the VM: `execute(program, input, opts)` validates options,
 * pre-decodes the program (cached per Program), runs the fast or the recording
 * interpreter, and turns a fault into one `ExecutionError` naming pc and instruction.
 */
import { type DecodedProgram, describeWord, isCompressed, predecode } from './decode.js';
import type { Program } from './elf.js';
import { ExecutionError, type ExecutionErrorKind, hex32 } from './errors.js';
import { type RunEnd, runFast } from './fast.js';
import { Memory } from './memory.js';
import type { ExecutionRecord } from './record.js';
import { ramRows, runRecording } from './recording.js';
import { GuestIo } from './syscalls.js';

/** Default cycle limit of the fast mode: ~40 s of guest time, then a clear error. */
export const DEFAULT_MAX_CYCLES = 2 ** 32;
/** Recording keeps ~20 bytes per cycle and 32-bit timestamps (4 per cycle). */
export const DEFAULT_MAX_RECORD_CYCLES = 2 ** 26;
export const MAX_RECORD_CYCLES = 2 ** 30 - 2;

export interface ExecuteOptions {
  /** Stop with a 'cycle-limit' error after this many instructions. */
  maxCycles?: number;
  /** Produce the ExecutionRecord (slower; for proving). */
  record?: boolean;
}

export interface ExecutionResult {
  /** a0 at exit as a signed 32-bit value; the process exit status is exitCode & 0xff. */
  readonly exitCode: number;
  /** Bytes written to fd 1: the journal, part of the claim. */
  readonly output: Uint8Array;
  /** Bytes written to fd 2: diagnostics, not proven. */
  readonly stderr: Uint8Array;
  /** Instructions executed, including the final exit ECALL. */
  readonly cycles: number;
  /** Input bytes the guest read. */
  readonly inputConsumed: number;
  /** The decoded program (shared per Program; do not mutate). */
  readonly decoded: DecodedProgram;
  /** counts[i]: executions of the instruction at decoded.base + 4i. */
  readonly counts: Uint32Array;
  readonly record?: ExecutionRecord;
}

const decodedCache = new WeakMap<Program, DecodedProgram>();

export function decodeProgram(program: Program): DecodedProgram {
  let dp = decodedCache.get(program);
  if (dp === undefined) {
    dp = predecode(program);
    decodedCache.set(program, dp);
  }
  return dp;
}

/** Runs the program on the input; throws ExecutionError if the guest faults. */
export function execute(program: Program, input: Uint8Array, opts: ExecuteOptions = {}): ExecutionResult {
  const record = opts.record === true;
  const maxCycles = opts.maxCycles ?? (record ? DEFAULT_MAX_RECORD_CYCLES : DEFAULT_MAX_CYCLES);
  if (!Number.isSafeInteger(maxCycles) || maxCycles < 1) {
    throw new RangeError(`maxCycles must be a positive integer, got ${maxCycles}`);
  }
  if (record && maxCycles > MAX_RECORD_CYCLES) {
    throw new RangeError(`maxCycles ${maxCycles} exceeds the recording limit ${MAX_RECORD_CYCLES}`);
  }
  const dp = decodeProgram(program);
  const mem = Memory.fromProgram(program);
  const io = new GuestIo(input, dp.ranges);
  // x1..x31 start at 0 (crt0 sets sp, gp, tp); regs[32] absorbs writes to x0.
  const regs = new Int32Array(33);
  let counts = new Uint32Array(dp.count + 1);
  let end: RunEnd;
  let rec: ExecutionRecord | undefined;
  if (record) {
    // A fast pre-run (~5x faster than recording) sizes the tables exactly and reports
    // faults before any recording work; only its per-instruction counts are kept (the
    // run is deterministic, and tests check them against the record's pc column).
    const preIo = new GuestIo(input, dp.ranges);
    const preCounts = new Uint32Array(dp.count + 1);
    const pre = runFast(
      dp,
      Memory.fromProgram(program),
      preIo,
      new Int32Array(33),
      program.entry,
      maxCycles,
      preCounts,
    );
    if (!pre.exited) throw faultError(dp, pre, preIo);
    const rows = ramRows(dp, preCounts, preIo);
    const r = runRecording(program, dp, mem, io, regs, program.entry, maxCycles, pre.cycles, rows);
    counts = preCounts;
    end = r.end;
    rec = r.record;
  } else {
    end = runFast(dp, mem, io, regs, program.entry, maxCycles, counts);
  }
  if (!end.exited) throw faultError(dp, end, io);
  return {
    exitCode: io.exitCode,
    output: io.journal.bytes(),
    stderr: io.stderr.bytes(),
    cycles: end.cycles,
    inputConsumed: io.inputPos,
    decoded: dp,
    counts,
    record: rec,
  };
}

/** Kinds whose `detail` is an address (reported unsigned). */
const ADDRESS_DETAIL: ReadonlySet<ExecutionErrorKind> = new Set([
  'misaligned-load',
  'misaligned-store',
  'misaligned-jump',
  'store-to-code',
  'pc-out-of-bounds',
]);

function faultError(dp: DecodedProgram, end: RunEnd, io: GuestIo): ExecutionError {
  const i = (end.pc - dp.base) >>> 2;
  const instr = i < dp.count ? dp.word[i] : 0;
  // The decoder knows no 16-bit encodings; name them where one is actually executed.
  const kind: ExecutionErrorKind =
    end.kind === 'illegal-instruction' && isCompressed(instr)
      ? 'compressed-instruction'
      : (end.kind as ExecutionErrorKind);
  const at = `at pc ${hex32(end.pc)}`;
  const insn = `instruction ${hex32(instr)} (${describeWord(instr)})`;
  const d = ADDRESS_DETAIL.has(kind) ? end.detail >>> 0 : end.detail;
  const messages: Record<ExecutionErrorKind, string> = {
    'illegal-instruction': `unsupported instruction ${hex32(instr)} (${describeWord(instr)}) ${at}`,
    'compressed-instruction': `compressed (RVC) instruction 0x${(instr & 0xffff).toString(16).padStart(4, '0')} ${at}; rvstark runs RV32IM without C (build with -march=rv32im)`,
    ebreak: `EBREAK ${at}`,
    csr: `unsupported CSR instruction ${hex32(instr)} ${at}`,
    'unknown-syscall': `unknown syscall ${d} (ECALL with a7 = ${d}) ${at}`,
    'bad-fd': `syscall on unsupported fd ${d} (read takes fd 0, write fd 1 or 2) ${at}`,
    'bad-syscall-args': `write of ${d >>> 0} bytes exceeds the ${2 ** 28}-byte limit ${at}`,
    'misaligned-load': `misaligned load from ${hex32(d)} by ${insn} ${at}`,
    'misaligned-store': `misaligned store to ${hex32(d)} by ${insn} ${at}`,
    'misaligned-jump': `misaligned jump target ${hex32(d)} by ${insn} ${at}`,
    'store-to-code': `store to executable segment at ${hex32(d)} by ${insn} ${at}`,
    'pc-out-of-bounds': `pc ${hex32(end.pc)} outside executable segments`,
    'cycle-limit': `cycle limit of ${d} cycles reached ${at}`,
  };
  return new ExecutionError(kind, messages[kind], end.pc, instr, end.cycles, d, {
    output: io.journal.bytes(),
    stderr: io.stderr.bytes(),
    inputConsumed: io.inputPos,
  });
}
