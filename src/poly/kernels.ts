// Typed view of the raw poly kernels in the shared wasm module (kernels/ntt.ts), and the
// Montgomery conversion the kernels expect for constants. Pointers are byte offsets into the
// shared memory, sizes are log2 element counts; no checks happen below this line.

import { toMont } from '../field/babybear.js';
import { kernels } from '../wasm/kernels.js';

export interface PolyKernels {
  nttDif(a: number, logN: number, tw: number): void;
  nttDit(a: number, logN: number, tw: number, s0: number): void;
  ldeDit(dst: number, src: number, fac: number, logN: number, logB: number, tw: number): void;
  mulMont(dst: number, a: number, fac: number, n: number): void;
  scaleMont(dst: number, a: number, c: number, n: number): void;
  powersMont(dst: number, n: number, start: number, step: number): void;
  twiddleTable(tw: number, logN: number, omegaMont: number): void;
  bitrevPermute(a: number, logN: number): void;
}

export const K = kernels as unknown as PolyKernels;

export { toMont };
