/**
 * Shared CLI plumbing: the exit-status convention (0 ok, 1 failed build, 2 usage or
 * input error; `run` passes the guest's own status through and uses 124/125 for a cycle
 * limit / fault, see run.ts) and small parsers that fail with a `CliError`.
 */
import { readFileSync } from 'node:fs';

export const EXIT_OK = 0;
export const EXIT_FAULT = 1;
export const EXIT_USAGE = 2;
/** `rvstark run`: the cycle limit stopped the guest (timeout(1) uses 124 the same way). */
export const EXIT_RUN_CYCLE_LIMIT = 124;
/** `rvstark run`: the guest faulted, or rvstark failed while running it (env(1)'s 125). */
export const EXIT_RUN_FAULT = 125;

/** An error the CLI reports as one line `error: <message>` with the given exit status. */
export class CliError extends Error {
  readonly exitCode: number;

  constructor(message: string, exitCode: number = EXIT_USAGE) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

export function readFileOrFail(path: string, what: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    throw new CliError(`cannot read ${what} ${path} (${code})`);
  }
}

export function parseHex(hex: string): Uint8Array {
  const h = hex.startsWith('0x') ? hex.slice(2) : hex;
  if (h.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(h)) {
    throw new CliError(`--input-hex expects an even number of hex digits, got "${hex}"`);
  }
  return Uint8Array.from(Buffer.from(h, 'hex'));
}

export function parsePositiveInt(value: string, name: string): number {
  if (!/^[0-9]+$/.test(value) || !Number.isSafeInteger(Number(value)) || Number(value) < 1) {
    throw new CliError(`${name} expects a positive integer, got "${value}"`);
  }
  return Number(value);
}

/** `--threads N` as a number (undefined: RVSTARK_THREADS, else every core). */
export function parseThreads(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = parsePositiveInt(value, '--threads');
  if (n > 64) throw new CliError(`--threads expects 1..64, got ${value}`);
  return n;
}
