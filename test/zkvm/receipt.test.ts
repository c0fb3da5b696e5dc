// Receipts end to end (fast preset, tiny guests): round trip, verification without the ELF, the
// image id v2, the security floor, claim tampers, program A against B's id, dev receipts,
// malformed and truncated receipts, and the key rebuilt from a receipt equals setup's.

import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildMachine,
  IMAGE_ID_V2_DOMAIN,
  imageIdV2,
  imageIdV2Preimage,
  machineKeyData,
  machineKeys,
  rebuildMachineKey,
} from '../../circuits/machine/index.js';
import { INSECURE_TEST_PARAMS } from '../../src/fri/params.js';
import { verifyingKeyDigest } from '../../src/stark/vk.js';
import { loadElf } from '../../src/vm/index.js';
import {
  decodeReceipt,
  elfImageId,
  encodeReceipt,
  MAX_PROVE_CYCLES,
  type ProveElfResult,
  ProveError,
  proveElf,
  RECEIPT_MAGIC,
  type Receipt,
  ReceiptError,
  verifyReceipt,
} from '../../src/zkvm/index.js';
import { echoElf, faultElf, hex } from './helpers.js';

const A = echoElf(7);
const B = echoElf(8);
const INPUT = Uint8Array.from([0x68, 0x69, 0x21]); // "hi!"
const LOOSE = { allowInsecure: true } as const;

let proved: ProveElfResult;
let receipt: Receipt;

beforeAll(() => {
  const phases: string[] = [];
  proved = proveElf(A, INPUT, { preset: 'fast', onProgress: (p, f) => phases.push(`${p}:${f.toFixed(2)}`) });
  receipt = decodeReceipt(proved.receipt);
  expect(phases.map((p) => p.split(':')[0])).toEqual([
    'execute',
    'record',
    'witness',
    'setup',
    'prove',
    'done',
  ]);
  expect(phases.at(-1)).toBe('done:1.00');
}, 30_000);

const reencode = (change: (r: Receipt) => Receipt) => encodeReceipt(change(receipt));

