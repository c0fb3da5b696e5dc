// Tamper cases of the memory and I/O chips (memory-load, memory-store, memory-boundary, ecall
// read/write, io-words), one or more per constraint, on MEMORY_PROGRAM. Each corrupts cells of
// an honest trace through the witness hook; tamper-memory.test.ts and tamper-io.test.ts check
// that the debug checker names the chip and constraint (or the unbalanced bus) and that the
// proof of the corrupted trace is rejected.

import { describe, expect, it } from 'vitest';
import { codeGapMain } from '../../circuits/code-ranges/columns.js';
import { ecallCols } from '../../circuits/ecall/columns.js';
import { ioWordCols } from '../../circuits/ecall/io-columns.js';
import { type Machine, type MachineWitness, machineKeys } from '../../circuits/machine/index.js';
import { loadCols, storeCols } from '../../circuits/memory/columns.js';
import { boundaryCols } from '../../circuits/memory-boundary/columns.js';
import {
  type BuiltAir,
  buildAir,
  checkBuses,
  checkConstraints,
  type PublicContribution,
  RowEvaluator,
  RowMajorMatrix,
} from '../../src/air/index.js';
import { inv, P } from '../../src/field/babybear.js';
import { INSECURE_TEST_PARAMS } from '../../src/fri/params.js';
import type { ExecutionResult } from '../../src/vm/index.js';
import { proofAccepted } from './helpers.js';
import { cycleOfWord, MW, memoryRun } from './memory-helpers.js';

type Offsets = Readonly<Record<string, number>>;

/** Which row: a program word's first executed row (instruction chips), its k-th I/O word row
 * (io-words: [ecall word, k]), a boundary word address, or a row finder. */
export type Where =
  | number
  | [number, number]
  | { addr: number }
  | ((t: RowMajorMatrix, o: Offsets) => number);

export interface MemTamper {
  readonly name: string;
  readonly chip: string;
  readonly at: Where;
  readonly mutate: (row: Uint32Array, o: Offsets, t: RowMajorMatrix, j: number) => void;
  readonly expect: RegExp;
}

const TEXT = 0x10000;
const DATA_W = 0x20000 >>> 2;

export const LAYOUTS: Record<string, Offsets> = {
  'memory-load': loadCols.offset,
  'memory-store': storeCols.offset,
  'memory-boundary': boundaryCols.offset,
  ecall: ecallCols.offset,
  'io-words': ioWordCols.offset,
  'code-gaps': codeGapMain.offset,
};

const add =
  (col: string, d: number, limb = 0) =>
  (row: Uint32Array, o: Offsets) => {
    row[o[col] + limb] = (row[o[col] + limb] + d + P) % P;
  };
const set =
  (col: string, v: number, limb = 0) =>
  (row: Uint32Array, o: Offsets) => {
    row[o[col] + limb] = (v + P) % P;
  };
const all =
  (...fs: Array<(row: Uint32Array, o: Offsets) => void>) =>
  (row: Uint32Array, o: Offsets) => {
    for (const f of fs) f(row, o);
  };
const C = (chip: string, label: string) => new RegExp(`chip ${chip}, constraint \\d+ \\(${label}`);
const L = (label: string) => C('memory-load', label);
const S = (label: string) => C('memory-store', label);
const BD = (label: string) => C('memory-boundary', label);
const E = (label: string) => C('ecall', label);
const W = (label: string) => C('io-words', label);
const BUS = (...names: string[]) => new RegExp(`bus tuple (${names.join('|')})\\(`);
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const firstPad = (t: RowMajorMatrix, o: Offsets) => {
  for (let i = 0; i < t.height; i++) if (t.get(i, o.real ?? o.isRead) === 0) return i;
  throw new Error('no padding row');
};
const lastReal = (t: RowMajorMatrix, o: Offsets) => firstPad(t, o) - 1;
const ioPad = (t: RowMajorMatrix, o: Offsets) => {
  for (let i = 0; i < t.height; i++)
    if (t.get(i, o.isRead) + t.get(i, o.isOut) + t.get(i, o.isErr) === 0) return i;
  throw new Error('no padding row');
};

