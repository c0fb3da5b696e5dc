// Word copies that the prover used to do with typed-array `set` in JS, as kernels so that a
// worker can run them on a range: a plain copy and a row-major → column transpose.
// Pointers are byte offsets into the shared memory; ranges never overlap (the callers' contract).

/** dst[0..n) = src[0..n) (u32 words; the ranges must not overlap). */
export function copyWords(dst: usize, src: usize, n: u32): void {
  memory.copy(dst, src, <usize>n << 2);
}

/**
 * Columns [col0, col1) of a row-major matrix (width × height u32 words at src) to their own
 * vectors: word i of column j goes to cols[j] + 4i, where cols is a table of width u32 pointers.
 * Blocks of rows keep the source rows and the destination lines in cache.
 */
export function transposeToColumns(cols: usize, src: usize, width: u32, height: u32, col0: u32, col1: u32): void {
  const BLOCK: u32 = 64;
  const rowBytes: usize = <usize>width << 2;
  for (let r0: u32 = 0; r0 < height; r0 += BLOCK) {
    const r1 = min(height, r0 + BLOCK);
    for (let j = col0; j < col1; j++) {
      const dst: usize = <usize>load<u32>(cols + (<usize>j << 2));
      let s: usize = src + <usize>r0 * rowBytes + (<usize>j << 2);
      for (let i = r0; i < r1; i++, s += rowBytes) store<u32>(dst + (<usize>i << 2), load<u32>(s));
    }
  }
}
