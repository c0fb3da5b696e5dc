// End to end: a tiny real RV32I program (ADD/SUB/ADDI/LUI/AUIPC/JAL/JALR/exit ECALL) proves and
// verifies, its traces pass the debug checkers, a wrong claim is rejected, and a program with an
// op no chip proves yet fails with a typed error.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  buildMachine,
  CircuitError,
  generateWitness,
  machineKeys,
  proveMachine,
  verifyMachine,
} from '../../circuits/machine/index.js';
import { INSECURE_TEST_PARAMS } from '../../src/fri/params.js';
import { execute, loadElf } from '../../src/vm/index.js';
import { debugCheck, LOOP_PROGRAM, witnessOf } from './helpers.js';

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

describe('machine: unsupported opcodes', () => {
  it('fails with a typed error naming the opcode', () => {
    const program = loadElf(new Uint8Array(readFileSync('guests/examples/fib/fib.elf')));
    const result = execute(program, new Uint8Array([10]), { record: true });
    const machine = buildMachine(program);
    let err: unknown;
    try {
      generateWitness(machine, result, new Uint8Array([10]));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CircuitError);
    expect((err as CircuitError).kind).toBe('unsupported-opcode');
    expect((err as Error).message).toMatch(/^opcode \S+ is not yet supported by the circuits/);
  });
});
