// End to end: a tiny real RV32I program (ADD/SUB/ADDI/LUI/AUIPC/JAL/JALR/exit ECALL) proves and
// verifies, its traces pass the debug checkers, a wrong claim is rejected, every RV32IM op that
// completes has a chip (FENCE included), and an op without one fails with a typed error.

import { describe, expect, it } from 'vitest';
import {
  CHIP_OF_OP,
  CircuitError,
  generateWitness,
  machineKeys,
  proveMachine,
  verifyMachine,
} from '../../circuits/machine/index.js';
import { INSECURE_TEST_PARAMS } from '../../src/fri/params.js';
import { NUM_OPS, Op } from '../../src/vm/index.js';
import { A0, A7, asm } from '../vm/helpers/asm.js';
import { debugCheck, LOOP_PROGRAM, tinyRun, witnessOf } from './helpers.js';

describe('machine: tiny program', () => {
  const { machine, result, witness } = witnessOf();
  const keys = machineKeys(machine, INSECURE_TEST_PARAMS);

  it('runs as expected', () => {
    expect(result.exitCode).toBe(42);
    expect(witness.claim.cycles).toBe(result.cycles);
  });

  it('passes the debug constraint and bus checkers', () => {
    debugCheck(machine, witness);
  });

  it('proves and verifies; a changed claim is rejected', () => {
    const proof = proveMachine(machine, keys.provingKey, witness);
    const ok = verifyMachine(machine, keys.verifyingKey, witness.claim, proof);
    expect(ok).toMatchObject({ ok: true });
    const bad = [
      { ...witness.claim, exitCode: 43 },
      { ...witness.claim, cycles: witness.claim.cycles + 1 },
      { ...witness.claim, cycles: witness.claim.cycles - 1 },
    ];
    for (const claim of bad) expect(verifyMachine(machine, keys.verifyingKey, claim, proof).ok).toBe(false);
  });
});

describe('machine: loop with branches', () => {
  const { machine, result, witness } = witnessOf(LOOP_PROGRAM);
  const keys = machineKeys(machine, INSECURE_TEST_PARAMS);

  it('passes the debug checkers, proves and verifies', () => {
    expect(result.exitCode).toBe(15);
    debugCheck(machine, witness);
    const proof = proveMachine(machine, keys.provingKey, witness);
    expect(verifyMachine(machine, keys.verifyingKey, witness.claim, proof)).toMatchObject({ ok: true });
    expect(verifyMachine(machine, keys.verifyingKey, { ...witness.claim, exitCode: 14 }, proof).ok).toBe(
      false,
    );
  });
});

describe('machine: every op the executor completes has a chip', () => {
  it('covers all of RV32IM; only the ops that fault in the executor have none', () => {
    const faults = new Set<number>([Op.ILLEGAL, Op.EBREAK, Op.CSR, Op.OUTSIDE]);
    for (let op = 0; op < NUM_OPS; op++) expect(CHIP_OF_OP[op] === -1, `op ${op}`).toBe(faults.has(op));
  });

  it('FENCE is a proven no-op', () => {
    const code = [
      asm.iop('addi', 5, 0, 9),
      0x0ff0000f, // fence iorw, iorw
      asm.iop('addi', A0, 5, 1),
      asm.iop('addi', A7, 0, 93),
      asm.ecall(),
    ];
    const { machine, result, witness } = witnessOf(code);
    expect(result.exitCode).toBe(10);
    debugCheck(machine, witness);
    const keys = machineKeys(machine, INSECURE_TEST_PARAMS);
    const proof = proveMachine(machine, keys.provingKey, witness);
    expect(verifyMachine(machine, keys.verifyingKey, witness.claim, proof)).toMatchObject({ ok: true });
  });

  it('an op with no chip fails with a typed error naming it, before any proving', () => {
    const { machine, result } = tinyRun();
    const saved = CHIP_OF_OP[Op.ADDI];
    CHIP_OF_OP[Op.ADDI] = -1;
    let err: unknown;
    try {
      generateWitness(machine, result, new Uint8Array(0));
    } catch (e) {
      err = e;
    } finally {
      CHIP_OF_OP[Op.ADDI] = saved;
    }
    expect(err).toBeInstanceOf(CircuitError);
    expect((err as CircuitError).kind).toBe('unsupported-opcode');
    expect((err as Error).message).toMatch(/^opcode \S+ is not yet supported by the circuits/);
  });
});
