// The ExecutionRecord is consistent: one CPU row per cycle chained by pc/nextPc, and
// the access table passes an offline memory check (each access's prevTs/prevValue equal
// the previous access to that address; timestamps strictly increase; final state matches).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { deriveCpuColumns, execute, loadElf, SPACE_RAM, SPACE_REG } from '../../src/vm/index.js';

describe('ExecutionRecord', () => {
  for (const [name, input] of [
    ['sha256', new TextEncoder().encode('the quick brown fox'.repeat(10))],
    ['hello', new TextEncoder().encode('one two three')],
  ] as const) {
    it(`${name}: cpu rows chain and memory checking balances`, () => {
      const r = execute(loadElf(readFileSync(`guests/examples/${name}/${name}.elf`)), input, {
        record: true,
      });
      const rec = r.record!;
      const cpu = rec.cpu;
      expect(cpu.length).toBe(r.cycles);
      // nextPc is derived from each row's semantics (rs1Val, rs2Val, imm), so chaining checks them.
      const derived = deriveCpuColumns(cpu, r.decoded);
      for (let k = 0; k + 1 < cpu.length; k++) {
        if (derived.nextPc[k] !== cpu.pc[k + 1]) throw new Error(`row ${k}: nextPc != next row's pc`);
      }
      expect(derived.nextPc[cpu.length - 1]).toBe(cpu.pc[cpu.length - 1]);
      const last = new Map<string, [number, number]>(); // key -> [ts, value]
      const acc = rec.access;
      const initial = new Map<number, number>();
      rec.memory.addr.forEach((a, k) => {
        initial.set(a, rec.memory.init[k]);
      });
      for (let k = 0; k < acc.length; k++) {
        const key = `${acc.space[k]}:${acc.addr[k]}`;
        const prev = last.get(key) ?? [0, acc.space[k] === SPACE_REG ? 0 : (initial.get(acc.addr[k]) ?? 0)];
        if (acc.prevTs[k] !== prev[0] || acc.prevValue[k] !== prev[1]) {
          throw new Error(
            `access ${k} (${key}) prev (${acc.prevTs[k]}, ${acc.prevValue[k]}) != (${prev[0]}, ${prev[1]})`,
          );
        }
        expect(acc.ts[k]).toBeGreaterThan(acc.prevTs[k]);
        if (acc.write[k] === 0) expect(acc.value[k]).toBe(acc.prevValue[k]);
        if (acc.space[k] === SPACE_REG && acc.addr[k] === 0) expect(acc.value[k]).toBe(0);
        last.set(key, [acc.ts[k], acc.value[k]]);
      }
      rec.memory.addr.forEach((a, k) => {
        expect(last.get(`${SPACE_RAM}:${a}`)).toEqual([rec.memory.finalTs[k], rec.memory.final[k]]);
      });
      for (let reg = 0; reg < 32; reg++) {
        const l = last.get(`${SPACE_REG}:${reg}`);
        if (l) expect([reg, rec.registers.finalTs[reg], rec.registers.final[reg]]).toEqual([reg, ...l]);
      }
      expect(Buffer.from(rec.output)).toEqual(Buffer.from(r.output));
      expect(rec.io.length).toBeGreaterThan(0);
    });
  }
});
