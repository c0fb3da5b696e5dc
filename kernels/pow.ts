// Proof-of-work candidates: rows of seed ‖ nonce_le64 (10 u32 words, the 40 bytes the transcript
// hashes), written in wasm so that a pool job fills and hashes its own range of nonces.

/** rows[i] = seed (8 words at `seed`) ‖ lo ‖ hi of the 64-bit nonce start + i, for i < count. */
export function fillPowRows(rows: usize, seed: usize, startLo: u32, startHi: u32, count: u32): void {
  for (let i: u32 = 0; i < count; i++) {
    const r = rows + <usize>i * 40;
    memory.copy(r, seed, 32);
    const lo = startLo + i;
    store<u32>(r, lo, 32);
    store<u32>(r, startHi + (lo < startLo ? 1 : 0), 36);
  }
}