describe('receipt', () => {
  it('carries the claim and round-trips byte for byte', () => {
    expect(proved.claim.exitCode).toBe(7);
    expect(hex(proved.claim.output)).toBe('686921');
    expect(hex(proved.claim.input)).toBe('686921');
    expect(proved.preset).toBe('fast');
    expect(proved.security?.bits).toBeLessThan(100);
    expect(receipt.dev).toBe(false);
    expect(hex(encodeReceipt(receipt))).toBe(hex(proved.receipt));
    expect(hex(receipt.claim.imageId)).toBe(proved.imageIdHex);
    expect(proved.cells.perCycle).toBeGreaterThan(0);
    expect(Object.keys(proved.timings)).toEqual(['execute', 'record', 'witness', 'setup', 'prove', 'total']);
  });

  it('verifies without the ELF; with the ELF, its image id, its input', () => {
    const ok = verifyReceipt(proved.receipt, LOOSE);
    expect(ok).toMatchObject({ ok: true, dev: false, preset: 'fast', imageIdHex: proved.imageIdHex });
    if (!ok.ok) return;
    expect(ok.claim.exitCode).toBe(7);
    expect(ok.security?.bits).toBe(proved.security?.bits);
    expect(verifyReceipt(proved.receipt, { ...LOOSE, elf: A }).ok).toBe(true);
    expect(verifyReceipt(proved.receipt, { ...LOOSE, imageId: proved.imageIdHex }).ok).toBe(true);
    expect(verifyReceipt(proved.receipt, { ...LOOSE, input: INPUT }).ok).toBe(true);
  });

  it('refuses the fast preset unless the caller allows it', () => {
    const r = verifyReceipt(proved.receipt);
    expect(r).toMatchObject({ ok: false, kind: 'insecure' });
    if (!r.ok) expect(r.reason).toMatch(/fast preset: the proof has [\d.]+ bits .* 100 were required/);
    expect(verifyReceipt(proved.receipt, { minSecurityBits: 10 }).ok).toBe(true);
    expect(verifyReceipt(proved.receipt, { ...LOOSE, minSecurityBits: 50 }).ok).toBe(false);
  });

  it('rejects a receipt of A checked against B (image id and ELF), and a wrong input', () => {
    const idB = elfImageId(B, 'fast');
    expect(hex(idB)).not.toBe(proved.imageIdHex);
    expect(hex(elfImageId(A, 'fast'))).toBe(proved.imageIdHex);
    expect(hex(elfImageId(A, 'default'))).not.toBe(proved.imageIdHex); // the id depends on the preset
    expect(verifyReceipt(proved.receipt, { ...LOOSE, imageId: idB })).toMatchObject({
      ok: false,
      kind: 'image-id-mismatch',
    });
    expect(verifyReceipt(proved.receipt, { ...LOOSE, elf: B })).toMatchObject({
      ok: false,
      kind: 'image-id-mismatch',
    });
    expect(verifyReceipt(proved.receipt, { ...LOOSE, input: Uint8Array.of(0x68, 0x69, 0x22) })).toMatchObject(
      {
        ok: false,
        kind: 'input-mismatch',
      },
    );
    expect(verifyReceipt(proved.receipt, { ...LOOSE, imageId: 'zz' })).toMatchObject({
      kind: 'bad-expected',
    });
    expect(verifyReceipt(proved.receipt, { ...LOOSE, elf: new Uint8Array(9) })).toMatchObject({
      kind: 'bad-expected',
    });
  });

  it('rejects a changed output byte, exit code, cycle count or input byte in the claim', () => {
    const c = receipt.claim;
    const flip = (b: Uint8Array, i: number) => {
      const x = b.slice();
      x[i] ^= 1;
      return x;
    };
    const tampered = [
      { ...c, output: flip(c.output, 1) },
      { ...c, output: c.output.slice(0, 2) },
      { ...c, exitCode: 8 },
      { ...c, cycles: c.cycles + 1 },
      { ...c, cycles: c.cycles - 1 },
      { ...c, input: flip(c.input, 0) },
      { ...c, input: c.input.slice(0, 2) },
    ];
    for (const claim of tampered) {
      const r = verifyReceipt(
        reencode((x) => ({ ...x, claim })),
        LOOSE,
      );
      expect(r).toMatchObject({ ok: false, kind: 'invalid-proof' });
    }
    // The claim's image id must be the one the key hashes to, whatever the proof says.
    const other = verifyReceipt(
      reencode((x) => ({ ...x, claim: { ...c, imageId: elfImageId(B, 'fast') } })),
      LOOSE,
    );
    expect(other).toMatchObject({ ok: false, kind: 'image-id-mismatch' });
    // Another program's key data (root) with A's proof: the id no longer matches the claim.
    const keyB = machineKeyData(machineKeys(buildMachine(loadElf(B)), INSECURE_TEST_PARAMS).verifyingKey);
    expect(
      verifyReceipt(
        reencode((x) => ({ ...x, key: keyB })),
        LOOSE,
      ),
    ).toMatchObject({
      ok: false,
      kind: 'image-id-mismatch',
    });
  });

  it('dev receipts carry the real claim, no proof, and are refused unless allowed', () => {
    const d = proveElf(A, INPUT, { preset: 'fast', dev: true });
    expect(d.dev).toBe(true);
    expect(d.proofBytes).toBe(0);
    expect(d.imageIdHex).toBe(proved.imageIdHex);
    expect(decodeReceipt(d.receipt).dev).toBe(true);
    const r = verifyReceipt(d.receipt, LOOSE);
    expect(r).toMatchObject({ ok: false, kind: 'dev-receipt' });
    const ok = verifyReceipt(d.receipt, { allowDev: true, imageId: proved.imageIdHex });
    expect(ok).toMatchObject({ ok: true, dev: true, security: null });
    // A proof-less receipt that does not say it is dev, and a dev receipt with a proof, are malformed.
    const bytes = d.receipt.slice();
    bytes[RECEIPT_MAGIC.length + 4] = 0;
    expect(() => decodeReceipt(bytes)).toThrow(ReceiptError);
    expect(() => encodeReceipt({ ...receipt, dev: true })).toThrow(ReceiptError);
  });

  it('rejects malformed and truncated receipts with typed errors', () => {
    const R = proved.receipt;
    const kindOf = (b: Uint8Array) => {
      try {
        decodeReceipt(b);
        return 'ok';
      } catch (e) {
        expect(e).toBeInstanceOf(ReceiptError);
        return (e as ReceiptError).kind;
      }
    };
    expect(kindOf(new Uint8Array(0))).toBe('truncated');
    expect(kindOf(new TextEncoder().encode('hello, world, this is not a receipt'))).toBe('bad-magic');
    const v2 = R.slice();
    v2[RECEIPT_MAGIC.length] = 2;
    expect(kindOf(v2)).toBe('bad-version');
    expect(verifyReceipt(v2)).toMatchObject({ ok: false, kind: 'unsupported-version' });
    const trailing = new Uint8Array(R.length + 1);
    trailing.set(R);
    expect(kindOf(trailing)).toBe('trailing-bytes');
    expect(verifyReceipt(trailing)).toMatchObject({ ok: false, kind: 'malformed' });
    // Every prefix of the header and claim, and a sample of the proof's.
    for (let n = 0; n < R.length; n += n < 400 ? 1 : 997) expect(kindOf(R.subarray(0, n))).toBe('truncated');
    // A huge length field is refused before anything is allocated.
    const huge = R.slice();
    const inputLenAt = RECEIPT_MAGIC.length + 4 + 1 + 32 + 8;
    new DataView(huge.buffer).setUint32(inputLenAt, 0xfffffff0, true);
    expect(kindOf(huge)).toBe('bad-length');
    // Not bytes at all.
    expect(verifyReceipt('receipt' as unknown as Uint8Array)).toMatchObject({ ok: false, kind: 'malformed' });
    expect(verifyReceipt(null as unknown as Uint8Array)).toMatchObject({ ok: false });
  });
});

