/**
 * `rvstark run`: executes a guest in fast mode and reports its output, exit code, cycle
 * count, opcode histogram and (with --profile) cycles per function. A guest fault is
 * exit status 1; the guest's own exit code is reported, not propagated.
 */
import { writeFileSync } from 'node:fs';
import { loadElf } from '../vm/elf.js';
import { ExecutionError, hex32 } from '../vm/errors.js';
import { execute } from '../vm/executor.js';
import { imageIdHex } from '../vm/image-id.js';
import { opcodeHistogram, profileByFunction } from '../vm/profile.js';
import { readFunctionSymbols } from '../vm/symbols.js';
import { CliError, EXIT_FAULT, EXIT_OK, parseHex, parsePositiveInt, readFileOrFail } from './common.js';

export interface RunOptions {
  input?: string;
  inputHex?: string;
  output?: string;
  maxCycles?: string;
  json?: boolean;
  profile?: boolean;
}

const PROFILE_ROWS = 20;

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
  const started = performance.now();
  let result: ReturnType<typeof execute>;
  try {
    result = execute(program, input, { maxCycles });
  } catch (e) {
    if (e instanceof ExecutionError && opts.json) {
      const err = {
        kind: e.kind,
        message: e.message,
        pc: hex32(e.pc),
        instr: hex32(e.instr),
        cycles: e.cycles,
      };
      process.stdout.write(`${JSON.stringify({ error: err })}\n`);
      process.stderr.write(`error: ${e.message}\n`);
      return EXIT_FAULT;
    }
    throw e;
  }
  const seconds = (performance.now() - started) / 1000;
  if (result.stderr.length > 0) process.stderr.write(result.stderr);
  if (opts.output !== undefined) writeFileSync(opts.output, result.output);
  const histogram = opcodeHistogram(result.decoded, result.counts);
  const profile = opts.profile
    ? profileByFunction(result.decoded, result.counts, readFunctionSymbols(elf))
    : undefined;

  if (opts.json) {
    const obj = {
      image_id: imageIdHex(program),
      exit_code: result.exitCode,
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
    return EXIT_OK;
  }

  const lines: string[] = [];
  if (opts.output !== undefined)
    lines.push(`output: ${result.output.length} bytes written to ${opts.output}`);
  else lines.push(`output: ${result.output.length} bytes`, formatBytes(result.output));
  lines.push(`exit code: ${result.exitCode}`);
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
  return EXIT_OK;
}

function pct(part: number, whole: number): string {
  return `${((100 * part) / Math.max(whole, 1)).toFixed(1).padStart(5)}%`;
}

/** Printable UTF-8 text as is; anything else as hex. */
function formatBytes(bytes: Uint8Array): string {
  const text = Buffer.from(bytes).toString('utf8');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: detecting control characters is the point
  const printable = !text.includes('\uFFFD') && !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text);
  if (bytes.length > 0 && printable) return text.endsWith('\n') ? text.slice(0, -1) : text;
  return `  hex: ${Buffer.from(bytes).toString('hex')}`;
}
