// The field layer: BabyBear scalars (babybear.ts), the quartic extension (ext.ts), batch
// inversion, and vector operations on columns in wasm memory (vector.ts) with their plain-TS twins
// on Uint32Arrays (namespace `vectorTs`). Importing this index loads the wasm kernels; scalar-only
// code (the verifier) can import babybear.ts and ext.ts directly.

export * from './babybear.js';
export * from './batch-inverse.js';
export * from './errors.js';
export * from './ext.js';
export * from './vector.js';
export * as vectorTs from './vector-ts.js';