export const LOAD_TAMPERS: MemTamper[] = [
  { name: 'isLb = 2', chip: 'memory-load', at: MW.lb, mutate: set('isLb', 2), expect: L('isLb is a bit') },
  { name: 'isLh = 2', chip: 'memory-load', at: MW.lh, mutate: set('isLh', 2), expect: L('isLh is a bit') },
  { name: 'isLw = 2', chip: 'memory-load', at: MW.lw, mutate: set('isLw', 2), expect: L('isLw is a bit') },
  {
    name: 'isLbu = 2',
    chip: 'memory-load',
    at: MW.lbu,
    mutate: set('isLbu', 2),
    expect: L('isLbu is a bit'),
  },
  {
    name: 'isLhu = 2',
    chip: 'memory-load',
    at: MW.lhu,
    mutate: set('isLhu', 2),
    expect: L('isLhu is a bit'),
  },
  {
    name: 'two selectors',
    chip: 'memory-load',
    at: MW.lb,
    mutate: set('isLbu', 1),
    expect: L('at most one opcode selector'),
  },
  {
    name: 'b0 = 2',
    chip: 'memory-load',
    at: MW.lb,
    mutate: set('b0', 2),
    expect: L('address bit 0 is a bit'),
  },
  {
    name: 'b1 = 2',
    chip: 'memory-load',
    at: MW.lh,
    mutate: set('b1', 2),
    expect: L('address bit 1 is a bit'),
  },
  {
    name: 'carry_lo = 2',
    chip: 'memory-load',
    at: MW.lwCarry,
    mutate: set('carry', 2),
    expect: L('address carry_lo is a bit'),
  },
  {
    name: 'carry_hi = 2',
    chip: 'memory-load',
    at: MW.lwCarry,
    mutate: set('carry', 2, 1),
    expect: L('address carry_hi is a bit'),
  },
  {
    name: 'address lo + 4',
    chip: 'memory-load',
    at: MW.lw,
    mutate: add('wLo', 1),
    expect: L(esc('a = rs1 + imm (lo limb)')),
  },
  {
    name: 'address hi + 1',
    chip: 'memory-load',
    at: MW.lw,
    mutate: add('aHi', 1),
    expect: L(esc('a = rs1 + imm (hi limb)')),
  },
  {
    name: 'address hi − p (wraps the field)',
    chip: 'memory-load',
    at: MW.lw,
    mutate: add('aHi', P - 1),
    expect: L(esc('a = rs1 + imm (hi limb)')),
  },
  {
    name: 'address bits 2..15 out of range by 2^14 (carry moved in)',
    chip: 'memory-load',
    at: MW.lwCarry,
    mutate: all(add('wLo', 16384), set('carry', 0), add('aHi', -1)),
    expect: BUS('range16', 'memory'),
  },
  {
    name: 'address hi limb out of range by 2^16 (carry moved in)',
    chip: 'memory-load',
    at: MW.lwCarry,
    mutate: all(add('aHi', 65536), set('carry', 0, 1)),
    expect: BUS('range16', 'memory'),
  },
  {
    name: 'misaligned LW (bit 0)',
    chip: 'memory-load',
    at: MW.lw,
    mutate: all(add('rs1Val', 1), set('b0', 1)),
    expect: L(esc('LW: a ≡ 0 mod 4 (bit 0)')),
  },
  {
    name: 'misaligned LW (bit 1)',
    chip: 'memory-load',
    at: MW.lw,
    mutate: all(add('rs1Val', 2), set('b1', 1)),
    expect: L(esc('LW: a ≡ 0 mod 4 (bit 1)')),
  },
  {
    name: 'misaligned LH',
    chip: 'memory-load',
    at: MW.lh,
    mutate: all(add('rs1Val', 1), set('b0', 1)),
    expect: L('LH/LHU: a ≡ 0 mod 2'),
  },
  { name: 'ro = 2', chip: 'memory-load', at: MW.lwCode, mutate: set('ro', 2), expect: L('ro is a bit') },
  {
    name: 'code word read from the writable space',
    chip: 'memory-load',
    at: MW.lwCode,
    mutate: set('ro', 0),
    expect: BUS('memory'),
  },
  {
    name: 'stale timestamp (prevTs − 1)',
    chip: 'memory-load',
    at: MW.lwBack,
    mutate: all(add('memPrevTs', -1), add('memDiff', 1)),
    expect: BUS('memory', 'range16'),
  },
  {
    name: 'LW returns another value than the last stored (consistently)',
    chip: 'memory-load',
    at: MW.lwBack,
    mutate: all(add('memVal', 1), add('half', 1), add('lo8', 1), add('byte', 1), add('rdVal', 1)),
    expect: BUS('memory', 'range16'),
  },
  {
    name: 'ts diff',
    chip: 'memory-load',
    at: MW.lw,
    mutate: add('memDiff', 1),
    expect: L('load: ts diff limbs'),
  },
  {
    name: 'half + 1',
    chip: 'memory-load',
    at: MW.lh,
    mutate: add('half', 1),
    expect: L('half = word limb b1'),
  },
  {
    name: 'lo8 + 1',
    chip: 'memory-load',
    at: MW.lbu,
    mutate: add('lo8', 1),
    expect: L('half = lo8 \\+ 256·hi8'),
  },
  {
    name: 'LB: lo8 out of range by 2^8 (hi8 − 1)',
    chip: 'memory-load',
    at: MW.lb,
    mutate: all(add('lo8', 256), add('hi8', -1), add('byte', -1), add('t', -512), add('rdVal', -1)),
    expect: BUS('range16', 'memory'),
  },
  {
    name: 'byte + 1',
    chip: 'memory-load',
    at: MW.lb,
    mutate: add('byte', 1),
    expect: L('byte = byte b0 of half'),
  },
  { name: 'sign = 2', chip: 'memory-load', at: MW.lb, mutate: set('sign', 2), expect: L('sign is a bit') },
  {
    name: 'LBU sign-extended',
    chip: 'memory-load',
    at: MW.lbu,
    mutate: all(set('sign', 1), add('rdVal', 0xffff, 1)),
    expect: L('sign = 0 unless LB/LH'),
  },
  { name: 'LH t + 2', chip: 'memory-load', at: MW.lh, mutate: add('t', 2), expect: L('LH: t = 2·') },
  { name: 'LB t + 512', chip: 'memory-load', at: MW.lb, mutate: add('t', 512), expect: L('LB: t = 512·') },
  {
    name: 'LB zero-extended (sign 0, t out of range)',
    chip: 'memory-load',
    at: MW.lb,
    mutate: all(set('sign', 0), add('t', 65536), add('rdVal', -0xff00), set('rdVal', 0, 1)),
    expect: BUS('range16', 'memory'),
  },
  {
    name: 'LH zero-extended (sign 0, t out of range)',
    chip: 'memory-load',
    at: MW.lh,
    mutate: all(set('sign', 0), add('t', 65536), set('rdVal', 0, 1)),
    expect: BUS('range16', 'memory'),
  },
  { name: 'result lo + 1', chip: 'memory-load', at: MW.lhu, mutate: add('rdVal', 1), expect: L('rd_lo = ') },
  {
    name: 'result lo − p (wraps the field)',
    chip: 'memory-load',
    at: MW.lw,
    mutate: add('rdVal', P - 1),
    expect: L('rd_lo = '),
  },
  {
    name: 'result hi + 1',
    chip: 'memory-load',
    at: MW.lb,
    mutate: add('rdVal', 1, 1),
    expect: L('rd_hi = '),
  },
];

