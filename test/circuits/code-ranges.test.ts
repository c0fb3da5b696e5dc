// The code-gaps table and the read ECALL's buffer check (circuits/code-ranges, circuits/ecall):
// on every read with a2 ≠ 0 the whole requested buffer [a1, a1 + a2) lies in one gap between
// executable ranges, so it neither wraps past 2^32 nor meets code, as the executor's -EFAULT
// rule requires — for a short read's unread tail and a read at end of input too.
//
// Honest reads up to the boundaries prove. Forged runs (the executor answers -EFAULT for each,
// and witness generation refuses -EFAULT) are built by hand:
// - "eof": the real record of read(0, code, 4) at end of input, with the ECALL's recorded a0
//   patched from -14 to 0. An EFAULT read records no bytes and no RAM access, so the patched
//   record is exactly the run a prover would claim: "read returned 0 at eof".
// - "wrap": the same for read(0, 0xfffffffc, 8) at eof (wraps past 2^32).
// - "short tail": the program P has code word 0 at 0x10000 (never executed, entry 0x10004) and
//   does read(0, 0xfffc, 8) with 4 input bytes: the tail [0x10000, 0x10004) is code, so the
//   executor faults. P2 is P with word 0 moved to a non-executable segment: there the same read
//   is an honest short read of 4 bytes. Its record, with P's decoded program, is the witness of
//   the claim "P read 4 bytes and returned 4" (same pcs, same code at every executed pc; the
//   word at 0x10000 is untouched, so P's image and boundary agree).
// Each must be named by the debug checker and its proof rejected; variants through the test-only
// tamper hook (the limb equation satisfied in the field with a limb out of range, a gap that is
// not in the table, the check skipped) hit every other new constraint and lookup.

import { describe, expect, it } from 'vitest';
import { CODE_GAP_ROWS, codeGaps, codeGapsAir, gapOf } from '../../circuits/code-ranges/air.js';
import { ecallAir } from '../../circuits/ecall/air.js';
import { ecallCols } from '../../circuits/ecall/columns.js';
import { chipCost } from '../../circuits/machine/cost.js';
import {
  buildMachine,
  CircuitError,
  generateWitness,
  type Machine,
  type MachineWitness,
  machineKeys,
  proveMachine,
  verifyMachine,
  type WitnessOptions,
} from '../../circuits/machine/index.js';
import type { Air, RowMajorMatrix } from '../../src/air/index.js';
import { P } from '../../src/field/babybear.js';
import { INSECURE_TEST_PARAMS } from '../../src/fri/params.js';
import { decodeProgram, type ExecutionResult, execute, type Program } from '../../src/vm/index.js';
import { A0, A1, A2, A7, asm } from '../vm/helpers/asm.js';
import { debugCheck } from './helpers.js';

const TEXT = 0x10000;

function bytesOf(words: readonly number[]): Uint8Array {
  const b = new Uint8Array(4 * words.length);
  const dv = new DataView(b.buffer);
  for (let i = 0; i < words.length; i++) dv.setUint32(4 * i, words[i] >>> 0, true);
  return b;
}

/** One R+X segment at TEXT (entry at `entry`), plus a writable page at 0x20000. */
function prog(code: readonly number[], entry = TEXT): Program {
  return {
    entry,
    segments: [
      { vaddr: TEXT, memsz: 4 * code.length, data: bytesOf(code), flags: 5 },
      { vaddr: 0x20000, memsz: 64, data: new Uint8Array(0), flags: 6 },
    ],
  };
}

/** read(0, buf, n); exit(0). */
function readProgram(buf: number, n: number): number[] {
  return [
    asm.iop('addi', A0, 0, 0),
    ...asm.li(A1, buf),
    ...asm.li(A2, n),
    asm.iop('addi', A7, 0, 63),
    asm.ecall(),
    asm.iop('addi', A0, 0, 0),
    asm.iop('addi', A7, 0, 93),
    asm.ecall(),
  ];
}

