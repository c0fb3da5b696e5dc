// The height every table is padded to: a power of two, at least MIN_TABLE_ROWS. The floor is 8,
// not the engine's 4, because the proven (list-decoding, Johnson-bound) security analysis needs
// every table's n + 2 opening points to fit inside the agreement radius of its LDE: with 4-row
// tables no Johnson parameter m ≥ 3 exists and the proven level falls back to unique decoding
// (35 bits instead of ≈ 60 at the default preset; docs/SECURITY.md, "Proven level").

export const MIN_TABLE_ROWS = 8;
export const MIN_TABLE_LOG_ROWS = 3;

/** The padded height of a table holding `rows` real rows. */
export function paddedHeight(rows: number): number {
  return Math.max(MIN_TABLE_ROWS, 2 ** Math.ceil(Math.log2(Math.max(1, rows))));
}
