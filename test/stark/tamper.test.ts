// Soundness tests: every part of a valid proof, changed, must make verification fail with the
// reason that names the check which caught it; tampered traces are proven with the honest
// machinery so the constraints must catch them. Extension elements are changed in each of their
// four coordinates: a check that compared fewer coordinates would let the others through.
// Where a change alters the transcript, the proof-of-work nonce is re-ground for the new history
// (as a cheating prover would), so the result does not depend on a 1-in-2^powBits accident.
import { describe, expect, it } from 'vitest';
import { byteTableAir, counterAir, counterTraces } from '../../src/air/examples/counter.js';
import { fibonacciAir, fibonacciTrace } from '../../src/air/examples/fibonacci.js';
import { mimcAir, mimcTrace } from '../../src/air/examples/mimc.js';
import type { Air } from '../../src/air/index.js';
import { P as p } from '../../src/field/babybear.js';
import { INSECURE_TEST_PARAMS } from '../../src/fri/params.js';
import { prove, setup } from '../../src/prover/index.js';
import { readProof, type StarkProof, writeProof } from '../../src/stark/proof.js';
import { powOk } from '../../src/transcript/pow.js';
import { verify } from '../../src/verifier/index.js';
import { verifyUntilFri } from '../../src/verifier/verify.js';
import type { AirTable as TableWitnessInput } from './helpers/engine.js';
import { proveTables, verifyAirs } from './helpers/engine.js';

const params = { ...INSECURE_TEST_PARAMS, powBits: 6 };
const COORDS = [0, 1, 2, 3];
/** What the proof reader reports for bytes laid out for another shape (which depends on the bytes). */
const READER_KINDS = ['truncated', 'trailing-bytes', 'non-canonical', 'bad-length'];

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
  if (r.ok) return 'accepted';
  expect(r.kind).not.toBe('internal');
  return r.kind;
}

const tables = counterTables();
const publics = tables.map((t) => [...(t.publics ?? [])]);
const keys = setup(
  tables.map((t) => t.air as Air),
  params,
);
const pk = keys.provingKey;
const honest = prove(pk, tables).proof;

/** The kind of rejection of these proof bytes under the counter key ('accepted' if none). */
function kindOf(bytes: Uint8Array, options: { publics?: number[][] } = {}): string {
  const r = verify(keys.verifyingKey, { publics: options.publics ?? publics }, bytes);
  if (r.ok) return 'accepted';
  expect(r.kind, r.reason).not.toBe('internal');
  return r.kind;
}

const decode = (bytes = honest) => readProof(bytes, pk.prepared, params).proof;

/**
 * The proof-of-work seed the verifier draws for this proof: its transcript up to ζ's openings
 * and λ, then the FRI roots, folding challenges and final polynomial (src/fri/verifier.ts order).
 * Throws if the proof fails before FRI.
 */
function powSeed(pr: StarkProof): Uint8Array {
  const t = verifyUntilFri(pk.prepared, pk.digest, publics, [], pr, params).transcript;
  for (const r of pr.fri.roots) {
    t.absorbDigest('fri-root', r);
    t.challengeExt('fri-beta');
  }
  t.absorbExt('fri-final-poly', pr.fri.finalPoly);
  return t.powSeed();
}

/** Sets the smallest nonce that passes (or, with pass = false, fails) the proof's own PoW. */
function grind(pr: StarkProof, pass: boolean): void {
  const seed = powSeed(pr);
  let n = 0;
  while (powOk(seed, n, params.powBits) !== pass) n++;
  (pr.fri as { powNonce: number }).powNonce = n;
}

