// Tamper cases of the byte table and the bitwise, set-less-than, shift and branch (lt) chips:
// one per constraint and per interaction, plus per opcode a result off by one, a limb out of
// range (a field-wrapping byte or limb with a compensating neighbour), and rs1 = rs2 aliasing
// with a different value on one side. Each corrupts one row through the test-only witness hook.

import { bitwiseCols } from '../../circuits/alu-bitwise/columns.js';
import { ltCols } from '../../circuits/alu-lt/columns.js';
import { shiftLeftCols, shiftRightCols } from '../../circuits/alu-shift/columns.js';
import { branchCols } from '../../circuits/branch/columns.js';
import { populateLt32 } from '../../circuits/gadgets/lt32.js';
import { RangeCounter } from '../../circuits/gadgets/range.js';
import { P as FP, inv } from '../../src/field/babybear.js';
import type { Offsets, Tamper } from './helpers.js';
import { BITWISE_PROGRAM, BRANCH_PROGRAM, LT_PROGRAM, SHIFT_PROGRAM } from './ops-programs.js';

const add = (x: number, d: number) => (((x + d) % FP) + FP) % FP;
const inc =
  (col: string, d = 1, limb = 0) =>
  (row: Uint32Array, o: Offsets) => {
    row[o[col] + limb] = add(row[o[col] + limb], d);
  };
const set =
  (col: string, v: number, limb = 0) =>
  (row: Uint32Array, o: Offsets) => {
    row[o[col] + limb] = v;
  };
const both =
  (...fs: ((row: Uint32Array, o: Offsets) => void)[]) =>
  (row: Uint32Array, o: Offsets) => {
    for (const f of fs) f(row, o);
  };
const word = (row: Uint32Array, col: number) => (row[col] | (row[col + 1] << 16)) >>> 0;
const setWord = (row: Uint32Array, col: number, v: number) => {
  row[col] = v & 0xffff;
  row[col + 1] = v >>> 16;
};

const BYTE_BUS = /bus tuple byte_op/;
const MEM_BUS = /bus tuple memory/;
/** A wrong result breaks its byte lookup and rd's memory chain; the checker names either bus. */
const RESULT_BUS = /bus tuple (byte_op|memory)/;

// ---------------------------------------------------------------- byte table and alu-bitwise
const BW = BITWISE_PROGRAM;
const bw = (name: string, w: string, mutate: Tamper['mutate'], expect: RegExp): Tamper => ({
  name,
  chip: 'alu-bitwise',
  word: BW.at[w],
  code: BW.code,
  mutate,
  expect,
});

export const BYTE_TAMPERS: Tamper[] = ['mAnd', 'mOr', 'mXor', 'mRange'].map((m) => ({
  name: `${m} + 1 on row 0`,
  chip: 'byte',
  word: -1,
  code: BW.code,
  mutate: inc(m),
  expect: BYTE_BUS,
}));

