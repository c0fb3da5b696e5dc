// The committed example ELFs are exactly what the SDK builds from their sources, so the quick start
// needs no toolchain and nobody can slip in a binary that differs from its C source.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GCC } from './helpers/qemu.js';

describe.skipIf(!GCC)('example guest ELFs', () => {
  if (!GCC)
    console.warn('skipping: riscv64-unknown-elf-gcc not found (apt-get install gcc-riscv64-unknown-elf)');

  it('rebuild byte for byte (npm run guests:check)', () => {
    const root = resolve(__dirname, '../..');
    const out = execFileSync(process.execPath, ['guests/build.mjs', '--check'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(out).toMatch(/ok\s+guests\/examples\/sha256\/sha256\.elf/);
  });
});
