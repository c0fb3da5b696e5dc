// Tampers of read/write ECALLs and the I/O word rows (cases in memory-tampers.ts): the debug checker must
// name the chip and constraint (or the unbalanced bus), and a proof of the corrupted trace made
// by the honest machinery must be rejected (a sample of cases by default; all of them with
// RVSTARK_TAMPER_PROOFS=all).

import { describeMemoryTampers, ECALL_IO_TAMPERS, IO_WORD_TAMPERS } from './memory-tampers.js';

describeMemoryTampers([ECALL_IO_TAMPERS, IO_WORD_TAMPERS].flat(), 15);