export const BITWISE_TAMPERS: Tamper[] = [
  ...(['and', 'or', 'xor', 'andi', 'ori', 'xori'] as const).map((w) => {
    const sel = `is${w[0].toUpperCase()}${w.slice(1)}`;
    return bw(`${sel} = 2`, w, set(sel, 2), new RegExp(`chip alu-bitwise.*${sel} is a bit`));
  }),
  bw('two selectors', 'and', set('isXor', 1), /chip alu-bitwise.*at most one opcode selector/),
  bw('ANDI b_lo ≠ imm_lo', 'andi', inc('rs2Val'), /chip alu-bitwise.*I-form: b_lo = imm_lo/),
  bw('ORI b_hi ≠ imm_hi', 'ori', inc('rs2Val', 1, 1), /chip alu-bitwise.*I-form: b_hi = imm_hi/),
  // Results off by one: each breaks one byte lookup (lo/hi limb, low/high byte).
  bw('AND result lo + 1 (lo limb, low byte)', 'and', inc('rdVal'), RESULT_BUS),
  bw('OR result hi + 1 (hi limb, low byte)', 'or', inc('rdVal', 1, 1), RESULT_BUS),
  bw('XOR high byte of lo limb + 1 (low byte wraps the field)', 'xor', inc('cHi'), BYTE_BUS),
  bw('ANDI high byte of hi limb + 1', 'andi', inc('cHi', 1, 1), BYTE_BUS),
  bw('ORI result lo + 1', 'ori', inc('rdVal'), RESULT_BUS),
  bw('XORI result hi + 1', 'xori', inc('rdVal', 1, 1), RESULT_BUS),
  // Same word, limbs out of range: lo + 2^16, hi − 1.
  bw('XOR result lo limb + 2^16, hi − 1', 'xor', both(inc('rdVal', 65536), inc('rdVal', -1, 1)), RESULT_BUS),
  bw('AND operand a byte split off (aHi + 1)', 'and', inc('aHi', 1, 1), BYTE_BUS),
  bw('OR operand b byte split off (bHi + 1)', 'or', inc('bHi'), BYTE_BUS),
  // rs1 = rs2 = x6, rs2 read as x6 + 1 with a consistent row (b bytes, result bytes).
  bw(
    'XOR x6 ^ x6 with rs2 read as x6 + 1',
    'xorAlias',
    (row, o) => {
      const a = word(row, o.rs1Val);
      const b = (a + 1) >>> 0;
      setWord(row, o.rs2Val, b);
      setWord(row, o.rdVal, (a ^ b) >>> 0);
      for (let i = 0; i < 2; i++) {
        row[o.bHi + i] = (b >>> (16 * i + 8)) & 0xff;
        row[o.cHi + i] = ((a ^ b) >>> (16 * i + 8)) & 0xff;
      }
    },
    MEM_BUS,
  ),
];

// ---------------------------------------------------------------- lt32 (alu-lt and branch)
/** Recomputes the lt32 columns of a row for (a, b) and returns lt. */
function relt(row: Uint32Array, o: Offsets, a: number, b: number, signed: boolean): boolean {
  return populateLt32(row, o, a, b, signed, new RangeCounter(), false);
}

type After = (row: Uint32Array, o: Offsets, ltChanged: boolean) => void;

/** Sign bit `which` (0 = a, 1 = b) set to 0 with a consistent hi limb equation: d_hi, borrow_hi. */
const signFlip =
  (which: number, after: After) =>
  (row: Uint32Array, o: Offsets): void => {
    const before = row[o.ltBorrow + 1];
    row[o.ltSign + which] = 0;
    const v =
      row[o.rs1Val + 1] - row[o.rs2Val + 1] - row[o.ltBorrow] - 65536 * (row[o.ltSign] - row[o.ltSign + 1]);
    const brHi = v < 0 ? 1 : 0;
    row[o.ltBorrow + 1] = brHi;
    row[o.ltDiff + 1] = add(v, 65536 * brHi);
    after(row, o, brHi !== before);
  };