const READ_WORD = 6; // the read ECALL's word in readProgram

function run(program: Program, input: Uint8Array) {
  return { machine: buildMachine(program), result: execute(program, input, { record: true }) };
}

function readCycle(result: ExecutionResult, pc: number): number {
  const cpu = result.record?.cpu;
  if (cpu === undefined) throw new Error('no record');
  for (let k = 0; k < cpu.length; k++) if (cpu.pc[k] === pc) return k;
  throw new Error(`pc ${pc.toString(16)} not run`);
}

/** The record of an EFAULT read with its a0 patched to 0 ("eof"). */
function forgedEof(buf: number, n: number, opts: WitnessOptions = {}) {
  const program = prog(readProgram(buf, n));
  const { machine, result } = run(program, new Uint8Array(0));
  const k = readCycle(result, TEXT + 4 * READ_WORD);
  const rd = result.record?.cpu.rdVal as Uint32Array | Int32Array;
  expect(rd[k] | 0).toBe(-14);
  expect(() => generateWitness(machine, result, new Uint8Array(0))).toThrow(CircuitError);
  rd[k] = 0;
  return { machine, witness: generateWitness(machine, result, new Uint8Array(0), opts) };
}

/** P (word 0 at 0x10000 is code) and P2 (word 0 not executable); read(0, 0xfffc, 8), 4 bytes. */
function forgedShortTail(opts: WitnessOptions = {}) {
  const body = readProgram(0xfffc, 8);
  const code = [asm.iop('addi', 0, 0, 0), ...body];
  const p: Program = prog(code, TEXT + 4);
  const p2: Program = {
    entry: TEXT + 4,
    segments: [
      { vaddr: TEXT, memsz: 4, data: bytesOf(code.slice(0, 1)), flags: 4 },
      { vaddr: TEXT + 4, memsz: 4 * body.length, data: bytesOf(body), flags: 5 },
      p.segments[1],
    ],
  };
  const input = Uint8Array.of(1, 2, 3, 4);
  // The real run of P faults.
  const real = run(p, input);
  expect((real.result.record?.cpu.rdVal[readCycle(real.result, TEXT + 4 + 4 * READ_WORD)] ?? 0) | 0).toBe(
    -14,
  );
  // P2's honest short read, as a run of P.
  const r2 = execute(p2, input, { record: true });
  const k = readCycle(r2, TEXT + 4 + 4 * READ_WORD);
  expect(r2.record?.cpu.rdVal[k]).toBe(4);
  const result: ExecutionResult = { ...r2, decoded: decodeProgram(p) };
  return { machine: real.machine, witness: generateWitness(real.machine, result, input, opts) };
}

/**
 * Tamper hook: rewrite the (first) read row of the ecall table, and move the range table's
 * counts of its four difference limbs along (a limb now ≥ 2^16 has no row to go to), so that
 * the checker objects to what the case is about.
 */
function onReadRow(f: (row: Uint32Array, o: Readonly<Record<string, number>>) => void): WitnessOptions {
  let range: RowMajorMatrix | undefined;
  return {
    tamper: (chip: string, t: RowMajorMatrix) => {
      if (chip === 'range16') range = t;
      if (chip !== 'ecall') return;
      const o = ecallCols.offset;
      const limbs = [o.loD, o.loD + 1, o.upD, o.upD + 1];
      for (let i = 0; i < t.height; i++)
        if (t.get(i, o.isRead) === 1) {
          const row = t.row(i);
          const counted = (r: Uint32Array) => r[o.reqNz] === 1;
          if (counted(row)) for (const c of limbs) (range as RowMajorMatrix).values[row[c]]--;
          f(row, o);
          if (counted(row))
            for (const c of limbs) if (row[c] < 65536) (range as RowMajorMatrix).values[row[c]]++;
          return;
        }
      throw new Error('no read row');
    },
  };
}

