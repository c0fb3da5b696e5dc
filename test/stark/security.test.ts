import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BLOWUP4_PARAMS,
  DEFAULT_PARAMS,
  EXT_FIELD_BITS,
  INSECURE_TEST_PARAMS,
  ParamsError,
  type ProofShape,
  type StarkParams,
  securityReport,
  type TableShape,
} from '../../src/fri/params.js';
import { friShape } from '../../src/fri/shape.js';

/** SP1's preset, the starting point of docs/SECURITY.md: 84 queries, 16 bits, no LogUp grinding. */
const SP1: StarkParams = { ...DEFAULT_PARAMS, powBits: 16, logUpPowBits: 0 };

const table = (logHeight: number, over: Partial<TableShape> = {}): TableShape => ({
  logHeight,
  maxDegree: 3,
  numConstraints: 10,
  busArities: [],
  openedValues: 12,
  ...over,
});
const one = (logHeight: number, over: Partial<TableShape> = {}): ProofShape => ({
  tables: [table(logHeight, over)],
});
const down = (x: number) => Math.floor(x * 10 + 1e-9) / 10;

/** The zkVM of docs/SECURITY.md: `count` tables of 2^logHeight rows, `interactions` each. */
function zkvm(count: number, logHeight: number, interactions: number, arity: number, degree = 4): ProofShape {
  return {
    tables: Array.from({ length: count }, () =>
      table(logHeight, {
        maxDegree: degree,
        numConstraints: 300,
        busArities: Array(interactions).fill(arity),
        openedValues: 2 * (80 + 4 * (interactions + 1)) + 4 * 4,
      }),
    ),
  };
}

