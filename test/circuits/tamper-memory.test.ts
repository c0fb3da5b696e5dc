// Tampers of loads, stores and the RAM boundary (cases in memory-tampers.ts): the debug checker must
// name the chip and constraint (or the unbalanced bus), and a proof of the corrupted trace made
// by the honest machinery must be rejected (a sample of cases by default; all of them with
// RVSTARK_TAMPER_PROOFS=all).

import { BOUNDARY_TAMPERS, describeMemoryTampers, LOAD_TAMPERS, STORE_TAMPERS } from './memory-tampers.js';

describeMemoryTampers([LOAD_TAMPERS, STORE_TAMPERS, BOUNDARY_TAMPERS].flat(), 20);
