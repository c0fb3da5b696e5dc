// Opcode selectors of an instruction chip: one boolean column per opcode the chip executes, at
// most one of them set. Their sum is the row's isReal (1 on an executed instruction, 0 on a
// padding row), which every bus multiplicity of the chip is built from.
//
// Soundness: each selector is a bit (s·(s − 1) = 0) and so is their sum, so on every row at most
// one selector is 1 and isReal ∈ {0, 1}; the opcode a row claims, Σ selector_i·OP_i, is then
// exactly one chip opcode or 0 (no PROGRAM row has op 0, so an all-zero row claims nothing).

import type { AirBuilder, Expr } from '../../src/air/index.js';

// biome-ignore lint/suspicious/noExplicitAny: gadgets work on any chip's builder
type B = AirBuilder<any, any>;

/**
 * Constrains `selectors` (name → column, in declaration order) as above and returns their sum.
 * Labels: "<name> is a bit" for each, then "at most one opcode selector".
 */
export function evalOpcodeSelectors(b: B, selectors: Readonly<Record<string, Expr>>): Expr {
  let isReal: Expr | null = null;
  for (const [name, s] of Object.entries(selectors)) {
    b.assertBool(s, `${name} is a bit`);
    isReal = isReal === null ? s : isReal.add(s);
  }
  if (isReal === null) throw new RangeError('evalOpcodeSelectors: no selector');
  b.assertBool(isReal, 'at most one opcode selector');
  return isReal;
}
