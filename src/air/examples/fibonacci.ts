// Fibonacci: the smallest useful AIR, one table of two columns. Row i holds (F_i, F_{i+1}) from
// public seeds; the public output is the last row's second value.

import { add, type Felt } from '../../field/babybear.js';
import type { Air } from '../air.js';
import { columns } from '../columns.js';
import { RowMajorMatrix } from '../matrix.js';

const layout = columns({ a: 1, b: 1 });

/** Public values: [a0, b0, result]. */
export const fibonacciAir: Air<typeof layout.spec> = {
  name: 'fibonacci',
  main: layout,
  numPublicValues: 3,
  eval(b) {
    const [a0, b0, out] = b.publics;
    const { local, next } = b;
    b.whenFirstRow().assertEq(local.a, a0, 'first row: a = a0');
    b.whenFirstRow().assertEq(local.b, b0, 'first row: b = b0');
    b.whenTransition().assertEq(next.a, local.b, 'transition: next.a = b');
    b.whenTransition().assertEq(next.b, local.a.add(local.b), 'transition: next.b = a + b');
    b.whenLastRow().assertEq(local.b, out, 'last row: b = result');
  },
};

export function fibonacciTrace(
  height: number,
  a0: Felt = 0,
  b0: Felt = 1,
): { trace: RowMajorMatrix; publics: Felt[] } {
  const t = RowMajorMatrix.zeros(height, layout.width);
  let a = a0;
  let b = b0;
  for (let i = 0; i < height; i++) {
    t.set(i, 0, a);
    t.set(i, 1, b);
    [a, b] = [b, add(a, b)];
  }
  return { trace: t, publics: [a0, b0, t.get(height - 1, 1)] };
}
