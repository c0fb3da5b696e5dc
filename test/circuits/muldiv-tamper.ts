// The tamper harness and cases of alu-mul and alu-div-rem (tamper-alu-mul.test.ts,
// tamper-alu-div-rem*.test.ts). Each case corrupts one row of an honest trace through the
// test-only witness hook. The harness then plays the strongest prover it can: it rebalances the
// range table for the row's changed RANGE16 lookups (only values that are really in [0, 2^16)
// can be counted), and cases that change operands refill the other columns consistently (field-
// valued carries included). So the debug checker must name exactly the constraint or bus that
// stops the lie, and a proof of the corrupted witness must be rejected by the verifier.

import { divRemAir } from '../../circuits/alu-div-rem/air.js';
import { divRemCols } from '../../circuits/alu-div-rem/columns.js';
import { fillDivRemArith } from '../../circuits/alu-div-rem/trace.js';
import { mulAir } from '../../circuits/alu-mul/air.js';
import { mulCols } from '../../circuits/alu-mul/columns.js';
import { fillMulArith } from '../../circuits/alu-mul/trace.js';
import { RANGE16 } from '../../circuits/buses.js';
import {
  claimContributions,
  machineKeys,
  proveMachine,
  verifyMachine,
} from '../../circuits/machine/index.js';
import type { PublicContribution, RowMajorMatrix } from '../../src/air/index.js';
import { type Air, buildAir, checkBuses, checkConstraints, RowEvaluator } from '../../src/air/index.js';
import { add, inv, mul, P, sub } from '../../src/field/babybear.js';
import { INSECURE_TEST_PARAMS } from '../../src/fri/params.js';
import { Op } from '../../src/vm/index.js';
import { type Offsets, tinyRun, witnessOf } from './helpers.js';
import { DIV_TAMPER, MUL_TAMPER } from './muldiv-programs.js';

export type Chip = 'alu-mul' | 'alu-div-rem';

export interface MdTamper {
  readonly name: string;
  readonly chip: Chip;
  /** Program word whose row is corrupted. */
  readonly word: number;
  readonly mutate: (row: Uint32Array, o: Offsets) => void;
  /** What the debug checker must say: the chip's constraint label, or the unbalanced bus. */
  readonly expect: RegExp;
}

const TEXT_BASE = 0x10000;
const AIRS: Record<Chip, Air> = { 'alu-mul': mulAir as Air, 'alu-div-rem': divRemAir as Air };
const CODE: Record<Chip, readonly number[]> = { 'alu-mul': MUL_TAMPER.code, 'alu-div-rem': DIV_TAMPER.code };

/** RANGE16 lookups (value, multiplicity) of row j of a chip's trace. */
function rangeLookups(air: Air, trace: RowMajorMatrix, j: number): [number, number][] {
  const built = buildAir(air);
  const v = new RowEvaluator(built, trace, undefined, []).evalRow(j);
  return built.interactions
    .filter((it) => it.bus.id === RANGE16.id)
    .map((it) => [v[it.values[0]], v[it.multiplicity]] as [number, number]);
}

/** The witness with t applied and the range table rebalanced for what can be rebalanced. */
export function mdTamperedWitness(t: MdTamper) {
  let range: RowMajorMatrix | undefined;
  let regs: RowMajorMatrix | undefined;
  let hit = false;
  const r = witnessOf(CODE[t.chip], {
    tamper: (chip, trace) => {
      if (chip === 'range16') range = trace;
      if (chip === 'registers') regs = trace;
      if (chip !== t.chip) return;
      const o = t.chip === 'alu-mul' ? mulCols.offset : divRemCols.offset;
      const pc = TEXT_BASE + 4 * t.word;
      let j = -1;
      for (let i = 0; i < trace.height && j < 0; i++) {
        if (trace.get(i, o.pc) === (pc & 0xffff) && trace.get(i, o.pc + 1) === pc >>> 16) j = i;
      }
      if (j < 0 || range === undefined) throw new Error(`tamper ${t.name}: no row for word ${t.word}`);
      const rt = range;
      const bump = (look: [number, number][], sign: number) => {
        for (const [x, m] of look) {
          if (x < 65536) rt.set(x, 0, sign > 0 ? add(rt.get(x, 0), m) : sub(rt.get(x, 0), m));
        }
      };
      bump(rangeLookups(AIRS[t.chip], trace, j), -1);
      t.mutate(trace.row(j), o);
      bump(rangeLookups(AIRS[t.chip], trace, j), +1);
      // A changed rd value that is rd's last write also changes the register's final state (the
      // registers table is the prover's), so MEMORY stays balanced and only the chip can object.
      const row = trace.row(j);
      const rd = row[o.rd];
      if (regs !== undefined && row[o.rdWrite] === 1 && regs.get(rd, 2) === row[o.ts] + 3) {
        regs.set(rd, 0, row[o.rdVal]);
        regs.set(rd, 1, row[o.rdVal + 1]);
      }
      hit = true;
    },
  });
  if (!hit) throw new Error(`tamper ${t.name}: chip not found`);
  return r;
}