describe('security terms on hand-computed values', () => {
  it('FRI query phase: random-words bits per query, plus grinding', () => {
    // ρ = 1/2: η = ½·log2(2e)/123.634 = 0.009879; −log2(0.509879) = 0.971780 bits a query.
    expect(securityReport(SP1, one(20)).conjectured.terms.query).toBe(97.6); // 84·0.97178 + 16 = 97.63
    expect(securityReport(DEFAULT_PARAMS, one(20)).conjectured.terms.query).toBe(100.6);
    // ρ = 1/4: η = ¼·log2(4e)/123.634 = 0.006962; −log2(0.256962) = 1.960413; 50 queries = 98.02.
    expect(securityReport({ ...BLOWUP4_PARAMS, powBits: 0 }, one(20)).conjectured.terms.query).toBe(98);
  });

  it('FRI commit phase: (arity − 1 + roll-in)·(N + 1) bad folding challenges of the largest layer', () => {
    // 2^20 rows, blowup 2: the first layer has N = 2^21 and folds by 4: 123.634 − log2(3·(2^21 + 1)).
    expect(securityReport(SP1, one(20)).conjectured.terms.commit).toBe(101);
    // A 2^18-row table joins right after it: the curve gains β^4, degree 4: 123.634 − 23 = 100.63.
    expect(securityReport(SP1, { tables: [table(20), table(18)] }).conjectured.terms.commit).toBe(100.6);
    // The estimate at 2^22 rows with a roll-in: 123.634 − log2(4·2^23) = 98.6.
    expect(securityReport(SP1, { tables: [table(22), table(20)] }).conjectured.terms.commit).toBe(98.6);
    // Folding by 2 halves the curve degree: 123.634 − log2(2^21 + 1) = 102.6.
    expect(securityReport({ ...SP1, logFoldingArity: 1 }, one(20)).conjectured.terms.commit).toBe(102.6);
  });

  it('DEEP/ALI point ζ: d·(n + 1) + n − 1 roots, largest over tables', () => {
    // d = 3, n = 2^20: 4·2^20 + 2, so 123.634 − 22.000 = 101.6; d = 4 gives 5·2^20 + 3: 101.3.
    expect(securityReport(SP1, one(20)).conjectured.terms.deep).toBe(101.6);
    expect(securityReport(SP1, one(20, { maxDegree: 4 })).conjectured.terms.deep).toBe(101.3);
    expect(
      securityReport(SP1, { tables: [table(16, { maxDegree: 8 }), table(20)] }).conjectured.terms.deep,
    ).toBe(101.6);
  });

  it('constraint combination α: the largest constraint count over |F_p^4|', () => {
    // 1000 constraints: 123.634 − 9.966 = 113.67.
    expect(securityReport(SP1, one(10, { numConstraints: 1000 })).conjectured.terms.ali).toBe(113.6);
  });

  it('LogUp: rows·Σ(arity + 1) over |F_p^4|, plus its grinding', () => {
    // Two arity-1 interactions on 2^20 rows: 2^20·4 = 2^22, so 101.63; one arity-3 tuple from the
    // statement adds 4 to 2^22 (still 101.6).
    const s = { ...one(20, { busArities: [1, 1] }), contributionArities: [3] };
    expect(securityReport(SP1, s).conjectured.terms.logup).toBe(101.6);
    expect(securityReport({ ...SP1, logUpPowBits: 12 }, s).conjectured.terms.logup).toBe(113.6);
    // Σ over tables: 10 tables of 2^20 rows with 30 arity-3 interactions: 10·2^20·120 = 2^30.23.
    expect(securityReport(SP1, zkvm(10, 20, 30, 3)).conjectured.terms.logup).toBe(
      down(EXT_FIELD_BITS - Math.log2(10 * 2 ** 20 * 120)),
    );
    // No interactions, no LogUp term.
    expect(securityReport(SP1, one(20)).conjectured.terms.logup).toBeUndefined();
  });

  it('hash: BLAKE3-256 collisions', () => {
    expect(securityReport(SP1, one(20)).conjectured.terms.hash).toBe(128);
    // The hash never binds: every challenge term is below log2|F_p^4| = 123.6 < 128.
    const huge = { ...SP1, numQueries: 512, powBits: 30, logBlowup: 4, logFoldingArity: 1 };
    const r = securityReport(huge, one(2, { maxDegree: 1, numConstraints: 1 }));
    expect(r.conjectured.bits).toBeLessThan(EXT_FIELD_BITS);
    expect(r.conjectured.binding).not.toBe('hash');
  });

  it('proven, unique decoding: agreement (1 + ρ⁺)/2 per query', () => {
    // A tiny table limits m below 3, so only unique decoding applies: ρ⁺ = (4 + 2)/8, α = 7/8.
    const r = securityReport(SP1, one(2));
    expect(r.proven.regime).toBe('unique-decoding');
    expect(r.proven.terms.query).toBe(down(84 * -Math.log2(7 / 8) + 16)); // 32.2
    // DEEP batching: (12 − 1)·(2^3 + 1) bad λ.
    expect(r.proven.terms.batching).toBe(down(EXT_FIELD_BITS - Math.log2(11 * 9)));
  });

  it('proven, list decoding: agreement (1 + 1/2m)·√ρ per query and the list size on DEEP and α', () => {
    const r = securityReport(SP1, one(20));
    expect(r.proven.regime).toBe('list-decoding');
    const m = r.proven.m ?? 0;
    expect(m).toBeGreaterThanOrEqual(3);
    const alpha = (1 + 1 / (2 * m)) * Math.SQRT1_2;
    expect(r.proven.terms.query).toBe(down(84 * -Math.log2(alpha) + 16));
    const logList = Math.log2((m + 0.5) * Math.SQRT2);
    expect(r.proven.terms.ali).toBe(down(EXT_FIELD_BITS - Math.log2(10) - logList));
    // About 58 bits at SP1's preset, the query phase binding: the proven level is far below.
    expect(r.proven.bits).toBeGreaterThan(55);
    expect(r.proven.bits).toBeLessThan(60);
    expect(r.proven.binding).toBe('query');
  });

  it('counts commit layers exactly as friShape schedules them', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 2, max: 22 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 6 }),
        (heights, logBlowup, logFoldingArity, finalPolyLogDegree) => {
          const p = { ...SP1, logBlowup, logFoldingArity, finalPolyLogDegree };
          const layers = friShape(
            p,
            heights.map((h) => h + logBlowup),
          ).layers;
          const expected = Math.min(
            ...layers.map((l) =>
              down(
                EXT_FIELD_BITS - Math.log2((2 ** l.logArity - 1 + (l.rollIn ? 1 : 0)) * (2 ** l.logN + 1)),
              ),
            ),
          );
          const got = securityReport(p, { tables: heights.map((h) => table(h)) }).conjectured.terms.commit;
          expect(got ?? Number.POSITIVE_INFINITY).toBe(expected);
        },
      ),
      { numRuns: 200 },
    );
  });
});

