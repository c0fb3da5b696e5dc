// Fast proof-of-work search for the prover: hashes 4096 candidate nonces per kernel call with the
// SIMD BLAKE3 leaf kernel (a row of 10 u32 words is exactly seed ‖ nonce_le64, 40 bytes), instead
// of one noble call per nonce (~5 µs each; 16 bits of grinding is 65536 hashes on average, with a
// long tail). The nonce found is the smallest valid one, the same as transcript/pow.ts's `grind`.

import { hashRows } from '../merkle/hash.js';
import { powOk, type Transcript, TranscriptError } from '../transcript/index.js';
import { WasmVec } from '../wasm/memory.js';

const BATCH = 4096;

export function grindFast(t: Transcript, bits: number): number {
  if (!Number.isInteger(bits) || bits < 0 || bits > 30) {
    throw new TranscriptError('bad-value', `pow: ${bits} bits outside 0..30`);
  }
  const seed = t.powSeed();
  const seedWords = new Uint32Array(seed.buffer.slice(seed.byteOffset, seed.byteOffset + 32));
  const rows = new WasmVec(10 * BATCH);
  const digests = new WasmVec(8 * BATCH);
  try {
    const rv = rows.view;
    for (let i = 0; i < BATCH; i++) rv.set(seedWords, 10 * i);
    // Leading zero bits of the digest, big-endian bit order: the first bytes are the low bytes
    // of word 0 (little-endian), so a 32-bit mask over the byte-swapped word tests up to 32 bits.
    for (let base = 0; ; base += BATCH) {
      const v = rows.view;
      for (let i = 0; i < BATCH; i++) {
        const nonce = base + i;
        v[10 * i + 8] = nonce >>> 0;
        v[10 * i + 9] = Math.floor(nonce / 2 ** 32);
      }
      hashRows(digests, { layout: 'row-major', data: rows, height: BATCH, width: 10 });
      const d = digests.view;
      for (let i = 0; i < BATCH; i++) {
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
    rows.free();
    digests.free();
  }
}
