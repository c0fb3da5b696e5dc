/**
 * `rvstark run`: executes a guest in fast mode and reports its output, exit code, cycle
 * count, opcode histogram and (with --profile) cycles per function.
 *
 * Exit status, like qemu-user (and timeout(1) / env(1) for the tool's own codes):
 * - the guest's own status, a0 & 0xff, when it exits (so 0..255 all belong to the guest);
 * - 2 when rvstark cannot start the run: bad options, unreadable files, an ELF the
 *   loader refuses (`main.ts`; the same for every command, and fixed by the command line,
 *   not by the guest's behaviour);
 * - 124 when the cycle limit stops the guest (`--max-cycles`; timeout(1)'s code);
 * - 125 when the guest faults (illegal instruction, bad access, bad syscall) or rvstark
 *   fails while running it (env(1)'s and timeout(1)'s code for the tool's own failure).
 * 124/125 are outside what programs conventionally return (0, 1, 2, small codes), and
 * the shells reserve 126+ (cannot execute, not found, 128+n for signals).
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { loadElf } from '../vm/elf.js';
import { ExecutionError, hex32 } from '../vm/errors.js';
import { type ExecutionResult, execute } from '../vm/executor.js';
import { imageIdHex } from '../vm/image-id.js';
import { opcodeHistogram, profileByFunction } from '../vm/profile.js';
import { readFunctionSymbols } from '../vm/symbols.js';
import {
  CliError,
  EXIT_RUN_CYCLE_LIMIT,
  EXIT_RUN_FAULT,
  EXIT_USAGE,
  parseHex,
  parsePositiveInt,
  readFileOrFail,
} from './common.js';

export interface RunOptions {
  input?: string;
  inputHex?: string;
  output?: string;
  maxCycles?: string;
  json?: boolean;
  profile?: boolean;
}

const PROFILE_ROWS = 20;
/** Bytes of the output shown on the terminal; --output saves all of it. */
export const PREVIEW_BYTES = 1024;

/** The exit-status table for `rvstark run --help` (see the module comment). */
export const RUN_EXIT_STATUS_HELP = `
Exit status (like qemu-riscv32: the guest's status passes through):
  0-255  the guest exited: its exit code a0 & 0xff
  2      usage error, unreadable file or unsupported ELF (the guest did not run)
  124    the guest hit the cycle limit (--max-cycles), like timeout(1)
  125    the guest faulted (illegal instruction, bad access, bad syscall) or rvstark
         failed while running it, like env(1); what it wrote before is kept (partial)
Output: at most ${PREVIEW_BYTES} bytes are shown; --output <file> saves all of them.
--json prints exactly one JSON object on stdout (the output as output_hex); the guest's
fd 2 goes to stderr.`;

