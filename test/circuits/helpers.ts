// Shared helpers of the circuit tests: a tiny real program, its run, and the debug checkers
// over a machine witness.

import {
  buildMachine,
  claimContributions,
  generateWitness,
  type Machine,
  type MachineWitness,
  machineKeys,
  proveMachine,
  verifyMachine,
  type WitnessOptions,
} from '../../circuits/machine/index.js';
import { buildAir, checkBuses, checkConstraints, type PublicContribution } from '../../src/air/index.js';
import { INSECURE_TEST_PARAMS } from '../../src/fri/params.js';
import { execute, loadElf } from '../../src/vm/index.js';
import { A0, A7, asm } from '../vm/helpers/asm.js';
import { makeElf } from '../vm/helpers/elf-writer.js';

/**
 * Uses ADD, SUB, ADDI, LUI, AUIPC, JAL, JALR, a write to x0 and the exit ECALL; exits with 42.
 * Word 6 calls the function at word 9, which returns to word 7.
 */
export const TINY_PROGRAM: readonly number[] = [
  asm.iop('addi', 5, 0, 7), // 0: x5 = 7
  asm.iop('addi', 6, 0, 35), // 1: x6 = 35
  asm.rop('add', 7, 5, 6), // 2: x7 = 42
  asm.rop('sub', 8, 5, 7), // 3: x8 = -35 (borrow)
  asm.lui(9, 0xfedcb000), // 4: x9 = 0xfedcb000
  asm.auipc(10, 0x1000), // 5: x10 = pc + 0x1000
  asm.jal(1, 12), // 6: call word 9
  asm.iop('addi', A0, 7, 0), // 7: a0 = 42
  asm.jal(0, 20), // 8: jump to word 13
  asm.iop('addi', 0, 5, 1), // 9: write to x0 (discarded)
  asm.rop('add', 11, 0, 0), // 10: x11 = x0 + x0 = 0
  asm.rop('add', 12, 9, 9), // 11: x12 = 2·x9 mod 2^32 (carry out)
  asm.jalr(0, 1, 0), // 12: return to word 7
  asm.iop('addi', A7, 0, 93), // 13: a7 = exit
  asm.ecall(), // 14
];

/** A BNE loop summing 5..1, a taken BEQ that skips a word, a not-taken BEQ; exits with 15. */
export const LOOP_PROGRAM: readonly number[] = [
  asm.iop('addi', 13, 0, 5), // 0: x13 = 5
  asm.iop('addi', 14, 0, 0), // 1: x14 = 0
  asm.rop('add', 14, 14, 13), // 2: loop: x14 += x13
  asm.iop('addi', 13, 13, -1), // 3: x13 -= 1
  asm.branch('bne', 13, 0, -8), // 4: while x13 ≠ 0
  asm.branch('beq', 0, 0, 8), // 5: taken, skips word 6
  asm.iop('addi', 14, 0, 99), // 6: skipped
  asm.branch('beq', 13, 14, 8), // 7: 0 ≠ 15, not taken
  asm.iop('addi', A0, 14, 0), // 8: a0 = 15
  asm.iop('addi', A7, 0, 93), // 9
  asm.ecall(), // 10
];

export function tinyRun(code: readonly number[] = TINY_PROGRAM) {
  const program = loadElf(makeElf({ code }));
  const result = execute(program, new Uint8Array(0), { record: true });
  const machine = buildMachine(program);
  return { program, result, machine };
}

export function witnessOf(code: readonly number[] = TINY_PROGRAM, opts: WitnessOptions = {}) {
  const { result, machine } = tinyRun(code);
  return { machine, result, witness: generateWitness(machine, result, new Uint8Array(0), opts) };
}

/** Runs the debug constraint checker on every table, then the bus balance checker. */
export function debugCheck(machine: Machine, w: MachineWitness): void {
  const tables = w.tables.map((t) => ({
    built: buildAir(t.air),
    main: t.trace,
    pre: t.air.preprocessedTrace?.(),
  }));
  for (const t of tables) checkConstraints(t);
  checkBuses(tables, claimContributions(machine, w.claim) as PublicContribution[]);
}

/** Offsets of a chip's columns by name (e.g. 'rdVal' → first limb). */
export type Offsets = Readonly<Record<string, number>>;

export interface Tamper {
  readonly name: string;
  readonly chip: string;
  /** The program word whose (first) executed row is corrupted; −1: row 0 of a non-instruction table. */
  readonly word: number;
  readonly mutate: (row: Uint32Array, o: Offsets) => void;
  /** What the debug checker must say (chip and constraint, or the unbalanced bus). */
  readonly expect: RegExp;
  /** The program (default TINY_PROGRAM). */
  readonly code?: readonly number[];
}

const TEXT_BASE = 0x10000;

/** The witness with one row corrupted through the test-only hook. */
export function tamperedWitness(
  t: Tamper,
  offsets: Offsets,
  code: readonly number[] = t.code ?? TINY_PROGRAM,
) {
  let hit = false;
  const r = witnessOf(code, {
    tamper: (chip, trace) => {
      if (chip !== t.chip) return;
      let j = 0;
      if (t.word >= 0) {
        const pc = TEXT_BASE + 4 * t.word;
        j = -1;
        for (let i = 0; i < trace.height; i++) {
          if (trace.get(i, offsets.pc) === (pc & 0xffff) && trace.get(i, offsets.pc + 1) === pc >>> 16) {
            j = i;
            break;
          }
        }
        if (j < 0) throw new Error(`tamper ${t.name}: word ${t.word} has no row in ${chip}`);
      }
      t.mutate(trace.row(j), offsets);
      hit = true;
    },
  });
  if (!hit) throw new Error(`tamper ${t.name}: chip ${t.chip} not found`);
  return r;
}

/** Checks each tamper: the debug checker names it, and the proof of the corrupted trace is rejected. */
export function tamperSuite(
  cases: readonly Tamper[],
  layoutOf: (chip: string) => Offsets,
  prove: (w: MachineWitness) => boolean,
  check: (w: MachineWitness) => void,
) {
  return cases.map((t) => ({
    name: `${t.chip}: ${t.name}`,
    run: () => {
      const { witness } = tamperedWitness(t, layoutOf(t.chip));
      let message = '';
      try {
        check(witness);
      } catch (e) {
        message = (e as Error).message;
      }
      let ok = false;
      try {
        ok = prove(witness);
      } catch {
        ok = false;
      }
      return { message, ok };
    },
  }));
}

/**
 * Whether the honest machinery's proof of `w` verifies (fast preset); a prover error counts as a
 * rejection. The one check every tamper test makes after the debug checker.
 */
export function proofAccepted(
  machine: Machine,
  w: MachineWitness,
  keys = machineKeys(machine, INSECURE_TEST_PARAMS),
): boolean {
  try {
    return verifyMachine(machine, keys.verifyingKey, w.claim, proveMachine(machine, keys.provingKey, w)).ok;
  } catch {
    return false;
  }
}
