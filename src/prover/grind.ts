// Fast proof-of-work search for the prover: rounds of 8 × 4096 candidate nonces, each job filling
// its rows (seed ‖ nonce_le64, 40 bytes, by a kernel) and hashing them with the SIMD BLAKE3 row
// kernel, instead of one noble call per nonce (~5 µs each). The jobs of a round run on the pool;
// the digests are scanned in nonce order, so the nonce found is the smallest valid one, the same
// as transcript/pow.ts's `grind`, for every thread count.

import { HASH } from '../merkle/blake3.js';
import { keyPtr, SCRATCH_BYTES } from '../merkle/hash.js';
import { Batch } from '../pool/batch.js';
import { runSteps, type Steps } from '../pool/steps.js';
import { powOk, type Transcript, TranscriptError } from '../transcript/index.js';
import { WasmVec } from '../wasm/memory.js';

const BATCH = 4096;
const JOBS = 8;

export function grindFast(t: Transcript, bits: number): number {
  return runSteps(grindFastSteps(t, bits));
}

export function* grindFastSteps(t: Transcript, bits: number): Steps<number> {
  if (!Number.isInteger(bits) || bits < 0 || bits > 30) {
    throw new TranscriptError('bad-value', `pow: ${bits} bits outside 0..30`);
  }
  const seed = t.powSeed();
  const seedVec = WasmVec.from(new Uint32Array(seed.buffer.slice(seed.byteOffset, seed.byteOffset + 32)));
  const round = JOBS * BATCH;
  const rows = new WasmVec(10 * round);
  const digests = new WasmVec(8 * round);
  try {
    for (let base = 0; ; base += round) {
      const b = new Batch().needScratch(SCRATCH_BYTES);
      for (let j = 0; j < JOBS; j++) {
        const start = base + j * BATCH;
        const r = rows.ptr + 40 * j * BATCH;
        b.job().call('fillPowRows', [r, seedVec.ptr, start >>> 0, Math.floor(start / 2 ** 32), BATCH]);
        b.call(
          'blake3RowsRowMajor',
          [digests.ptr + 32 * j * BATCH, r, 10, BATCH, keyPtr(HASH), HASH.flags, 0],
          1 << 6,
        );
      }
      yield b;
      // Leading zero bits of the digest, big-endian bit order: the first bytes are the low bytes
      // of word 0 (little-endian), so a 32-bit mask over the byte-swapped word tests up to 32 bits.
      const d = digests.view;
      for (let i = 0; i < round; i++) {
        const w = d[8 * i];
        const be = ((w & 0xff) << 24) | ((w & 0xff00) << 8) | ((w >>> 8) & 0xff00) | (w >>> 24);
        if (bits === 0 || Math.clz32(be) >= bits) {
          const nonce = base + i;
          // The kernel's hash is checked byte for byte against noble in the merkle tests; check
          // this one too, so that a kernel bug can never produce a proof the verifier rejects.
          if (!powOk(seed, nonce, bits)) throw new Error('pow: kernel and noble disagree');
          t.absorbU64('pow-nonce', nonce);
          return nonce;
        }
      }
    }
  } finally {
    seedVec.free();
    rows.free();
    digests.free();
  }
}