function rejected(machine: Machine, witness: MachineWitness): boolean {
  const keys = machineKeys(machine, INSECURE_TEST_PARAMS);
  try {
    return !verifyMachine(
      machine,
      keys.verifyingKey,
      witness.claim,
      proveMachine(machine, keys.provingKey, witness),
    ).ok;
  } catch {
    return true;
  }
}

const C = (label: string) => new RegExp(`chip ecall, constraint \\d+ \\(${label}`);
const UP_HI = C('read: gap last \\+ 1 − a1 − a2 = upD \\(hi limb');
const BUS = (name: string) => new RegExp(`bus tuple ${name}\\(`);

describe('code gaps', () => {
  it('are the complement of the executable ranges, inclusive, ≤ 8 rows', () => {
    expect(codeGaps([[0x10000, 0x10100]])).toEqual([
      [0, 0xffff],
      [0x10100, 0xffffffff],
    ]);
    expect(codeGaps([[0, 0x100]])).toEqual([[0x100, 0xffffffff]]);
    expect(
      codeGaps([
        [0x100, 0x200],
        [0x300, 2 ** 32],
      ]),
    ).toEqual([
      [0, 0xff],
      [0x200, 0x2ff],
    ]);
    const gaps = codeGaps([[0x10000, 0x10100]]);
    expect(gapOf(gaps, 0xfffc, 4)).toBe(0);
    expect(gapOf(gaps, 0xfffc, 5)).toBe(-1);
    expect(gapOf(gaps, 0xfffffffc, 4)).toBe(1);
    expect(gapOf(gaps, 0xfffffffc, 5)).toBe(-1);
  });

  it('cost: the ECALL row pays 13 cells and 5 interactions for the check; the table is 8 rows', () => {
    expect(chipCost(ecallAir as Air)).toMatchObject({ main: 70, interactions: 43, cells: 162, maxDegree: 3 });
    expect(chipCost(codeGapsAir([]) as Air)).toMatchObject({ main: 1, interactions: 1, cells: 9 });
  });

  it('an ELF with more than 7 executable ranges is refused with a clear error', () => {
    const seg = (i: number) => ({
      vaddr: TEXT + 0x1000 * i,
      memsz: 4,
      data: bytesOf([asm.ecall()]),
      flags: 5,
    });
    const seven: Program = { entry: TEXT, segments: Array.from({ length: 7 }, (_, i) => seg(i)) };
    expect(buildMachine(seven).codeGaps.length).toBe(CODE_GAP_ROWS);
    const eight: Program = { entry: TEXT, segments: Array.from({ length: 8 }, (_, i) => seg(i)) };
    let err: unknown;
    try {
      buildMachine(eight);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CircuitError);
    expect((err as CircuitError).kind).toBe('unsupported-program');
    expect((err as Error).message).toMatch(
      /8 executable ranges \(9 gaps between them\); the circuits support at most 7/,
    );
  });
});

describe('honest reads up to the code and the top of memory', () => {
  const cases: Array<[string, number, number, number[]]> = [
    ['a full read ending at the first code byte', 0xfff8, 8, [1, 2, 3, 4, 5, 6, 7, 8]],
    ['a short read whose tail ends at the first code byte', 0xfff8, 8, [1, 2, 3]],
    ['a read at eof ending at the first code byte', 0xfffc, 4, []],
    ['a read at eof ending at 2^32', 0xfffffffc, 4, []],
    ['a read of 0 bytes into code', TEXT, 0, [9]],
    ['a read at eof just after the code', TEXT + 4 * 11, 16, []],
  ];
  for (const [name, buf, n, input] of cases)
    it(name, () => {
      const { machine, result } = run(prog(readProgram(buf, n)), Uint8Array.from(input));
      expect(result.exitCode).toBe(0);
      debugCheck(machine, generateWitness(machine, result, Uint8Array.from(input)));
    });

  it('proves and verifies (short read up to the code)', () => {
    const input = Uint8Array.of(1, 2, 3);
    const { machine, result } = run(prog(readProgram(0xfff8, 8)), input);
    const witness = generateWitness(machine, result, input);
    expect([...witness.claim.input]).toEqual([1, 2, 3]);
    expect(rejected(machine, witness)).toBe(false);
  });
});

