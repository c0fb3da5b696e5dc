// Regression for a review finding: "range-check a byte" by looking up 256·x on RANGE16 is not a
// byte check (256 is invertible mod p, so x = y/256 passes for any y < 2^16), and a limb's split
// lo + 256·hi could be forged with a fractional hi. Three forgeries built on that — a write to
// fd 1 of a byte not in memory, an LBU returning a byte never stored, an SB storing a byte that
// is not rs2's — verified before the fix. Each now fails the debug checker (the fractional byte
// is not in the range table) and its proof is rejected. The forger rebalances every range16
// count it can, as a real attacker would.

import { describe, expect, it } from 'vitest';
import { ecallCols } from '../../circuits/ecall/columns.js';
import { ioWordCols } from '../../circuits/ecall/io-columns.js';
import {
  buildMachine,
  generateWitness,
  type Machine,
  type MachineWitness,
} from '../../circuits/machine/index.js';
import { loadCols, storeCols } from '../../circuits/memory/columns.js';
import { boundaryCols } from '../../circuits/memory-boundary/columns.js';
import type { RowMajorMatrix } from '../../src/air/index.js';
import { inv, mul } from '../../src/field/babybear.js';
import { execute, loadElf } from '../../src/vm/index.js';
import { A0, A1, A2, A7, asm } from '../vm/helpers/asm.js';
import { DATA_BASE, makeElf } from '../vm/helpers/elf-writer.js';
import { debugCheck, proofAccepted } from './helpers.js';

function run(code: number[], data?: Uint8Array) {
  const program = loadElf(makeElf({ code, data, bss: 64 }));
  const machine = buildMachine(program);
  const witness = generateWitness(
    machine,
    execute(program, new Uint8Array(0), { record: true }),
    new Uint8Array(0),
  );
  return { machine, witness };
}

const table = (w: MachineWitness, name: string): RowMajorMatrix => {
  const t = w.tables.find((x) => x.air.name === name);
  if (t === undefined) throw new Error(`no table ${name}`);
  return t.trace;
};

/** Moves one range16 count from `from` to `to` where `to` is a table row (a 16-bit value). */
function moveCount(range: RowMajorMatrix, from: number, to: number): void {
  range.row(from)[0]--;
  if (to < range.height) range.row(to)[0]++;
}

/** The debug checker must name the fractional byte's lookup (before the fix there was none). */
function rejected(machine: Machine, w: MachineWitness, fractional: number): void {
  expect(() => debugCheck(machine, w)).toThrow(`bus tuple range16(${fractional}) is unbalanced`);
  expect(proofAccepted(machine, w)).toBe(false);
}

const FORGED = 0x5a; // 'Z', where the program holds 0x41 'A' in the low byte of 0x0141
const DATA = new Uint8Array([0x41, 0x01, 0x00, 0x00]);

describe('a limb split into bytes cannot take a fractional high byte', () => {
  it('io-words: a write to fd 1 of a byte that is not in memory', () => {
    const { machine, witness } = run(
      [
        asm.lui(A1, DATA_BASE),
        asm.iop('addi', A0, 0, 1),
        asm.iop('addi', A2, 0, 1),
        asm.iop('addi', A7, 0, 64),
        asm.ecall(),
        asm.iop('addi', A0, 0, 0),
        asm.iop('addi', A7, 0, 93),
        asm.ecall(),
      ],
      DATA,
    );
    debugCheck(machine, witness);
    const o = ioWordCols.offset;
    const rg = table(witness, 'range16');
    const row = table(witness, 'io-words').row(0);
    const v = row[o.old] + 256 * row[o.old + 1];
    const y = v - FORGED;
    moveCount(rg, 256 * row[o.old], 256 * FORGED);
    moveCount(rg, 256 * row[o.old + 1], y);
    moveCount(rg, row[o.old + 1], mul(y, inv(256)));
    row[o.old] = row[o.val] = FORGED;
    row[o.old + 1] = row[o.val + 1] = mul(y, inv(256));
    rejected(
      machine,
      { ...witness, claim: { ...witness.claim, output: new Uint8Array([FORGED]) } },
      mul(y, inv(256)),
    );
  });

  it('memory-load: LBU returns a byte never stored', () => {
    const { machine, witness } = run(
      [asm.lui(A1, DATA_BASE), asm.load('lbu', A0, A1, 0), asm.iop('addi', A7, 0, 93), asm.ecall()],
      DATA,
    );
    debugCheck(machine, witness);
    const L = loadCols.offset;
    const rg = table(witness, 'range16');
    const lr = table(witness, 'memory-load').row(0);
    const y = lr[L.half] - FORGED;
    moveCount(rg, 256 * lr[L.lo8], 256 * FORGED);
    moveCount(rg, 256 * lr[L.hi8], y);
    moveCount(rg, lr[L.hi8], mul(y, inv(256)));
    lr[L.lo8] = lr[L.byte] = lr[L.rdVal] = FORGED;
    lr[L.hi8] = mul(y, inv(256));
    table(witness, 'ecall').row(0)[ecallCols.offset.rs2Val] = FORGED;
    table(witness, 'registers').row(A0)[0] = FORGED;
    rejected(machine, { ...witness, claim: { ...witness.claim, exitCode: FORGED } }, mul(y, inv(256)));
  });

  it('memory-store: SB stores a byte that is not the low byte of rs2', () => {
    const { machine, witness } = run([
      asm.iop('addi', 5, 0, 0x141),
      asm.lui(A1, DATA_BASE),
      asm.store('sb', 5, A1, 0),
      asm.load('lw', A0, A1, 0),
      asm.iop('addi', A7, 0, 93),
      asm.ecall(),
    ]);
    debugCheck(machine, witness);
    const S = storeCols.offset;
    const rg = table(witness, 'range16');
    const sr = table(witness, 'memory-store').row(0);
    const y = sr[S.rs2Val] - FORGED;
    moveCount(rg, 256 * sr[S.x8], 256 * FORGED);
    moveCount(rg, 256 * sr[S.y8], y);
    moveCount(rg, sr[S.y8], mul(y, inv(256)));
    sr[S.x8] = FORGED;
    sr[S.y8] = mul(y, inv(256));
    sr[S.sbh] = sr[S.hNew] = sr[S.memVal] = FORGED + 256 * sr[S.hi8];
    const L = loadCols.offset;
    const lr = table(witness, 'memory-load').row(0);
    lr[L.memVal] = lr[L.half] = lr[L.rdVal] = sr[S.sbh];
    lr[L.lo8] = lr[L.byte] = sr[S.sbh] & 255;
    lr[L.hi8] = sr[S.sbh] >> 8;
    const B = boundaryCols.offset;
    const bt = table(witness, 'memory-boundary');
    for (let i = 0; i < bt.height; i++) {
      if (bt.get(i, B.real) === 1 && bt.get(i, B.addr) + 65536 * bt.get(i, B.addr + 1) === DATA_BASE / 4)
        bt.row(i)[B.final] = sr[S.sbh];
    }
    table(witness, 'ecall').row(0)[ecallCols.offset.rs2Val] = FORGED;
    table(witness, 'registers').row(A0)[0] = FORGED;
    rejected(machine, { ...witness, claim: { ...witness.claim, exitCode: FORGED } }, mul(y, inv(256)));
  });
});