export const STORE_TAMPERS: MemTamper[] = [
  {
    name: 'isSb = 2',
    chip: 'memory-store',
    at: MW.sbLane0,
    mutate: set('isSb', 2),
    expect: S('isSb is a bit'),
  },
  { name: 'isSh = 2', chip: 'memory-store', at: MW.shLo, mutate: set('isSh', 2), expect: S('isSh is a bit') },
  { name: 'isSw = 2', chip: 'memory-store', at: MW.sw, mutate: set('isSw', 2), expect: S('isSw is a bit') },
  {
    name: 'two selectors',
    chip: 'memory-store',
    at: MW.sw,
    mutate: set('isSh', 1),
    expect: S('at most one opcode selector'),
  },
  {
    name: 'b0 = 2',
    chip: 'memory-store',
    at: MW.sw,
    mutate: set('b0', 2),
    expect: S('address bit 0 is a bit'),
  },
  {
    name: 'b1 = 2',
    chip: 'memory-store',
    at: MW.sw,
    mutate: set('b1', 2),
    expect: S('address bit 1 is a bit'),
  },
  {
    name: 'carry_lo = 2',
    chip: 'memory-store',
    at: MW.swCarry,
    mutate: set('carry', 2),
    expect: S('address carry_lo is a bit'),
  },
  {
    name: 'carry_hi = 2',
    chip: 'memory-store',
    at: MW.swCarry,
    mutate: set('carry', 2, 1),
    expect: S('address carry_hi is a bit'),
  },
  {
    name: 'address lo + 4',
    chip: 'memory-store',
    at: MW.sw,
    mutate: add('wLo', 1),
    expect: S(esc('a = rs1 + imm (lo limb)')),
  },
  {
    name: 'address hi + 1',
    chip: 'memory-store',
    at: MW.sw,
    mutate: add('aHi', 1),
    expect: S(esc('a = rs1 + imm (hi limb)')),
  },
  {
    name: 'address bits 2..15 out of range by 2^14 (carry moved in)',
    chip: 'memory-store',
    at: MW.swCarry,
    mutate: all(add('wLo', 16384), set('carry', 0), add('aHi', -1)),
    expect: BUS('range16', 'memory'),
  },
  {
    name: 'misaligned SW (bit 0)',
    chip: 'memory-store',
    at: MW.sw,
    mutate: all(add('rs1Val', 1), set('b0', 1)),
    expect: S(esc('SW: a ≡ 0 mod 4 (bit 0)')),
  },
  {
    name: 'misaligned SW (bit 1)',
    chip: 'memory-store',
    at: MW.sw,
    mutate: all(add('rs1Val', 2), set('b1', 1)),
    expect: S(esc('SW: a ≡ 0 mod 4 (bit 1)')),
  },
  {
    name: 'misaligned SH',
    chip: 'memory-store',
    at: MW.shLo,
    mutate: all(add('rs1Val', 1), set('b0', 1)),
    expect: S('SH: a ≡ 0 mod 2'),
  },
  {
    name: 'ts diff',
    chip: 'memory-store',
    at: MW.sw,
    mutate: add('memDiff', 1),
    expect: S('store: ts diff limbs'),
  },
  {
    name: 'stale timestamp (prevTs − 1)',
    chip: 'memory-store',
    at: MW.shHi,
    mutate: all(add('memPrevTs', -1), add('memDiff', 1)),
    expect: BUS('memory', 'range16'),
  },
  {
    name: 'half + 1',
    chip: 'memory-store',
    at: MW.shHi,
    mutate: add('half', 1),
    expect: S('half = old word limb b1'),
  },
  {
    name: 'lo8 + 1',
    chip: 'memory-store',
    at: MW.sbLane0,
    mutate: add('lo8', 1),
    expect: S('half = lo8 \\+ 256·hi8'),
  },
  {
    name: 'x8 + 1',
    chip: 'memory-store',
    at: MW.sbLane0,
    mutate: add('x8', 1),
    expect: S('rs2_lo = x8 \\+ 256·y8'),
  },
  {
    name: 'SB stores x8 out of range by 2^8 (y8 − 1)',
    chip: 'memory-store',
    at: MW.sbLane0,
    mutate: all(add('x8', 256), add('y8', -1), add('sbh', 256), add('hNew', 256), add('memVal', 256)),
    expect: BUS('range16', 'memory'),
  },
  {
    name: 'SB: lo8 out of range by 2^8 (hi8 − 1)',
    chip: 'memory-store',
    at: MW.sbLane3,
    mutate: all(add('lo8', 256), add('hi8', -1), add('sbh', 256), add('hNew', 256), add('memVal', 256, 1)),
    expect: BUS('range16', 'memory'),
  },
  {
    name: 'sbh + 1',
    chip: 'memory-store',
    at: MW.sbLane0,
    mutate: add('sbh', 1),
    expect: S('sbh = half with'),
  },
  {
    name: 'SB writes the wrong byte lane (lane 2 instead of 3)',
    chip: 'memory-store',
    at: MW.sbLane3,
    mutate: (row, o) => {
      const v = row[o.x8] + 256 * row[o.hi8];
      row[o.memVal + 1] = v;
      row[o.hNew] = v;
      row[o.sbh] = v;
    },
    expect: S('sbh = half with'),
  },
  {
    name: 'hNew + 1',
    chip: 'memory-store',
    at: MW.shLo,
    mutate: add('hNew', 1),
    expect: S('hNew = new word limb b1'),
  },
  {
    name: 'SW new lo + 1',
    chip: 'memory-store',
    at: MW.sw,
    mutate: all(add('memVal', 1), add('hNew', 1)),
    expect: S('SW: new_lo = rs2_lo'),
  },
  {
    name: 'SW new lo − p (wraps the field)',
    chip: 'memory-store',
    at: MW.sw,
    mutate: all(add('memVal', P - 1), add('hNew', P - 1)),
    expect: S('SW: new_lo = rs2_lo'),
  },
  {
    name: 'SW new hi + 1',
    chip: 'memory-store',
    at: MW.sw,
    mutate: add('memVal', 1, 1),
    expect: S('SW: new_hi = rs2_hi'),
  },
  {
    name: 'SH new half + 1',
    chip: 'memory-store',
    at: MW.shLo,
    mutate: all(add('memVal', 1), add('hNew', 1)),
    expect: S('SH: new half = rs2_lo'),
  },
  {
    name: 'SB new half + 1',
    chip: 'memory-store',
    at: MW.sbLane0,
    mutate: all(add('memVal', 1), add('hNew', 1)),
    expect: S('SB: new half = sbh'),
  },
  {
    name: 'SH changes the other half',
    chip: 'memory-store',
    at: MW.shHi,
    mutate: add('memVal', 1),
    expect: S('SH/SB: the other half is unchanged'),
  },
];

