import { describe, expect, it } from 'vitest';
import { P } from '../../src/field/babybear.js';
import { FriError, type FriErrorKind } from '../../src/fri/errors.js';
import { INSECURE_TEST_PARAMS, type StarkParams } from '../../src/fri/params.js';
import type { FriProof } from '../../src/fri/proof.js';
import { proveFri } from '../../src/fri/prover.js';
import { friShape } from '../../src/fri/shape.js';
import { verifyFri } from '../../src/fri/verifier.js';
import { powOk } from '../../src/transcript/pow.js';
import { WasmVec } from '../../src/wasm/memory.js';
import {
  honestInputAt,
  lowDegreeCodeword,
  proveRandom,
  randomFelts,
  rng,
  transcript,
  verifyRoundTrip,
} from './helpers.js';

const base: StarkParams = { ...INSECURE_TEST_PARAMS, numQueries: 8, powBits: 2 };
/** An extension element's coordinates: every check must compare all four. */
const COORDS = [0, 1, 2, 3];

function expectFri(f: () => unknown, kind?: FriErrorKind): FriError {
  try {
    f();
  } catch (e) {
    if (!(e instanceof FriError)) throw e;
    if (kind !== undefined) expect(e.kind, e.message).toBe(kind);
    return e;
  }
  throw new Error('expected a FriError, nothing was thrown');
}

/** A deep copy of a proof, so each tamper starts from the honest one. */
function clone(p: FriProof): {
  roots: Uint8Array[];
  finalPoly: Uint32Array;
  powNonce: number;
  openings: { rows: Uint32Array[][]; siblings: Uint8Array[] }[];
} {
  return {
    roots: p.roots.map((r) => r.slice()),
    finalPoly: p.finalPoly.slice(),
    powNonce: p.powNonce,
    openings: p.openings.map((o) => ({
      rows: o.rows.map((r) => r.map((x) => x.slice())),
      siblings: o.siblings.map((s) => s.slice()),
    })),
  };
}

describe('FRI: honest proofs verify', () => {
  const cases: [number, number, number, number[]][] = [
    // [logFoldingArity, logBlowup, finalPolyLogDegree, trace log heights]
    [1, 1, 0, [6]],
    [1, 1, 2, [7, 5, 3]],
    [1, 2, 1, [5, 4]],
    [1, 3, 3, [4, 2]],
    [2, 1, 2, [8]],
    [2, 1, 0, [7, 6, 3]],
    [2, 2, 1, [6, 3, 1]],
    [3, 1, 2, [9, 5]],
    [3, 1, 0, [8, 7, 2]],
    [3, 2, 3, [7, 4, 3]],
    [4, 1, 1, [9, 4]],
    [1, 1, 3, [2]], // fewer rows than the final degree: no layers at all
    [2, 1, 4, [6, 2]], // final degree lowered to the smallest table
  ];
  for (const [a, b, f, hs] of cases) {
    it(`arity ${2 ** a}, blowup ${2 ** b}, final degree 2^${f}, heights 2^[${hs}]`, () => {
      const params = { ...base, logFoldingArity: a, logBlowup: b, finalPolyLogDegree: f };
      const rt = proveRandom(params, hs, 1000 * a + 100 * b + f);
      expect(rt.shape).toEqual(
        friShape(
          params,
          hs.map((h) => h + b),
        ),
      );
      expect(rt.proof.finalPoly.length).toBe(4 * 2 ** rt.shape.finalLogDegree);
      const { indices } = verifyRoundTrip(rt);
      expect(indices).toEqual(rt.indices);
    });
  }

  it('leaves prover and verifier transcripts in the same state', () => {
    const rt = proveRandom(base, [6, 4], 9);
    const tp = transcript();
    proveFri(tp, base, rt.codewords);
    const tv = transcript();
    verifyFri(tv, rt.shape, rt.proof, honestInputAt(rt.codewords));
    expect(tv.challengeExt('after')).toEqual(tp.challengeExt('after'));
  });

  it('takes WasmVec inputs and gives the same proof as for Uint32Arrays', () => {
    const rt = proveRandom(base, [7, 5], 21);
    const vecs = rt.codewords.map((c) => WasmVec.from(c));
    try {
      const { proof } = proveFri(transcript(), base, vecs);
      expect(proof).toEqual(rt.proof);
      expect(vecs[0].view).toEqual(rt.codewords[0]);
    } finally {
      for (const v of vecs) v.free();
    }
  });

  it('accepts the inputs in any order', () => {
    const rt = proveRandom(base, [4, 7, 5], 22);
    const { proof } = proveFri(transcript(), base, [rt.codewords[1], rt.codewords[2], rt.codewords[0]]);
    expect(proof).toEqual(rt.proof);
  });
});

