// The one wasm memory that every kernel and every pool worker works in, and its allocator.
// Column data lives here from the start, so kernels never copy in or out. The memory is shared,
// so growing it never moves data; `WasmVec.view` re-derives its typed array after a grow.
// It is created on first use (importing this module does nothing); a pool worker adopts the
// coordinator's memory instead and never allocates.
// Invariant: the allocator hands out disjoint, 64-byte aligned blocks at or above HEAP_BASE, and
// only the thread that created the memory allocates.

import { KERNELS_STATIC_END } from './kernels.generated.js';

/** First byte the allocator may hand out; below it sits the kernels' static data. */
export const HEAP_BASE = 1 << 20;
const PAGE = 1 << 16;
const ALIGN = 64;
/** wasm32 tops out at 4 GiB. */
export const MAX_PAGES = 65536;
const INITIAL_PAGES = 256;

if (KERNELS_STATIC_END > HEAP_BASE) throw new Error('kernel static data overlaps the heap');

export class WasmMemoryError extends Error {
  readonly kind = 'out-of-memory';
  constructor(message: string) {
    super(message);
    this.name = 'WasmMemoryError';
  }
}

let mem: WebAssembly.Memory | null = null;
let adopted = false;

/** This thread's wasm memory: created (shared, growable to 4 GiB) on first use. */
export function wasmMemory(): WebAssembly.Memory {
  if (mem === null)
    mem = new WebAssembly.Memory({ initial: INITIAL_PAGES, maximum: MAX_PAGES, shared: true });
  return mem;
}

/**
 * Makes `m` (another thread's memory) this thread's memory: a pool worker runs kernels on the
 * coordinator's columns. Only before this thread touched its own; allocating afterwards throws.
 */
export function adoptMemory(m: WebAssembly.Memory): void {
  if (mem !== null && mem !== m) throw new Error('adoptMemory: this thread already has a wasm memory');
  mem = m;
  adopted = true;
}

// Free list sorted by address; blocks are coalesced on free. Allocations are few and large
// (whole columns), so linear scans cost nothing next to the work done on the data.
const freePtr: number[] = [HEAP_BASE];
const freeSize: number[] = [INITIAL_PAGES * PAGE - HEAP_BASE];
const live = new Map<number, number>();
let bytesLive = 0;
let bytesPeak = 0;

function growBy(bytes: number): void {
  const memory = wasmMemory();
  const cur = memory.buffer.byteLength;
  const pages = Math.ceil(bytes / PAGE);
  if (cur / PAGE + pages > MAX_PAGES) {
    throw new WasmMemoryError(
      `wasm memory exhausted: need ${bytes} more bytes, ${bytesLive} live, limit ${MAX_PAGES * PAGE}`,
    );
  }
  memory.grow(pages);
  const last = freePtr.length - 1;
  if (last >= 0 && freePtr[last] + freeSize[last] === cur) freeSize[last] += pages * PAGE;
  else {
    freePtr.push(cur);
    freeSize.push(pages * PAGE);
  }
}

/** Allocates `bytes` (rounded up to 64) and returns the byte offset. Contents are not zeroed. */
export function alloc(bytes: number): number {
  if (!Number.isInteger(bytes) || bytes < 0) throw new RangeError(`alloc: bad size ${bytes}`);
  if (adopted) throw new Error('alloc: a pool worker does not allocate (the coordinator owns the heap)');
  const memory = wasmMemory();
  const size = Math.max(ALIGN, Math.ceil(bytes / ALIGN) * ALIGN);
  for (;;) {
    for (let i = 0; i < freePtr.length; i++) {
      if (freeSize[i] >= size) {
        const ptr = freePtr[i];
        if (freeSize[i] === size) {
          freePtr.splice(i, 1);
          freeSize.splice(i, 1);
        } else {
          freePtr[i] += size;
          freeSize[i] -= size;
        }
        live.set(ptr, size);
        bytesLive += size;
        if (bytesLive > bytesPeak) bytesPeak = bytesLive;
        return ptr;
      }
    }
    const last = freePtr.length - 1;
    const tailFree =
      last >= 0 && freePtr[last] + freeSize[last] === memory.buffer.byteLength ? freeSize[last] : 0;
    growBy(size - tailFree);
  }
}

/** Returns a block to the allocator; freeing an unknown or already freed pointer throws. */
export function free(ptr: number): void {
  const size = live.get(ptr);
  if (size === undefined) throw new Error(`free: ${ptr} is not a live allocation`);
  live.delete(ptr);
  bytesLive -= size;
  let i = 0;
  while (i < freePtr.length && freePtr[i] < ptr) i++;
  freePtr.splice(i, 0, ptr);
  freeSize.splice(i, 0, size);
  if (i + 1 < freePtr.length && ptr + size === freePtr[i + 1]) {
    freeSize[i] += freeSize[i + 1];
    freePtr.splice(i + 1, 1);
    freeSize.splice(i + 1, 1);
  }
  if (i > 0 && freePtr[i - 1] + freeSize[i - 1] === ptr) {
    freeSize[i - 1] += freeSize[i];
    freePtr.splice(i, 1);
    freeSize.splice(i, 1);
  }
}

/** Bytes currently allocated (for tests and peak-memory reporting). */
export function liveBytes(): number {
  return bytesLive;
}

/** Most bytes live at once since the last `resetPeakBytes()` (or since start-up). */
export function peakBytes(): number {
  return bytesPeak;
}

/** Starts a new peak measurement at the bytes live now. */
export function resetPeakBytes(): void {
  bytesPeak = bytesLive;
}

/**
 * A vector of u32 words in wasm memory: a base-field column (one word per element) or an
 * extension column (four words per element). Owns its block until `free()`.
 */
export class WasmVec {
  readonly ptr: number;
  /** Length in u32 words. */
  readonly length: number;
  private cached: Uint32Array | null = null;
  private freed = false;

  constructor(length: number) {
    if (!Number.isInteger(length) || length < 0) throw new RangeError(`WasmVec: bad length ${length}`);
    this.length = length;
    this.ptr = alloc(length * 4);
  }

  static from(values: ArrayLike<number>): WasmVec {
    const v = new WasmVec(values.length);
    v.view.set(values);
    return v;
  }

  /** A Uint32Array over the block; re-derived if the memory grew since the last call. */
  get view(): Uint32Array {
    if (this.freed) throw new Error('WasmVec used after free');
    const c = this.cached;
    const buffer = wasmMemory().buffer;
    if (c !== null && c.buffer === buffer) return c;
    const v = new Uint32Array(buffer, this.ptr, this.length);
    this.cached = v;
    return v;
  }

  free(): void {
    if (this.freed) return;
    this.freed = true;
    this.cached = null;
    free(this.ptr);
  }
}
