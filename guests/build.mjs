#!/usr/bin/env node
// Builds the example guests into guests/examples/<name>/<name>.elf (the committed ELFs).
// `--check` builds into a temporary directory instead and fails if any ELF differs byte
// for byte from the committed one; builds are deterministic (relative paths, no build-id).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const guestsDir = dirname(fileURLToPath(import.meta.url));
const sdk = JSON.parse(readFileSync(join(guestsDir, 'sdk', 'sdk.json'), 'utf8'));

/** Every example and the runtime it links: 'freestanding' (no libc) or 'picolibc'. */
const EXAMPLES = [
  { name: 'fib', runtime: 'freestanding' },
  { name: 'sha256', runtime: 'freestanding' },
  { name: 'sort', runtime: 'freestanding' },
  { name: 'modexp', runtime: 'freestanding' },
  { name: 'hello', runtime: 'picolibc' },
];

function build(example, outPath) {
  const rt = sdk[example.runtime];
  // Relative paths from guestsDir keep absolute checkout paths out of the ELF.
  const args = [
    ...sdk.cflags,
    ...rt.cflags,
    '-Isdk',
    `-ffile-prefix-map=${guestsDir}=.`,
    `-Tsdk/${sdk.linkerScript}`,
    ...rt.sources.map((s) => `sdk/${s}`),
    `examples/${example.name}/${example.name}.c`,
    ...rt.libs,
    '-o',
    outPath,
  ];
  const r = spawnSync(sdk.compiler, args, { cwd: guestsDir, encoding: 'utf8' });
  if (r.error) {
    console.error(
      `error: cannot run ${sdk.compiler} (${r.error.code}); install: apt-get install ${sdk.debianPackages.join(' ')}`,
    );
    process.exit(2);
  }
  if (r.status !== 0) {
    console.error(r.stderr.trimEnd());
    console.error(`error: building ${example.name} failed`);
    process.exit(1);
  }
  if (r.stderr.trim() !== '') console.error(r.stderr.trimEnd());
}

const check = process.argv.includes('--check');
if (!check) {
  for (const ex of EXAMPLES) {
    build(ex, join(guestsDir, 'examples', ex.name, `${ex.name}.elf`));
    console.log(`built guests/examples/${ex.name}/${ex.name}.elf`);
  }
} else {
  const tmp = mkdtempSync(join(tmpdir(), 'rvstark-guests-'));
  let differ = 0;
  try {
    for (const ex of EXAMPLES) {
      const out = join(tmp, `${ex.name}.elf`);
      build(ex, out);
      const committed = join(guestsDir, 'examples', ex.name, `${ex.name}.elf`);
      let same = false;
      try {
        same = readFileSync(committed).equals(readFileSync(out));
      } catch {}
      console.log(`${same ? 'ok     ' : 'DIFFERS'} guests/examples/${ex.name}/${ex.name}.elf`);
      if (!same) differ++;
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  if (differ > 0) {
    console.error(
      `error: ${differ} committed guest ELF(s) differ from a fresh build; run npm run guests:build`,
    );
    process.exit(1);
  }
}