describe('forged reads where the executor returns -EFAULT are rejected', () => {
  const cases: Array<[string, () => { machine: Machine; witness: MachineWitness }, RegExp]> = [
    ['eof claimed for a read into code', () => forgedEof(TEXT, 4), UP_HI],
    ['eof claimed for a read whose buffer wraps past 2^32', () => forgedEof(0xfffffffc, 8), UP_HI],
    ['a short read whose unread tail is code', () => forgedShortTail(), UP_HI],
    [
      'eof into code, hi limb satisfied in the field (upD_hi out of range)',
      () =>
        forgedEof(
          TEXT,
          4,
          onReadRow((row, o) => {
            row[o.upD + 1] = (row[o.upD + 1] + P - 65536) % P;
          }),
        ),
      BUS('range16'),
    ],
    [
      'eof into code, claiming the gap [0, 2^32)',
      () =>
        forgedEof(
          TEXT,
          4,
          onReadRow((row, o) => {
            row[o.gapLast] = 0xffff;
            row[o.gapLast + 1] = 0xffff;
            const up = 2 ** 32 - TEXT - 4;
            row[o.upD] = up & 0xffff;
            row[o.upD + 1] = up >>> 16;
          }),
        ),
      BUS('code-gap'),
    ],
    [
      'eof into code, the gap check skipped (reqNz = 0)',
      () =>
        forgedEof(
          TEXT,
          4,
          onReadRow((row, o) => {
            row[o.reqNz] = 0;
            row[o.reqInv] = 0;
          }),
        ),
      C('a2 ≠ 0 ⇒ reqNz'),
    ],
    [
      'a short tail into code, the carry k = 2 (upK0 = 2)',
      () =>
        forgedShortTail(
          onReadRow((row, o) => {
            row[o.upK] += 2;
          }),
        ),
      C('read: upK0 is a bit'),
    ],
    [
      'a wrapping buffer placed in the gap below code (buf < gap start)',
      () =>
        forgedEof(
          0xfffffffc,
          8,
          onReadRow((row, o) => {
            // Claim gap 0 [0, 0xffff]: a1 − 0 is fine, but the upper bound needs last ≥ 2^32 + 3.
            row[o.gapStart] = 0;
            row[o.gapStart + 1] = 0;
            row[o.gapLast] = 0xffff;
            row[o.gapLast + 1] = 0;
            row[o.loD] = 0xfffc;
            row[o.loD + 1] = 0xffff;
            row[o.loBr] = 0;
          }),
        ),
      UP_HI,
    ],
    [
      'eof into code, claiming the gap above the code (buf < gap start)',
      () =>
        forgedEof(
          TEXT,
          4,
          onReadRow((row, o) => {
            // readProgram is 10 words: code [0x10000, 0x10028), gap 1 = [0x10028, 2^32 − 1].
            const set = (col: number, v: number) => {
              row[col] = v & 0xffff;
              row[col + 1] = v >>> 16;
            };
            set(o.gapStart, 0x10028);
            set(o.gapLast, 0xffffffff);
            set(o.loD, (TEXT - 0x10028) >>> 0);
            row[o.loBr] = 1;
            set(o.upD, 2 ** 32 - TEXT - 4);
            row[o.upK] = 0;
            row[o.upK + 1] = 1;
          }),
        ),
      C('read: a1 − gap start = loD \\(hi limb'),
    ],
  ];
  cases.forEach(([name, make, expected], i) => {
    it(name, () => {
      const { machine, witness } = make();
      expect(() => debugCheck(machine, witness)).toThrow(expected);
      if (i < 3 || process.env.RVSTARK_TAMPER_PROOFS === 'all') expect(rejected(machine, witness)).toBe(true);
    });
  });
});
