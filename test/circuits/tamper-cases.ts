// Tamper cases, one per constraint of each chip (and one per table). Each corrupts one cell of an
// honest trace through the witness hook; tamper-*.test.ts check that the debug checker names
// the chip and constraint (or the unbalanced bus) and that the proof is rejected.

import { addSubCols } from '../../circuits/alu-add-sub/columns.js';
import { branchCols } from '../../circuits/branch/columns.js';
import { ecallCols } from '../../circuits/ecall/columns.js';
import { jumpCols } from '../../circuits/jump/columns.js';
import { upperCols } from '../../circuits/upper/columns.js';
import { P } from '../../src/field/babybear.js';
import { LOOP_PROGRAM, type Offsets, type Tamper } from './helpers.js';

const inc =
  (col: string, d = 1, limb = 0) =>
  (row: Uint32Array, o: Offsets) => {
    row[o[col] + limb] = (row[o[col] + limb] + d) % P;
  };
const set =
  (col: string, v: number, limb = 0) =>
  (row: Uint32Array, o: Offsets) => {
    row[o[col] + limb] = v;
  };

// Words of TINY_PROGRAM: 0 addi, 2 add, 3 sub, 4 lui, 5 auipc, 6 jal, 9 addi x0, 11 add (carry), 12 jalr, 14 ecall.
export const ALU_TAMPERS: Tamper[] = [
  // alu-add-sub
  {
    name: 'isAdd = 2',
    chip: 'alu-add-sub',
    word: 2,
    mutate: set('isAdd', 2),
    expect: /chip alu-add-sub, constraint \d+ \(isAdd is a bit\)/,
  },
  {
    name: 'two selectors',
    chip: 'alu-add-sub',
    word: 2,
    mutate: set('isSub', 1),
    expect: /alu-add-sub.*at most one opcode selector/,
  },
  {
    name: 'ADDI b ≠ imm',
    chip: 'alu-add-sub',
    word: 0,
    mutate: inc('rs2Val'),
    expect: /alu-add-sub.*ADDI: b_lo = imm_lo/,
  },
  {
    name: 'ADDI b_hi ≠ imm_hi',
    chip: 'alu-add-sub',
    word: 0,
    mutate: inc('rs2Val', 1, 1),
    expect: /alu-add-sub.*ADDI: b_hi = imm_hi/,
  },
  {
    name: 'carry = 2',
    chip: 'alu-add-sub',
    word: 11,
    mutate: set('carry', 2),
    expect: /alu-add-sub.*carry_lo is a bit/,
  },
  {
    name: 'carry_hi = 2',
    chip: 'alu-add-sub',
    word: 11,
    mutate: set('carry', 2, 1),
    expect: /alu-add-sub.*carry_hi is a bit/,
  },
  {
    name: 'ADD result lo + 1',
    chip: 'alu-add-sub',
    word: 2,
    mutate: inc('rdVal'),
    expect: /alu-add-sub.*X \+ b = Z \(lo limb\)/,
  },
  {
    name: 'SUB result hi + 1',
    chip: 'alu-add-sub',
    word: 3,
    mutate: inc('rdVal', 1, 1),
    expect: /alu-add-sub.*X \+ b = Z \(hi limb\)/,
  },
  {
    name: 'ADD result − p (wraps the field)',
    chip: 'alu-add-sub',
    word: 2,
    mutate: inc('rdVal', P - 1),
    expect: /alu-add-sub.*X \+ b = Z \(lo limb\)/,
  },
  {
    name: 'result limb out of range by 2^16 (carry moved into the limb)',
    chip: 'alu-add-sub',
    word: 11,
    mutate: (row, o) => {
      // Same integer c_lo + 2^16·c_hi, but c_lo ≥ 2^16: only the range lookup catches it.
      row[o.rdVal] += 65536;
      row[o.carry] = 0;
      row[o.rdVal + 1] -= 1;
    },
    expect: /bus tuple range16\(\d+\) is unbalanced/,
  },
  {
    name: 'stale rs1 value',
    chip: 'alu-add-sub',
    word: 2,
    mutate: (row, o) => {
      inc('rs1Val')(row, o);
      inc('rdVal')(row, o);
    },
    expect: /bus tuple (memory|range16)\(/,
  },
  {
    name: 'ts diff limb',
    chip: 'alu-add-sub',
    word: 2,
    mutate: inc('rs1Diff'),
    expect: /alu-add-sub.*read rs1: ts diff limbs/,
  },
  {
    name: 'prevTs = ts (no order), decomposition of −1',
    chip: 'alu-add-sub',
    word: 2,
    mutate: (row, o) => {
      row[o.rs1PrevTs] = row[o.ts];
      row[o.rs1Diff] = 0;
      row[o.rs1Diff + 1] = (P - 1) / 65536;
    },
    expect: /bus tuple (range16|memory)\(/,
  },
  {
    name: 'write to x0 sticks',
    chip: 'alu-add-sub',
    word: 9,
    mutate: set('rdWrite', 1),
    expect: /bus tuple (program|memory)\(/,
  },
  {
    name: 'skipped instruction (ts + 4)',
    chip: 'alu-add-sub',
    word: 3,
    mutate: inc('ts', 4),
    expect: /read rs1: ts diff limbs|bus tuple exec/,
  },
  {
    name: 'wrong op',
    chip: 'alu-add-sub',
    word: 2,
    mutate: (row, o) => {
      row[o.isAdd] = 0;
      row[o.isSub] = 1;
    },
    expect: /alu-add-sub.*X \+ b = Z|bus tuple program/,
  },
];

// Words of LOOP_PROGRAM: 4 bne (taken 4 times first), 5 beq taken, 7 beq not taken.
const L = LOOP_PROGRAM;
export const BRANCH_TAMPERS: Tamper[] = [
  {
    name: 'isBeq = 2',
    chip: 'branch',
    word: 5,
    code: L,
    mutate: set('isBeq', 2),
    expect: /chip branch.*isBeq is a bit/,
  },
  {
    name: 'two selectors',
    chip: 'branch',
    word: 5,
    code: L,
    mutate: set('isBne', 1),
    expect: /chip branch.*at most one opcode selector/,
  },
  {
    name: 'eq = 2',
    chip: 'branch',
    word: 5,
    code: L,
    mutate: set('eq', 2),
    expect: /chip branch.*eq is a bit/,
  },
  {
    name: 'eq claimed for unequal lo limbs',
    chip: 'branch',
    word: 7,
    code: L,
    mutate: set('eq', 1),
    expect: /chip branch.*eq ⇒ a_lo = b_lo/,
  },
  {
    name: 'eq claimed for unequal hi limbs',
    chip: 'branch',
    word: 7,
    code: L,
    mutate: (row, o) => {
      // a = b in the lo limb only (both reads changed consistently would break MEMORY instead).
      row[o.rs2Val] = row[o.rs1Val];
      row[o.rs2Val + 1] = (row[o.rs1Val + 1] + 1) % P;
      row[o.eq] = 1;
    },
    expect: /chip branch.*eq ⇒ a_hi = b_hi/,
  },
  {
    name: 'not-equal without a witness',
    chip: 'branch',
    word: 7,
    code: L,
    mutate: inc('inv'),
    expect: /chip branch.*¬eq ⇒ a ≠ b/,
  },
  {
    name: 'BNE not taken although a ≠ b',
    chip: 'branch',
    word: 4,
    code: L,
    mutate: set('taken', 0),
    expect: /chip branch.*taken = BEQ \? eq : ¬eq/,
  },
  {
    name: 'next lo',
    chip: 'branch',
    word: 5,
    code: L,
    mutate: inc('next', 4),
    expect: /chip branch.*next = taken \? target : pc \+ 4 \(lo\)/,
  },
  {
    name: 'next hi',
    chip: 'branch',
    word: 7,
    code: L,
    mutate: inc('next', 1, 1),
    expect: /chip branch.*next = taken \? target : pc \+ 4 \(hi\)/,
  },
  {
    name: 'taken branch falls through (consistent row)',
    chip: 'branch',
    word: 5,
    code: L,
    mutate: (row, o) => {
      row[o.taken] = 0;
      row[o.next] = row[o.seqPc];
      row[o.next + 1] = row[o.seqPc + 1];
    },
    expect: /chip branch.*taken = BEQ \? eq : ¬eq/,
  },
  // tables
  {
    name: 'program multiplicity + 1',
    chip: 'program',
    word: -1,
    code: L,
    mutate: inc('multiplicity'),
    expect: /bus tuple program\(/,
  },
  {
    name: 'register final value',
    chip: 'registers',
    word: -1,
    code: L,
    mutate: inc('final'),
    expect: /bus tuple memory\(/,
  },
  {
    name: 'range multiplicity',
    chip: 'range16',
    word: -1,
    code: L,
    mutate: inc('multiplicity'),
    expect: /bus tuple range16\(/,
  },
];

export const CONTROL_TAMPERS: Tamper[] = [
  // upper
  {
    name: 'LUI rd lo + 1',
    chip: 'upper',
    word: 4,
    mutate: inc('rdVal'),
    expect: /chip upper.*rd = imm \(lo\)/,
  },
  {
    name: 'AUIPC rd hi + 1',
    chip: 'upper',
    word: 5,
    mutate: inc('rdVal', 1, 1),
    expect: /chip upper.*rd = imm \(hi\)/,
  },
  {
    name: 'upper isLui = 2',
    chip: 'upper',
    word: 4,
    mutate: set('isLui', 2),
    expect: /chip upper.*isLui is a bit/,
  },
  {
    name: 'upper isFence = 2',
    chip: 'upper',
    word: 4,
    mutate: set('isFence', 2),
    expect: /chip upper.*isFence is a bit/,
  },
  // jump
  {
    name: 'JAL rd ≠ pc + 4',
    chip: 'jump',
    word: 6,
    mutate: inc('rdVal', 4),
    expect: /chip jump.*rd = pc \+ 4 \(lo\)/,
  },
  {
    name: 'JAL rd hi',
    chip: 'jump',
    word: 6,
    mutate: inc('rdVal', 1, 1),
    expect: /chip jump.*rd = pc \+ 4 \(hi\)/,
  },
  {
    name: 'JAL to another pc',
    chip: 'jump',
    word: 6,
    mutate: inc('next', 4),
    expect: /chip jump.*JAL: next = target \(lo\)/,
  },
  {
    name: 'JAL target hi',
    chip: 'jump',
    word: 6,
    mutate: inc('next', 1, 1),
    expect: /chip jump.*JAL: next = target \(hi\)/,
  },
  {
    name: 'JALR to another pc',
    chip: 'jump',
    word: 12,
    mutate: inc('next', 4),
    expect: /chip jump.*JALR: next_lo \+ bit0/,
  },
  {
    name: 'JALR target hi',
    chip: 'jump',
    word: 12,
    mutate: inc('next', 1, 1),
    expect: /chip jump.*JALR: next_hi/,
  },
  {
    name: 'JALR bit0 = 2',
    chip: 'jump',
    word: 12,
    mutate: set('bit0', 2),
    expect: /chip jump.*bit0 is a bit/,
  },
  {
    name: 'JALR carry = 2',
    chip: 'jump',
    word: 12,
    mutate: set('carry', 2),
    expect: /chip jump.*carry_lo is a bit/,
  },
  {
    name: 'JALR carry_hi = 2',
    chip: 'jump',
    word: 12,
    mutate: set('carry', 2, 1),
    expect: /chip jump.*carry_hi is a bit/,
  },
  {
    name: 'jump isJal = 2',
    chip: 'jump',
    word: 6,
    mutate: set('isJal', 2),
    expect: /chip jump.*isJal is a bit/,
  },
  // ecall
  {
    name: 'exit as exit_group',
    chip: 'ecall',
    word: 14,
    mutate: set('isGroup', 1),
    expect: /chip ecall.*a7_lo = 93 \+ isGroup/,
  },
  {
    name: 'isGroup = 2',
    chip: 'ecall',
    word: 14,
    mutate: set('isGroup', 2),
    expect: /chip ecall.*isGroup is a bit/,
  },
  { name: 'a7 hi', chip: 'ecall', word: 14, mutate: inc('rs1Val', 1, 1), expect: /chip ecall.*a7_hi = 0/ },
  {
    name: 'exit code + 1',
    chip: 'ecall',
    word: 14,
    mutate: inc('rs2Val'),
    expect: /bus tuple (memory|halt)\(/,
  },
  {
    name: 'isExit = 2',
    chip: 'ecall',
    word: 14,
    mutate: set('isExit', 2),
    expect: /chip ecall.*isExit is a bit/,
  },
];

export function layoutOf(chip: string): Offsets {
  switch (chip) {
    case 'alu-add-sub':
      return addSubCols.offset;
    case 'upper':
      return upperCols.offset;
    case 'jump':
      return jumpCols.offset;
    case 'ecall':
      return ecallCols.offset;
    case 'branch':
      return branchCols.offset;
    case 'program':
    case 'range16':
      return { multiplicity: 0 };
    case 'registers':
      return { final: 0, finalTs: 2 };
  }
  throw new Error(chip);
}
