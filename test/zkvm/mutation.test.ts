// 10^4 random mutations of a real receipt (fast preset, a tiny guest) each end in a typed
// rejection, never a crash and never an acceptance. The mutations are stratified by cost
// (measured on this box): a flip in the magic, version, flags, lengths, image id or entry, and
// any truncation, insertion, deletion or appended bytes, is rejected by the reader or the
// image-id check in microseconds; a flip in the key data (parameters, heights, root) costs a
// key digest (~3 ms); a flip in a claim value (exit code, cycles, input, output) or in the proof
// costs an engine verification up to its first failing check (10–50 ms), so those are few.
// The whole loop took 3.7 s on this 2-core box idle, ~10 s while other test suites ran.

import { beforeAll, describe, expect, it } from 'vitest';
import {
  decodeReceipt,
  proveElf,
  RECEIPT_MAGIC,
  type VerifyReceiptFailure,
  verifyReceipt,
} from '../../src/zkvm/index.js';
import { echoElf } from './helpers.js';

const MUTATIONS = 10_000;
const PROOF_FLIPS = 24;
const CLAIM_FLIPS = 150;
const KEY_FLIPS = 500;

let R: Uint8Array;
/** [start, end) byte ranges of the receipt's parts. */
let claimValues: Array<[number, number]>;
let keyData: [number, number];
let cheap: Array<[number, number]>;
let proof: [number, number];

beforeAll(() => {
  R = proveElf(echoElf(7), Uint8Array.of(1, 2, 3), { preset: 'fast' }).receipt;
  const d = decodeReceipt(R);
  // docs/RECEIPT.md: magic, version, flags, image id, exit code, cycles, |in|, in, |out|, out,
  // entry, params (24), heights (2), root (32), |proof|, proof.
  const imageId = RECEIPT_MAGIC.length + 5;
  const exit = imageId + 32;
  const input = exit + 12;
  const output = input + d.claim.input.length + 4;
  const entry = output + d.claim.output.length;
  const key = entry + 4;
  const proofLen = key + 24 + 2 + 32;
  claimValues = [
    [exit, exit + 8],
    [input, input + d.claim.input.length],
    [output, output + d.claim.output.length],
  ];
  keyData = [key, proofLen];
  cheap = [
    [0, exit],
    [exit + 8, input],
    [input + d.claim.input.length, output],
    [entry, key],
    [proofLen, proofLen + 4],
  ];
  proof = [proofLen + 4, R.length];
  expect(R.length - proof[0]).toBe(d.proof.length);
}, 30_000);

/** xorshift32: a fixed seed, so a failure names a reproducible mutation. */
function rng(seed: number): (n: number) => number {
  let x = seed >>> 0 || 1;
  return (n) => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x % n;
  };
}

type Mutation = { what: string; bytes: Uint8Array };

function mutate(rand: (n: number) => number, i: number): Mutation {
  const flipIn = (ranges: Array<[number, number]>, part: string): Mutation => {
    const [a, b] = ranges[rand(ranges.length)];
    const at = a + rand(b - a);
    const bytes = R.slice();
    bytes[at] ^= 1 + rand(255);
    return { what: `#${i} flip ${part} byte ${at}`, bytes };
  };
  if (i < PROOF_FLIPS) return flipIn([proof], 'proof');
  if (i < PROOF_FLIPS + CLAIM_FLIPS) return flipIn(claimValues, 'claim');
  if (i < PROOF_FLIPS + CLAIM_FLIPS + KEY_FLIPS) return flipIn([keyData], 'key');
  const k = rand(100);
  if (k < 60) return flipIn(cheap, 'header');
  if (k < 70) {
    const n = rand(R.length);
    return { what: `#${i} truncate to ${n}`, bytes: R.slice(0, n) };
  }
  if (k < 80) {
    const at = rand(R.length + 1);
    const b = new Uint8Array(R.length + 1);
    b.set(R.subarray(0, at));
    b[at] = rand(256);
    b.set(R.subarray(at), at + 1);
    return { what: `#${i} insert at ${at}`, bytes: b };
  }
  if (k < 90) {
    const at = rand(R.length);
    const b = new Uint8Array(R.length - 1);
    b.set(R.subarray(0, at));
    b.set(R.subarray(at + 1), at);
    return { what: `#${i} delete ${at}`, bytes: b };
  }
  const extra = 1 + rand(16);
  const b = new Uint8Array(R.length + extra);
  b.set(R);
  for (let j = 0; j < extra; j++) b[R.length + j] = rand(256);
  return { what: `#${i} append ${extra}`, bytes: b };
}

describe('receipt mutations', () => {
  it(`${MUTATIONS} random mutations each end in a typed rejection`, () => {
    expect(verifyReceipt(R, { allowInsecure: true }).ok).toBe(true);
    const rand = rng(0x5eed);
    const kinds = new Map<VerifyReceiptFailure, number>();
    const started = performance.now();
    for (let i = 0; i < MUTATIONS; i++) {
      const m = mutate(rand, i);
      const r = verifyReceipt(m.bytes, { allowInsecure: true });
      if (r.ok || r.kind === 'internal') expect.fail(`${m.what}: ${JSON.stringify(r)}`);
      kinds.set(r.kind, (kinds.get(r.kind) ?? 0) + 1);
    }
    expect(performance.now() - started).toBeLessThan(30_000);
    expect(kinds.get('malformed')).toBeGreaterThan(1000);
    expect(kinds.get('image-id-mismatch')).toBeGreaterThan(100);
    expect(kinds.get('invalid-proof')).toBeGreaterThanOrEqual(PROOF_FLIPS);
  }, 60_000);
});
