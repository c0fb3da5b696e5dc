/**
 * Shared CLI plumbing: the exit-status convention (0 ok, 1 guest fault or failed
 * build, 2 usage or input error) and small parsers that fail with a `CliError`.
 */
import { readFileSync } from 'node:fs';

export const EXIT_OK = 0;
export const EXIT_FAULT = 1;
export const EXIT_USAGE = 2;

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