describe('image id v2 and the machine key', () => {
  it('hashes tag ‖ vk digest ‖ entry (56 bytes)', () => {
    const digest = Uint8Array.from({ length: 32 }, (_, i) => i);
    const pre = imageIdV2Preimage(digest, 0x10074);
    expect(pre.length).toBe(56);
    expect(new TextDecoder().decode(pre.subarray(0, 20))).toBe(IMAGE_ID_V2_DOMAIN);
    expect(hex(pre.subarray(20, 52))).toBe(hex(digest));
    expect(hex(pre.subarray(52))).toBe('74000100');
    // The worked example of docs/IMAGE_ID.md.
    expect(hex(imageIdV2(digest, 0x10074))).toBe(
      '08eb6e17836bc6afa303d823c8e88c83d2d896f4396716262dd9f61070b0233e',
    );
  });

  it('the key rebuilt from receipt data equals setup’s key, for programs of different shapes', () => {
    const fib = new Uint8Array(readFileSync('guests/examples/fib/fib.elf'));
    for (const elf of [A, fib]) {
      const m = buildMachine(loadElf(elf));
      const { verifyingKey } = machineKeys(m, INSECURE_TEST_PARAMS);
      const rebuilt = rebuildMachineKey(machineKeyData(verifyingKey));
      expect(hex(verifyingKeyDigest(rebuilt))).toBe(hex(verifyingKeyDigest(verifyingKey)));
    }
  });
});

describe('proveElf refuses before proving', () => {
  it('a faulting run: the executor error', () => {
    expect(() => proveElf(faultElf(), new Uint8Array(0), { preset: 'fast' })).toThrow(/EBREAK/);
  });

  it('a run longer than one proof holds: names the limit and the cycles', () => {
    expect(MAX_PROVE_CYCLES).toBe(2 ** 20);
    let err: unknown;
    try {
      proveElf(A, INPUT, { preset: 'fast', maxProveCycles: 10 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ProveError);
    expect((err as ProveError).kind).toBe('too-long');
    expect((err as Error).message).toMatch(/the run takes \d+ cycles; one proof holds at most 10 cycles/);
  });
});
