// read/write ECALLs end to end: the claim's input is exactly what the run read (a short read at
// end of input included), its output exactly what it wrote to fd 1 (fd 2 excluded), and any
// change of either is rejected by the verifier.

import { describe, expect, it } from 'vitest';
import { CircuitError, machineKeys, proveMachine, verifyMachine } from '../../circuits/machine/index.js';
import { INSECURE_TEST_PARAMS } from '../../src/fri/params.js';
import { A0, A1, A2, A7, asm } from '../vm/helpers/asm.js';
import { debugCheck } from './helpers.js';
import { MEMORY_INPUT, MEMORY_PROGRAM, memoryRun } from './memory-helpers.js';

describe('io: proof and claim', () => {
  const { machine, result, witness } = memoryRun();
  const keys = machineKeys(machine, INSECURE_TEST_PARAMS);
  const proof = proveMachine(machine, keys.provingKey, witness);
  const vk = keys.verifyingKey;
  const claim = witness.claim;

  it('the claim is the input read and the fd 1 output; it verifies', () => {
    expect([...claim.input]).toEqual([...MEMORY_INPUT]);
    expect(claim.output).toEqual(result.output);
    expect(claim.output.length).toBe(23); // 7 echoed + 16; the 6 stderr bytes are not in it
    expect(verifyMachine(machine, vk, claim, proof)).toMatchObject({ ok: true });
  });

  it('a changed, missing or extra input or output byte is rejected', () => {
    const flip = (b: Uint8Array, i: number) => {
      const c = b.slice();
      c[i] ^= 1;
      return c;
    };
    const cat = (b: Uint8Array, x: number) => new Uint8Array([...b, x]);
    const bad = [
      { ...claim, input: flip(claim.input, 0) },
      { ...claim, input: flip(claim.input, 6) },
      { ...claim, input: claim.input.subarray(0, 6) },
      { ...claim, input: cat(claim.input, 0) },
      { ...claim, output: flip(claim.output, 3) },
      { ...claim, output: flip(claim.output, 22) },
      { ...claim, output: claim.output.subarray(0, 22) },
      { ...claim, output: cat(claim.output, 0) },
      { ...claim, output: new Uint8Array([...claim.output, ...result.stderr]) },
      { ...claim, exitCode: 127 },
    ];
    for (const c of bad) expect(verifyMachine(machine, vk, c, proof).ok).toBe(false);
  });
});

describe('io: read variants (debug checkers)', () => {
  it('input longer than read: the claim holds the consumed prefix (no end of input)', () => {
    const input = new Uint8Array(25).map((_, i) => i + 1);
    const { machine, witness } = memoryRun(MEMORY_PROGRAM, input);
    expect([...witness.claim.input]).toEqual([...input.subarray(0, 20)]);
    debugCheck(machine, witness);
  });

  it('empty input: every read returns 0', () => {
    const { machine, result, witness } = memoryRun(MEMORY_PROGRAM, new Uint8Array(0));
    expect(witness.claim.input.length).toBe(0);
    expect(result.exitCode).toBe(0);
    debugCheck(machine, witness);
  });

  it('a read into the code segment is not proven', () => {
    const code = [
      asm.iop('addi', A0, 0, 0),
      ...asm.li(A1, 0x10000),
      asm.iop('addi', A2, 0, 4),
      asm.iop('addi', A7, 0, 63),
      asm.ecall(),
      asm.iop('addi', A7, 0, 93),
      asm.ecall(),
    ];
    let err: unknown;
    try {
      const { machine, witness } = memoryRun(code, new Uint8Array([1, 2, 3, 4]));
      debugCheck(machine, witness);
    } catch (e) {
      err = e;
    }
    // The executor answers -EFAULT (no write), which the circuits refuse to prove; an executor
    // that wrote into code would leave a read-only word written, which the constraints reject.
    expect(err).toBeDefined();
    if (err instanceof CircuitError) expect(err.kind).toBe('unsupported-opcode');
  });
});
