/**
 * Post-run views of the per-instruction execution counts: an opcode histogram and a
 * per-function cycle profile from the ELF's function symbols.
 */
import { type DecodedProgram, NUM_OPS, OP_NAMES } from './decode.js';
import type { FunctionSymbol } from './symbols.js';

/** [mnemonic, count] for every op that ran, most frequent first. */
export function opcodeHistogram(dp: DecodedProgram, counts: Uint32Array): Array<[string, number]> {
  const byOp = new Float64Array(NUM_OPS);
  for (let i = 0; i < dp.count; i++) byOp[dp.op[i]] += counts[i];
  const out: Array<[string, number]> = [];
  for (let o = 0; o < NUM_OPS; o++) if (byOp[o] > 0) out.push([OP_NAMES[o], byOp[o]]);
  return out.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

export interface FunctionProfile {
  readonly name: string;
  readonly addr: number;
  readonly cycles: number;
}

/**
 * Cycles per function, most expensive first. An instruction belongs to the function
 * whose [addr, addr + size) holds it, else to the nearest function symbol below it
 * (hand-written assembly often has size 0), else to "?".
 */
export function profileByFunction(
  dp: DecodedProgram,
  counts: Uint32Array,
  symbols: readonly FunctionSymbol[],
): FunctionProfile[] {
  const totals = new Map<string, { addr: number; cycles: number }>();
  let k = -1;
  for (let i = 0; i < dp.count; i++) {
    if (counts[i] === 0) continue;
    const pc = dp.base + 4 * i;
    while (k + 1 < symbols.length && symbols[k + 1].addr <= pc) k++;
    let name = '?';
    let addr = 0;
    // Prefer a sized symbol containing pc; among equal addresses the sorted order picks one.
    for (let s = k; s >= 0 && s >= k - 4; s--) {
      const sym = symbols[s];
      if (sym.size > 0 && pc < sym.addr + sym.size) {
        name = sym.name;
        addr = sym.addr;
        break;
      }
    }
    if (name === '?' && k >= 0) {
      name = symbols[k].name;
      addr = symbols[k].addr;
    }
    const t = totals.get(name);
    if (t === undefined) totals.set(name, { addr, cycles: counts[i] });
    else t.cycles += counts[i];
  }
  return [...totals.entries()]
    .map(([name, t]) => ({ name, addr: t.addr, cycles: t.cycles }))
    .sort((a, b) => b.cycles - a.cycles || a.addr - b.addr);
}
