// From a program and its recorded run to the machine's tables and the statement: the one
// function a prover calls. Tables are padded to powers of two (≥ 8, gadgets/height.ts) with all-zero rows, on
// which every multiplicity is 0.

import type { Air, RowMajorMatrix } from '../../src/air/index.js';
import type { ExecutionResult } from '../../src/vm/index.js';
import { codeGapsTrace } from '../code-ranges/air.js';
import { ioWordTrace } from '../ecall/io-trace.js';
import { paddedHeight } from '../gadgets/height.js';
import { RangeCounter } from '../gadgets/range.js';
import { imageTrace } from '../image/air.js';
import { boundaryTrace } from '../memory-boundary/trace.js';
import { programTrace } from '../program/trace.js';
import { rangeTrace } from '../range/trace.js';
import { registersTrace } from '../registers/trace.js';
import { CHIP_OF_OP, INSTRUCTION_CHIPS } from './chips.js';
import { collectCycles } from './cycles.js';
import type { Machine } from './machine.js';
import { type Claim, claimContributions } from './statement.js';

export interface MachineTable {
  readonly air: Air;
  readonly trace: RowMajorMatrix;
}

export interface MachineWitness {
  /** In `machine.airs` order. */
  readonly tables: MachineTable[];
  readonly claim: Claim;
}

export interface WitnessOptions {
  /**
   * TESTS ONLY: called with each chip's name and filled trace before it is returned, so a test
   * can corrupt one cell and check that the constraints catch it.
   */
  readonly tamper?: (chip: string, trace: RowMajorMatrix) => void;
}

export function tableHeight(rows: number): number {
  return paddedHeight(rows);
}

/** Throws CircuitError('unsupported-opcode') if the run executed an op no chip proves. */
export function generateWitness(
  machine: Machine,
  result: ExecutionResult,
  input: Uint8Array,
  opts: WitnessOptions = {},
): MachineWitness {
  const cy = collectCycles(result, (op) => CHIP_OF_OP[op] >= 0);
  const range = new RangeCounter();
  const rowsOf: number[][] = INSTRUCTION_CHIPS.map(() => []);
  for (let k = 0; k < cy.n; k++) rowsOf[CHIP_OF_OP[cy.op[k]]].push(k);
  const instr = INSTRUCTION_CHIPS.map((c, i) => c.trace(cy, rowsOf[i], tableHeight(rowsOf[i].length), range));
  const boundary = boundaryTrace(cy, machine.image, range);
  const ioWords = ioWordTrace(cy, range);
  const reads: Array<[number, number]> = [];
  for (const { q } of cy.ecallIo.values())
    if (cy.io.fd[q] === 0) reads.push([cy.io.addr[q], cy.io.requested[q]]);
  // The range table is filled last: every other filler has counted its lookups by now.
  const traces = [
    programTrace(cy),
    rangeTrace(range),
    registersTrace(cy),
    imageTrace(machine.image),
    codeGapsTrace(machine.codeGaps, reads),
    boundary,
    ...instr,
    ioWords,
  ];
  const tables = machine.airs.map((air, i) => {
    opts.tamper?.(air.name, traces[i]);
    return { air, trace: traces[i] };
  });
  const claim: Claim = {
    imageId: machine.imageId,
    input: input.slice(0, result.inputConsumed),
    output: result.output,
    exitCode: result.exitCode | 0,
    cycles: result.cycles,
  };
  return { tables, claim };
}

export { claimContributions };
