// Import-graph helpers for layering tests: which source files a module loads at run time, and
// which packages or built-ins it imports.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export interface ImportGraph {
  /** Every source file reached through relative value imports, the entry included. */
  readonly files: Set<string>;
  /** Each file's non-relative specifiers: packages and built-ins (`node:fs`). */
  readonly external: Map<string, string[]>;
}

// `import … from 'x'`, `export … from 'x'`, `import 'x'` (`import type` is erased), and `import('x')`.
const STATIC = /^(?:import|export)\s(?!type\s)(?:[^;]*?\sfrom\s*)?['"]([^'"]+)['"]/gms;
const DYNAMIC = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The import graph from `entry`, following relative specifiers (`.js` resolved to `.ts`). */
export function importGraph(entry: string): ImportGraph {
  const files = new Set<string>();
  const external = new Map<string, string[]>();
  const todo = [entry];
  while (todo.length > 0) {
    const f = todo.pop() as string;
    if (files.has(f)) continue;
    files.add(f);
    const src = readFileSync(f, 'utf8');
    for (const m of [...src.matchAll(STATIC), ...src.matchAll(DYNAMIC)]) {
      const spec = m[1];
      if (spec.startsWith('.')) todo.push(resolve(dirname(f), spec.replace(/\.js$/, '.ts')));
      else external.set(f, [...(external.get(f) ?? []), spec]);
    }
  }
  return { files, external };
}

/** Every source file reachable from `entry` through relative value imports (`import type` is erased). */
export function reachable(entry: string): Set<string> {
  return importGraph(entry).files;
}
