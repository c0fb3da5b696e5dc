/**
 * Offline checks of an ExecutionRecord, shared by the record and layout tests: CPU rows
 * chain by pc/nextPc, and the flat access table passes memory checking.
 */
import { expect } from 'vitest';
import {
  buildAccessTable,
  deriveCpuColumns,
  type ExecutionResult,
  SPACE_RAM,
  SPACE_REG,
} from '../../../src/vm/index.js';

/** Throws naming the first row that breaks offline memory checking or pc chaining. */
export function checkRecord(r: ExecutionResult): void {
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
