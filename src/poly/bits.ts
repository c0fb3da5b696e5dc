// Bit reversal of indices: the order of bit-reversed NTT outputs and LDE domains. Plain
// arithmetic with no wasm, so the verifier's layers can use it too.

/** The low `bits` bits of x, reversed. */
export function reverseBits(x: number, bits: number): number {
  let r = 0;
  for (let b = 0; b < bits; b++) r = (r << 1) | ((x >>> b) & 1);
  return r >>> 0;
}