function lt32Tampers(
  mk: (name: string, w: string, mutate: Tamper['mutate'], expect: RegExp) => Tamper,
  chip: string,
  w: { signedNeg: string; signedNegB: string; unsigned: string; borrowLo: string },
  after: After,
  bus: RegExp,
): Tamper[] {
  const re = (label: string) => new RegExp(`chip ${chip}.*${label}`);
  return [
    mk('borrow_lo = 2', w.unsigned, set('ltBorrow', 2), re('lt: borrow_lo is a bit')),
    mk('borrow_hi = 2', w.unsigned, set('ltBorrow', 2, 1), re('lt: borrow_hi is a bit')),
    mk('sign a = 2', w.signedNeg, set('ltSign', 2), re('lt: sign a is a bit')),
    mk('sign b = 2', w.signedNeg, set('ltSign', 2, 1), re('lt: sign b is a bit')),
    mk('unsigned row with sign a = 1', w.unsigned, set('ltSign', 1), re('lt: unsigned ⇒ sign a = 0')),
    mk('unsigned row with sign b = 1', w.unsigned, set('ltSign', 1, 1), re('lt: unsigned ⇒ sign b = 0')),
    mk('d_lo + 1', w.signedNeg, inc('ltDiff'), re('lt: a − b = d \\(lo limb\\)')),
    mk('d_hi + 1', w.signedNeg, inc('ltDiff', 1, 1), re("lt: a' − b' = d \\(hi limb\\)")),
    // Borrow out of the lo limb dropped: d_lo − 2^16 (wraps the field), d_hi + 1 = 2^16.
    mk(
      'borrow_lo dropped, d_lo − 2^16, d_hi + 1 (out of range)',
      w.borrowLo,
      both(set('ltBorrow', 0), inc('ltDiff', -65536), inc('ltDiff', 1, 1)),
      /bus tuple range16/,
    ),
    // a < b claimed false: borrow_hi = 0, d_hi − 2^16 (wraps the field); result consistent.
    mk(
      'lt flipped with d_hi − 2^16',
      w.borrowLo,
      (row, o) => {
        row[o.ltBorrow + 1] = 0;
        row[o.ltDiff + 1] = add(row[o.ltDiff + 1], -65536);
        after(row, o, true);
      },
      bus,
    ),
    // A negative a (b) compared as if its sign bit were 0: 2·x_hi is out of range.
    mk('sign a dropped (negative a)', w.signedNeg, signFlip(0, after), bus),
    mk('sign b dropped (negative b)', w.signedNegB, signFlip(1, after), bus),
  ];
}

const LT = LT_PROGRAM;
const lt = (name: string, w: string, mutate: Tamper['mutate'], expect: RegExp): Tamper => ({
  name,
  chip: 'alu-lt',
  word: LT.at[w],
  code: LT.code,
  mutate,
  expect,
});

export const LT_TAMPERS: Tamper[] = [
  ...(['slt', 'sltu', 'slti', 'sltiu'] as const).map((w) => {
    const sel = `is${w[0].toUpperCase()}${w.slice(1)}`;
    return lt(`${sel} = 2`, w, set(sel, 2), new RegExp(`chip alu-lt.*${sel} is a bit`));
  }),
  lt('two selectors', 'slt', set('isSltu', 1), /chip alu-lt.*at most one opcode selector/),
  lt('SLTI b_lo ≠ imm_lo', 'slti', inc('rs2Val'), /chip alu-lt.*I-form: b_lo = imm_lo/),
  lt('SLTIU b_hi ≠ imm_hi', 'sltiu', inc('rs2Val', 1, 1), /chip alu-lt.*I-form: b_hi = imm_hi/),
  ...lt32Tampers(
    lt,
    'alu-lt',
    { signedNeg: 'slt', signedNegB: 'slti', unsigned: 'sltu', borrowLo: 'sltuLo' },
    (row, o) => {
      row[o.rdVal] = row[o.ltBorrow + 1];
    },
    /bus tuple (range16|memory)/,
  ),
  // Results off by one, per opcode (rd_lo = lt), and a non-zero hi limb.
  lt('SLT result + 1', 'slt', inc('rdVal'), /chip alu-lt.*rd_lo = lt/),
  lt('SLTU result + 1', 'sltu', inc('rdVal'), /chip alu-lt.*rd_lo = lt/),
  lt('SLTI result + 1', 'slti', inc('rdVal'), /chip alu-lt.*rd_lo = lt/),
  lt('SLTIU result + 1', 'sltiu', inc('rdVal'), /chip alu-lt.*rd_lo = lt/),
  lt(
    'SLT result lo + 2^16, hi − 1 (wraps)',
    'slt',
    both(inc('rdVal', 65536), inc('rdVal', -1, 1)),
    /chip alu-lt.*rd_lo = lt/,
  ),
  lt('SLTU result hi + 1', 'sltuMin', inc('rdVal', 1, 1), /chip alu-lt.*rd_hi = 0/),
  // rs1 = rs2 = x5, rs2 read as x5 + 1 with a consistent comparison and result.
  lt(
    'SLT x5 < x5 with rs2 read as x5 + 1',
    'sltAlias',
    (row, o) => {
      const a = word(row, o.rs1Val);
      const b = (a + 1) >>> 0;
      setWord(row, o.rs2Val, b);
      setWord(row, o.rdVal, relt(row, o, a, b, true) ? 1 : 0);
    },
    /bus tuple (memory|range16)/,
  ),
];

