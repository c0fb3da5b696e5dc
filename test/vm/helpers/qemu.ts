/**
 * Runs ELFs under qemu-riscv32 (the reference executor) for differential tests;
 * `QEMU` is null when qemu-riscv32 is not installed, and tests skip with a message.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function find(cmd: string): string | null {
  const r = spawnSync(cmd, ['--version'], { encoding: 'utf8' });
  return r.error || r.status !== 0 ? null : cmd;
}

export const QEMU = find('qemu-riscv32');
export const GCC = find('riscv64-unknown-elf-gcc');

export interface QemuResult {
  stdout: Uint8Array;
  stderr: Uint8Array;
  /** Process exit status (0..255), or null if killed by a signal. */
  status: number | null;
  signal: string | null;
}

let tmp: string | null = null;
let counter = 0;

/** Writes the ELF to a temp file and runs it under qemu with the given stdin. */
export function runQemu(elf: Uint8Array | string, input: Uint8Array): Promise<QemuResult> {
  let path: string;
  if (typeof elf === 'string') path = elf;
  else {
    tmp ??= mkdtempSync(join(tmpdir(), 'rvstark-qemu-'));
    path = join(tmp, `p${counter++}.elf`);
    writeFileSync(path, elf, { mode: 0o755 });
  }
  return new Promise((resolve, reject) => {
    const child = spawn(QEMU ?? 'qemu-riscv32', [path], { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', reject);
    child.on('close', (status, signal) =>
      resolve({ stdout: Buffer.concat(out), stderr: Buffer.concat(err), status, signal }),
    );
    child.stdin.on('error', () => {}); // the guest may exit before reading all input
    child.stdin.end(Buffer.from(input));
  });
}

/** Runs tasks with at most `limit` in flight. */
export async function pool<T, R>(
  items: readonly T[],
  limit: number,
  fn: (t: T, k: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const k = next++;
      results[k] = await fn(items[k], k);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
