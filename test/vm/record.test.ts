// The ExecutionRecord is consistent: one CPU row per cycle chained by pc/nextPc, and the
// flat access table built from it (register accesses implied by the CPU rows, RAM rows
// as stored) passes an offline memory check: each access's prevTs/prevValue equal the
// previous access to that address, timestamps strictly increase, final state matches.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  buildAccessTable,
  deriveCpuColumns,
  type ExecutionResult,
  execute,
  loadElf,
  SPACE_RAM,
  SPACE_REG,
} from '../../src/vm/index.js';
import { randomProgram } from './helpers/randprog.js';

/** Throws naming the first row that breaks offline memory checking or pc chaining. */
function checkRecord(r: ExecutionResult): void {
  const rec = r.record!;
  const cpu = rec.cpu;
  expect(cpu.length).toBe(r.cycles);
  // nextPc is derived from each row's semantics (rs1Val, rs2Val, imm), so chaining checks them.
  const derived = deriveCpuColumns(cpu, r.decoded);
  for (let k = 0; k + 1 < cpu.length; k++) {
    if (derived.nextPc[k] !== cpu.pc[k + 1]) throw new Error(`row ${k}: nextPc != next row's pc`);
  }
  expect(derived.nextPc[cpu.length - 1]).toBe(cpu.pc[cpu.length - 1]);
  const acc = buildAccessTable(rec, r.decoded);
  // Every stored RAM row appears in the flat table, in order.
  let ramRows = 0;
  for (let k = 0; k < acc.length; k++) if (acc.space[k] === SPACE_RAM) ramRows++;
  expect(ramRows).toBe(rec.ram.length);
  const last = new Map<string, [number, number]>(); // key -> [ts, value]
  const initial = new Map<number, number>();
  rec.memory.addr.forEach((a, k) => {
    initial.set(a, rec.memory.init[k]);
  });
  let prevTs = 0;
  for (let k = 0; k < acc.length; k++) {
    const key = `${acc.space[k]}:${acc.addr[k]}`;
    const prev = last.get(key) ?? [0, acc.space[k] === SPACE_REG ? 0 : (initial.get(acc.addr[k]) ?? 0)];
    if (acc.prevTs[k] !== prev[0] || acc.prevValue[k] !== prev[1]) {
      throw new Error(
        `access ${k} (${key}) prev (${acc.prevTs[k]}, ${acc.prevValue[k]}) != (${prev[0]}, ${prev[1]})`,
      );
    }
    if (acc.ts[k] <= acc.prevTs[k] || acc.ts[k] < prevTs) throw new Error(`access ${k}: ts out of order`);
    if (acc.write[k] === 0 && acc.value[k] !== acc.prevValue[k]) throw new Error(`access ${k}: read changed`);
    if (acc.space[k] === SPACE_REG && acc.addr[k] === 0 && acc.value[k] !== 0)
      throw new Error(`access ${k}: x0`);
    last.set(key, [acc.ts[k], acc.value[k]]);
    prevTs = acc.ts[k];
  }
  rec.memory.addr.forEach((a, k) => {
    expect(last.get(`${SPACE_RAM}:${a}`)).toEqual([rec.memory.finalTs[k], rec.memory.final[k]]);
  });
  for (let reg = 0; reg < 32; reg++) {
    const l = last.get(`${SPACE_REG}:${reg}`) ?? [0, 0];
    expect([reg, rec.registers.finalTs[reg], rec.registers.final[reg]]).toEqual([reg, ...l]);
  }
  expect(Buffer.from(rec.output)).toEqual(Buffer.from(r.output));
}

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
