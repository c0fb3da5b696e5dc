import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { byteTableAir, counterAir, counterTraces } from '../../src/air/examples/counter.js';
import { buildAir } from '../../src/air/index.js';
import { LOGUP_BETA, LOGUP_GAMMA, LOGUP_SUM, logUpLayout, withLogUp } from '../../src/air/logup.js';
import { buildLogUpTrace } from '../../src/air/logup-trace.js';
import type { RowMajorMatrix } from '../../src/air/matrix.js';
import { compileProgram } from '../../src/air/program.js';
import { runProgramTs } from '../../src/air/program-run.js';
import { P } from '../../src/field/babybear.js';
import { extAdd, extIsZero } from '../../src/field/ext.js';

const beta = Uint32Array.from([123456789, 5, 77, 1]);
const gamma = Uint32Array.from([987654321, 2, 3, 4]);
const alpha = Uint32Array.from([31, 41, 59, 26]);

function columnsOf(m: RowMajorMatrix): Uint32Array[] {
  return Array.from({ length: m.width }, (_, j) =>
    Uint32Array.from({ length: m.height }, (_, i) => m.get(i, j)),
  );
}

/** Evaluates all constraints (chip + LogUp) of a table on its own trace domain: zero iff satisfied. */
function residue(
  air: typeof counterAir | typeof byteTableAir,
  main: RowMajorMatrix,
  pre: RowMajorMatrix | undefined,
  publics: number[],
  tamper?: (aux: Uint32Array[]) => void,
): { zero: boolean; total: Uint32Array } {
  const built = withLogUp(buildAir(air));
  const aux = buildLogUpTrace(built, main, pre, publics, beta, gamma);
  tamper?.(aux.columns);
  const n = main.height;
  const sel = [new Uint32Array(n), new Uint32Array(n), new Uint32Array(n).fill(1)];
  sel[0][0] = 1;
  sel[1][n - 1] = 1;
  sel[2][n - 1] = 0;
  const prog = compileProgram(built, {
    publics,
    challenges: [beta, gamma, aux.total],
    alpha,
    numAux: logUpLayout(built).numAux,
  });
  const out = new Uint32Array(4 * n);
  runProgramTs(
    prog,
    [...columnsOf(main), ...(pre ? columnsOf(pre) : []), ...aux.columns, ...sel],
    Math.log2(n),
    1,
    out,
  );
  return { zero: out.every((x) => x === 0), total: aux.total };
}

describe('LogUp', () => {
  it('adds one term column per interaction group plus a running sum, and their constraints', () => {
    const built = withLogUp(buildAir(counterAir));
    expect(logUpLayout(built)).toEqual({
      numAux: 2,
      sumColumn: 1,
      groups: [{ interactions: [0], degree: 2 }],
    });
    expect(built.constraints.slice(-4).map((c) => c.label)).toEqual([
      'logup: term 0 (d is a byte)',
      'logup: first row s = Σ terms',
      'logup: next s = s + Σ next terms',
      'logup: last row s = T',
    ]);
    expect([LOGUP_BETA, LOGUP_GAMMA, LOGUP_SUM]).toEqual([0, 1, 2]);
  });

  it('satisfies every constraint on honest traces, and the table sums cancel exactly when the bus balances', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 2, maxLength: 32 }), (raw) => {
        const len = 2 ** Math.floor(Math.log2(raw.length));
        const steps = raw.slice(0, len);
        const t = counterTraces(steps);
        const a = residue(counterAir, t.counter, undefined, t.publics);
        const b = residue(byteTableAir, t.bytes, byteTableAir.preprocessedTrace!(), []);
        expect(a.zero && b.zero).toBe(true);
        expect(extIsZero(extAdd(a.total, b.total))).toBe(true);
      }),
      { numRuns: 20 },
    );
  });

  it('leaves a non-zero total when one multiplicity is off', () => {
    const t = counterTraces([1, 2, 3, 4]);
    t.bytes.values[2] = (t.bytes.values[2] + 1) % P;
    const a = residue(counterAir, t.counter, undefined, t.publics);
    const b = residue(byteTableAir, t.bytes, byteTableAir.preprocessedTrace!(), []);
    expect(a.zero && b.zero).toBe(true); // each table is self-consistent ...
    expect(extIsZero(extAdd(a.total, b.total))).toBe(false); // ... but the bus does not balance
  });

  it('rejects any changed aux cell: a term or the running sum, in the first, a middle or the last row', () => {
    const t = counterTraces([9, 8, 7, 6, 5, 4, 3, 2]);
    for (const col of [0, 1, 2, 3, 4, 5, 6, 7]) {
      for (const row of [0, 3, 7]) {
        const r = residue(counterAir, t.counter, undefined, t.publics, (aux) => {
          aux[col][row] = (aux[col][row] + 1) % P;
        });
        expect(r.zero, `aux column ${col} row ${row}`).toBe(false);
      }
    }
  });
});