// ----- properties

const arbParams = fc.record({
  logBlowup: fc.integer({ min: 1, max: 4 }),
  numQueries: fc.integer({ min: 1, max: 200 }),
  powBits: fc.integer({ min: 0, max: 30 }),
  logFoldingArity: fc.integer({ min: 1, max: 4 }),
  finalPolyLogDegree: fc.integer({ min: 0, max: 10 }),
  logUpPowBits: fc.integer({ min: 0, max: 30 }),
});
const arbTable: fc.Arbitrary<TableShape> = fc.record({
  logHeight: fc.integer({ min: 2, max: 22 }),
  maxDegree: fc.integer({ min: 1, max: 9 }),
  numConstraints: fc.integer({ min: 1, max: 5000 }),
  busArities: fc.array(fc.integer({ min: 1, max: 16 }), { maxLength: 40 }),
  openedValues: fc.integer({ min: 1, max: 2000 }),
});
const arbShape: fc.Arbitrary<ProofShape> = fc.record({
  tables: fc.array(arbTable, { minLength: 1, maxLength: 5 }),
});

describe('security properties', () => {
  it('the proven level never exceeds the conjectured one', () => {
    fc.assert(
      fc.property(arbParams, arbShape, (p, s) => {
        const r = securityReport(p, s);
        expect(r.proven.bits).toBeLessThanOrEqual(r.conjectured.bits);
        expect(r.bits).toBe(r.conjectured.bits);
        const terms = Object.values(r.conjectured.terms);
        expect(r.conjectured.bits).toBe(Math.min(...terms));
        expect(r.conjectured.terms[r.conjectured.binding]).toBe(r.conjectured.bits);
      }),
      { numRuns: 150 },
    );
  });

  it('more queries or more grinding never lower a level', () => {
    fc.assert(
      fc.property(arbParams, arbShape, fc.integer({ min: 1, max: 40 }), (p, s, k) => {
        const base = securityReport(p, s);
        const q = securityReport({ ...p, numQueries: Math.min(512, p.numQueries + k) }, s);
        const g = securityReport({ ...p, powBits: Math.min(30, p.powBits + k) }, s);
        for (const r of [q, g]) {
          expect(r.conjectured.bits).toBeGreaterThanOrEqual(base.conjectured.bits);
          expect(r.proven.bits).toBeGreaterThanOrEqual(base.proven.bits);
          expect(r.conjectured.terms.query ?? 0).toBeGreaterThanOrEqual(base.conjectured.terms.query ?? 0);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('taller tables, more interactions and higher degrees never raise DEEP, α or LogUp', () => {
    fc.assert(
      fc.property(arbParams, arbShape, fc.nat({ max: 100 }), (p, s, pick) => {
        const base = securityReport(p, s).conjectured.terms;
        const i = pick % s.tables.length;
        const t = s.tables[i];
        const variants: TableShape[] = [
          { ...t, logHeight: Math.min(22, t.logHeight + 1) },
          { ...t, busArities: [...t.busArities, 1 + (pick % 8)] },
          { ...t, maxDegree: t.maxDegree + 1 },
          { ...t, numConstraints: t.numConstraints * 2 },
        ];
        const inf = Number.POSITIVE_INFINITY;
        for (const v of variants) {
          const r = securityReport(p, { tables: s.tables.map((x, k) => (k === i ? v : x)) }).conjectured
            .terms;
          for (const name of ['deep', 'ali', 'logup'] as const) {
            expect(r[name] ?? inf).toBeLessThanOrEqual(base[name] ?? inf);
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it('a taller single table never raises a level (with several heights, FRI may fold differently)', () => {
    fc.assert(
      fc.property(arbParams, arbTable, (p, t) => {
        const a = securityReport(p, { tables: [t] });
        const b = securityReport(p, { tables: [{ ...t, logHeight: Math.min(22, t.logHeight + 1) }] });
        expect(b.conjectured.bits).toBeLessThanOrEqual(a.conjectured.bits);
        expect(b.conjectured.terms.commit ?? 0).toBeLessThanOrEqual(
          a.conjectured.terms.commit ?? Number.POSITIVE_INFINITY,
        );
      }),
      { numRuns: 100 },
    );
  });

  it('LogUp grinding adds its bits to the LogUp term and nothing else', () => {
    fc.assert(
      fc.property(arbParams, arbShape, fc.integer({ min: 1, max: 20 }), (p, s, k) => {
        const base = { ...p, logUpPowBits: 0 };
        const a = securityReport(base, s).conjectured.terms;
        const b = securityReport({ ...base, logUpPowBits: k }, s).conjectured.terms;
        if (a.logup === undefined) expect(b.logup).toBeUndefined();
        else expect(Math.abs((b.logup ?? 0) - a.logup - k)).toBeLessThan(0.11);
        expect({ ...b, logup: 0 }).toEqual({ ...a, logup: 0 });
      }),
      { numRuns: 100 },
    );
  });
});

describe('the presets', () => {
  it('give at least 100 conjectured bits for the zkVM: 10 tables of 2^20 rows, 20–40 interactions', () => {
    for (const p of [DEFAULT_PARAMS, BLOWUP4_PARAMS]) {
      for (const interactions of [20, 30, 40]) {
        for (const arity of [1, 5, 11]) {
          const r = securityReport(p, zkvm(10, 20, interactions, arity));
          expect(r.conjectured.bits).toBeGreaterThanOrEqual(100);
        }
      }
    }
  });

  it('give at least 100 conjectured bits up to the engine limit Σ rows·interactions < p, arity ≤ 11', () => {
    // checkHeights allows Σ 2^h·max(1, interactions) < p = 1920·2^20 + 1: here 1920·2^20, all on
    // arity-11 buses (the program bus, the widest the zkVM has).
    const limit = zkvm(1, 20, 1920, 11);
    expect(1920 * 2 ** 20).toBeLessThan(0x78000001);
    const r = securityReport(DEFAULT_PARAMS, limit);
    expect(r.conjectured.terms.logup).toBeGreaterThanOrEqual(100);
    // Without LogUp grinding the same proof has about 89 bits.
    expect(
      securityReport({ ...DEFAULT_PARAMS, logUpPowBits: 0 }, limit).conjectured.terms.logup,
    ).toBeLessThan(90);
  });

  it('document the interactions budget of SP1s preset: 2^20 rows·Σ(arity + 1) ≤ 2^23.6', () => {
    // Without LogUp grinding, ≥ 100 bits needs rows·Σ(arity + 1) ≤ 2^(123.63 − 100).
    expect(
      securityReport({ ...DEFAULT_PARAMS, logUpPowBits: 0 }, one(20, { busArities: [5, 5] })).conjectured
        .terms.logup,
    ).toBeGreaterThanOrEqual(100);
    expect(
      securityReport({ ...DEFAULT_PARAMS, logUpPowBits: 0 }, one(20, { busArities: [3, 3, 3, 3] }))
        .conjectured.terms.logup,
    ).toBeLessThan(100);
  });

  it('say where the default stops reaching 100 bits: the commit phase past 2^20 rows', () => {
    expect(securityReport(DEFAULT_PARAMS, one(21)).conjectured).toMatchObject({
      bits: 100,
      binding: 'commit',
    });
    expect(securityReport(DEFAULT_PARAMS, { tables: [table(22), table(20)] }).conjectured).toMatchObject({
      bits: 98.6,
      binding: 'commit',
    });
  });

  it('keep the test preset visibly insecure', () => {
    expect(securityReport(INSECURE_TEST_PARAMS, one(10)).bits).toBeLessThan(20);
  });

  it('reject a malformed shape', () => {
    expect(() => securityReport(DEFAULT_PARAMS, { tables: [] })).toThrow(ParamsError);
    expect(() => securityReport(DEFAULT_PARAMS, one(20, { busArities: [0] }))).toThrow(/bus arity 0/);
    expect(() => securityReport(DEFAULT_PARAMS, one(2.5))).toThrow(/log height/);
    expect(() => securityReport({ ...DEFAULT_PARAMS, logUpPowBits: 31 }, one(20))).toThrow(/logUpPowBits/);
  });
});
