/**
 * VM benchmarks: the sha256 guest in fast mode, in recording mode, and as a whole
 * qemu-riscv32 process on the same input in the same run (for the ratio).
 * Rows: vm.run.sha256, vm.record.sha256 (cycles_per_s), qemu.run.sha256 (ratio =
 * rvstark fast-mode time / qemu time; > 1 means qemu is faster).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { execute, loadElf } from '../src/vm/index.js';

export type BenchRow = { name: string; median_ms: number; samples: number; [extra: string]: unknown };

const ELF = fileURLToPath(new URL('../guests/examples/sha256/sha256.elf', import.meta.url));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function time(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

export async function vmBenches(opts: { quick: boolean }): Promise<BenchRow[]> {
  // ~80 cycles per input byte: 512 KiB is ~42 M cycles, >= 200 ms in fast mode.
  const size = opts.quick ? 128 << 10 : 512 << 10;
  const samples = opts.quick ? 2 : 5;
  const input = Uint8Array.from({ length: size }, (_, k) => (k * 2654435761) >>> 24);
  const program = loadElf(readFileSync(ELF));
  const rows: BenchRow[] = [];

  const cycles = execute(program, input).cycles; // warm-up: JIT and type feedback for every op
  const fast = Array.from({ length: samples }, () => time(() => execute(program, input)));
  const fastMs = median(fast);
  rows.push({
    name: 'vm.run.sha256',
    median_ms: fastMs,
    samples,
    cycles,
    cycles_per_s: Math.round(cycles / (fastMs / 1000)),
  });

  execute(program, input.subarray(0, 4096), { record: true });
  const rec = Array.from({ length: Math.max(1, samples - 2) }, () =>
    time(() => execute(program, input, { record: true, maxCycles: 2 ** 28 })),
  );
  const recMs = median(rec);
  rows.push({
    name: 'vm.record.sha256',
    median_ms: recMs,
    samples: rec.length,
    cycles,
    cycles_per_s: Math.round(cycles / (recMs / 1000)),
  });

  const probe = spawnSync('qemu-riscv32', ['--version']);
  if (!probe.error && probe.status === 0) {
    const q = Array.from({ length: samples }, () =>
      time(() => {
        const r = spawnSync('qemu-riscv32', [ELF], { input });
        if (r.status !== 0) throw new Error(`qemu-riscv32 exited with ${r.status}`);
      }),
    );
    const qMs = median(q);
    rows.push({
      name: 'qemu.run.sha256',
      median_ms: qMs,
      samples,
      cycles,
      cycles_per_s: Math.round(cycles / (qMs / 1000)),
      ratio: fastMs / qMs,
    });
  }
  return rows;
}
