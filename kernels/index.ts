// Entry point of the single wasm module that holds every kernel. Each kernel file exports its
// functions and this file re-exports them, so that all kernels share one imported memory and
// one static-data region (below the heap base the TS allocator starts from).
export * from './field';
export * from './ext';
export * from './blake3';
export * from './ntt';
export * from './eval';
export * from './polyeval';
export * from './fri';
export * from './copy';
export * from './pow';