/** Row of word address w in the boundary. */
const bAddr = (w: number) => ({ addr: w });

export const BOUNDARY_TAMPERS: MemTamper[] = [
  { name: 'real = 2', chip: 'memory-boundary', at: 0, mutate: set('real', 2), expect: BD('real is a bit') },
  {
    name: 'hasNext = 2',
    chip: 'memory-boundary',
    at: 0,
    mutate: set('hasNext', 2),
    expect: BD('hasNext is a bit'),
  },
  {
    name: 'inImage = 2',
    chip: 'memory-boundary',
    at: 0,
    mutate: set('inImage', 2),
    expect: BD('inImage is a bit'),
  },
  { name: 'ro = 2', chip: 'memory-boundary', at: 0, mutate: set('ro', 2), expect: BD('ro is a bit') },
  { name: 'borrow = 2', chip: 'memory-boundary', at: 0, mutate: set('br', 2), expect: BD('borrow is a bit') },
  {
    name: 'padding row with hasNext',
    chip: 'memory-boundary',
    at: firstPad,
    mutate: set('hasNext', 1),
    expect: BD('hasNext ⇒ real'),
  },
  {
    name: 'last real row claims a next',
    chip: 'memory-boundary',
    at: lastReal,
    mutate: set('hasNext', 1),
    expect: BD('hasNext = next.real'),
  },
  {
    name: 'last table row claims a next',
    chip: 'memory-boundary',
    at: (t) => t.height - 1,
    mutate: all(set('real', 1), set('hasNext', 1)),
    // The previous row's hasNext = next.real fires first (rows are checked in order).
    expect: BD('(hasNext = next.real|last row has no next)'),
  },
  {
    name: 'padding row receives an image word',
    chip: 'memory-boundary',
    at: firstPad,
    mutate: set('inImage', 1),
    expect: BD('inImage ⇒ real'),
  },
  {
    name: 'gap lo + 1',
    chip: 'memory-boundary',
    at: 0,
    mutate: add('diff', 1),
    expect: BD('next.W − W − 1 = diff \\(lo'),
  },
  {
    name: 'gap hi + 1',
    chip: 'memory-boundary',
    at: 0,
    mutate: add('diff', 1, 1),
    expect: BD('next.W − W − 1 = diff \\(hi'),
  },
  {
    name: 'two rows for one address',
    chip: 'memory-boundary',
    at: bAddr(DATA_W + 12),
    mutate: (row, o, t, j) => {
      // Row j + 1 takes row j's address; both gaps are recomputed so that only order breaks.
      const w = t.width;
      const v = t.values;
      const addrOf = (i: number) => v[i * w + o.addr] + 65536 * v[i * w + o.addr + 1];
      const setGap = (i: number) => {
        const d = (addrOf(i + 1) - addrOf(i) - 1 + P) % P;
        const lo = (v[(i + 1) * w + o.addr] - v[i * w + o.addr] - 1 + 65536 * 4) % 65536;
        const br = v[(i + 1) * w + o.addr] - v[i * w + o.addr] - 1 < 0 ? 1 : 0;
        v[i * w + o.diff] = lo;
        v[i * w + o.br] = br;
        v[i * w + o.diff + 1] = (v[(i + 1) * w + o.addr + 1] - v[i * w + o.addr + 1] - br + P) % P;
        void d;
      };
      v[(j + 1) * w + o.addr] = row[o.addr];
      v[(j + 1) * w + o.addr + 1] = row[o.addr + 1];
      setGap(j);
      setGap(j + 1);
    },
    expect: BUS('range16', 'memory'),
  },
  {
    name: 'address out of range by 2^30',
    chip: 'memory-boundary',
    at: lastReal,
    mutate: add('addr', 1 << 14, 1),
    expect: /chip memory-boundary.*next.W − W − 1|bus tuple (range16|memory)\(/,
  },
  {
    name: 'non-image word starts non-zero',
    chip: 'memory-boundary',
    at: bAddr(DATA_W + 12),
    mutate: all(add('init', 1), add('final', 1)),
    expect: BD('not in image ⇒ init_lo = 0'),
  },
  {
    name: 'non-image word starts non-zero (hi)',
    chip: 'memory-boundary',
    at: bAddr(DATA_W + 12),
    mutate: add('init', 1, 1),
    expect: BD('not in image ⇒ init_hi = 0'),
  },
  {
    name: 'non-image word read-only',
    chip: 'memory-boundary',
    at: bAddr(DATA_W + 12),
    mutate: set('ro', 1),
    expect: BD('not in image ⇒ writable'),
  },
  {
    name: 'image word claimed as zero',
    chip: 'memory-boundary',
    at: bAddr(DATA_W + 1),
    mutate: all(set('inImage', 0), set('init', 0), set('init', 0, 1)),
    expect: BUS('image', 'memory'),
  },
  {
    name: 'final memory not the last write',
    chip: 'memory-boundary',
    at: bAddr(DATA_W + 12),
    mutate: add('final', 1),
    expect: BUS('memory'),
  },
  {
    name: 'touched word dropped (real = 0)',
    chip: 'memory-boundary',
    at: lastReal,
    mutate: (row, o, t, j) => {
      row[o.real] = 0;
      t.values[(j - 1) * t.width + o.hasNext] = 0;
    },
    expect: BUS('memory', 'range16', 'image'),
  },
];

export const ECALL_IO_TAMPERS: MemTamper[] = [
  { name: 'isRead = 2', chip: 'ecall', at: MW.read, mutate: set('isRead', 2), expect: E('isRead is a bit') },
  { name: 'isOut = 2', chip: 'ecall', at: MW.writeOut, mutate: set('isOut', 2), expect: E('isOut is a bit') },
  { name: 'isErr = 2', chip: 'ecall', at: MW.writeErr, mutate: set('isErr', 2), expect: E('isErr is a bit') },
  { name: 'two kinds', chip: 'ecall', at: MW.read, mutate: set('isErr', 1), expect: E('at most one kind') },
  {
    name: 'read with a7 = 64',
    chip: 'ecall',
    at: MW.read,
    mutate: add('rs1Val', 1),
    expect: E('read: a7 = 63'),
  },
  {
    name: 'write with a7 = 65',
    chip: 'ecall',
    at: MW.writeOut,
    mutate: add('rs1Val', 1),
    expect: E('write: a7 = 64'),
  },
  { name: 'read from fd 1', chip: 'ecall', at: MW.read, mutate: set('rs2Val', 1), expect: E('read: fd = 0') },
  {
    name: 'write(1) as fd 2',
    chip: 'ecall',
    at: MW.writeOut,
    mutate: set('rs2Val', 2),
    expect: E('write: fd = 1'),
  },
  {
    name: 'write(2) as fd 1',
    chip: 'ecall',
    at: MW.writeErr,
    mutate: set('rs2Val', 1),
    expect: E('write: fd = 2'),
  },
  {
    name: 'fd hi',
    chip: 'ecall',
    at: MW.read,
    mutate: set('rs2Val', 1, 1),
    expect: E('read/write: fd_hi = 0'),
  },
  {
    name: 'len hi out of range (2^28 bytes)',
    chip: 'ecall',
    at: MW.writeOut,
    mutate: all(set('len', 1 << 12, 1), set('a2Val', 1 << 12, 1), (row, o) => {
      row[o.inv] = inv(row[o.len] + 65536 * row[o.len + 1]);
      row[o.reqInv] = inv(row[o.a2Val] + row[o.a2Val + 1]);
    }),
    expect: BUS('range16', 'memory', 'io-chunk'),
  },
  { name: 'exit with len', chip: 'ecall', at: MW.exit, mutate: set('len', 1), expect: E('exit: len_lo = 0') },
  {
    name: 'exit with len hi',
    chip: 'ecall',
    at: MW.exit,
    mutate: set('len', 1, 1),
    expect: E('exit: len_hi = 0'),
  },
  {
    name: 'short write',
    chip: 'ecall',
    at: MW.writeOut,
    mutate: set('isShort', 1),
    expect: E('only reads are short'),
  },
  {
    name: 'isShort = 2',
    chip: 'ecall',
    at: MW.read,
    mutate: set('isShort', 2),
    expect: E('isShort is a bit'),
  },
  {
    name: 'write len + 1',
    chip: 'ecall',
    at: MW.writeOut,
    mutate: add('len', 1),
    expect: E('len_lo = a2_lo unless short'),
  },
  {
    name: 'write len − p (wraps the field)',
    chip: 'ecall',
    at: MW.writeOut,
    mutate: add('len', P - 1),
    expect: E('len_lo = a2_lo unless short'),
  },
  {
    name: 'write len hi + 1',
    chip: 'ecall',
    at: MW.writeOut,
    mutate: add('len', 1, 1),
    expect: E('len_hi = a2_hi unless short'),
  },
  {
    name: 'short read claimed full',
    chip: 'ecall',
    at: MW.read,
    mutate: set('isShort', 0),
    expect: E('len_lo = a2_lo unless short'),
  },
  {
    name: 'short borrow = 2',
    chip: 'ecall',
    at: MW.read,
    mutate: set('sbr', 2),
    expect: E('short borrow is a bit'),
  },
  {
    name: 'short sd lo + 1',
    chip: 'ecall',
    at: MW.read,
    mutate: add('sd', 1),
    expect: E('short: a2 − len − 1 = sd \\(lo'),
  },
  {
    name: 'short sd hi + 1',
    chip: 'ecall',
    at: MW.read,
    mutate: add('sd', 1, 1),
    expect: E('short: a2 − len − 1 = sd \\(hi'),
  },
  {
    name: 'short read moves as many bytes as asked (sd out of range)',
    chip: 'ecall',
    at: MW.read,
    mutate: all(add('len', 3), add('sd', -3), add('inv', 0)),
    expect: /chip ecall.*nz = len·inv|bus tuple/,
  },
  {
    name: 'read after eof moves a byte',
    chip: 'ecall',
    at: MW.readEof,
    mutate: all(add('len', 1), add('sd', -1)),
    expect: E('eof ⇒ len_lo = 0'),
  },
  {
    name: 'read after eof moves 2^16 bytes',
    chip: 'ecall',
    at: MW.readEof,
    mutate: all(add('len', 1, 1), add('sd', -1, 1)),
    expect: E('eof ⇒ len_hi = 0'),
  },
  {
    name: 'eof2 dropped',
    chip: 'ecall',
    at: MW.read,
    mutate: set('eof2', 0),
    expect: E('eof2 = eof or short'),
  },
  {
    name: 'cursor ts diff',
    chip: 'ecall',
    at: MW.read,
    mutate: add('curDiff', 1),
    expect: E('cursor: ts diff limbs'),
  },
  {
    name: 'output cursor ts diff',
    chip: 'ecall',
    at: MW.exit,
    mutate: add('cur1Diff', 1),
    expect: E('output cursor: ts diff limbs'),
  },
  {
    name: 'input cursor skips a byte',
    chip: 'ecall',
    at: MW.read,
    mutate: add('pos', 1),
    expect: BUS('memory', 'io-chunk'),
  },
  {
    name: 'output cursor + 1 at exit',
    chip: 'ecall',
    at: MW.exit,
    mutate: add('pos1', 1),
    expect: BUS('memory'),
  },
  {
    name: 'buffer b0 = 2',
    chip: 'ecall',
    at: MW.read,
    mutate: set('b0', 2),
    expect: E('buffer bit 0 is a bit'),
  },
  {
    name: 'buffer b1 = 2',
    chip: 'ecall',
    at: MW.read,
    mutate: set('b1', 2),
    expect: E('buffer bit 1 is a bit'),
  },
  {
    name: 'buffer word + 1',
    chip: 'ecall',
    at: MW.read,
    mutate: add('wLo', 1),
    expect: E('a1_lo = b0 \\+ 2·b1'),
  },
  { name: 'inv + 1', chip: 'ecall', at: MW.read, mutate: add('inv', 1), expect: E('nz = len·inv') },
  {
    name: 'no buffer for a non-empty write',
    chip: 'ecall',
    at: MW.writeOut,
    mutate: all(set('nz', 0), set('inv', 0)),
    expect: E('len ≠ 0 ⇒ nz'),
  },
  {
    name: 'a1 ts diff',
    chip: 'ecall',
    at: MW.read,
    mutate: add('a1Diff', 1),
    expect: E('read a1: ts diff limbs'),
  },
  {
    name: 'a2 ts diff',
    chip: 'ecall',
    at: MW.read,
    mutate: add('a2Diff', 1),
    expect: E('read a2: ts diff limbs'),
  }, // The read's requested buffer lies in one code gap (MW.read: a1 = 0x20011, a2 = 10, gap
  // [0x100c8, 2^32 − 1]: loD = 0xff49 with borrow 1, upD = 0xfffdffe5 with k = 0).
  {
    name: 'reqInv + 1',
    chip: 'ecall',
    at: MW.read,
    mutate: add('reqInv', 1),
    expect: E('reqNz = \\(a2_lo \\+ a2_hi\\)·reqInv'),
  },
  {
    name: 'no gap check for a non-empty read',
    chip: 'ecall',
    at: MW.readEof,
    mutate: all(set('reqNz', 0), set('reqInv', 0)),
    expect: E('a2 ≠ 0 ⇒ reqNz'),
  },
  {
    name: 'gap start borrow = 2',
    chip: 'ecall',
    at: MW.read,
    mutate: set('loBr', 2),
    expect: E('read: gap start borrow is a bit'),
  },
  {
    name: 'loD lo + 1',
    chip: 'ecall',
    at: MW.read,
    mutate: add('loD', 1),
    expect: E('read: a1 − gap start = loD \\(lo limb'),
  },
  {
    name: 'loD hi + 1',
    chip: 'ecall',
    at: MW.read,
    mutate: add('loD', 1, 1),
    expect: E('read: a1 − gap start = loD \\(hi limb'),
  },
  { name: 'upK0 = 2', chip: 'ecall', at: MW.read, mutate: set('upK', 2), expect: E('read: upK0 is a bit') },
  {
    name: 'upK1 = 2',
    chip: 'ecall',
    at: MW.read,
    mutate: set('upK', 2, 1),
    expect: E('read: upK1 is a bit'),
  },
  {
    name: 'upD lo + 1',
    chip: 'ecall',
    at: MW.read,
    mutate: add('upD', 1),
    expect: E('read: gap last \\+ 1 − a1 − a2 = upD \\(lo limb'),
  },
  {
    name: 'upD hi + 1',
    chip: 'ecall',
    at: MW.readEof,
    mutate: add('upD', 1, 1),
    expect: E('read: gap last \\+ 1 − a1 − a2 = upD \\(hi limb'),
  },
  {
    name: 'loD lo negative, borrow dropped (wraps the field)',
    chip: 'ecall',
    at: MW.read,
    mutate: all(set('loBr', 0), add('loD', -65536), add('loD', 1, 1)),
    expect: BUS('range16'),
  },
  {
    name: 'upD lo negative, carry k + 1 (wraps the field)',
    chip: 'ecall',
    at: MW.read,
    mutate: all(add('upD', -65536), set('upK', 1), add('upD', 1, 1)),
    expect: BUS('range16'),
  },
  {
    name: 'gap start − 1 (not a gap of the table)',
    chip: 'ecall',
    at: MW.read,
    mutate: all(add('gapStart', -1), add('loD', 1)),
    expect: BUS('code-gap'),
  },
  {
    name: 'gap last + 1 (not a gap of the table)',
    chip: 'ecall',
    at: MW.readEof,
    mutate: all(add('gapLast', 1), add('upD', 1)),
    expect: BUS('code-gap'),
  },
  { name: 'gap mult + 1', chip: 'code-gaps', at: () => 1, mutate: add('mult', 1), expect: BUS('code-gap') },
  {
    name: 'padding gap row used',
    chip: 'code-gaps',
    at: () => 7,
    mutate: set('mult', 1),
    expect: BUS('code-gap'),
  },
];

export const IO_WORD_TAMPERS: MemTamper[] = [
  {
    name: 'isRead = 2',
    chip: 'io-words',
    at: [MW.read, 0],
    mutate: set('isRead', 2),
    expect: W('isRead is a bit'),
  },
  {
    name: 'isOut = 2',
    chip: 'io-words',
    at: [MW.writeOut, 0],
    mutate: set('isOut', 2),
    expect: W('isOut is a bit'),
  },
  {
    name: 'isErr = 2',
    chip: 'io-words',
    at: [MW.writeErr, 0],
    mutate: set('isErr', 2),
    expect: W('isErr is a bit'),
  },
  {
    name: 'two kinds',
    chip: 'io-words',
    at: [MW.read, 0],
    mutate: set('isOut', 1),
    expect: W('at most one kind'),
  },
  {
    name: 'isLast = 2',
    chip: 'io-words',
    at: [MW.read, 1],
    mutate: set('isLast', 2),
    expect: W('isLast is a bit'),
  },
  {
    name: 'padding row is last',
    chip: 'io-words',
    at: ioPad,
    mutate: set('isLast', 1),
    expect: W('isLast ⇒ real'),
  },
  { name: 'ro = 2', chip: 'io-words', at: [MW.writeOut, 0], mutate: set('ro', 2), expect: W('ro is a bit') },
  {
    name: 'read into code',
    chip: 'io-words',
    at: [MW.read, 0],
    mutate: set('ro', 1),
    expect: W('read: never into code'),
  },
  { name: 'e0 = 2', chip: 'io-words', at: [MW.read, 1], mutate: set('e', 2, 0), expect: W('e0 is a bit') },
  { name: 'e1 = 2', chip: 'io-words', at: [MW.read, 1], mutate: set('e', 2, 1), expect: W('e1 is a bit') },
  { name: 'e2 = 2', chip: 'io-words', at: [MW.read, 1], mutate: set('e', 2, 2), expect: W('e2 is a bit') },
  { name: 'e3 = 2', chip: 'io-words', at: [MW.read, 1], mutate: set('e', 2, 3), expect: W('e3 is a bit') },
  {
    name: 'two runs of lanes',
    chip: 'io-words',
    at: [MW.read, 0],
    mutate: set('e', 0, 2),
    expect: W('one run of lanes'),
  },
  {
    name: 'run starts elsewhere',
    chip: 'io-words',
    at: [MW.read, 0],
    mutate: set('e', 1, 0),
    expect: W('the run starts at lane'),
  },
  {
    name: 'first word stops early',
    chip: 'io-words',
    at: [MW.read, 0],
    mutate: set('e', 0, 3),
    expect: W('not last ⇒ the run reaches lane 3'),
  },
  {
    name: 'last rem + 1',
    chip: 'io-words',
    at: [MW.read, 1],
    mutate: add('rem', 1),
    expect: W('last ⇒ rem = bytes taken'),
  },
  {
    name: 'old byte out of range by 2^8 (write)',
    chip: 'io-words',
    at: [MW.writeOut2, 0],
    mutate: all(add('old', 256, 0), add('old', -1, 1), add('val', 256, 0), add('val', -1, 1)),
    expect: BUS('range16', 'io'),
  },
  {
    name: 'write changes a byte',
    chip: 'io-words',
    at: [MW.writeOut2, 0],
    mutate: add('val', 1, 0),
    expect: W('write: byte 0 kept'),
  },
  {
    name: 'read changes a byte outside the buffer',
    chip: 'io-words',
    at: [MW.read, 0],
    mutate: add('val', 1, 0),
    expect: W('read: byte 0 outside kept'),
  },
  {
    name: 'ts diff',
    chip: 'io-words',
    at: [MW.read, 0],
    mutate: add('diff', 1),
    expect: W('io word: ts diff limbs'),
  },
  {
    name: 'read stores another input byte',
    chip: 'io-words',
    at: [MW.read, 0],
    mutate: add('val', 1, 1),
    expect: BUS('io', 'memory'),
  },
  {
    name: 'write outputs another byte than memory holds',
    chip: 'io-words',
    at: [MW.writeOut, 0],
    mutate: all(add('old', 1, 1), add('val', 1, 1)),
    expect: BUS('memory', 'io', 'range16'),
  },
  {
    name: 'chunk pos + 1',
    chip: 'io-words',
    at: [MW.read, 1],
    mutate: add('pos', 1),
    expect: BUS('io-chunk', 'io'),
  },
];

let honest: ReturnType<typeof memoryRun> | undefined;
const honestNet = new Map<string, PublicContribution[]>();

/** The honest run of MEMORY_PROGRAM (shared by all cases). */
export function honestMemoryRun(): ReturnType<typeof memoryRun> {
  honest ??= memoryRun();
  return honest;
}

/** The honest witness with one table's trace replaced by a corrupted copy. */
export function tamperedMemoryWitness(t: MemTamper): {
  machine: Machine;
  witness: MachineWitness;
  table: number;
} {
  const h = honestMemoryRun();
  const table = h.witness.tables.findIndex((x) => x.air.name === t.chip);
  if (table < 0) throw new Error(`tamper ${t.name}: chip ${t.chip} not found`);
  const trace = h.witness.tables[table].trace;
  const copy = new RowMajorMatrix(trace.values.slice(), trace.width);
  const o = LAYOUTS[t.chip];
  const j = findRow(t, copy, o, h.result);
  if (j < 0) throw new Error(`tamper ${t.name}: row not found in ${t.chip}`);
  t.mutate(copy.row(j), o, copy, j);
  const tables = h.witness.tables.map((x, i) => (i === table ? { air: x.air, trace: copy } : x));
  return { machine: h.machine, witness: { tables, claim: h.witness.claim }, table };
}

/**
 * The debug checkers on a tampered witness, fast: the corrupted table's constraints, and the
 * machine's bus balance computed as (corrupted table) − (the same table, honest), which is the
 * whole machine's net since the honest machine balances.
 */
export function debugTampered(w: MachineWitness, table: number): string {
  const h = honestMemoryRun();
  const t = w.tables[table];
  const built = buildAir(t.air);
  try {
    checkConstraints({ built, main: t.trace, pre: t.air.preprocessedTrace?.() });
    let net = honestNet.get(t.air.name);
    if (net === undefined) {
      net = negatedTuples(built, h.witness.tables[table].trace, t.air.preprocessedTrace?.());
      honestNet.set(t.air.name, net);
    }
    checkBuses([{ built, main: t.trace, pre: t.air.preprocessedTrace?.() }], net);
  } catch (e) {
    return (e as Error).message;
  }
  return '';
}

function negatedTuples(
  built: BuiltAir,
  main: RowMajorMatrix,
  pre: RowMajorMatrix | undefined,
): PublicContribution[] {
  const out: PublicContribution[] = [];
  const ev = new RowEvaluator(built, main, pre, []);
  for (let i = 0; i < main.height; i++) {
    const v = ev.evalRow(i);
    for (const it of built.interactions) {
      const m = v[it.multiplicity];
      if (m === 0) continue;
      out.push({
        busId: it.bus.id,
        values: it.values.map((x) => v[x]),
        multiplicity: it.kind === 'send' ? (P - m) % P : m,
      });
    }
  }
  return out;
}

function findRow(t: MemTamper, trace: RowMajorMatrix, o: Offsets, result: ExecutionResult): number {
  const at = t.at;
  if (typeof at === 'function') return at(trace, o);
  if (typeof at === 'number') {
    if (t.chip === 'memory-boundary') return at;
    const pc = TEXT + 4 * at;
    for (let i = 0; i < trace.height; i++)
      if (trace.get(i, o.pc) === (pc & 0xffff) && trace.get(i, o.pc + 1) === pc >>> 16) return i;
    return -1;
  }
  if (Array.isArray(at)) {
    const ts = 4 * (cycleOfWord(result, at[0]) + 1);
    for (let i = 0; i < trace.height; i++) if (trace.get(i, o.ts) === ts) return i + at[1];
    return -1;
  }
  for (let i = 0; i < trace.height; i++)
    if (trace.get(i, o.real) === 1 && trace.get(i, o.addr) + 65536 * trace.get(i, o.addr + 1) === at.addr)
      return i;
  return -1;
}

/**
 * Whether a case also gets a proof in the default run: every case with RVSTARK_TAMPER_PROOFS=all
 * (each proof of this machine costs ~1 s, so the default run proves a sample per chip: the
 * debug checker already pins every case to its constraint or bus).
 */
export function proveCase(i: number, sample: number): boolean {
  if (process.env.RVSTARK_TAMPER_PROOFS === 'all') return true;
  return i % sample === 0;
}

/**
 * One test per case: the debug checker names it, and (for every `every`-th case, or all with
 * RVSTARK_TAMPER_PROOFS=all) the honest machinery's proof is rejected.
 */
export function describeMemoryTampers(cases: readonly MemTamper[], every: number): void {
  describe('tampered memory traces are rejected', () => {
    const { machine } = honestMemoryRun();
    let keys: ReturnType<typeof machineKeys> | undefined;
    cases.forEach((t, i) => {
      it(`${t.chip}: ${t.name}`, () => {
        const { witness, table } = tamperedMemoryWitness(t);
        expect(debugTampered(witness, table)).toMatch(t.expect);
        if (!proveCase(i, every)) return;
        keys ??= machineKeys(machine, INSECURE_TEST_PARAMS);
        expect(proofAccepted(machine, witness, keys)).toBe(false);
      });
    });
  });
}
