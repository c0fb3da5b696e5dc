// `rvstark/verify` (src/verify.ts): its import graph stays clear of the prover, wasm, shared
// memory, workers and Node built-ins; it verifies a real fib receipt against its image id and
// rejects tampered proofs and wrong ids with a typed kind; its browser bundle stays small.

import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildVerifyBundle, checkVerifyBundle } from '../bench/verify-bundle.js';
import * as entry from '../src/verify.js';
import {
  decodeReceipt,
  encodeReceipt,
  type ProveElfResult,
  proveElf,
  verifyReceipt,
} from '../src/zkvm/index.js';
import { importGraph } from './helpers/imports.js';

const ROOT = resolve(__dirname, '..');
const FIB = new Uint8Array(readFileSync(join(ROOT, 'guests/examples/fib/fib.elf')));
const LOOSE = { allowInsecure: true } as const;

describe('rvstark/verify: layering', () => {
  const graph = importGraph(join(ROOT, 'src/verify.ts'));
  const files = [...graph.files].map((f) => relative(ROOT, f));

  it('walks the verifier and the circuits it rebuilds the key from', () => {
    for (const f of ['src/zkvm/verify-image.ts', 'src/verifier/index.ts', 'circuits/machine/keys.ts'])
      expect(files).toContain(f);
  });

  it('reaches no prover, pool, worker, wasm, LDE or tree builder, nor the ELF path', () => {
    const forbidden =
      /^(src\/(prover|pool|wasm)\/|worker\/|src\/poly\/lde\.ts$|src\/merkle\/(tree|hash)\.ts$|src\/zkvm\/(verify|prove|image-id)\.ts$|circuits\/machine\/(prove|index)\.ts$)/;
    expect(files.filter((f) => forbidden.test(f))).toEqual([]);
  });

  it('imports no Node built-in, and no package but @noble/hashes', () => {
    const specs = [...graph.external.values()].flat();
    const builtins = new Set(builtinModules);
    expect(specs.filter((s) => s.startsWith('node:') || builtins.has(s.split('/')[0]))).toEqual([]);
    expect(specs.filter((s) => !s.startsWith('@noble/hashes/'))).toEqual([]);
  });

  it('loads no module that makes shared memory or touches WebAssembly', () => {
    const hits = files.filter((f) =>
      /shared:\s*true|SharedArrayBuffer|WebAssembly\./.test(readFileSync(join(ROOT, f), 'utf8')),
    );
    expect(hits).toEqual([]);
  });
});

describe('rvstark/verify: verifies receipts against an image id', () => {
  let proved: ProveElfResult;
  let proofStart: number;

  beforeAll(() => {
    const input = Uint8Array.of(20, 0, 0, 0); // fib(20) = 6765
    proved = proveElf(FIB, input, { preset: 'fast' });
    const r = decodeReceipt(proved.receipt);
    proofStart = proved.receipt.length - r.proof.length;
  }, 60_000);

  it('accepts the receipt by hex id and by bytes, as the main entry does', () => {
    const ok = entry.verifyReceipt(proved.receipt, { ...LOOSE, imageId: proved.imageIdHex });
    expect(ok).toMatchObject({ ok: true, dev: false, preset: 'fast', imageIdHex: proved.imageIdHex });
    if (!ok.ok) return;
    expect(new DataView(ok.claim.output.buffer, ok.claim.output.byteOffset).getUint32(0, true)).toBe(6765);
    expect(ok).toEqual(verifyReceipt(proved.receipt, { ...LOOSE, imageId: proved.imageIdHex }));
    const idBytes = Uint8Array.from(Buffer.from(proved.imageIdHex, 'hex'));
    expect(entry.verifyReceipt(proved.receipt, { ...LOOSE, imageId: idBytes }).ok).toBe(true);
    expect(entry.verifyReceipt(proved.receipt, { imageId: proved.imageIdHex })).toMatchObject({
      ok: false,
      kind: 'insecure',
    });
  });

  it('rejects a proof with a flipped byte: invalid-proof, with a reason', () => {
    const len = proved.receipt.length - proofStart;
    for (const at of [0, 8, Math.floor(len / 3), Math.floor(len / 2), len - 1]) {
      const bad = proved.receipt.slice();
      bad[proofStart + at] ^= 1;
      const r = entry.verifyReceipt(bad, { ...LOOSE, imageId: proved.imageIdHex });
      expect(r.ok, `proof byte ${at}`).toBe(false);
      if (r.ok) continue;
      expect(r.kind, `proof byte ${at}: ${r.reason}`).toBe('invalid-proof');
      expect(r.reason.length).toBeGreaterThan(0);
    }
  });

  it('rejects another image id, and a claim whose id is not its key', () => {
    const other = proved.imageIdHex.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    expect(entry.verifyReceipt(proved.receipt, { ...LOOSE, imageId: other })).toMatchObject({
      ok: false,
      kind: 'image-id-mismatch',
    });
    const r = decodeReceipt(proved.receipt);
    const forged = encodeReceipt({ ...r, claim: { ...r.claim, imageId: Buffer.from(other, 'hex') } });
    expect(entry.verifyReceipt(forged, { ...LOOSE, imageId: other })).toMatchObject({
      ok: false,
      kind: 'image-id-mismatch',
    });
    expect(entry.verifyReceipt(proved.receipt, { ...LOOSE, imageId: 'zz' })).toMatchObject({
      ok: false,
      kind: 'bad-expected',
    });
  });

  it('refuses an ELF rather than ignoring it (checking one needs the prover)', () => {
    const withElf = { ...LOOSE, imageId: proved.imageIdHex, elf: FIB } as entry.ExpectedClaim;
    const r = entry.verifyReceipt(proved.receipt, withElf);
    expect(r).toMatchObject({ ok: false, kind: 'bad-expected' });
    if (!r.ok) expect(r.reason).toMatch(/image ids only/);
    expect(verifyReceipt(proved.receipt, { ...LOOSE, elf: FIB }).ok).toBe(true);
  });
});

describe('rvstark/verify: browser bundle', () => {
  it('has no Node built-in imports, no WebAssembly, and is at most 50 KiB gzipped', async () => {
    const b = await buildVerifyBundle();
    expect(b.nodeImports).toEqual([]);
    expect(b.mentionsWebAssembly).toBe(false);
    expect(() => checkVerifyBundle(b)).not.toThrow();
    expect(b.gzipBytes).toBeLessThanOrEqual(50 * 1024);
    expect(b.code).toMatch(/export\s*\{/);
  });
});
