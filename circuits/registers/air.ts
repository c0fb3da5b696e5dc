// The register boundary of the memory argument. Every register starts at 0 at ts 0 (the
// documented start state) and its final state is consumed, so MEMORY's register space balances
// only if each register's accesses form one chain from (0, ts 0) to the final row. x0 is never
// written (the program table sets rdWrite = 0 for rd = x0), so every read of x0 returns 0.
// The table has exactly 32 rows and fixed register indices, so there is exactly one initial
// state per register (no duplicate "touched" address can fork a register's history).

import { type Air, RowMajorMatrix } from '../../src/air/index.js';
import { MEMORY, SPACE_REG } from '../buses.js';
import { registersMain, registersPre } from './columns.js';

let fixed: RowMajorMatrix | undefined;

export const registersAir: Air<typeof registersMain.spec, typeof registersPre.spec> = {
  name: 'registers',
  main: registersMain,
  preprocessed: registersPre,
  preprocessedTrace() {
    fixed ??= new RowMajorMatrix(
      Uint32Array.from({ length: 32 }, (_, i) => i),
      1,
    );
    return fixed;
  },
  eval(b) {
    const r = b.preLocal.reg;
    const { final, finalTs } = b.local;
    // Initial state: x_r = 0 at ts 0.
    b.send(MEMORY, [SPACE_REG, r, 0, 0, 0], 1, 'register init');
    // Final state: the last access's (value, ts) is consumed.
    b.receive(MEMORY, [SPACE_REG, r, final[0], final[1], finalTs], 1, 'register final');
  },
};
