// Import-graph helpers for layering tests: which source files a module loads at run time.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** Every source file reachable from `entry` through relative value imports (`import type` is erased). */
export function reachable(entry: string): Set<string> {
  const seen = new Set<string>();
  const todo = [entry];
  while (todo.length > 0) {
    const f = todo.pop() as string;
    if (seen.has(f)) continue;
    seen.add(f);
    const src = readFileSync(f, 'utf8');
    for (const m of src.matchAll(/^(?:import|export)\s(?!type\s)[^;]*?from\s+'(\.[^']+)'/gms)) {
      todo.push(resolve(dirname(f), m[1].replace(/\.js$/, '.ts')));
    }
  }
  return seen;
}