/** Runs the debug checkers (constraints of the tampered chip, then every bus); returns the message. */
export function debugMessage(t: MdTamper, w: ReturnType<typeof mdTamperedWitness>): string {
  try {
    const tables = w.witness.tables.map((x) => ({
      built: buildAir(x.air),
      main: x.trace,
      pre: x.air.preprocessedTrace?.(),
    }));
    // Only the tampered chip's rows changed (and range multiplicities, which have no constraints).
    for (const x of tables) if (x.built.name === t.chip) checkConstraints(x);
    checkBuses(tables, claimContributions(w.machine, w.witness.claim) as PublicContribution[]);
  } catch (e) {
    return (e as Error).message;
  }
  return '';
}

/** One proving/verifying key per chip's program, shared by the cases of a test file. */
export function tamperProver(chip: Chip) {
  const { machine } = tinyRun(CODE[chip]);
  const keys = machineKeys(machine, INSECURE_TEST_PARAMS);
  return (w: ReturnType<typeof mdTamperedWitness>): boolean => {
    try {
      const proof = proveMachine(machine, keys.provingKey, w.witness);
      return verifyMachine(machine, keys.verifyingKey, w.witness.claim, proof).ok;
    } catch {
      return false;
    }
  };
}

// ---- cell helpers

const fe = (x: number) => ((x % P) + P) % P;
const inc =
  (col: string, d = 1, limb = 0) =>
  (row: Uint32Array, o: Offsets) => {
    row[o[col] + limb] = fe(row[o[col] + limb] + d);
  };
const set =
  (col: string, v: number, limb = 0) =>
  (row: Uint32Array, o: Offsets) => {
    row[o[col] + limb] = fe(v);
  };
const all =
  (...fs: ((row: Uint32Array, o: Offsets) => void)[]) =>
  (row: Uint32Array, o: Offsets) => {
    for (const f of fs) f(row, o);
  };
const word = (row: Uint32Array, col: number) => (row[col] | (row[col + 1] << 16)) >>> 0;

const INV16 = inv(65536);

/** Carries that satisfy the four limb equations in the field for the row's other cells. */
function refillCarries(row: Uint32Array, carryCol: number, A: number[], B: number[], extra: number[]): void {
  let c = 0;
  for (let m = 0; m < 4; m++) {
    let t = add(fe(extra[m]), c);
    for (const k of [2 * m, 2 * m + 1]) {
      let s = 0;
      for (let i = 0; i <= k; i++) s = add(s, mul(fe(A[i]), fe(B[k - i])));
      t = add(t, k === 2 * m ? s : mul(s, 256));
    }
    c = mul(t, INV16);
    row[carryCol + m] = c;
  }
}

function bytesOf(row: Uint32Array, limbCol: number, hiCol: number, ext: number): number[] {
  const l0 = sub(row[limbCol], mul(row[hiCol], 256));
  const l1 = sub(row[limbCol + 1], mul(row[hiCol + 1], 256));
  const e = mul(ext, 255);
  return [l0, row[hiCol], l1, row[hiCol + 1], e, e, e, e];
}

/** alu-mul: carries for the row as it stands (so only lookups can object). */
export function refillMul(row: Uint32Array, o: Offsets): void {
  const isMul = row[o.isMul];
  const r = [row[o.rdVal], row[o.rdVal + 1]];
  const x = [row[o.other], row[o.other + 1]];
  const z = isMul === 1 ? [...r, ...x] : [...x, ...r];
  refillCarries(
    row,
    o.carry,
    bytesOf(row, o.rs1Val, o.aHi, row[o.extA]),
    bytesOf(row, o.rs2Val, o.bHi, row[o.extB]),
    z.map((v) => sub(0, v)),
  );
}

/** alu-div-rem: carries for the row as it stands. */
export function refillDiv(row: Uint32Array, o: Offsets): void {
  const sigma = row[o.negA] === 1 ? P - 1 : 1;
  const negA = row[o.negA];
  refillCarries(
    row,
    o.carry,
    bytesOf(row, o.rs2Val, o.bHi, row[o.negB]),
    bytesOf(row, o.q, o.qHi, row[o.qExt]),
    [
      sub(mul(sigma, row[o.rAbs]), row[o.rs1Val]),
      sub(mul(sigma, row[o.rAbs + 1]), row[o.rs1Val + 1]),
      fe(-0xffff * negA),
      fe(-0xffff * negA),
    ],
  );
}

