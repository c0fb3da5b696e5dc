// Twiddle tables in wasm memory, one per direction, grown on demand: for every half-size h < n,
// tw[2h + j] = ω_{2h}^{±j} and tw[3h + j] its Shoup companion ⌊ω·2^32/p⌋ (kernels/ntt.ts). The
// entries for h do not depend on the transform size, so the table for the largest size seen
// serves every smaller size.
// Invariant: a returned pointer stays valid until a larger size is requested (then it is freed,
// so callers fetch the pointer per call and never keep it), or, while a hold is taken
// (`holdTwiddles`: a pool's batch in flight may still read them), until the last hold
// is released.

import { inv, rootOfUnity } from '../field/babybear.js';
import { WasmVec } from '../wasm/memory.js';
import { K, toMont } from './kernels.js';

/** Built at least this large (8 KiB) so small transforms do not regrow the table repeatedly. */
const MIN_LOG = 10;

const tables: [WasmVec | null, WasmVec | null] = [null, null];
let holds = 0;
const retired: WasmVec[] = [];

/**
 * Keeps every table handed out alive until the returned release is called: a pool holds them
 * while its batch runs, since a step of another pool on this thread may meanwhile ask for a
 * larger table. Holds nest.
 */
export function holdTwiddles(): () => void {
  holds++;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    holds--;
    if (holds === 0) for (const t of retired.splice(0)) t.free();
  };
}

/** Byte pointer of the Montgomery twiddle table covering sizes up to 2^logN. */
export function twiddles(logN: number, inverse: boolean): number {
  const d = inverse ? 1 : 0;
  const cur = tables[d];
  if (cur !== null && cur.length >= 2 << logN) return cur.ptr;
  const log = Math.max(logN, MIN_LOG);
  const n = 1 << log;
  const tw = new WasmVec(2 * n);
  const w = inverse ? inv(rootOfUnity(log)) : rootOfUnity(log);
  K().twiddleTable(tw.ptr, log, toMont(w));
  if (cur !== null) {
    if (holds > 0) retired.push(cur);
    else cur.free();
  }
  tables[d] = tw;
  return tw.ptr;
}

/** Frees both tables (tests and long-lived processes that are done with large transforms). */
export function releaseTwiddles(): void {
  for (const t of tables) t?.free();
  tables[0] = tables[1] = null;
}
