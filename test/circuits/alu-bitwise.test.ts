// AND/OR/XOR(+I) and the byte table: a program over edge values passes the debug checkers (its
// rd writes must equal the VM's register values, or MEMORY is unbalanced against the final
// register file), the byte table counts 4 lookups per bitwise row, and the chip costs what
// docs/CIRCUITS.md says.

import { describe, expect, it } from 'vitest';
import { bitwiseAir } from '../../circuits/alu-bitwise/air.js';
import { byteAir } from '../../circuits/byte/air.js';
import { chipCost } from '../../circuits/machine/cost.js';
import type { Air } from '../../src/air/index.js';
import { debugCheck, witnessOf } from './helpers.js';
import { BITWISE_PROGRAM } from './ops-programs.js';

describe('alu-bitwise', () => {
  it('a program of AND OR XOR ANDI ORI XORI passes the debug checkers', () => {
    const { machine, result, witness } = witnessOf(BITWISE_PROGRAM.code);
    expect(result.exitCode).toBe((0x12345678 ^ 0xf0f0a55a) | 0);
    debugCheck(machine, witness);
    const table = (name: string) => witness.tables.find((t) => t.air.name === name)?.trace;
    const bytes = table('byte');
    let n = 0;
    for (let i = 0; i < (bytes?.height ?? 0); i++) for (let j = 0; j < 4; j++) n += bytes?.get(i, j) ?? 0;
    // 9 bitwise rows × 4 byte lookups (no other chip of this program uses the byte table).
    expect(n).toBe(9 * 4);
  });

  it('costs', () => {
    expect(chipCost(bitwiseAir as Air)).toMatchObject({
      main: 40,
      interactions: 19,
      cells: 84,
      maxDegree: 3,
    });
    expect(chipCost(byteAir as Air)).toMatchObject({ main: 4, interactions: 4, cells: 16 });
  });
});
