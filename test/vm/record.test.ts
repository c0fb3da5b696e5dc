// The ExecutionRecord is consistent: one CPU row per cycle chained by pc/nextPc, and the
// flat access table built from it (register accesses implied by the CPU rows, RAM rows
// as stored) passes an offline memory check: each access's prevTs/prevValue equal the
// previous access to that address, timestamps strictly increase, final state matches.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { execute, loadElf } from '../../src/vm/index.js';
import { checkRecord } from './helpers/check-record.js';
import { randomProgram } from './helpers/randprog.js';

describe('ExecutionRecord', () => {
  for (const [name, input] of [
    ['sha256', new TextEncoder().encode('the quick brown fox'.repeat(10))],
    ['hello', new TextEncoder().encode('one two three')],
  ] as const) {
    it(`${name}: cpu rows chain and memory checking balances`, () => {
      const r = execute(loadElf(readFileSync(`guests/examples/${name}/${name}.elf`)), input, {
        record: true,
      });
      checkRecord(r);
      expect(r.record!.io.length).toBeGreaterThan(0);
    });
  }

  it('random programs: memory checking balances (x0 writes, sub-word stores, loops)', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const r = execute(loadElf(randomProgram(seed).elf), new Uint8Array(0), { record: true });
      checkRecord(r);
    }
  });

  it('a tampered operand value breaks the memory check', () => {
    const r = execute(loadElf(randomProgram(7).elf), new Uint8Array(0), { record: true });
    const cpu = r.record!.cpu;
    // Find a row that reads a non-zero rs1 value and corrupt it.
    const k = cpu.rs1Val.findIndex((v, i) => v !== 0 && i > 40);
    cpu.rs1Val[k] ^= 1;
    expect(() => checkRecord(r)).toThrow(/read changed|prev/);
  });
});
