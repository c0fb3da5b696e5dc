// A pool helper: adopts the coordinator's wasm memory and kernel module (over comlink, once), then
// runs jobs of each published batch until told to stop. It never allocates; every pointer it
// touches comes from a batch. Blocking in Atomics.wait is allowed in workers, Node's and browsers'.

import * as Comlink from 'comlink';
import { GEN, STOP, workOn } from '../src/pool/control.js';
import { exposeToParent } from '../src/pool/platform.js';
import type { HelperApi } from '../src/pool/pool.js';
import { kernels, useKernelModule } from '../src/wasm/kernels.js';
import { adoptMemory } from '../src/wasm/memory.js';

function loop(ctrl: Int32Array, batch: Uint32Array, thread: number): void {
  const k = kernels() as unknown as Record<string, unknown>;
  let seen = Atomics.load(ctrl, GEN);
  for (;;) {
    Atomics.wait(ctrl, GEN, seen);
    const gen = Atomics.load(ctrl, GEN);
    if (Atomics.load(ctrl, STOP) !== 0) return;
    if (gen & 1) continue; // being published: wait for the even value
    seen = gen;
    workOn(ctrl, batch, gen, k, thread);
  }
}

const api: HelperApi = {
  init(memory, module, control, batch, thread) {
    adoptMemory(memory);
    useKernelModule(module);
    kernels();
    const ctrl = new Int32Array(control);
    // Reply first (comlink answers once this returns), then block in the loop.
    const words = new Uint32Array(batch);
    setTimeout(() => loop(ctrl, words, thread), 0);
  },
};

exposeToParent(api);