// ---------------------------------------------------------------- shifts
/** Refills a shift row's own columns for x shifted by s (as the trace filler does). */
function reshift(row: Uint32Array, o: Offsets, x: number, s: number, right: boolean, arith: boolean): void {
  const t = s & 7;
  const B = s >>> 3;
  row[o.tBit] = t & 1;
  row[o.tBit + 1] = (t >>> 1) & 1;
  row[o.tBit + 2] = t >>> 2;
  const K = right ? 2 ** (8 - t) : 2 ** t;
  row[o.pow] = right ? 2 ** (3 - (t & 3)) : 2 ** (t & 3);
  row[o.pow + 1] = K;
  for (let i = 0; i < 4; i++) row[o.byteShift + i] = i === B ? 1 : 0;
  for (let i = 0; i < 2; i++) {
    const v = ((x >>> (16 * i)) & 0xffff) * K;
    row[o.lo + i] = v & 0xff;
    row[o.mid + i] = (v >>> 8) & 0xff;
    row[o.top + i] = v >>> 16;
  }
  let r: number;
  if (right) {
    const sign = arith ? x >>> 31 : 0;
    row[o.sign] = sign;
    row[o.fill] = sign * (256 - K);
    r = arith ? (x | 0) >> s : x >>> s;
  } else r = x << s;
  setWord(row, o.rdVal, r >>> 0);
}

const SH = SHIFT_PROGRAM;
const shl = (name: string, w: string, mutate: Tamper['mutate'], expect: RegExp): Tamper => ({
  name,
  chip: 'alu-shift-left',
  word: SH.at[w],
  code: SH.code,
  mutate,
  expect,
});
const shr = (name: string, w: string, mutate: Tamper['mutate'], expect: RegExp): Tamper => ({
  name,
  chip: 'alu-shift-right',
  word: SH.at[w],
  code: SH.code,
  mutate,
  expect,
});

type Mk = typeof shl;
/** The constraints and lookups both shift chips share (evalShift). */
function shiftTampers(
  mk: Mk,
  chip: string,
  w: { reg: string; imm: string; b1: string; k: string; lo: string; mid: string; top: string },
): Tamper[] {
  const re = (label: string) => new RegExp(`chip ${chip}.*${label}`);
  return [
    mk('t bit 0 = 2', w.reg, set('tBit', 2), re('t bit 0 is a bit')),
    mk('t bit 1 = 2', w.reg, set('tBit', 2, 1), re('t bit 1 is a bit')),
    mk('t bit 2 = 2', w.reg, set('tBit', 2, 2), re('t bit 2 is a bit')),
    ...[0, 1, 2, 3].map((i) =>
      mk(`[B = ${i}] = 2`, w.imm, set('byteShift', 2, i), re(`\\[B = ${i}\\] is a bit`)),
    ),
    mk('two byte shifts', w.reg, set('byteShift', 1, 3), re('B is one-hot on real rows')),
    mk('P + 1', w.reg, inc('pow'), re('P = 2')),
    mk('K + 1', w.k, inc('pow', 1, 1), re('K = 2')),
    mk('q + 1', w.reg, inc('amtHi'), re('amount_lo = s \\+ 32·q')),
    mk('product byte lo_0 + 1', w.reg, inc('lo'), re('x·K = lo \\+ 2\\^8·mid \\+ 2\\^16·top \\(lo limb\\)')),
    mk(
      'product byte mid_1 + 1',
      w.reg,
      inc('mid', 1, 1),
      re('x·K = lo \\+ 2\\^8·mid \\+ 2\\^16·top \\(hi limb\\)'),
    ),
    mk('rd_lo + 1', w.imm, inc('rdVal'), re('rd_lo = r_0 \\+ 2\\^8·r_1')),
    mk('rd_hi + 1', w.reg, inc('rdVal', 1, 1), re('rd_hi = r_2 \\+ 2\\^8·r_3')),
    mk(
      'rd lo + 2^16, hi − 1 (wraps)',
      w.b1,
      both(inc('rdVal', 65536), inc('rdVal', -1, 1)),
      re('rd_lo = r_0'),
    ),
    // s = 4 instead of 3 for rs2 = 0x123: q = 287/32 is no integer (huge field element), row consistent.
    mk(
      'shift amount 4 for rs2 = 0x123 (q wraps the field)',
      w.reg,
      (row, o) => {
        reshift(row, o, word(row, o.rs1Val), 4, chip === 'alu-shift-right', (row[o.isSra] ?? 0) === 1);
        row[o.amtHi] = ((287 * inv(32)) % FP) >>> 0;
      },
      /bus tuple (range16|memory)/,
    ),
    // Bytes out of range with a compensating neighbour, on rows whose byte shift B drops the
    // changed bytes from the result (products and result unchanged, only a byte pair breaks):
    // lo_0 + 256, mid_0 − 1; mid_1 + 256, top_1 − 1 (field wrap if top_1 = 0); top_0 + 1, mid_0 − 256.
    mk('lo_0 + 2^8, mid_0 − 1', w.lo, both(inc('lo', 256), inc('mid', -1)), BYTE_BUS),
    mk('mid_1 + 2^8, top_1 − 1', w.mid, both(inc('mid', 256, 1), inc('top', -1, 1)), BYTE_BUS),
    mk('top_0 + 1, mid_0 − 2^8', w.top, both(inc('top', 1), inc('mid', -256)), BYTE_BUS),
  ];
}

