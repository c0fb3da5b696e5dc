// Differential test: random RV32IM programs on qemu-riscv32 and on both of our
// interpreters must give identical stdout (scratch memory + register dump) and exit code.
// Reproduce a failure with RVSTARK_SEED=<seed> RVSTARK_RANDOM_PROGRAMS=1.
import { describe, expect, it } from 'vitest';
import { execute, loadElf, NUM_OPS, OP_NAMES, Op } from '../../src/vm/index.js';
import { pool, QEMU, runQemu } from './helpers/qemu.js';
import { randomProgram } from './helpers/randprog.js';

const COUNT = Number(process.env.RVSTARK_RANDOM_PROGRAMS ?? 300);
const BASE_SEED = Number(process.env.RVSTARK_SEED ?? Math.floor(Math.random() * 2 ** 31));

describe.skipIf(!QEMU)('random programs vs qemu-riscv32', () => {
  if (!QEMU) console.warn('skipping: qemu-riscv32 not found (apt-get install qemu-user)');
  it(`${COUNT} programs from seed ${BASE_SEED} agree`, { timeout: 120_000 }, async () => {
    const seen = new Float64Array(NUM_OPS);
    const failures: string[] = [];
    await pool(
      Array.from({ length: COUNT }, (_, k) => BASE_SEED + k),
      4,
      async (seed) => {
        const prog = randomProgram(seed);
        const q = await runQemu(prog.elf, new Uint8Array(0));
        const program = loadElf(prog.elf);
        try {
          const fast = execute(program, new Uint8Array(0));
          const rec = execute(program, new Uint8Array(0), { record: true });
          // Per-cycle counts from the record's pc column vs fast mode's entry-derived counts.
          const perCycle = new Uint32Array(fast.counts.length);
          for (const pc of rec.record!.cpu.pc) perCycle[(pc - rec.decoded.base) >>> 2]++;
          for (let i = 0; i < fast.decoded.count; i++) seen[fast.decoded.op[i]] += fast.counts[i];
          const ok =
            q.signal === null &&
            fast.output.length === prog.outputBytes &&
            Buffer.from(fast.output).equals(q.stdout) &&
            (fast.exitCode & 0xff) === q.status &&
            Buffer.from(rec.output).equals(q.stdout) &&
            rec.exitCode === fast.exitCode &&
            rec.cycles === fast.cycles &&
            Buffer.from(fast.counts.buffer).equals(Buffer.from(perCycle.buffer));
          if (!ok) failures.push(`seed ${seed}: output or exit code differs (qemu status ${q.status})`);
        } catch (e) {
          failures.push(
            `seed ${seed}: ${(e as Error).message} (qemu status ${q.status}, signal ${q.signal})`,
          );
        }
      },
    );
    expect(failures, `rerun with RVSTARK_SEED=<seed> RVSTARK_RANDOM_PROGRAMS=1`).toEqual([]);
    // Every RV32IM instruction ran at least once across the batch.
    const notRun = OP_NAMES.filter(
      (_name, o) => seen[o] === 0 && ![Op.ILLEGAL, Op.EBREAK, Op.CSR, Op.OUTSIDE].includes(o as never),
    );
    if (COUNT >= 100) expect(notRun).toEqual([]);
  });
});
