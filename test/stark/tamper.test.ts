// Soundness tests: every part of a valid proof, changed, must make verification fail with a typed
// reason; tampered traces are proven with the honest machinery so the constraints must catch them.
import { describe, expect, it } from 'vitest';
import { byteTableAir, counterAir, counterTraces } from '../../src/air/examples/counter.js';
import { fibonacciAir, fibonacciTrace } from '../../src/air/examples/fibonacci.js';
import { mimcAir, mimcTrace } from '../../src/air/examples/mimc.js';
import type { Air } from '../../src/air/index.js';
import { P as p } from '../../src/field/babybear.js';
import { INSECURE_TEST_PARAMS } from '../../src/fri/params.js';
import type { AirTable as TableWitnessInput } from './helpers/engine.js';
import { readProof, type StarkProof, writeProof } from '../../src/stark/proof.js';
import { prepareAir, proveTables, verifyAirs } from './helpers/engine.js';


const params = { ...INSECURE_TEST_PARAMS, powBits: 6 };

function counterTables(): TableWitnessInput[] {
  const c = counterTraces(Array.from({ length: 32 }, (_, i) => (i * 13) % 256));
  return [
    { air: counterAir, trace: c.counter, publics: c.publics },
    { air: byteTableAir, trace: c.bytes },
  ];
}

function check(tables: TableWitnessInput[], proof: Uint8Array, publics?: number[][]) {
  return verifyAirs(
    tables.map((t) => t.air as Air),
    { publics: publics ?? tables.map((t) => [...(t.publics ?? [])]) },
    proof,
    params,
  );
}

function rejects(tables: TableWitnessInput[], proof: Uint8Array, publics?: number[][]): string {
  const r = check(tables, proof, publics);
  expect(r.ok, 'a tampered proof verified').toBe(false);
  if (r.ok) return '';
  expect(r.kind).not.toBe('internal');
  return r.kind;
}

const tables = counterTables();
const honest = proveTables(tables, params).proof;
const decode = () =>
  readProof(
    honest,
    tables.map((t) => prepareAir(t.air as Air)),
    params,
  ).proof;
const mutate = (f: (p: StarkProof) => void) => {
  const pr = decode();
  f(pr);
  return writeProof(pr);
};
const flip = (b: Uint8Array) => {
  const c = b.slice();
  c[0] ^= 1;
  return c;
};
const bumpExt = (x: Uint32Array) => {
  x[0] = (x[0] + 1) % p;
};

describe('the verifier rejects tampered traces', () => {
  it('for every table, in the first, a middle and the last row', () => {
    expect(check(tables, honest).ok).toBe(true);
    for (const row of [0, 13, 31]) {
      const f = fibonacciTrace(32);
      f.trace.set(row, 0, (f.trace.get(row, 0) + 1) % p);
      const ft = [{ air: fibonacciAir, trace: f.trace, publics: f.publics }];
      expect(rejects(ft, proveTables(ft, params).proof)).toBe('ood-mismatch');
      const m = mimcTrace(32, 7);
      m.trace.values[row] = (m.trace.values[row] + 1) % p;
      const mt = [{ air: mimcAir(32), trace: m.trace, publics: m.publics }];
      expect(rejects(mt, proveTables(mt, params).proof)).toBe('ood-mismatch');
      const ct = counterTables();
      ct[0].trace.set(row, 1, (ct[0].trace.get(row, 1) + 1) % 256);
      expect(['ood-mismatch', 'bus-unbalanced']).toContain(rejects(ct, proveTables(ct, params).proof));
    }
    for (const row of [0, 100, 255]) {
      const ct = counterTables();
      ct[1].trace.values[row] = (ct[1].trace.values[row] + 1) % p;
      expect(rejects(ct, proveTables(ct, params).proof)).toBe('bus-unbalanced');
    }
  });

  it('for different parameters than it was made with', () => {
    for (const other of [
      { ...params, numQueries: params.numQueries + 1 },
      { ...params, logFoldingArity: params.logFoldingArity + 1 },
      { ...params, powBits: params.powBits + 1 },
      { ...params, logBlowup: params.logBlowup + 1 },
    ]) {
      const r = verifyAirs(
        tables.map((t) => t.air as Air),
        { publics: tables.map((t) => [...(t.publics ?? [])]) },
        honest,
        other,
      );
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.kind).not.toBe('internal');
    }
  });

  it('with a wrong public value, or presented for another AIR', () => {
    expect(rejects(tables, honest, [[tables[0].publics![0] + 1], []])).toBe('ood-mismatch');
    const f = fibonacciTrace(32);
    const fp = proveTables([{ air: fibonacciAir, trace: f.trace, publics: f.publics }], params).proof;
    expect(rejects([{ air: mimcAir(32), trace: f.trace, publics: [0, 1] }], fp)).not.toBe('');
    expect(rejects([{ air: fibonacciAir, trace: f.trace, publics: [0, 1, 5] }], honest)).not.toBe('');
  });
});

