// The machine's registry: every chip, the ops each instruction chip proves, and its trace
// filler, in one place. Adding an instruction chip = one entry in INSTRUCTION_CHIPS.
// Table order (fixed; the verifier uses the same): program, range16, registers, then the
// instruction chips in this order.

import type { Air, RowMajorMatrix } from '../../src/air/index.js';
import { NUM_OPS } from '../../src/vm/index.js';
import { addSubAir } from '../alu-add-sub/air.js';
import { ADD_SUB_OPS, addSubTrace } from '../alu-add-sub/trace.js';
import { bitwiseAir } from '../alu-bitwise/air.js';
import { BITWISE_OPS, bitwiseTrace } from '../alu-bitwise/trace.js';
import { divRemAir } from '../alu-div-rem/air.js';
import { DIV_REM_OPS, divRemTrace } from '../alu-div-rem/trace.js';
import { ltAir } from '../alu-lt/air.js';
import { LT_OPS, ltTrace } from '../alu-lt/trace.js';
import { mulAir } from '../alu-mul/air.js';
import { MUL_OPS, mulTrace } from '../alu-mul/trace.js';
import { shiftLeftAir, shiftRightAir } from '../alu-shift/air.js';
import { SHIFT_LEFT_OPS, SHIFT_RIGHT_OPS, shiftLeftTrace, shiftRightTrace } from '../alu-shift/trace.js';
import { branchAir } from '../branch/air.js';
import { BRANCH_OPS, branchTrace } from '../branch/trace.js';
import { byteAir } from '../byte/air.js';
import { BYTE_TABLE_OPS, byteTrace } from '../byte/trace.js';
import { ecallAir } from '../ecall/air.js';
import { ECALL_OPS, ecallTrace } from '../ecall/trace.js';
import type { RangeCounter } from '../gadgets/range.js';
import { jumpAir } from '../jump/air.js';
import { JUMP_OPS, jumpTrace } from '../jump/trace.js';
import { loadAir, storeAir } from '../memory/air.js';
import { LOAD_OPS, loadTrace, STORE_OPS, storeTrace } from '../memory/trace.js';
import { upperAir } from '../upper/air.js';
import { UPPER_OPS, upperTrace } from '../upper/trace.js';
import type { Cycles } from './cycles.js';

export interface InstructionChip {
  readonly air: Air;
  /** Op ids (src/vm/decode.ts) this chip executes. */
  readonly ops: readonly number[];
  /** Fills `height` rows from the cycles `rows` (indices into cy), counting range lookups. */
  readonly trace: (
    cy: Cycles,
    rows: readonly number[],
    height: number,
    range: RangeCounter,
  ) => RowMajorMatrix;
}

export const INSTRUCTION_CHIPS: readonly InstructionChip[] = [
  { air: addSubAir as Air, ops: ADD_SUB_OPS, trace: addSubTrace },
  { air: upperAir as Air, ops: UPPER_OPS, trace: upperTrace },
  { air: jumpAir as Air, ops: JUMP_OPS, trace: jumpTrace },
  { air: branchAir as Air, ops: BRANCH_OPS, trace: branchTrace },
  { air: ecallAir as Air, ops: ECALL_OPS, trace: ecallTrace },
  { air: loadAir as Air, ops: LOAD_OPS, trace: loadTrace },
  { air: storeAir as Air, ops: STORE_OPS, trace: storeTrace },
  { air: bitwiseAir as Air, ops: BITWISE_OPS, trace: bitwiseTrace },
  { air: ltAir as Air, ops: LT_OPS, trace: ltTrace },
  { air: shiftLeftAir as Air, ops: SHIFT_LEFT_OPS, trace: shiftLeftTrace },
  { air: shiftRightAir as Air, ops: SHIFT_RIGHT_OPS, trace: shiftRightTrace },
  { air: mulAir as Air, ops: MUL_OPS, trace: mulTrace },
  { air: divRemAir as Air, ops: DIV_REM_OPS, trace: divRemTrace },
  // The byte-op table (BYTE_OP bus): no ops; its trace is the shared ByteCounter (byte/trace.ts).
  { air: byteAir as Air, ops: BYTE_TABLE_OPS, trace: byteTrace },
];

/** CHIP_OF_OP[op] = index into INSTRUCTION_CHIPS, or −1 if no chip proves op yet. */
export const CHIP_OF_OP: Int8Array = (() => {
  const t = new Int8Array(NUM_OPS).fill(-1);
  INSTRUCTION_CHIPS.forEach((c, i) => {
    for (const op of c.ops) {
      if (t[op] !== -1) throw new Error(`op ${op} claimed by two chips`);
      t[op] = i;
    }
  });
  return t;
})();
