import { describe, expect, it } from 'vitest';
import { BYTE_BUS, byteTableAir, counterAir, counterTraces } from '../../src/air/examples/counter.js';
import { fibonacciAir, fibonacciTrace } from '../../src/air/examples/fibonacci.js';
import { mimcAir, mimcTrace } from '../../src/air/examples/mimc.js';
import type { Air } from '../../src/air/index.js';
import type { RowMajorMatrix } from '../../src/air/matrix.js';
import { P } from '../../src/field/babybear.js';
import { INSECURE_TEST_PARAMS } from '../../src/fri/params.js';
import { proveUntilFri as proveKeyed } from '../../src/prover/prove.js';
import { setup } from '../../src/prover/setup.js';
import { StarkError } from '../../src/stark/errors.js';
import { verifyUntilFri as verifyKeyed } from '../../src/verifier/verify.js';
import type { AirTable as TableWitnessInput } from './helpers/engine.js';

// Steps 0–4 on both sides, with keys made by setup for the tables' AIRs.
function proveUntilFri(tables: TableWitnessInput[], params = INSECURE_TEST_PARAMS) {
  const keys = setup(
    tables.map((t) => t.air as Air),
    params,
  );
  return Object.assign(proveKeyed(keys.provingKey, tables), { keys });
}

function verifyUntilFri(
  st: ReturnType<typeof proveUntilFri>,
  publics: number[][],
  params = INSECURE_TEST_PARAMS,
) {
  const pk = st.keys.provingKey;
  return verifyKeyed(pk.prepared, pk.digest, publics, [], st.proof, params);
}

function run(tables: TableWitnessInput[], publics?: number[][]) {
  const st = proveUntilFri(tables);
  try {
    return verifyUntilFri(st, publics ?? tables.map((t) => [...(t.publics ?? [])]));
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

describe('trace queries and DEEP values', () => {
  it('give the verifier, from opened rows, exactly the prover DEEP codeword values', async () => {
    const { treeShapes, checkTreeOpenings, deepInputsAt } = await import('../../src/stark/queries.js');
    const { Powers } = await import('../../src/stark/deep.js');
    const { extMulBase } = await import('../../src/field/ext.js');
    const { rootOfUnity } = await import('../../src/field/babybear.js');
    // Three tables of two heights, with preprocessed, aux and quotient columns.
    const c = counterTraces(Array.from({ length: 32 }, (_, i) => (i * 5) % 256));
    const m = mimcTrace(256, 9);
    const tables = [
      { air: counterAir, trace: c.counter, publics: c.publics },
      { air: byteTableAir, trace: c.bytes },
      { air: mimcAir(256), trace: m.trace, publics: m.publics },
    ];
    const st = proveUntilFri(tables);
    const v = verifyUntilFri(
      st,
      tables.map((t) => [...(t.publics ?? [])]),
    );
    const logBlowup = INSECURE_TEST_PARAMS.logBlowup;
    const shapes = treeShapes(st.keys.provingKey.prepared, st.proof.logHeights, logBlowup);
    const logMaxN = Math.max(...st.proof.logHeights) + logBlowup;
    const indices = [0, 1, 5, 200, 511, 300, 5];
    const openings = {
      main: st.trees.main.open(indices.map((i) => i >>> (logMaxN - shapes.main.logHeight))),
      pre: st.trees.pre!.open(indices.map((i) => i >>> (logMaxN - shapes.pre.logHeight))),
      aux: st.trees.aux!.open(indices.map((i) => i >>> (logMaxN - shapes.aux.logHeight))),
      quotient: st.trees.quotient.open(indices.map((i) => i >>> (logMaxN - shapes.quotient.logHeight))),
    };
    const roots = {
      main: st.proof.mainRoot,
      pre: st.keys.verifyingKey.preRoot,
      aux: st.proof.auxRoot,
      quotient: st.proof.quotientRoot,
    };
    checkTreeOpenings(roots, shapes, openings, indices, logMaxN);
    const lambda = new Powers(v.challenges.lambda);
    indices.forEach((idx, q) => {
      const got = deepInputsAt(
        q,
        idx,
        logMaxN,
        logBlowup,
        st.proof.logHeights,
        shapes,
        openings,
        st.proof.openings,
        v.challenges.zeta,
        (h) => extMulBase(v.challenges.zeta, rootOfUnity(h)),
        lambda,
      );
      expect([...got.keys()].sort()).toEqual([...st.deep.keys()].sort());
      for (const [logN, value] of got) {
        const pos = idx >>> (logMaxN - logN);
        expect(Array.from(value)).toEqual(Array.from(st.deep.get(logN)!.view.subarray(4 * pos, 4 * pos + 4)));
      }
    });
    // A changed row word breaks the Merkle check.
    openings.aux.rows[2][0][1] ^= 1;
    expect(kindOf(() => checkTreeOpenings(roots, shapes, openings, indices, logMaxN))).toBe('merkle');
    st.free();
  });
});

describe('DEEP codewords', () => {
  it('are low-degree: every coordinate interpolates to a polynomial of degree < trace height', async () => {
    const { cosetIntt, bitReverse } = await import('../../src/poly/ntt.js');
    const { WasmVec } = await import('../../src/wasm/memory.js');
    const c = counterTraces(Array.from({ length: 16 }, (_, i) => i * 3));
    const m = mimcTrace(64, 2);
    const st = proveUntilFri([
      { air: counterAir, trace: c.counter, publics: c.publics },
      { air: byteTableAir, trace: c.bytes },
      { air: mimcAir(64), trace: m.trace, publics: m.publics },
    ]);
    for (const [logN, vec] of st.deep) {
      const N = 2 ** logN;
      const n = N >> INSECURE_TEST_PARAMS.logBlowup;
      for (let coord = 0; coord < 4; coord++) {
        const col = WasmVec.from(Uint32Array.from({ length: N }, (_, i) => vec.view[4 * i + coord]));
        bitReverse(col);
        cosetIntt(col, 31);
        expect(col.view.subarray(n).every((x) => x === 0)).toBe(true);
        expect(col.view.subarray(0, n).some((x) => x !== 0)).toBe(true);
        col.free();
      }
    }
    st.free();
  });
});
