// Shared by the whole-program tests: run a real ELF, check its traces with the debug checkers,
// prove it through the library path (proveElf, fast preset unless asked) and verify the receipt.

import { expect } from 'vitest';
import { buildMachine, generateWitness } from '../../circuits/machine/index.js';
import { execute, loadElf } from '../../src/vm/index.js';
import { decodeReceipt, encodeReceipt, proveElf, verifyReceipt } from '../../src/zkvm/index.js';
import { debugCheck } from '../circuits/helpers.js';

/** `debug: false` skips the row-by-row debug checkers (slow in TS beyond ~10^5 cycles). */
export function proveAndCheck(
  elf: Uint8Array,
  input: Uint8Array,
  debug = true,
  preset: 'fast' | 'default' = 'fast',
): void {
  const program = loadElf(elf);
  const run = execute(program, input, { record: true });
  const machine = buildMachine(program);
  if (debug) debugCheck(machine, generateWitness(machine, run, input));
  const proved = proveElf(elf, input, { preset });
  expect([...proved.claim.output]).toEqual([...run.output]);
  expect(proved.claim.exitCode).toBe(run.exitCode);
  expect(proved.claim.cycles).toBe(run.cycles);
  const ok = verifyReceipt(proved.receipt, { elf, input, allowInsecure: preset === 'fast' });
  expect(ok, ok.ok ? '' : `${ok.kind}: ${ok.reason}`).toMatchObject({ ok: true });
  if (ok.ok && preset === 'default') expect(ok.security?.bits).toBeGreaterThanOrEqual(100);
  // The same receipt with one claim byte changed is refused: an output byte, else the exit code.
  const r = decodeReceipt(proved.receipt);
  const output = r.claim.output.slice();
  if (output.length > 0) output[0] ^= 1;
  const claim = { ...r.claim, output, exitCode: output.length > 0 ? r.claim.exitCode : r.claim.exitCode ^ 1 };
  const bad = verifyReceipt(encodeReceipt({ ...r, claim }), { allowInsecure: true });
  expect(bad).toMatchObject({ ok: false, kind: 'invalid-proof' });
}
