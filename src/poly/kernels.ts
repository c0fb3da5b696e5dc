// The poly layer's way to the kernels (kernels/ntt.ts) and the Montgomery conversion the kernels
// expect for constants. Pointers are byte offsets into the shared memory, sizes are log2 element
// counts; no checks happen below this line.

import { toMont } from '../field/babybear.js';

export { kernels as K } from '../wasm/kernels.js';
export { toMont };