export function runCommand(elfPath: string, opts: RunOptions): number {
  if (opts.input !== undefined && opts.inputHex !== undefined) {
    throw new CliError('--input and --input-hex are mutually exclusive');
  }
  const maxCycles =
    opts.maxCycles === undefined ? undefined : parsePositiveInt(opts.maxCycles, '--max-cycles');
  const input =
    opts.input !== undefined
      ? readFileOrFail(opts.input, 'input file')
      : opts.inputHex !== undefined
        ? parseHex(opts.inputHex)
        : new Uint8Array(0);
  const elf = readFileOrFail(elfPath, 'ELF');
  const program = loadElf(elf);
  // Opened before the run, so an unwritable path is a usage error, not a lost result.
  const outFd = opts.output === undefined ? undefined : openOutput(opts.output);
  const started = performance.now();
  let result: ExecutionResult;
  try {
    result = execute(program, input, { maxCycles });
  } catch (e) {
    return reportFault(e, opts, outFd, () => imageIdHex(program));
  }
  const seconds = (performance.now() - started) / 1000;
  if (result.stderr.length > 0) process.stderr.write(result.stderr);
  if (outFd !== undefined) writeOutput(outFd, result.output, opts.output as string);
  const status = result.exitCode & 0xff;
  const histogram = opcodeHistogram(result.decoded, result.counts);
  const profile = opts.profile
    ? profileByFunction(result.decoded, result.counts, readFunctionSymbols(elf))
    : undefined;

  if (opts.json) {
    const obj = {
      // The program hash (v1); the proof-level image id (v2) depends on the preset: `rvstark id`.
      image_id_v1: imageIdHex(program),
      exit_code: result.exitCode,
      exit_status: status,
      cycles: result.cycles,
      output_hex: Buffer.from(result.output).toString('hex'),
      output_bytes: result.output.length,
      input_bytes_read: result.inputConsumed,
      seconds,
      opcodes: Object.fromEntries(histogram),
      ...(profile
        ? { profile: profile.map((p) => ({ function: p.name, addr: hex32(p.addr), cycles: p.cycles })) }
        : {}),
    };
    process.stdout.write(`${JSON.stringify(obj)}\n`);
    return status;
  }

  const lines = outputLines(result.output, opts.output, '');
  lines.push(`exit code: ${result.exitCode}${status !== result.exitCode ? ` (exit status ${status})` : ''}`);
  const mhz = seconds > 0 ? ` (${(result.cycles / seconds / 1e6).toFixed(1)} M cycles/s)` : '';
  lines.push(`cycles: ${result.cycles}${mhz}`);
  lines.push('opcodes:');
  for (const [name, count] of histogram) {
    lines.push(`  ${name.padEnd(8)} ${String(count).padStart(12)}  ${pct(count, result.cycles)}`);
  }
  if (profile) {
    lines.push(
      profile.length > 0 ? 'profile (cycles per function):' : 'profile: the ELF has no function symbols',
    );
    for (const p of profile.slice(0, PROFILE_ROWS)) {
      lines.push(
        `  ${String(p.cycles).padStart(12)}  ${pct(p.cycles, result.cycles)}  ${p.name} @ ${hex32(p.addr)}`,
      );
    }
    if (profile.length > PROFILE_ROWS) lines.push(`  ... ${profile.length - PROFILE_ROWS} more functions`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  return status;
}

/**
 * A guest fault (or an unexpected failure during the run): the guest's fd 2 to stderr,
 * what it wrote to fd 1 before the fault to --output (or a preview / the JSON), marked
 * partial, and one line `error: ...` on stderr. Returns 124 or 125.
 */
function reportFault(e: unknown, opts: RunOptions, outFd: number | undefined, imageId: () => string): number {
  const fault = e instanceof ExecutionError ? e : undefined;
  const status = fault?.kind === 'cycle-limit' ? EXIT_RUN_CYCLE_LIMIT : EXIT_RUN_FAULT;
  const message = fault ? fault.message : `internal error while running the guest: ${firstLine(e)}`;
  const output = fault?.partial.output ?? new Uint8Array(0);
  if (fault && fault.partial.stderr.length > 0) process.stderr.write(fault.partial.stderr);
  let note = '';
  if (outFd !== undefined) {
    writeOutput(outFd, output, opts.output as string);
    note = ` (partial output: ${output.length} bytes before the fault written to ${opts.output})`;
  }
  if (opts.json) {
    const obj = {
      image_id_v1: imageId(),
      exit_status: status,
      error: {
        kind: fault?.kind ?? 'internal',
        message,
        ...(fault ? { pc: hex32(fault.pc), instr: hex32(fault.instr), cycles: fault.cycles } : {}),
      },
      output_partial: true,
      output_hex: Buffer.from(output).toString('hex'),
      output_bytes: output.length,
      input_bytes_read: fault?.partial.inputConsumed ?? 0,
    };
    process.stdout.write(`${JSON.stringify(obj)}\n`);
  } else if (output.length > 0 && outFd === undefined) {
    process.stdout.write(`${outputLines(output, undefined, 'partial, before the fault: ').join('\n')}\n`);
  }
  process.stderr.write(`error: ${message}${note}\n`);
  return status;
}

function openOutput(path: string): number {
  try {
    return openSync(path, 'w');
  } catch (e) {
    throw new CliError(`cannot write output file ${path} (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

function writeOutput(fd: number, bytes: Uint8Array, path: string): void {
  try {
    for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at);
    closeSync(fd);
  } catch (e) {
    throw new CliError(
      `cannot write output file ${path} (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
      EXIT_USAGE,
    );
  }
}

/** "output: N bytes" and a bounded preview, or where --output put the bytes. */
function outputLines(bytes: Uint8Array, savedTo: string | undefined, qualifier: string): string[] {
  if (savedTo !== undefined) return [`output: ${qualifier}${bytes.length} bytes written to ${savedTo}`];
  if (bytes.length <= PREVIEW_BYTES)
    return [`output: ${qualifier}${bytes.length} bytes`, ...formatBytes(bytes)];
  // Cut at a character boundary, so a text preview stays text.
  let end = PREVIEW_BYTES;
  for (let k = 0; k < 3 && (bytes[end] & 0xc0) === 0x80; k++) end--;
  return [
    `output: ${qualifier}${bytes.length} bytes; the first ${end} shown (--output <file> saves all of them)`,
    ...formatBytes(bytes.subarray(0, end)),
    `  ... ${bytes.length - end} more bytes`,
  ];
}

function pct(part: number, whole: number): string {
  return `${((100 * part) / Math.max(whole, 1)).toFixed(1).padStart(5)}%`;
}

function firstLine(e: unknown): string {
  return String((e as Error)?.message ?? e).split('\n')[0];
}

/** Printable UTF-8 text as is; anything else as hex. Empty output prints nothing. */
function formatBytes(bytes: Uint8Array): string[] {
  if (bytes.length === 0) return [];
  const text = Buffer.from(bytes).toString('utf8');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: detecting control characters is the point
  const printable = !text.includes('\uFFFD') && !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text);
  if (printable) return [text.endsWith('\n') ? text.slice(0, -1) : text];
  return [`  hex: ${Buffer.from(bytes).toString('hex')}`];
}
