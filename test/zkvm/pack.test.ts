// The published package: `npm pack` (which builds dist/), install the tarball into an empty
// project (--prefer-offline: npm's cache first, the registry for what it lacks; a fully offline
// install fails here because the cache holds no metadata for the dependencies), then prove and verify
// the shipped fib example from there, through the CLI and through the library. It builds the
// kernels and the TypeScript and proves twice, about 40 s here, so it runs only with
// RVSTARK_PACK_TEST=1.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ENABLED = process.env.RVSTARK_PACK_TEST === '1';

describe.skipIf(!ENABLED)('npm package', () => {
  it('packs, installs into an empty project, proves and verifies an example', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'rvstark-pack-'));
    const repo = resolve('.');
    execFileSync('npm', ['pack', '--pack-destination', tmp], { cwd: repo, stdio: 'pipe' });
    const tarball = readdirSync(tmp).find((f) => f.endsWith('.tgz'));
    expect(tarball).toBeDefined();
    const proj = join(tmp, 'proj');
    execFileSync('mkdir', ['-p', proj]);
    writeFileSync(
      join(proj, 'package.json'),
      JSON.stringify({ name: 'try-rvstark', private: true, type: 'module' }),
    );
    execFileSync(
      'npm',
      ['install', '--prefer-offline', '--no-audit', '--no-fund', join(tmp, tarball as string)],
      {
        cwd: proj,
        stdio: 'pipe',
      },
    );
    const pkg = join(proj, 'node_modules', 'rvstark');
    const cli = (...args: string[]) =>
      execFileSync(process.execPath, [join(pkg, 'dist/src/cli/main.js'), ...args], {
        cwd: proj,
        encoding: 'utf8',
      });
    const fib = join(pkg, 'guests/examples/fib/fib.elf');
    const proved = JSON.parse(
      cli('prove', fib, '--input-hex', '0a000000', '--preset', 'fast', '-o', 'r.bin', '--json'),
    );
    expect(proved.output_hex).toBe('37000000'); // fib(10) = 55
    const verified = JSON.parse(cli('verify', 'r.bin', '--elf', fib, '--allow-insecure', '--json'));
    expect(verified).toMatchObject({ ok: true, exit_code: 0, output_hex: '37000000' });
    const script = `
      import { readFileSync } from 'node:fs';
      import { proveElf, proveElfAsync } from 'rvstark';
      import { verifyReceipt } from 'rvstark/verify';
      const elf = new Uint8Array(readFileSync(${JSON.stringify(fib)}));
      const p = proveElf(elf, Uint8Array.of(5, 0, 0, 0), { preset: 'fast' });
      const v = verifyReceipt(p.receipt, { allowInsecure: true, imageId: p.imageIdHex });
      // The published workers: a coordinator and a helper from dist/worker, the same bytes.
      const a = await proveElfAsync(elf, Uint8Array.of(5, 0, 0, 0), { preset: 'fast', threads: 2 });
      console.log(JSON.stringify({
        ok: v.ok,
        out: Buffer.from(p.claim.output).toString('hex'),
        threads: a.threads,
        same: Buffer.from(a.receipt).equals(Buffer.from(p.receipt)),
      }));`;
    writeFileSync(join(proj, 'try.mjs'), script);
    const lib = JSON.parse(execFileSync(process.execPath, ['try.mjs'], { cwd: proj, encoding: 'utf8' }));
    expect(lib).toEqual({ ok: true, out: '05000000', threads: 2, same: true });
  }, 600_000);
});
