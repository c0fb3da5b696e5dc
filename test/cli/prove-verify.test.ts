// `rvstark prove` / `verify` / `id` as processes (fast preset, tiny guests): exit 0 with the
// claim, exit 1 with a one-line reason for an invalid, insecure or dev receipt and for a
// faulting run (which writes no receipt), exit 2 with a one-line message on usage errors.

import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { echoElf, faultElf } from '../zkvm/helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'rvstark-prove-cli-'));
const A = join(tmp, 'a.elf');
const RECEIPT = join(tmp, 'a.receipt');
const DEV = join(tmp, 'dev.receipt');

type Run = { status: number | null; stdout: string; stderr: string };

function cli(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', ...args],
      { env, maxBuffer: 16 << 20 },
      (err, stdout, stderr) => {
        const code = err === null ? 0 : typeof err.code === 'number' ? err.code : null;
        resolve({ status: code, stdout, stderr });
      },
    );
  });
}

const ONE_LINE = /^error: [^\n]+\n$/;
let proved: Run;
let dev: Run;
let id: Run;

beforeAll(async () => {
  writeFileSync(A, echoElf(7));
  [proved, dev, id] = await Promise.all([
    cli(['prove', A, '--input-hex', '686921', '-o', RECEIPT, '--preset', 'fast', '--json']),
    cli(['prove', A, '--input-hex', '686921', '-o', DEV, '--preset', 'fast'], {
      ...process.env,
      RVSTARK_DEV_MODE: '1',
    }),
    cli(['id', A, '--preset', 'fast']),
  ]);
}, 60_000);

describe('rvstark prove / verify', () => {
  it('prove writes the receipt and prints the claim, timings, size, memory and security', () => {
    expect(proved.status).toBe(0);
    const j = JSON.parse(proved.stdout);
    expect(j).toMatchObject({
      exit_code: 7,
      output_hex: '686921',
      output_text: 'hi!',
      preset: 'fast',
      dev: false,
    });
    expect(j.image_id).toBe(id.stdout.trim());
    expect(j.proof_bytes).toBeGreaterThan(1000);
    expect(j.peak_rss_mb).toBeGreaterThan(10);
    expect(j.security.conjectured_bits).toBeLessThan(100);
    expect(j.security.proven_bits).toBeGreaterThan(0);
    expect(Object.keys(j.timings_ms)).toEqual(['execute', 'record', 'witness', 'setup', 'prove', 'total']);
    expect(existsSync(RECEIPT)).toBe(true);
    expect(readdirSync(tmp).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(proved.stderr).toBe(''); // no progress display when piped
  });

  it('verify: exit 0 and the claim only when valid; exit 1 with one line otherwise', async () => {
    const [ok, json, insecure, wrongId, garbage] = await Promise.all([
      cli(['verify', RECEIPT, '--allow-insecure']),
      cli(['verify', RECEIPT, '--allow-insecure', '--elf', A, '--input-hex', '686921', '--json']),
      cli(['verify', RECEIPT]),
      cli(['verify', RECEIPT, '--allow-insecure', '--image-id', '00'.repeat(32)]),
      cli(['verify', A, '--allow-insecure']),
    ]);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/^receipt verified\n/);
    expect(ok.stdout).toContain('exit code: 7');
    expect(ok.stdout).toContain('text: "hi!"');
    expect(ok.stdout).toContain('hex: 686921');
    expect(ok.stdout).toMatch(/security: [\d.]+ bits conjectured .* preset fast \(INSECURE/);
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, exit_code: 7, output_hex: '686921' });
    for (const [r, re] of [
      [insecure, /insecure.*fast preset.*--allow-insecure/],
      [wrongId, /image-id-mismatch/],
      [garbage, /malformed.*magic/],
    ] as const) {
      expect(r.status).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(ONE_LINE);
      expect(r.stderr).toMatch(re);
    }
  });

  it('dev receipts (RVSTARK_DEV_MODE=1 or --dev) are refused unless --allow-dev', async () => {
    expect(dev.status).toBe(0);
    expect(dev.stdout).toMatch(/^dev-mode receipt \(NO proof\)/);
    const [refused, allowed] = await Promise.all([
      cli(['verify', DEV, '--allow-insecure']),
      cli(['verify', DEV, '--allow-dev', '--image-id', id.stdout.trim()]),
    ]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(ONE_LINE);
    expect(refused.stderr).toMatch(/dev-mode receipt.*--allow-dev/);
    expect(allowed.status).toBe(0);
    expect(allowed.stdout).toMatch(/^WARNING: dev-mode receipt: the claim below is NOT proven/);
  });

  it('prove of a faulting run exits 1 and writes no receipt', async () => {
    const elf = join(tmp, 'fault.elf');
    const out = join(tmp, 'fault.receipt');
    writeFileSync(elf, faultElf());
    const r = await cli(['prove', elf, '-o', out, '--preset', 'fast']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(ONE_LINE);
    expect(r.stderr).toMatch(/EBREAK.*no receipt written/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(tmp).filter((f) => f.includes('fault.receipt'))).toEqual([]);
  });

  it('usage errors exit 2 with one line', async () => {
    const cases = [
      ['prove', A],
      ['prove', A, '-o', join(tmp, 'x'), '--preset', 'slow'],
      ['verify', join(tmp, 'missing.receipt')],
      ['verify', RECEIPT, '--image-id', 'abc'],
      ['verify', RECEIPT, '--elf', A, '--image-id', id.stdout.trim(), '--input', join(tmp, 'nope')],
      ['verify', RECEIPT, '--elf', RECEIPT],
    ];
    const results = await Promise.all(cases.map((c) => cli(c)));
    results.forEach((r, k) => {
      expect([cases[k], r.status]).toEqual([cases[k], 2]);
      expect(r.stderr).toMatch(ONE_LINE);
    });
    expect(existsSync(join(tmp, 'x'))).toBe(false);
  });
});
