// The benchmark harness: every bench module registers named cases here; main.ts selects them
// (--filter), sizes them (--quick) and prints a table or one JSON object per line (--json).
// Medians come from tinybench; ratios are always between cases measured in the same process.

import { Bench } from 'tinybench';

export interface BenchRow {
  name: string;
  median_ms: number;
  samples: number;
  [extra: string]: unknown;
}

export interface BenchOptions {
  quick: boolean;
  filter: string | undefined;
}

export interface BenchCase {
  name: string;
  /** The measured work. */
  fn: () => unknown | Promise<unknown>;
  /** Runs once before timing (allocate inputs here, not in fn). */
  setup?: () => unknown | Promise<unknown>;
  /** Runs once after timing (free wasm memory here). */
  teardown?: () => unknown | Promise<unknown>;
  /** Extra fields computed from the median, e.g. ns per element or cycles per second. */
  extra?: (medianMs: number) => Record<string, unknown>;
  /** Minimum samples (default 5, 3 with --quick). */
  minSamples?: number;
}

export function selected(name: string, opts: BenchOptions): boolean {
  return opts.filter === undefined || name.includes(opts.filter);
}

/** Times one case with tinybench and returns its row. */
export async function runCase(c: BenchCase, opts: BenchOptions): Promise<BenchRow> {
  await c.setup?.();
  const iterations = c.minSamples ?? (opts.quick ? 3 : 5);
  const bench = new Bench({
    time: opts.quick ? 200 : 1000,
    iterations,
    warmup: true,
    warmupIterations: opts.quick ? 1 : 2,
    warmupTime: opts.quick ? 50 : 200,
  });
  bench.add(c.name, c.fn);
  await bench.run();
  await c.teardown?.();
  const task = bench.tasks[0];
  const result = task.result as unknown as {
    state?: string;
    error?: unknown;
    latency?: { p50?: number; samplesCount?: number; samples?: number[] };
  };
  if (result?.error) throw result.error;
  const latency = result?.latency;
  const median = latency?.p50 ?? Number.NaN;
  const samples = latency?.samplesCount ?? latency?.samples?.length ?? 0;
  return { name: c.name, median_ms: round(median), samples, ...(c.extra?.(median) ?? {}) };
}

export function round(x: number, digits = 4): number {
  if (!Number.isFinite(x)) return x;
  const m = 10 ** Math.max(0, digits - Math.ceil(Math.log10(Math.abs(x) + 1e-12)));
  return Math.round(x * m) / m;
}
