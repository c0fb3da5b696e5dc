/**
 * `rvstark build prog.c [more.c ...] -o prog.elf`: compiles a C guest with Debian's
 * riscv64-unknown-elf-gcc, the SDK's start code, linker script and flags (read from
 * guests/sdk/sdk.json, the same file guests/build.mjs uses).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CliError, EXIT_FAULT, EXIT_OK } from './common.js';

interface Runtime {
  cflags: string[];
  sources: string[];
  libs: string[];
}

interface SdkConfig {
  compiler: string;
  debianPackages: string[];
  cflags: string[];
  freestanding: Runtime;
  picolibc: Runtime;
  linkerScript: string;
}

export interface BuildOptions {
  output: string;
  picolibc?: boolean;
  /** Extra flags passed to gcc verbatim, e.g. "-O3 -DN=10". */
  cflags?: string;
}

/** guests/sdk, found by walking up from this module (works from src/ and dist/src/). */
export function findSdkDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let k = 0; k < 6; k++) {
    const candidate = join(dir, 'guests', 'sdk');
    if (existsSync(join(candidate, 'sdk.json'))) return candidate;
    dir = dirname(dir);
  }
  throw new CliError(
    'cannot find the guest SDK (guests/sdk/sdk.json) next to the rvstark installation',
    EXIT_FAULT,
  );
}

/** The full gcc argument list for the given sources (exported for tests). */
export function gccArgs(
  sdkDir: string,
  sources: string[],
  opts: BuildOptions,
): { compiler: string; args: string[] } {
  const sdk = JSON.parse(readFileSync(join(sdkDir, 'sdk.json'), 'utf8')) as SdkConfig;
  const rt = opts.picolibc ? sdk.picolibc : sdk.freestanding;
  const extra = opts.cflags ? opts.cflags.split(/\s+/).filter((s) => s !== '') : [];
  const args = [
    ...sdk.cflags,
    ...rt.cflags,
    ...extra,
    `-I${sdkDir}`,
    `-ffile-prefix-map=${sdkDir}=sdk`,
    `-ffile-prefix-map=${process.cwd()}=.`,
    `-T${join(sdkDir, sdk.linkerScript)}`,
    ...rt.sources.map((s) => join(sdkDir, s)),
    ...sources.map((s) => resolve(s)),
    ...rt.libs,
    '-o',
    opts.output,
  ];
  return { compiler: sdk.compiler, args };
}

export function buildCommand(sources: string[], opts: BuildOptions): number {
  for (const s of sources) if (!existsSync(s)) throw new CliError(`source file ${s} not found`);
  const sdkDir = findSdkDir();
  const sdk = JSON.parse(readFileSync(join(sdkDir, 'sdk.json'), 'utf8')) as SdkConfig;
  const { compiler, args } = gccArgs(sdkDir, sources, opts);
  const r = spawnSync(compiler, args, { encoding: 'utf8' });
  if (r.error) {
    const code = (r.error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new CliError(
        `${compiler} not found; install the RISC-V toolchain: sudo apt-get install ${sdk.debianPackages.join(' ')}`,
        EXIT_FAULT,
      );
    }
    throw new CliError(`cannot run ${compiler}: ${r.error.message}`, EXIT_FAULT);
  }
  if (r.stderr) process.stderr.write(r.stderr);
  if (r.status !== 0) throw new CliError(`${compiler} failed with status ${r.status}`, EXIT_FAULT);
  process.stdout.write(`built ${opts.output}\n`);
  return EXIT_OK;
}