/** The honest proof with `f` applied; `nonce` re-grinds the PoW nonce for the changed history. */
const mutate = (f: (p: StarkProof) => void, nonce?: 'valid' | 'invalid') => {
  const pr = decode();
  f(pr);
  if (nonce !== undefined) grind(pr, nonce === 'valid');
  return writeProof(pr);
};
const flip = (b: Uint8Array) => {
  const c = b.slice();
  c[0] ^= 1;
  return c;
};
const bump = (x: Uint32Array, at: number) => {
  x[at] = (x[at] + 1) % p;
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
      // A step d is sent on the byte bus: the lookups no longer match the table's counts, and
      // the bus check comes before the constraints.
      const ct = counterTables();
      ct[0].trace.set(row, 1, (ct[0].trace.get(row, 1) + 1) % 256);
      expect(rejects(ct, proveTables(ct, params).proof)).toBe('bus-unbalanced');
      // The running sum x is not on any bus: only the constraints see it.
      const cx = counterTables();
      cx[0].trace.set(row, 0, (cx[0].trace.get(row, 0) + 1) % p);
      expect(rejects(cx, proveTables(cx, params).proof)).toBe('ood-mismatch');
    }
    for (const row of [0, 100, 255]) {
      const ct = counterTables();
      ct[1].trace.values[row] = (ct[1].trace.values[row] + 1) % p;
      expect(rejects(ct, proveTables(ct, params).proof)).toBe('bus-unbalanced');
    }
  });

  it('for different parameters than it was made with', () => {
    // Each changes the proof's layout, so the reader fails first: it reads the bytes at other
    // offsets than they were written at.
    for (const other of [
      { ...params, numQueries: params.numQueries + 1 },
      { ...params, logFoldingArity: params.logFoldingArity + 1 },
    ]) {
      const r = verifyAirs(
        tables.map((t) => t.air as Air),
        { publics },
        honest,
        other,
      );
      expect(r.ok).toBe(false);
      if (!r.ok) expect(READER_KINDS, `${JSON.stringify(other)}: ${r.reason}`).toContain(r.kind);
    }
    // Same layout (one more grinding bit; or a blowup of 4, whose FRI folds from one size up
    // through as many layers), other key: the key's digest, which covers the parameters, starts
    // the transcript, so ζ differs and the openings no longer satisfy the constraints.
    for (const other of [
      { ...params, powBits: params.powBits + 1 },
      { ...params, logBlowup: params.logBlowup + 1 },
    ]) {
      const r = verifyAirs(
        tables.map((t) => t.air as Air),
        { publics },
        honest,
        other,
      );
      expect(r, JSON.stringify(other)).toMatchObject({ ok: false, kind: 'ood-mismatch' });
    }
  });

  it('with a wrong public value, or presented for another AIR', () => {
    expect(rejects(tables, honest, [[tables[0].publics![0] + 1], []])).toBe('ood-mismatch');
    const f = fibonacciTrace(32);
    const fp = proveTables([{ air: fibonacciAir, trace: f.trace, publics: f.publics }], params).proof;
    // MiMC has a preprocessed column and a degree-4 quotient: the bytes are misread.
    expect(READER_KINDS).toContain(rejects([{ air: mimcAir(32), trace: f.trace, publics: [0, 1] }], fp));
    // One table where the key has two.
    expect(rejects([{ air: fibonacciAir, trace: f.trace, publics: [0, 1, 5] }], honest)).toBe('bad-length');
  });
});

