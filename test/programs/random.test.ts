// A sample of the executor's random RV32IM programs (every opcode, aliasing, edge operands,
// loops with every branch kind, loads and stores of every width): their traces pass the debug
// checkers and they prove and verify. Reproduce with RVSTARK_SEED=<seed>.

import { describe, it } from 'vitest';
import { randomProgram } from '../vm/helpers/randprog.js';
import { proveAndCheck } from './helpers.js';

const BASE = Number(process.env.RVSTARK_SEED ?? 20261129);
const COUNT = Number(process.env.RVSTARK_PROVE_RANDOM ?? 3);

describe('random programs prove and verify', () => {
  for (let k = 0; k < COUNT; k++) {
    it(`seed ${BASE + k}`, { timeout: 120_000 }, () => {
      proveAndCheck(randomProgram(BASE + k, 40).elf, new Uint8Array(0));
    });
  }
});
