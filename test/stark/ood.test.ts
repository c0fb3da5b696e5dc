import { describe, expect, it } from 'vitest';
import { BYTE_BUS, byteTableAir, counterAir, counterTraces } from '../../src/air/examples/counter.js';
import { fibonacciAir, fibonacciTrace } from '../../src/air/examples/fibonacci.js';
import { mimcAir, mimcTrace } from '../../src/air/examples/mimc.js';
import type { Air } from '../../src/air/index.js';
import type { RowMajorMatrix } from '../../src/air/matrix.js';
import { P } from '../../src/field/babybear.js';
import { INSECURE_TEST_PARAMS } from '../../src/fri/params.js';
import { proveUntilFri, type TableWitnessInput } from '../../src/prover/prove.js';
import { StarkError } from '../../src/stark/errors.js';
import { verifyUntilFri } from '../../src/verifier/verify.js';

function run(tables: TableWitnessInput[], publics?: number[][]) {
  const st = proveUntilFri(tables, INSECURE_TEST_PARAMS);
  try {
    return verifyUntilFri(
      tables.map((t) => t.air as Air),
      publics ?? tables.map((t) => [...(t.publics ?? [])]),
      [],
      st.proof,
      INSECURE_TEST_PARAMS,
    );
  } finally {
    st.free();
  }
}

function kindOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof StarkError) return e.kind;
    throw e;
  }
  return 'accepted';
}

const bump = (m: RowMajorMatrix, row: number, col: number) => m.set(row, col, (m.get(row, col) + 1) % P);

describe('prover and verifier up to FRI', () => {
  it('accept honest single- and multi-table traces (degrees 2 and 4, preprocessed columns, LogUp)', () => {
    const f = fibonacciTrace(64);
    run([{ air: fibonacciAir, trace: f.trace, publics: f.publics }]);
    const m = mimcTrace(32, 5);
    run([{ air: mimcAir(32), trace: m.trace, publics: m.publics }]);
    const c = counterTraces(Array.from({ length: 64 }, (_, i) => (i * 7) % 256));
    run([
      { air: counterAir, trace: c.counter, publics: c.publics },
      { air: byteTableAir, trace: c.bytes },
    ]);
  });

  it('reject a changed cell in the first, a middle and the last row of each table', () => {
    for (const row of [0, 17, 31]) {
      const f = fibonacciTrace(32);
      bump(f.trace, row, 1);
      expect(kindOf(() => run([{ air: fibonacciAir, trace: f.trace, publics: f.publics }]))).toBe(
        'ood-mismatch',
      );
      const m = mimcTrace(32, 5);
      bump(m.trace, row, 0);
      expect(kindOf(() => run([{ air: mimcAir(32), trace: m.trace, publics: m.publics }]))).toBe(
        'ood-mismatch',
      );
      const c = counterTraces(Array.from({ length: 32 }, (_, i) => i));
      bump(c.counter, row, 0);
      expect(
        kindOf(() =>
          run([
            { air: counterAir, trace: c.counter, publics: c.publics },
            { air: byteTableAir, trace: c.bytes },
          ]),
        ),
      ).toBe('ood-mismatch');
    }
  });

  it('rejects an unbalanced bus and a wrong public value', () => {
    const c = counterTraces([1, 2, 3, 4]);
    c.bytes.values[3] = 2;
    expect(
      kindOf(() =>
        run([
          { air: counterAir, trace: c.counter, publics: c.publics },
          { air: byteTableAir, trace: c.bytes },
        ]),
      ),
    ).toBe('bus-unbalanced');
    const f = fibonacciTrace(16);
    expect(
      kindOf(() =>
        run([{ air: fibonacciAir, trace: f.trace, publics: f.publics }], [[0, 1, f.publics[2] + 1]]),
      ),
    ).toBe('ood-mismatch');
    expect(BYTE_BUS.arity).toBe(1);
  });
});