describe('the verifier rejects a changed proof', () => {
  it('each commitment replaced', () => {
    // The trace roots come before ζ: ζ moves, and the openings no longer satisfy the constraints.
    expect(kindOf(mutate((x) => ((x as { mainRoot: Uint8Array }).mainRoot = flip(x.mainRoot))))).toBe(
      'ood-mismatch',
    );
    expect(kindOf(mutate((x) => ((x as { auxRoot: Uint8Array }).auxRoot = flip(x.auxRoot!))))).toBe(
      'ood-mismatch',
    );
    expect(
      kindOf(mutate((x) => ((x as { quotientRoot: Uint8Array }).quotientRoot = flip(x.quotientRoot)))),
    ).toBe('ood-mismatch');
    // A FRI root moves the PoW seed and the query indices: the old nonce fails, and with a
    // re-ground one the trace openings are at the wrong rows.
    const layers = decode().fri.roots.length;
    expect(layers).toBeGreaterThan(2);
    for (let k = 0; k < layers; k++) {
      const replace = (x: StarkProof) => {
        (x.fri.roots as Uint8Array[])[k] = flip(x.fri.roots[k]);
      };
      expect(kindOf(mutate(replace, 'invalid')), `FRI root ${k}`).toBe('pow');
      expect(kindOf(mutate(replace, 'valid')), `FRI root ${k}`).toBe('merkle');
    }
  });

  it('each coordinate of each LogUp total changed', () => {
    const totals = decode().totals.length;
    expect(totals).toBe(2);
    for (let k = 0; k < totals; k++) {
      for (const c of COORDS) {
        expect(kindOf(mutate((x) => bump(x.totals[k], c))), `total ${k}, coordinate ${c}`).toBe(
          'bus-unbalanced',
        );
      }
    }
  });

  it('each coordinate of each value opened at ζ and ζ·ω changed', () => {
    const parts = [
      'mainLocal',
      'mainNext',
      'preLocal',
      'preNext',
      'auxLocal',
      'auxNext',
      'quotient',
    ] as const;
    // Columns no constraint reads at the next row: the counter's step d, the byte table's count
    // and its fixed value. Their ζ·ω openings only enter the transcript and the DEEP
    // combination, so the change shows as a new query set whose trace openings fail.
    const unread = new Set(['0 mainNext 1', '1 mainNext 0', '1 preNext 0']);
    let seen = 0;
    for (let t = 0; t < 2; t++) {
      for (const part of parts) {
        const n = decode().openings[t][part].length;
        for (let i = 0; i < n; i++) {
          const key = `${t} ${part} ${i}`;
          for (const c of COORDS) {
            const bytes = mutate(
              (x) => bump(x.openings[t][part][i], c),
              unread.has(key) ? 'valid' : undefined,
            );
            expect(kindOf(bytes), `${key}, coordinate ${c}`).toBe(
              unread.has(key) ? 'merkle' : 'ood-mismatch',
            );
            seen++;
          }
        }
      }
    }
    // Counter: 2 + 2 main, 8 + 8 aux, 4 quotient; byte table: 1 + 1 main, 1 + 1 fixed, 8 + 8 aux, 4 quotient.
    expect(seen).toBe(4 * (24 + 24));
  });

  it('a word of each table’s row in each trace tree, a Merkle sibling', () => {
    for (const name of ['main', 'pre', 'aux', 'quotient'] as const) {
      // One matrix per table with columns in the tree; the shorter one is injected higher up.
      const rows = decode().queries[name]!.rows[1];
      expect(rows.length).toBe(name === 'pre' ? 1 : 2);
      for (let k = 0; k < rows.length; k++) {
        const width = rows[k].length;
        for (const w of new Set([0, 1, 2, 3, width - 1].filter((w) => w < width))) {
          expect(
            kindOf(mutate((x) => bump(x.queries[name]!.rows[1][k], w))),
            `${name} matrix ${k} word ${w}`,
          ).toBe('merkle');
        }
      }
      expect(
        kindOf(
          mutate(
            (x) => ((x.queries[name]!.siblings as Uint8Array[])[0] = flip(x.queries[name]!.siblings[0])),
          ),
        ),
      ).toBe('merkle');
    }
  });

  it('each coordinate of an opened value of every FRI layer, and a FRI sibling', () => {
    const pr = decode();
    for (let k = 0; k < pr.fri.openings.length; k++) {
      const width = pr.fri.openings[k].rows[0][0].length;
      for (const slot of [0, width / 4 - 1]) {
        for (const c of COORDS) {
          expect(
            kindOf(mutate((x) => bump(x.fri.openings[k].rows[0][0], 4 * slot + c))),
            `layer ${k}, slot ${slot}, coordinate ${c}`,
          ).toBe('merkle');
        }
      }
      if (pr.fri.openings[k].siblings.length > 0) {
        const s = (x: StarkProof) => x.fri.openings[k].siblings as Uint8Array[];
        expect(kindOf(mutate((x) => (s(x)[0] = flip(s(x)[0]))))).toBe('merkle');
      }
    }
  });

  it('each coordinate of each final-polynomial coefficient', () => {
    const n = decode().fri.finalPoly.length;
    expect(n).toBe(4 * 2 ** params.finalPolyLogDegree);
    for (let w = 0; w < n; w++) {
      // Absorbed before the PoW: the old nonce fails; with a new one the queries move.
      expect(kindOf(mutate((x) => bump(x.fri.finalPoly, w), 'invalid')), `word ${w}`).toBe('pow');
      expect(kindOf(mutate((x) => bump(x.fri.finalPoly, w), 'valid')), `word ${w}`).toBe('merkle');
    }
  });

  it('the PoW nonce: one that fails the proof of work; a valid one for another history', () => {
    expect(kindOf(mutate(() => {}, 'invalid'))).toBe('pow');
    // The smallest valid nonce is the prover's own, or another one that also passes: both verify.
    expect(kindOf(mutate(() => {}, 'valid'))).toBe('accepted');
    // Any nonce other than the one ground is absorbed too: a passing one moves the queries.
    const pr = decode();
    const seed = powSeed(pr);
    let other = pr.fri.powNonce + 1;
    while (!powOk(seed, other, params.powBits)) other++;
    expect(kindOf(mutate((x) => ((x.fri as { powNonce: number }).powNonce = other)))).toBe('merkle');
  });

  it('each coordinate of the DEEP values and of every folded FRI layer, committed by a dishonest prover', () => {
    // The prover commits FRI layer k with one coordinate of every value shifted, then carries on
    // honestly (folding what it committed). Layer 0 is the DEEP codeword of the tallest tables:
    // the verifier's own DEEP value (from the trace openings) no longer matches it. A later layer
    // stays low-degree but is not the fold of the one before.
    const layers = decode().fri.roots.length;
    for (const k of [0, 1, layers - 1]) {
      for (const c of COORDS) {
        const tamper = (layer: number, cw: Uint32Array) => {
          if (layer === k) for (let i = c; i < cw.length; i += 4) cw[i] = (cw[i] + 1) % p;
        };
        const bytes = prove(pk, tables, { unsafeFri: { unsafeTamperLayer: tamper } }).proof;
        expect(kindOf(bytes), `layer ${k}, coordinate ${c}`).toBe(
          k === 0 ? 'input-mismatch' : 'fold-mismatch',
        );
      }
    }
  });

  it('trailing bytes, truncations and random bit flips: always a typed rejection, never a crash or acceptance', () => {
    const longer = new Uint8Array(honest.length + 1);
    longer.set(honest);
    expect(kindOf(longer)).toBe('trailing-bytes');
    let seed = 12345;
    const rnd = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    // Every kind a flipped bit can cause: the reader's, the statement's and each check's.
    const kinds = new Set([
      'truncated',
      'trailing-bytes',
      'non-canonical',
      'bad-length',
      'bad-version',
      'bad-shape',
      'ood-mismatch',
      'bus-unbalanced',
      'merkle',
      'pow',
      'input-mismatch',
      'fold-mismatch',
      'final-poly',
    ]);
    for (let k = 0; k < 500; k++) {
      // Every count is bounded by what the shape allows, so a cut proof always runs out of bytes.
      const cut = rnd(honest.length);
      expect(kindOf(honest.subarray(0, cut)), `cut at ${cut}`).toBe('truncated');
      const b = honest.slice();
      const bit = rnd(8 * b.length);
      b[bit >> 3] ^= 1 << (bit & 7);
      const kind = kindOf(b);
      expect(kinds, `bit ${bit}`).toContain(kind);
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
        () =>
          proveTables([{ air: fibonacciAir, trace: RowMajorMatrix.zeros(8, 3), publics: f.publics }], params),
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
        () =>
          proveTables([{ air: fibonacciAir, trace: RowMajorMatrix.zeros(6, 2), publics: f.publics }], params),
        /log height/,
      ],
    ];
    for (const [f2, msg] of cases) {
      expect(f2).toThrow(StarkError);
      expect(f2).toThrow(msg);
    }
  });
});