/** Refills a mul row's arithmetic for operands (a, b') as if rs2 had read b'. */
const mulWithB =
  (d: number) =>
  (row: Uint32Array, o: Offsets): void => {
    const op = [Op.MUL, Op.MULH, Op.MULHSU, Op.MULHU][
      [o.isMul, o.isMulh, o.isMulhsu, o.isMulhu].findIndex((c) => row[c] === 1)
    ];
    const b = (word(row, o.rs2Val) + d) >>> 0;
    row[o.rs2Val] = b & 0xffff;
    row[o.rs2Val + 1] = b >>> 16;
    fillMulArith(row, op, word(row, o.rs1Val), b, null);
  };

const divOp = (row: Uint32Array, o: Offsets) =>
  [Op.DIV, Op.DIVU, Op.REM, Op.REMU][[o.isDiv, o.isDivu, o.isRem, o.isRemu].findIndex((c) => row[c] === 1)];

const divWithB =
  (d: number) =>
  (row: Uint32Array, o: Offsets): void => {
    const b = (word(row, o.rs2Val) + d) >>> 0;
    row[o.rs2Val] = b & 0xffff;
    row[o.rs2Val + 1] = b >>> 16;
    fillDivRemArith(row, divOp(row, o), word(row, o.rs1Val), b, null);
  };

/** Refills a div row with a dishonest quotient witness (q, qExt, |r|), everything else consistent. */
const divWitness =
  (q: number, qExt: number, rAbs: number) =>
  (row: Uint32Array, o: Offsets): void => {
    fillDivRemArith(row, divOp(row, o), word(row, o.rs1Val), word(row, o.rs2Val), null, {
      q: q >>> 0,
      qExt,
      rAbs,
    });
    refillDiv(row, o);
  };

// ---- the cases

