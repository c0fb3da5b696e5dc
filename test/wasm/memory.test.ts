import { describe, expect, it } from 'vitest';
import { kernels } from '../../src/wasm/kernels.js';
import { alloc, free, HEAP_BASE, liveBytes, WasmVec, wasmMemory } from '../../src/wasm/memory.js';

describe('wasm memory allocator', () => {
  it('hands out disjoint aligned blocks above the heap base and reuses freed ones', () => {
    const before = liveBytes();
    const a = alloc(100);
    const b = alloc(1);
    expect(a).toBeGreaterThanOrEqual(HEAP_BASE);
    expect(a % 64).toBe(0);
    expect(b % 64).toBe(0);
    expect(b >= a + 128 || a >= b + 64).toBe(true);
    free(a);
    free(b);
    expect(liveBytes()).toBe(before);
    const c = alloc(160);
    expect(c).toBe(Math.min(a, b));
    free(c);
    expect(() => free(c)).toThrow(/not a live allocation/);
  });

  it('grows memory and keeps earlier vectors intact', () => {
    const small = WasmVec.from([1, 2, 3, 4]);
    const pagesBefore = wasmMemory().buffer.byteLength;
    const big = new WasmVec(8 << 20); // 32 MiB forces a grow
    expect(wasmMemory().buffer.byteLength).toBeGreaterThan(pagesBefore);
    expect(Array.from(small.view)).toEqual([1, 2, 3, 4]);
    big.view[big.length - 1] = 7;
    expect(big.view[big.length - 1]).toBe(7);
    big.free();
    small.free();
    expect(() => small.view).toThrow(/after free/);
  });

  it('runs a kernel in place on allocated vectors', () => {
    const p = 0x78000001;
    const a = WasmVec.from([1, p - 1, 5, p - 2]);
    const b = WasmVec.from([2, 1, p - 5, p - 2]);
    const d = new WasmVec(4);
    kernels().vecAdd(d.ptr, a.ptr, b.ptr, 4);
    expect(Array.from(d.view)).toEqual([3, 0, 0, p - 4]);
    for (const v of [a, b, d]) v.free();
  });
});