describe('FRI: the prover rejects bad inputs', () => {
  it('throws degree-too-high for a random codeword, bad-shape for bad sizes or words', () => {
    const next = rng(4);
    expectFri(() => proveFri(transcript(), base, [randomFelts(next, 4 * 64)]), 'degree-too-high');
    expectFri(() => proveFri(transcript(), base, [new Uint32Array(4 * 48)]), 'bad-shape');
    expectFri(
      () => proveFri(transcript(), base, [new Uint32Array(4 * 32), new Uint32Array(4 * 32)]),
      'bad-shape',
    );
    const c = lowDegreeCodeword(next, 4, 1);
    c[5] = P;
    expectFri(() => proveFri(transcript(), base, [c]), 'bad-shape');
  });
});

describe('FRI: the verifier rejects', () => {
  const params = { ...base, numQueries: 12, powBits: 0 };
  const a2 = proveRandom(params, [7, 5, 3], 31);
  const a8 = proveRandom({ ...params, logFoldingArity: 3 }, [9, 6], 32);

  it('a codeword of too high degree (prover check skipped)', () => {
    for (const a of [1, 2, 3]) {
      const p = { ...params, logFoldingArity: a };
      const next = rng(40 + a);
      const bad = [randomFelts(next, 4 * 2 ** 8)];
      const { proof, shape } = proveFri(transcript(), p, bad, { unsafeSkipDegreeCheck: true });
      expectFri(() => verifyFri(transcript(), shape, proof, honestInputAt(bad)), 'final-poly');
    }
  });

  it('a layer codeword that is not the fold of the previous one, in any one coordinate', () => {
    for (const rt of [a2, a8]) {
      const L = rt.shape.layers.length;
      for (let k = 1; k < L; k++) {
        for (const c of COORDS) {
          // Adding a constant to coordinate c keeps the layer low-degree but breaks every fold
          // into it in that coordinate only (and the prover folds on from what it committed).
          const tamper = (layer: number, cw: Uint32Array) => {
            if (layer === k) for (let i = c; i < cw.length; i += 4) cw[i] = (cw[i] + 1) % P;
          };
          const p = { ...params, logFoldingArity: rt.shape.layers[0].logArity };
          const next = proveFri(transcript(), p, rt.codewords, { unsafeTamperLayer: tamper });
          expectFri(
            () => verifyFri(transcript(), rt.shape, next.proof, honestInputAt(rt.codewords)),
            'fold-mismatch',
          );
        }
      }
    }
  });

  it('a final codeword of too high degree in one coordinate only (prover check skipped)', () => {
    // With no layers (a 2^3-point input is already the final size) the input is compared with
    // the final polynomial directly, so only coordinate c differs; with layers, the folds mix it in.
    for (const [hs, layers] of [
      [[2], 0],
      [[6], 4],
    ] as const) {
      for (const c of COORDS) {
        const next = rng(60 + c);
        const cw = lowDegreeCodeword(next, hs[0], params.logBlowup);
        for (let i = c; i < cw.length; i += 4) cw[i] = next() % P;
        const { proof, shape } = proveFri(transcript(), params, [cw], { unsafeSkipDegreeCheck: true });
        expect(shape.layers.length).toBe(layers);
        expectFri(() => verifyFri(transcript(), shape, proof, honestInputAt([cw])), 'final-poly');
      }
    }
  });

  it('each layer root replaced', () => {
    for (const rt of [a2, a8]) {
      for (let k = 0; k < rt.proof.roots.length; k++) {
        const p = clone(rt.proof);
        p.roots[k][0] ^= 1;
        expectFri(() => verifyRoundTrip(rt, p), 'merkle');
      }
    }
  });

  it('each coordinate of an opened value changed, or a sibling changed', () => {
    for (const rt of [a2, a8]) {
      for (let k = 0; k < rt.proof.openings.length; k++) {
        for (const c of COORDS) {
          const p = clone(rt.proof);
          const row = p.openings[k].rows[3][0];
          for (const w of [c, row.length - 4 + c]) {
            row[w] = (row[w] + 1) % P;
            expectFri(() => verifyRoundTrip(rt, p), 'merkle');
            row[w] = (row[w] + P - 1) % P;
          }
        }
        if (rt.proof.openings[k].siblings.length > 0) {
          const q = clone(rt.proof);
          q.openings[k].siblings[0][31] ^= 0x80;
          expectFri(() => verifyRoundTrip(rt, q), 'merkle');
        }
      }
    }
  });

  it('a query answered at the wrong index (rows of two queries swapped)', () => {
    const p = clone(a2.proof);
    const [i, j] = [0, 1];
    expect(a2.indices[i]).not.toBe(a2.indices[j]);
    for (const o of p.openings) [o.rows[i], o.rows[j]] = [o.rows[j], o.rows[i]];
    expectFri(() => verifyRoundTrip(a2, p), 'merkle');
  });

  it('each coordinate of a final-polynomial coefficient changed, or a final polynomial of the wrong length', () => {
    // The final polynomial is absorbed before the queries are drawn (no grinding here): other
    // queries, whose layer openings are not in the proof.
    for (let w = 0; w < a2.proof.finalPoly.length; w++) {
      const p = clone(a2.proof);
      p.finalPoly[w] = (p.finalPoly[w] + 1) % P;
      expectFri(() => verifyRoundTrip(a2, p), 'merkle');
    }
    const q = clone(a2.proof);
    q.finalPoly = new Uint32Array(q.finalPoly.length + 4);
    expectFri(() => verifyRoundTrip(a2, q), 'bad-shape');
  });

  it('a wrong proof-of-work nonce', () => {
    const pp = { ...base, powBits: 8 };
    const rt = proveRandom(pp, [6], 50);
    const p = clone(rt.proof);
    // Any other nonce that fails the PoW for this seed: try neighbours until one fails.
    let n = p.powNonce + 1;
    const seedProbe = () => {
      const t = transcript();
      for (const r of rt.proof.roots) {
        t.absorbDigest('fri-root', r);
        t.challengeExt('fri-beta');
      }
      t.absorbExt('fri-final-poly', rt.proof.finalPoly);
      return t.powSeed();
    };
    const seed = seedProbe();
    while (powOk(seed, n, 8)) n++;
    p.powNonce = n;
    expectFri(() => verifyRoundTrip(rt, p), 'pow');
  });

  it('the caller giving a value at the wrong index, or off by one', () => {
    const honest = honestInputAt(a2.codewords);
    expectFri(() => verifyRoundTrip(a2, a2.proof, (q, i) => honest(q, i ^ 1)), 'input-mismatch');
    const offByOne = (rt: typeof a2, log: number, c: number) => {
      const h = honestInputAt(rt.codewords);
      return (q: number, i: number) => {
        const m = new Map(h(q, i));
        const v = Uint32Array.from(m.get(log) as ArrayLike<number>);
        v[c] = (v[c] + 1) % P;
        m.set(log, v);
        return m;
      };
    };
    // An input at the final size is rolled into the final codeword; with no layers at all, the
    // single input is compared with the final polynomial directly.
    const fin = proveRandom(params, [6, 2], 33);
    expect(fin.shape.logFinalN).toBe(3);
    const bare = proveRandom(params, [2], 34);
    expect(bare.shape.layers).toEqual([]);
    for (const c of COORDS) {
      // Logs [8, 6, 4]: the largest starts the chain, the others are rolled into layers.
      expectFri(() => verifyRoundTrip(a2, a2.proof, offByOne(a2, 8, c)), 'input-mismatch');
      expectFri(() => verifyRoundTrip(a2, a2.proof, offByOne(a2, 6, c)), 'fold-mismatch');
      expectFri(() => verifyRoundTrip(a2, a2.proof, offByOne(a2, 4, c)), 'fold-mismatch');
      expectFri(() => verifyRoundTrip(a8, a8.proof, offByOne(a8, 10, c)), 'input-mismatch');
      expectFri(() => verifyRoundTrip(fin, fin.proof, offByOne(fin, 3, c)), 'final-poly');
      expectFri(() => verifyRoundTrip(bare, bare.proof, offByOne(bare, 3, c)), 'final-poly');
    }
    expectFri(() => verifyRoundTrip(a2, a2.proof, () => new Map()), 'bad-shape');
    expectFri(
      () =>
        verifyRoundTrip(
          a2,
          a2.proof,
          (q, i) => new Map([...honest(q, i)].map(([l, v]) => [l, [v[0], v[1], v[2], P]])),
        ),
      'bad-shape',
    );
  });

  it('malformed proof objects, before any hashing', () => {
    const bad: unknown[] = [
      null,
      { ...a2.proof, roots: a2.proof.roots.slice(1) },
      { ...a2.proof, roots: [new Uint8Array(31), ...a2.proof.roots.slice(1)] },
      { ...a2.proof, powNonce: -1 },
      { ...a2.proof, openings: a2.proof.openings.slice(1) },
      {
        ...a2.proof,
        openings: [{ rows: a2.proof.openings[0].rows.slice(1), siblings: [] }, ...a2.proof.openings.slice(1)],
      },
    ];
    for (const p of bad) expectFri(() => verifyRoundTrip(a2, p as FriProof), 'bad-shape');
  });
});
