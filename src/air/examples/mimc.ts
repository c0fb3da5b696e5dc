// A MiMC chain x_{i+1} = (x_i + k_i)^3 over BabyBear, with the round constants k_i as a
// preprocessed column (cubing is a permutation since gcd(3, p − 1) = 1). The degree-4 transition
// makes it the test of quotient splitting.

import { add, type Felt, mul } from '../../field/babybear.js';
import type { Air } from '../air.js';
import { columns } from '../columns.js';
import { RowMajorMatrix } from '../matrix.js';

const main = columns({ x: 1 });
const pre = columns({ k: 1 });

/** Round constants: a fixed, non-trivial sequence (powers of 7 plus the index). */
export function mimcConstants(height: number): Uint32Array {
  const out = new Uint32Array(height);
  for (let i = 0, p7 = 7; i < height; i++, p7 = mul(p7, 7)) out[i] = add(p7, i);
  return out;
}

/** Public values: [input, output]. */
export function mimcAir(height: number): Air<typeof main.spec, typeof pre.spec> {
  return {
    name: 'mimc',
    main,
    preprocessed: pre,
    numPublicValues: 2,
    preprocessedTrace: () => new RowMajorMatrix(mimcConstants(height), 1),
    eval(b) {
      const { local, next, preLocal } = b;
      b.whenFirstRow().assertEq(local.x, b.publics[0], 'first row: x = input');
      b.whenTransition().assertEq(next.x, local.x.add(preLocal.k).pow(3), 'transition: next.x = (x + k)^3');
      b.whenLastRow().assertEq(local.x, b.publics[1], 'last row: x = output');
    },
  };
}

export function mimcTrace(height: number, input: Felt): { trace: RowMajorMatrix; publics: Felt[] } {
  const k = mimcConstants(height);
  const t = RowMajorMatrix.zeros(height, 1);
  let x = input;
  for (let i = 0; i < height; i++) {
    t.values[i] = x;
    const s = add(x, k[i]);
    x = mul(mul(s, s), s);
  }
  return { trace: t, publics: [input, t.values[height - 1]] };
}
