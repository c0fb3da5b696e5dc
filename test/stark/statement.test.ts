// Bus contributions from the statement (for example a program's output bytes) are part of the
// claim: a proof holds for exactly the contributions it was made with. They must enter the
// transcript before the LogUp challenges: the bus check alone cannot tell apart two lists with the
// same LogUp sum (reordered, split or padded with a cancelling pair), so only the transcript binds
// the proof to the list it was made with.
import { describe, expect, it } from 'vitest';
import { BYTE_BUS, byteTableAir, counterAir, counterTraces } from '../../src/air/examples/counter.js';
import { P } from '../../src/field/babybear.js';
import { INSECURE_TEST_PARAMS } from '../../src/fri/params.js';
import { type BusContribution, startTranscript } from '../../src/stark/statement.js';
import { proveTables, verifyAirs } from './helpers/engine.js';

const params = INSECURE_TEST_PARAMS;
const minus = (m: number) => (P - m) % P;

describe('statement bus contributions', () => {
  const c = counterTraces([1, 2, 3, 4, 5, 6, 7, 8]);
  c.bytes.values[7]++; // the table serves one more lookup of 7 ...
  c.bytes.values[9] += 2; // ... and two of 9 ...
  const contributions = [
    { busId: BYTE_BUS.id, values: [7], multiplicity: 1 }, // ... made by the statement
    { busId: BYTE_BUS.id, values: [9], multiplicity: 2 },
  ];
  const tables = [
    { air: counterAir, trace: c.counter, publics: c.publics },
    { air: byteTableAir, trace: c.bytes },
  ];
  const airs = [counterAir, byteTableAir];
  const publics = [c.publics, []];
  const { proof } = proveTables(tables, params, { contributions });
  const run = (other: readonly BusContribution[], bytes = proof) =>
    verifyAirs(airs, { publics, contributions: other }, bytes, params);

  it('verify with the contributions the proof was made with', () => {
    expect(run(contributions)).toMatchObject({ ok: true });
  });

  it('reject other or missing contributions, as an unbalanced bus', () => {
    for (const other of [
      [],
      [contributions[0]],
      [contributions[0], { ...contributions[1], values: [8] }],
      [contributions[0], { ...contributions[1], multiplicity: 1 }],
      [...contributions, ...contributions],
    ]) {
      expect(run(other), JSON.stringify(other)).toMatchObject({ ok: false, kind: 'bus-unbalanced' });
    }
  });

  it('reject contributions with the same LogUp sum for all challenges but another transcript', () => {
    // Each list below puts the very same multiset of tuples on the byte bus, so with the proof's
    // own β and γ the bus balances: were the contributions not absorbed, the proof would verify.
    // Absorbed, they change β and γ, and the proof's LogUp totals no longer cancel their sum.
    const same: BusContribution[][] = [
      [contributions[1], contributions[0]], // reordered
      [contributions[0], { ...contributions[1], multiplicity: 1 }, { ...contributions[1], multiplicity: 1 }], // split
      [
        ...contributions,
        { busId: BYTE_BUS.id, values: [200], multiplicity: 5 },
        { busId: BYTE_BUS.id, values: [200], multiplicity: minus(5) },
      ], // a cancelling pair
      [
        contributions[0],
        { ...contributions[1], multiplicity: 3 },
        { ...contributions[1], multiplicity: minus(1) },
      ],
    ];
    for (const other of same) {
      expect(run(other), JSON.stringify(other)).toMatchObject({ ok: false, kind: 'bus-unbalanced' });
    }
  });

  it('reject a proof made without them, even when the bus balances for the claimed ones', () => {
    // Made without contributions: the byte table's extra lookups are then unbalanced, whatever is claimed.
    const bare = proveTables(tables, params).proof;
    expect(run(contributions, bare)).toMatchObject({ ok: false, kind: 'bus-unbalanced' });
  });

  it('reject malformed contributions before anything is absorbed', () => {
    for (const bad of [
      { busId: BYTE_BUS.id + 100, values: [7], multiplicity: 1 }, // a bus no table uses
      { busId: BYTE_BUS.id, values: [7, 0], multiplicity: 1 }, // the byte bus has arity 1
      { busId: BYTE_BUS.id, values: [P + 7], multiplicity: 1 }, // not canonical
      { busId: BYTE_BUS.id, values: [7], multiplicity: P + 1 },
    ]) {
      expect(run([contributions[0], bad]), JSON.stringify(bad)).toMatchObject({
        ok: false,
        kind: 'bad-statement',
      });
    }
  });
});

describe('the statement transcript', () => {
  const digest = Uint8Array.from({ length: 32 }, (_, i) => i * 7);
  const heights = [5, 8];
  const publics = [[36], []];
  const base: BusContribution[] = [
    { busId: 1, values: [7], multiplicity: 1 },
    { busId: 3, values: [1, 2, 3], multiplicity: minus(2) },
  ];
  const challenge = (
    contributions: readonly BusContribution[],
    p: number[][] = publics,
    h: number[] = heights,
    d: Uint8Array = digest,
  ) => Array.from(startTranscript(d, h, p, contributions).challengeExt('logup-beta')).join(',');

  it('depends on every contribution field: bus id, each value, multiplicity, count and order', () => {
    const set = (k: number, f: Partial<BusContribution>) =>
      base.map((c, i) => (i === k ? { ...c, ...f } : c));
    const variants: Record<string, BusContribution[]> = {
      none: [],
      'first only': [base[0]],
      'one more': [...base, base[0]],
      reordered: [base[1], base[0]],
      'bus id 0': set(0, { busId: 2 }),
      'bus id 1': set(1, { busId: 4 }),
      'value 0.0': set(0, { values: [8] }),
      'value 1.0': set(1, { values: [0, 2, 3] }),
      'value 1.2': set(1, { values: [1, 2, 4] }),
      'multiplicity 0': set(0, { multiplicity: 2 }),
      'multiplicity 1': set(1, { multiplicity: minus(1) }),
      // The same words with another split between tuples, or between values and multiplicity.
      'values regrouped': [
        { busId: 1, values: [7, 1], multiplicity: 1 },
        { busId: 3, values: [2, 3], multiplicity: minus(2) },
      ],
      'multiplicity as a value': [base[0], { busId: 3, values: [1, 2, 3, minus(2)], multiplicity: 0 }],
    };
    const seen = new Map<string, string>([[challenge(base), 'base']]);
    for (const [name, cs] of Object.entries(variants)) {
      const ch = challenge(cs);
      expect(seen.get(ch), `${name} draws the same challenge as ${seen.get(ch)}`).toBeUndefined();
      seen.set(ch, name);
    }
    // Deterministic: the same statement, built again, draws the same challenge.
    expect(challenge(base.map((x) => ({ ...x, values: [...x.values] })))).toBe(challenge(base));
  });

  it('depends on the key digest, the heights and the public values, and keeps them apart from contributions', () => {
    const ref = challenge(base);
    const d2 = digest.slice();
    d2[31] ^= 1;
    expect(challenge(base, publics, heights, d2)).not.toBe(ref);
    expect(challenge(base, publics, [5, 9])).not.toBe(ref);
    expect(challenge(base, [[37], []])).not.toBe(ref);
    // A public value moved into a contribution's values, or the other way round.
    expect(challenge([], [[36], [1, 7, 1]])).not.toBe(
      challenge([{ busId: 1, values: [7], multiplicity: 1 }], [[36], []]),
    );
  });
});