export const SHIFT_LEFT_TAMPERS: Tamper[] = [
  shl('isSll = 2', 'sll', set('isSll', 2), /chip alu-shift-left.*isSll is a bit/),
  shl('isSlli = 2', 'slli', set('isSlli', 2), /chip alu-shift-left.*isSlli is a bit/),
  shl('two selectors', 'sll', set('isSlli', 1), /chip alu-shift-left.*at most one opcode selector/),
  ...shiftTampers(shl, 'alu-shift-left', {
    reg: 'sll',
    imm: 'slli',
    b1: 'sll8',
    k: 'sll',
    lo: 'sll',
    mid: 'sll8',
    top: 'sll8',
  }),
  shl('SLLI result + 1', 'slli31', inc('rdVal', 1, 1), /chip alu-shift-left.*rd_hi/),
  // rs1 = rs2: SLL x5, x5 is not in the program; shift x5 by rs2 read as x6 + 1 (s = 4).
  shl(
    'SLL with rs2 read as 0x124 (s = 4), consistent row',
    'sll',
    (row, o) => {
      setWord(row, o.rs2Val, 0x124);
      reshift(row, o, word(row, o.rs1Val), 4, false, false);
    },
    MEM_BUS,
  ),
];

export const SHIFT_RIGHT_TAMPERS: Tamper[] = [
  ...(['srl', 'sra', 'srli', 'srai'] as const).map((w) => {
    const sel = `is${w[0].toUpperCase()}${w.slice(1)}`;
    return shr(`${sel} = 2`, w, set(sel, 2), new RegExp(`chip alu-shift-right.*${sel} is a bit`));
  }),
  shr('two selectors', 'srl', set('isSra', 1), /chip alu-shift-right.*at most one opcode selector/),
  shr('sign = 2', 'sra3', set('sign', 2), /chip alu-shift-right.*sign is a bit/),
  shr('SRL with sign = 1', 'srl', set('sign', 1), /chip alu-shift-right.*SRL: sign = 0/),
  shr('fill + 1', 'sra3', inc('fill'), /chip alu-shift-right.*fill = sign·\(256 − K\)/),
  // SRA of a negative x computed as a logical shift (sign = 0, consistent row).
  shr(
    'SRA with sign 0 for negative x',
    'sra3',
    (row, o) => {
      reshift(row, o, word(row, o.rs1Val), 3, true, false);
    },
    /bus tuple (range16|memory)/,
  ),
  ...shiftTampers(shr, 'alu-shift-right', {
    reg: 'sra3',
    imm: 'srai',
    b1: 'srli',
    k: 'srl',
    lo: 'srli',
    mid: 'srl',
    top: 'srli31',
  }),
  shr('SRL result + 1', 'srl', inc('rdVal'), /chip alu-shift-right.*rd_lo/),
  shr('SRLI result + 1', 'srli31', inc('rdVal'), /chip alu-shift-right.*rd_lo/),
  shr('SRAI result hi + 1', 'srai15', inc('rdVal', 1, 1), /chip alu-shift-right.*rd_hi/),
  shr(
    'SRA x6 >> x6 with rs2 read as 0x124 (s = 4), consistent row',
    'sraAlias',
    (row, o) => {
      setWord(row, o.rs2Val, 0x124);
      reshift(row, o, word(row, o.rs1Val), 4, true, true);
    },
    MEM_BUS,
  ),
];

