/**
 * Builds test ELFs with the real toolchain (riscv64-unknown-elf-gcc, `GCC` in qemu.ts):
 * C guests with the SDK (crt0, runtime, flags from guests/sdk/sdk.json) relinked at
 * another text address, and small assembly programs. Callers skip when GCC is null.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const SDK = resolve('guests/sdk');
const sdk = JSON.parse(readFileSync(join(SDK, 'sdk.json'), 'utf8')) as {
  compiler: string;
  cflags: string[];
  freestanding: { cflags: string[]; sources: string[]; libs: string[] };
  picolibc: { cflags: string[]; sources: string[]; libs: string[] };
  linkerScript: string;
};

let tmp: string | null = null;
let counter = 0;
const tmpPath = (name: string) => {
  tmp ??= mkdtempSync(join(tmpdir(), 'rvstark-tc-'));
  return join(tmp, `${counter++}-${name}`);
};

function gcc(args: string[]): void {
  const r = spawnSync(sdk.compiler, args, { encoding: 'utf8' });
  if (r.error || r.status !== 0) throw new Error(`${sdk.compiler} failed: ${r.error?.message ?? r.stderr}`);
}

export interface GuestLayout {
  /** Where the SDK linker script starts .text (it is 0x10000 there). */
  textBase: number;
  /** Heap and stack sizes (the SDK defaults, 16 MiB and 1 MiB, do not fit near the top). */
  heap?: number;
  stack?: number;
  picolibc?: boolean;
}

/** A C guest built exactly like `rvstark build`, but linked at `layout.textBase`. */
export function buildGuestAt(source: string, layout: GuestLayout): Uint8Array {
  const script = readFileSync(join(SDK, sdk.linkerScript), 'utf8');
  const moved = script.replace('. = 0x10000;', `. = 0x${layout.textBase.toString(16)};`);
  if (moved === script) throw new Error('link.ld no longer sets . = 0x10000');
  const ld = tmpPath('link.ld');
  writeFileSync(ld, moved);
  const rt = layout.picolibc ? sdk.picolibc : sdk.freestanding;
  const out = tmpPath('guest.elf');
  gcc([
    ...sdk.cflags,
    ...rt.cflags,
    `-I${SDK}`,
    `-T${ld}`,
    `-Wl,--defsym=__rv_heap_size=${layout.heap ?? 0x1000000}`,
    `-Wl,--defsym=__rv_stack_size=${layout.stack ?? 0x100000}`,
    ...rt.sources.map((s) => join(SDK, s)),
    resolve(source),
    ...rt.libs,
    '-o',
    out,
  ]);
  return readFileSync(out);
}

export interface AsmOptions {
  /** -Ttext (default 0x10000) and -Tdata (default: after the text). */
  textBase?: number;
  dataBase?: number;
  /** -march (default rv32im). */
  march?: string;
}

/** Assembles and links a bare assembly program (entry `_start`). */
export function assembleAt(source: string, opts: AsmOptions = {}): Uint8Array {
  const src = tmpPath('prog.S');
  writeFileSync(src, source);
  const out = tmpPath('prog.elf');
  const hex = (x: number) => `0x${x.toString(16)}`;
  gcc([
    `-march=${opts.march ?? 'rv32im'}`,
    '-mabi=ilp32',
    '-nostdlib',
    '-static',
    `-Wl,-Ttext=${hex(opts.textBase ?? 0x10000)}`,
    ...(opts.dataBase === undefined ? [] : [`-Wl,-Tdata=${hex(opts.dataBase)}`]),
    '-Wl,--build-id=none',
    src,
    '-o',
    out,
  ]);
  return readFileSync(out);
}
