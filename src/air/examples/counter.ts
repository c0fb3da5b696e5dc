// A range-checked counter: two tables joined by a bus. The counter adds a step d ∈ [0, 256) per
// row and proves each step's range by looking it up in a 256-row table, whose preprocessed column
// lists 0..255 and whose main column counts how often each value was looked up.

import type { Felt } from '../../field/babybear.js';
import type { Air } from '../air.js';
import { Bus } from '../bus.js';
import { columns } from '../columns.js';
import { RowMajorMatrix } from '../matrix.js';

export const BYTE_BUS = new Bus(1, 'byte', 1);

const counterLayout = columns({ x: 1, d: 1 });

/** Public values: [final x]. x starts at 0. */
export const counterAir: Air<typeof counterLayout.spec> = {
  name: 'counter',
  main: counterLayout,
  numPublicValues: 1,
  eval(b) {
    const { local, next } = b;
    b.whenFirstRow().assertZero(local.x, 'first row: x = 0');
    b.whenTransition().assertEq(next.x, local.x.add(local.d), 'transition: next.x = x + d');
    b.whenLastRow().assertEq(local.x.add(local.d), b.publics[0], 'last row: x + d = result');
    b.send(BYTE_BUS, [local.d], 1, 'd is a byte');
  },
};

const byteMain = columns({ multiplicity: 1 });
const bytePre = columns({ value: 1 });

export const byteTableAir: Air<typeof byteMain.spec, typeof bytePre.spec> = {
  name: 'byte-table',
  main: byteMain,
  preprocessed: bytePre,
  preprocessedTrace() {
    return new RowMajorMatrix(
      Uint32Array.from({ length: 256 }, (_, i) => i),
      1,
    );
  },
  eval(b) {
    b.receive(BYTE_BUS, [b.preLocal.value], b.local.multiplicity, 'byte lookup');
  },
};

export function counterTraces(steps: readonly number[]): {
  counter: RowMajorMatrix;
  bytes: RowMajorMatrix;
  publics: Felt[];
} {
  const counter = RowMajorMatrix.zeros(steps.length, counterLayout.width);
  const bytes = RowMajorMatrix.zeros(256, 1);
  let x = 0;
  for (let i = 0; i < steps.length; i++) {
    counter.set(i, 0, x);
    counter.set(i, 1, steps[i]);
    bytes.values[steps[i]]++;
    x += steps[i];
  }
  return { counter, bytes, publics: [x] };
}