// ---------------------------------------------------------------- branch (BLT BGE BLTU BGEU)
const BR = BRANCH_PROGRAM;
const br = (name: string, w: string, mutate: Tamper['mutate'], expect: RegExp): Tamper => ({
  name,
  chip: 'branch',
  word: BR.at[w],
  code: BR.code,
  mutate,
  expect,
});
/** Flip a branch's outcome consistently: taken and next (the exec chain then breaks). */
const flip = (row: Uint32Array, o: Offsets) => {
  const taken = row[o.taken] === 1;
  row[o.taken] = taken ? 0 : 1;
  const next = taken ? word(row, o.seqPc) : word(row, o.imm);
  setWord(row, o.next, next);
};

export const BRANCH_LT_TAMPERS: Tamper[] = [
  ...(['Blt', 'Bge', 'Bltu', 'Bgeu'] as const).map((n) => {
    const w = { Blt: 'bltTaken', Bge: 'bgeNot', Bltu: 'bltuNot', Bgeu: 'bgeuTaken' }[n];
    return br(`is${n} = 2`, w, set(`is${n}`, 2), new RegExp(`chip branch.*is${n} is a bit`));
  }),
  br('BLT not taken although a < b', 'bltTaken', flip, /chip branch.*taken = BEQ/),
  br('BGE taken although a < b', 'bgeNot', flip, /chip branch.*taken = BEQ/),
  br('BLTU taken although a ≥ b', 'bltuNot', flip, /chip branch.*taken = BEQ/),
  br('BGEU not taken although a ≥ b', 'bgeuTaken', flip, /chip branch.*taken = BEQ/),
  ...lt32Tampers(
    br,
    'branch',
    { signedNeg: 'bltTaken', signedNegB: 'bgeNeg', unsigned: 'bltuNot', borrowLo: 'bgeuNot' },
    (row, o, changed) => {
      if (changed) flip(row, o);
    },
    /bus tuple (range16|exec|program)/,
  ),
  // rs1 = rs2 = x6 (BGE x6, x6, taken): rs2 read as x6 + 1, consistent lt and outcome.
  br(
    'BGE x6 ≥ x6 with rs2 read as x6 + 1',
    'bgeAlias',
    (row, o) => {
      const a = word(row, o.rs1Val);
      const b = (a + 1) >>> 0;
      setWord(row, o.rs2Val, b);
      relt(row, o, a, b, true);
      row[o.eq] = 0;
      row[o.inv] = inv(FP - 1);
      flip(row, o);
    },
    /bus tuple (memory|exec|program|range16)/,
  ),
];

export function opsLayoutOf(chip: string): Offsets {
  switch (chip) {
    case 'alu-bitwise':
      return bitwiseCols.offset;
    case 'alu-lt':
      return ltCols.offset;
    case 'alu-shift-left':
      return shiftLeftCols.offset;
    case 'alu-shift-right':
      return shiftRightCols.offset;
    case 'branch':
      return branchCols.offset;
    case 'byte':
      return { mAnd: 0, mOr: 1, mXor: 2, mRange: 3 };
  }
  throw new Error(chip);
}