const M = MUL_TAMPER.at;
const mc = (name: string, w: number, mutate: MdTamper['mutate'], expect: RegExp): MdTamper => ({
  name,
  chip: 'alu-mul',
  word: w,
  mutate,
  expect,
});
const C = (label: string) => new RegExp(`chip alu-mul, constraint \\d+ \\(${label}\\)`);
const RANGE = /bus tuple range16\(\d+\) is unbalanced/;
const MEMORY = /bus tuple memory\(/;

export const MUL_TAMPERS: MdTamper[] = [
  mc('isMul = 2', M.mul, set('isMul', 2), C('isMul is a bit')),
  mc('isMulh = 2', M.mulh, set('isMulh', 2), C('isMulh is a bit')),
  mc('isMulhsu = 2', M.mulhsu, set('isMulhsu', 2), C('isMulhsu is a bit')),
  mc('isMulhu = 2', M.mulhu, set('isMulhu', 2), C('isMulhu is a bit')),
  mc('two selectors', M.mul, set('isMulhu', 1), C('at most one opcode selector')),
  mc('signA = 2', M.mul, set('signA', 2), C('signA is a bit')),
  mc('signB = 2', M.mul, set('signB', 2), C('signB is a bit')),
  mc('MULHU sign-extends a', M.mulhu, set('extA', 1), C('extA = signA · \\(MULH or MULHSU\\)')),
  mc('MULHSU sign-extends b', M.mulhsu, set('extB', 1), C('extB = signB · MULH')),
  // Per opcode: off by one, and off by p (−1 wraps the field).
  mc('MUL result + 1', M.mul, inc('rdVal'), C('a·b = z: limb 0 of the 64-bit product, with carry')),
  mc(
    'MUL result − 1 (wraps the field)',
    M.mul,
    inc('rdVal', P - 1, 1),
    C('a·b = z: limb 1 of the 64-bit product, with carry'),
  ),
  mc('MULH result + 1', M.mulh, inc('rdVal'), C('a·b = z: limb 2 of the 64-bit product, with carry')),
  mc(
    'MULH wrong high word',
    M.mulh,
    inc('rdVal', 1, 1),
    C('a·b = z: limb 3 of the 64-bit product, with carry'),
  ),
  mc(
    'MULHSU result + 1 (hi)',
    M.mulhsu,
    inc('rdVal', 1, 1),
    C('a·b = z: limb 3 of the 64-bit product, with carry'),
  ),
  mc(
    'MULHSU result − 1 (wraps)',
    M.mulhsu,
    inc('rdVal', P - 1),
    C('a·b = z: limb 2 of the 64-bit product, with carry'),
  ),
  mc('MULHU result + 1', M.mulhu, inc('rdVal'), C('a·b = z: limb 2 of the 64-bit product, with carry')),
  mc(
    'MULHU result − 1 (wraps)',
    M.mulhu,
    inc('rdVal', P - 1, 1),
    C('a·b = z: limb 3 of the 64-bit product, with carry'),
  ),
  mc(
    'MULH low word (other) + 1',
    M.mulh,
    inc('other'),
    C('a·b = z: limb 0 of the 64-bit product, with carry'),
  ),
  // The same lies with carries refilled in the field: only the carry lookups can object.
  mc('MULH wrong high word, carries refilled', M.mulh, all(inc('rdVal', 1, 1), refillMul), RANGE),
  mc('MUL result − 1, carries refilled', M.mul, all(inc('rdVal', P - 1), refillMul), RANGE),
  // A limb out of range by 2^16 (value kept: the next limb and carry absorb it).
  mc('MUL result lo + 2^16', M.mul, all(inc('rdVal', 65536), inc('rdVal', -1, 1), refillMul), RANGE),
  mc('MULHU result hi + 2^16', M.mulhu, all(inc('rdVal', 65536, 1), refillMul), RANGE),
  mc('MULHSU other word + 2^16', M.mulhsu, all(inc('other', 65536), inc('other', -1, 1), refillMul), RANGE),
  // Bytes: a high byte off by one (the low byte absorbs it), a false sign.
  mc('a byte out of range', M.mul, all(inc('aHi', 1), refillMul), RANGE),
  mc('b byte 3 out of range', M.mulhu, all(inc('bHi', -1, 1), refillMul), RANGE),
  mc('a claimed non-negative', M.mul, set('signA', 0), RANGE),
  // rs1 = rs2 (mul x11, x5, x5) with a different value on the rs2 side, row consistent.
  mc('rs1 = rs2 aliasing, rs2 read + 1', M.alias, mulWithB(1), MEMORY),
];

const D = DIV_TAMPER.at;
const dc = (name: string, w: number, mutate: MdTamper['mutate'], expect: RegExp): MdTamper => ({
  name,
  chip: 'alu-div-rem',
  word: w,
  mutate,
  expect,
});
const DC = (label: string) => new RegExp(`chip alu-div-rem, constraint \\d+ \\(${label}\\)`);
const LIMB = (m: number) => DC(`b·q \\+ r = a: limb ${m} of the 64-bit product, with carry`);

export const DIV_TAMPERS_A: MdTamper[] = [
  dc('isDiv = 2', D.div, set('isDiv', 2), DC('isDiv is a bit')),
  dc('isDivu = 2', D.divu, set('isDivu', 2), DC('isDivu is a bit')),
  dc('isRem = 2', D.rem, set('isRem', 2), DC('isRem is a bit')),
  dc('isRemu = 2', D.remu, set('isRemu', 2), DC('isRemu is a bit')),
  dc('two selectors', D.div, set('isRem', 1), DC('at most one opcode selector')),
  dc('signA = 2', D.div, set('signA', 2), DC('signA is a bit')),
  dc('signB = 2', D.divOvf, set('signB', 2), DC('signB is a bit')),
  dc('DIV reads a as unsigned', D.div, set('negA', 0), DC('negA = signA · signed')),
  dc('DIV reads b as unsigned', D.divOvf, set('negB', 0), DC('negB = signB · signed')),
  dc('qExt = 2', D.div, set('qExt', 2), DC('qExt is a bit')),
  dc('DIVU with a sign-extended quotient', D.divu, set('qExt', 1), DC('unsigned ⇒ qExt = 0')),
  dc('bZero = 2', D.div0, set('bZero', 2), DC('bZero is a bit')),
  dc('bZero claimed for b = 2', D.div, set('bZero', 1), DC('bZero ⇒ b = 0')),
  dc(
    'DIV by zero, q = 0xfffe_ffff',
    D.div0,
    all(inc('q', -1), inc('rdVal', -1), refillDiv),
    DC('bZero ⇒ q_lo = 0xffff'),
  ),
  dc(
    'DIVU by zero, q = 0x0000_ffff',
    D.divu0,
    all(set('q', 0, 1), set('rdVal', 0, 1), refillDiv),
    DC('bZero ⇒ q_hi = 0xffff'),
  ),
  dc(
    'DIV by zero claimed as no zero',
    D.div0,
    set('bZero', 0),
    DC('\\|b\\| − \\|r\\| − 1 = diff \\(lo limb\\)'),
  ),
  dc('rCarry = 2', D.rem, set('rCarry', 2), DC('rCarry_lo is a bit')),
  dc('rCarry_hi = 2', D.rem, set('rCarry', 2, 1), DC('rCarry_hi is a bit')),
  dc('REM result + 1', D.rem, all(inc('r'), inc('rdVal')), DC('r = ±\\|r\\| \\(lo limb\\)')),
  dc('REM result hi + 1', D.rem, all(inc('r', 1, 1), inc('rdVal', 1, 1)), DC('r = ±\\|r\\| \\(hi limb\\)')),
];

export const DIV_TAMPERS_B: MdTamper[] = [
  dc('borrow = 2', D.div, set('borrow', 2), DC('borrow bit 0')),
  dc('borrow_hi = 2', D.div, set('borrow', 2, 1), DC('borrow bit 1')),
  dc('diff lo + 1', D.div, inc('diff'), DC('\\|b\\| − \\|r\\| − 1 = diff \\(lo limb\\)')),
  dc('diff hi + 1', D.div, inc('diff', 1, 1), DC('\\|b\\| − \\|r\\| − 1 = diff \\(hi limb\\)')),
  dc('DIV result + 1', D.div, all(inc('q'), inc('rdVal')), LIMB(0)),
  dc('DIVU result hi − 1 (wraps)', D.divuBig, all(inc('q', P - 1, 1), inc('rdVal', P - 1, 1)), LIMB(1)),
  dc('DIV quotient extension flipped', D.div, set('qExt', 0), LIMB(2)),
  dc('carry 3 + 1', D.div, inc('carry', 1, 3), LIMB(3)),
  dc('DIV rd ≠ q', D.div, inc('rdVal'), DC('rd = DIV \\? q : r \\(lo\\)')),
  dc('REMU rd − 1 (wraps)', D.remu, inc('rdVal', P - 1, 1), DC('rd = DIV \\? q : r \\(hi\\)')),
  // Lies made consistent everywhere but where the constraints stop them.
  dc(
    'INT_MIN / −1 = 0x7fffffff, carries refilled',
    D.divOvf,
    all(
      set('q', 0x7fff, 1),
      set('rdVal', 0x7fff, 1),
      set('q', 0xffff),
      set('rdVal', 0xffff),
      set('qHi', 0xff),
      set('qHi', 0x7f, 1),
      refillDiv,
    ),
    RANGE,
  ),
  dc('INT_MIN % −1 = INT_MIN with q = 0, consistent', D.remOvf, divWitness(0, 0, 0x80000000), RANGE),
  dc('DIVU remainder ≥ divisor (q − 1, r + b)', D.divu, divWitness(0x7ffffffb, 0, 3), RANGE),
  dc('REM remainder ≥ |divisor| (−7 = 2·(−2) − 3)', D.rem, divWitness(-2, 1, 3), RANGE),
  dc(
    'REM remainder with the divisor’s sign (−7 = 2·(−4) + 1)',
    D.rem,
    all(divWitness(-4, 1, 0), set('rAbs', -1), set('r', 1), set('rdVal', 1), set('diff', 2), refillDiv),
    RANGE,
  ),
  dc('DIV by zero, r ≠ a (consistent quotient)', D.rem0, divWitness(0xffffffff, 1, 6), RANGE),
  dc(
    'REMU result lo + 2^16',
    D.remu,
    all(inc('r', 65536), inc('r', -1, 1), inc('rdVal', 65536), inc('rdVal', -1, 1), set('rCarry', 1)),
    RANGE,
  ),
  dc('q byte out of range', D.div, all(inc('qHi', 1), refillDiv), RANGE),
  dc('b claimed non-negative', D.remuBig, set('signB', 0), RANGE),
  dc('a claimed non-negative', D.divu, set('signA', 0), RANGE),
  dc('rs1 = rs2 aliasing, rs2 read + 1', D.alias, divWithB(1), MEMORY),
];

/** The cases of one test file (kept to ~9 proofs so that each file stays near 20 s). */
export const MUL_TAMPERS_1 = MUL_TAMPERS.slice(0, 9);
export const MUL_TAMPERS_2 = MUL_TAMPERS.slice(9, 18);
export const MUL_TAMPERS_3 = MUL_TAMPERS.slice(18);
export const DIV_TAMPERS_1 = DIV_TAMPERS_A.slice(0, 10);
export const DIV_TAMPERS_2 = DIV_TAMPERS_A.slice(10);
export const DIV_TAMPERS_3 = DIV_TAMPERS_B.slice(0, 11);
export const DIV_TAMPERS_4 = DIV_TAMPERS_B.slice(11);