describe('the verifier rejects a changed proof', () => {
  it('each commitment replaced', () => {
    expect(
      rejects(
        tables,
        mutate((x) => ((x as { mainRoot: Uint8Array }).mainRoot = flip(x.mainRoot))),
      ),
    ).not.toBe('');
    expect(
      rejects(
        tables,
        mutate((x) => ((x as { auxRoot: Uint8Array }).auxRoot = flip(x.auxRoot!))),
      ),
    ).not.toBe('');
    expect(
      rejects(
        tables,
        mutate((x) => ((x as { quotientRoot: Uint8Array }).quotientRoot = flip(x.quotientRoot))),
      ),
    ).not.toBe('');
    const layers = decode().fri.roots.length;
    for (let k = 0; k < layers; k++) {
      expect(
        rejects(
          tables,
          mutate((x) => ((x.fri.roots as Uint8Array[])[k] = flip(x.fri.roots[k]))),
        ),
      ).not.toBe('');
    }
  });

  it('a LogUp total changed', () => {
    expect(
      rejects(
        tables,
        mutate((x) => bumpExt(x.totals[0])),
      ),
    ).toBe('bus-unbalanced');
  });

  it('each opened value changed', () => {
    const parts = [
      'mainLocal',
      'mainNext',
      'preLocal',
      'preNext',
      'auxLocal',
      'auxNext',
      'quotient',
    ] as const;
    for (let t = 0; t < 2; t++) {
      for (const part of parts) {
        const n = decode().openings[t][part].length;
        for (const i of [0, n - 1]) {
          if (n === 0) continue;
          expect(
            rejects(
              tables,
              mutate((x) => bumpExt(x.openings[t][part][i])),
            ),
            `${part}[${i}] of table ${t}`,
          ).not.toBe('');
        }
      }
    }
  });

  it('a trace-tree row, a Merkle sibling, an FRI layer value, a final-polynomial coefficient, the PoW nonce', () => {
    for (const name of ['main', 'pre', 'aux', 'quotient'] as const) {
      expect(
        rejects(
          tables,
          mutate((x) => (x.queries[name]!.rows[1][0][0] = (x.queries[name]!.rows[1][0][0] + 1) % p)),
        ),
      ).toBe('merkle');
      expect(
        rejects(
          tables,
          mutate(
            (x) => ((x.queries[name]!.siblings as Uint8Array[])[0] = flip(x.queries[name]!.siblings[0])),
          ),
        ),
      ).toBe('merkle');
    }
    expect(
      rejects(
        tables,
        mutate((x) => (x.fri.openings[0].rows[0][0][0] = (x.fri.openings[0].rows[0][0][0] + 1) % p)),
      ),
    ).not.toBe('');
    expect(
      rejects(
        tables,
        mutate((x) => bumpExt(x.fri.finalPoly)),
      ),
    ).not.toBe('');
    expect(
      rejects(
        tables,
        mutate((x) => ((x.fri as { powNonce: number }).powNonce = x.fri.powNonce + 1)),
      ),
    ).not.toBe('');
  });

  it('trailing bytes, truncations and random bit flips: always a typed rejection, never a crash or acceptance', () => {
    const longer = new Uint8Array(honest.length + 1);
    longer.set(honest);
    expect(rejects(tables, longer)).toBe('trailing-bytes');
    let seed = 12345;
    const rnd = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    for (let k = 0; k < 1000; k++) {
      rejects(tables, honest.subarray(0, rnd(honest.length)));
      const b = honest.slice();
      const bit = rnd(8 * b.length);
      b[bit >> 3] ^= 1 << (bit & 7);
      rejects(tables, b);
    }
  });
});

describe('the prover rejects a malformed witness with a typed error', () => {
  it('wrong width, wrong public count, non-canonical value, non-power-of-two height', async () => {
    const { StarkError } = await import('../../src/stark/errors.js');
    const { RowMajorMatrix } = await import('../../src/air/matrix.js');
    const f = fibonacciTrace(8);
    const cases: Array<[() => unknown, RegExp]> = [
      [
        () => proveTables([{ air: fibonacciAir, trace: RowMajorMatrix.zeros(8, 3), publics: f.publics }], params),
        /3 columns, expected 2/,
      ],
      [
        () => proveTables([{ air: fibonacciAir, trace: f.trace, publics: [0, 1] }], params),
        /expected 3 public values, got 2/,
      ],
      [
        () =>
          proveTables(
            [
              {
                air: fibonacciAir,
                trace: new RowMajorMatrix(Uint32Array.from([p, 0, 0, 0, 0, 0, 0, 0]), 2),
                publics: f.publics,
              },
            ],
            params,
          ),
        /not below p/,
      ],
      [
        () => proveTables([{ air: fibonacciAir, trace: RowMajorMatrix.zeros(6, 2), publics: f.publics }], params),
        /log height/,
      ],
    ];
    for (const [f2, msg] of cases) {
      expect(f2).toThrow(StarkError);
      expect(f2).toThrow(msg);
    }
  });
});
