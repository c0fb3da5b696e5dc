// Whole-run tampers (issue 8): a repeated, a reordered and a removed (truncated) instruction, and
// a changed program word. Each is made on an honest witness of the tiny program, must be named
// by the debug checkers, and its proof (honest machinery) must be rejected.

import { describe, expect, it } from 'vitest';
import {
  buildMachine,
  generateWitness,
  type Machine,
  type MachineWitness,
  machineKeys,
  proveMachine,
  verifyMachine,
} from '../../circuits/machine/index.js';
import { RowMajorMatrix } from '../../src/air/index.js';
import { INSECURE_TEST_PARAMS } from '../../src/fri/params.js';
import { execute, loadElf } from '../../src/vm/index.js';
import { asm } from '../vm/helpers/asm.js';
import { makeElf } from '../vm/helpers/elf-writer.js';
import { debugCheck, proofAccepted, TINY_PROGRAM, witnessOf } from './helpers.js';

function rejected(
  machine: Machine,
  w: MachineWitness,
  keysOf: Machine = machine,
): { message: string; ok: boolean } {
  let message = '';
  try {
    debugCheck(machine, w);
  } catch (e) {
    message = (e as Error).message;
  }
  return { message, ok: proofAccepted(keysOf, w) };
}

/** The witness with one table's matrix replaced. */
function withTable(
  w: MachineWitness,
  chip: string,
  f: (m: RowMajorMatrix) => RowMajorMatrix,
): MachineWitness {
  return {
    claim: w.claim,
    tables: w.tables.map((t) => (t.air.name === chip ? { air: t.air, trace: f(t.trace) } : t)),
  };
}

const copy = (m: RowMajorMatrix) => new RowMajorMatrix(m.values.slice(), m.width);
const isZero = (r: Uint32Array) => r.every((x) => x === 0);

describe('whole-run tampers', () => {
  const { machine, witness } = witnessOf();

  it('a repeated instruction (a real row copied onto a padding row)', () => {
    const w = withTable(witness, 'alu-add-sub', (m) => {
      const out = copy(m);
      let pad = -1;
      for (let i = 0; i < out.height; i++) if (isZero(out.row(i))) pad = i;
      expect(pad).toBeGreaterThan(0);
      out.row(pad).set(out.row(0));
      return out;
    });
    const r = rejected(machine, w);
    expect(r.message).toMatch(/bus tuple (exec|program|memory)\(/);
    expect(r.ok).toBe(false);
  });

  it('two instructions swapped in time (their timestamps exchanged)', () => {
    const w = withTable(witness, 'alu-add-sub', (m) => {
      const out = copy(m);
      // ts is the STATE group's third field: pc (2), seqPc (2), ts.
      const ts = 4;
      const a = out.get(0, ts);
      out.set(0, ts, out.get(1, ts));
      out.set(1, ts, a);
      return out;
    });
    const r = rejected(machine, w);
    expect(r.message).not.toBe('');
    expect(r.ok).toBe(false);
  });

  it('a run truncated before its exit (the exit ECALL row removed)', () => {
    const w = withTable(witness, 'ecall', (m) => RowMajorMatrix.zeros(m.height, m.width));
    const r = rejected(machine, w);
    expect(r.message).toMatch(/bus tuple/);
    expect(r.ok).toBe(false);
  });

  it('a changed program word: the run of one program does not prove under the other’s key', () => {
    const changed = TINY_PROGRAM.slice();
    changed[1] = asm.iop('addi', 6, 0, 36); // 35 → 36
    const other = buildMachine(loadElf(makeElf({ code: changed })));
    // The original run's traces, checked and proven against the changed program's fixed tables.
    const moved: MachineWitness = {
      claim: { ...witness.claim, imageId: other.imageId },
      tables: witness.tables.map((t, i) => ({ air: other.airs[i], trace: t.trace })),
    };
    const r = rejected(other, moved, other);
    expect(r.message).toMatch(/bus tuple program\(/);
    expect(r.ok).toBe(false);
    // And the honest run of the changed program does verify under its own key.
    const program = loadElf(makeElf({ code: changed }));
    const w2 = generateWitness(
      other,
      execute(program, new Uint8Array(0), { record: true }),
      new Uint8Array(0),
    );
    const keys = machineKeys(other, INSECURE_TEST_PARAMS);
    expect(
      verifyMachine(other, keys.verifyingKey, w2.claim, proveMachine(other, keys.provingKey, w2)).ok,
    ).toBe(true);
  });
});
