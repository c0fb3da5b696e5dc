// `npm run bench -- [--json] [--filter SUBSTRING] [--quick]`: runs every registered suite and
// prints a table, or one JSON object per line with --json. Each suite file owns its rows; a row
// named `x.ts` is the TypeScript twin of the wasm row `x`, and its `ratio` is measured in this run.

import { parseArgs } from 'node:util';
import { type BenchCase, type BenchOptions, type BenchRow, runCase, selected } from './harness.js';

interface Suite {
  name: string;
  /** Declarative cases, timed by the harness. */
  cases?: (opts: BenchOptions) => BenchCase[];
  /** Suites that time whole processes or end-to-end runs produce their rows themselves. */
  rows?: (opts: BenchOptions) => Promise<BenchRow[]>;
  /** The names `rows` produces, so that --filter can skip the whole suite without running it. */
  rowNames?: readonly string[];
}

// Each suite module registers itself with one line here.
const SUITES: Array<() => Promise<Suite>> = [
  () => import('./field.js').then((m) => ({ name: 'field', cases: m.cases })),
  () => import('./merkle.js').then((m) => ({ name: 'merkle', cases: m.cases })),
  () => import('./fri.js').then((m) => ({ name: 'fri', cases: m.cases })),
  () => import('./poly.js').then((m) => ({ name: 'poly', cases: m.cases })),
  () =>
    import('./vm.js').then((m) => ({
      name: 'vm',
      rows: m.vmBenches,
      rowNames: ['vm.run.sha256', 'vm.record.sha256', 'qemu.run.sha256'],
    })),
  () => import('./stark.js').then((m) => ({ name: 'stark', rows: m.rows })),
  () => import('./security.js').then((m) => ({ name: 'security', rows: m.rows, rowNames: m.rowNames })),
  () => import('./rv.js').then((m) => ({ name: 'rv', rows: m.rows, rowNames: m.rowNames })),
  () => import('./threads.js').then((m) => ({ name: 'threads', rows: m.rows, rowNames: m.rowNames })),
  () => import('./verify-bundle.js').then((m) => ({ name: 'verify', rows: m.rows, rowNames: m.rowNames })),
];

function parse(): BenchOptions & { json: boolean } {
  const { values } = parseArgs({
    options: {
      json: { type: 'boolean', default: false },
      quick: { type: 'boolean', default: false },
      filter: { type: 'string' },
    },
    allowPositionals: false,
  });
  return { json: values.json ?? false, quick: values.quick ?? false, filter: values.filter };
}

function print(row: BenchRow, json: boolean): void {
  if (json) {
    console.log(JSON.stringify(row));
    return;
  }
  const extras = Object.entries(row)
    .filter(([k]) => k !== 'name' && k !== 'median_ms' && k !== 'samples')
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  console.log(
    `${row.name.padEnd(34)} ${row.median_ms.toFixed(3).padStart(12)} ms  n=${row.samples}  ${extras}`,
  );
}

/** Adds `ratio` = median(x.ts) / median(x) to each twin pair measured in this run. */
function addRatios(rows: BenchRow[]): void {
  const byName = new Map(rows.map((r) => [r.name, r]));
  for (const r of rows) {
    if (!r.name.endsWith('.ts')) continue;
    const wasm = byName.get(r.name.slice(0, -3));
    if (wasm && wasm.median_ms > 0) r.ratio = Number((r.median_ms / wasm.median_ms).toFixed(2));
  }
}

async function main(): Promise<void> {
  const opts = parse();
  const rows: BenchRow[] = [];
  for (const load of SUITES) {
    const suite = await load();
    for (const c of suite.cases?.(opts) ?? []) {
      if (!selected(c.name, opts)) continue;
      rows.push(await runCase(c, opts));
      if (!c.name.endsWith('.ts')) print(rows[rows.length - 1], opts.json);
      else {
        addRatios(rows);
        print(rows[rows.length - 1], opts.json);
      }
    }
    if (suite.rows && (suite.rowNames === undefined || suite.rowNames.some((n) => selected(n, opts)))) {
      for (const r of await suite.rows(opts)) {
        if (!selected(r.name, opts)) continue;
        rows.push(r);
        print(r, opts.json);
      }
    }
  }
  if (rows.length === 0) console.error('no benchmark matched');
}

main().catch((e: unknown) => {
  console.error(`error: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
