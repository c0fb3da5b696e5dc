import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { P } from '../../src/field/babybear.js';
import { grind, powOk, Transcript, TranscriptError, verifyPow } from '../../src/transcript/index.js';

type Op =
  | { kind: 'bytes'; label: string; data: Uint8Array }
  | { kind: 'felts'; label: string; data: number[] }
  | { kind: 'u64'; label: string; value: number }
  | { kind: 'digest'; label: string; data: Uint8Array }
  | { kind: 'draw'; label: string };

const felt = fc.integer({ min: 0, max: P - 1 });
const label = fc.constantFrom('a', 'b', 'root', 'alpha');
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('bytes' as const), label, data: fc.uint8Array({ maxLength: 40 }) }),
  fc.record({ kind: fc.constant('felts' as const), label, data: fc.array(felt, { maxLength: 6 }) }),
  fc.record({ kind: fc.constant('u64' as const), label, value: fc.integer({ min: 0, max: 2 ** 40 }) }),
  fc.record({
    kind: fc.constant('digest' as const),
    label,
    data: fc.uint8Array({ minLength: 32, maxLength: 32 }),
  }),
  fc.record({ kind: fc.constant('draw' as const), label }),
);

/** Replays ops and returns the challenge drawn at each 'draw' plus a final one. */
function run(ops: Op[]): string[] {
  const t = new Transcript('rvstark-test', 1);
  const out: string[] = [];
  for (const o of ops) {
    if (o.kind === 'bytes') t.absorbBytes(o.label, o.data);
    else if (o.kind === 'felts') t.absorbFelts(o.label, o.data);
    else if (o.kind === 'u64') t.absorbU64(o.label, o.value);
    else if (o.kind === 'digest') t.absorbDigest(o.label, o.data);
    else out.push(Array.from(t.challengeExt(o.label)).join(','));
  }
  out.push(Array.from(t.challengeExt('final')).join(','));
  return out;
}

/** Changes the value absorbed by op i (ops that absorb something). */
function mutate(o: Op): Op | null {
  switch (o.kind) {
    case 'bytes':
      return {
        ...o,
        data: o.data.length ? o.data.map((b, i) => (i === 0 ? b ^ 1 : b)) : new Uint8Array([0]),
      };
    case 'felts':
      return { ...o, data: o.data.length ? [(o.data[0] + 1) % P, ...o.data.slice(1)] : [0] };
    case 'u64':
      return { ...o, value: o.value + 1 };
    case 'digest':
      return { ...o, data: o.data.map((b, i) => (i === 31 ? b ^ 0x80 : b)) };
    case 'draw':
      return { ...o, label: `${o.label}'` };
  }
}

describe('transcript', () => {
  it('gives the same challenges for the same history', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 12 }), (ops) => {
        expect(run(ops)).toEqual(run(ops));
      }),
      { numRuns: 100 },
    );
  });

  it('changes every later challenge, and no earlier one, when any absorbed value changes', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 12 }), fc.nat(), (ops, k) => {
        const i = k % ops.length;
        const changed = ops.slice();
        changed[i] = mutate(ops[i])!;
        const a = run(ops);
        const b = run(changed);
        const drawsBefore = ops.slice(0, i).filter((o) => o.kind === 'draw').length;
        for (let j = 0; j < a.length; j++) {
          if (j < drawsBefore) expect(b[j]).toBe(a[j]);
          else expect(b[j]).not.toBe(a[j]);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('encodes items prefix-free: moving a byte between items changes the state', () => {
    const a = new Transcript('x', 1);
    a.absorbBytes('m', new Uint8Array([1, 2]));
    a.absorbBytes('m', new Uint8Array([3]));
    const b = new Transcript('x', 1);
    b.absorbBytes('m', new Uint8Array([1]));
    b.absorbBytes('m', new Uint8Array([2, 3]));
    expect(a.challengeFelt('c')).not.toBe(b.challengeFelt('c'));
    const c = new Transcript('x', 1);
    c.absorbFelts('m', [0x04030201]);
    const d = new Transcript('x', 1);
    d.absorbBytes('m', new Uint8Array([1, 2, 3, 4]));
    expect(c.challengeFelt('c')).not.toBe(d.challengeFelt('c'));
  });

  it('separates protocols and versions', () => {
    const draws = [new Transcript('a', 1), new Transcript('a', 2), new Transcript('b', 1)].map((t) =>
      t.challengeFelt('c'),
    );
    expect(new Set(draws).size).toBe(3);
  });

  it('draws canonical base and extension elements and spreads them over the field', () => {
    const t = new Transcript('x', 1);
    const xs = t.challengeFelts('many', 20000);
    expect(xs.every((x) => Number.isInteger(x) && x >= 0 && x < P)).toBe(true);
    // 16 buckets over [0, p): each should hold ~1/16 of the draws; a biased sampler that mapped
    // 31-bit words mod p would over-fill the bottom buckets by ~6%.
    const buckets = new Array(16).fill(0);
    for (const x of xs) buckets[Math.floor((x / P) * 16)]++;
    for (const b of buckets) expect(Math.abs(b - 1250)).toBeLessThan(200);
    const e = t.challengeExt('z');
    expect(e.length).toBe(4);
  });

  it('draws query indices in range', () => {
    const t = new Transcript('x', 1);
    for (const logN of [0, 1, 5, 20, 31, 32]) {
      for (const i of t.challengeIndices('q', 64, logN)) {
        expect(i).toBeGreaterThanOrEqual(0);
        expect(i).toBeLessThan(2 ** logN);
      }
    }
  });

  it('rejects bad input with typed errors', () => {
    const t = new Transcript('x', 1);
    const kind = (f: () => void) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(TranscriptError);
        return (e as TranscriptError).kind;
      }
      return 'none';
    };
    expect(kind(() => t.absorbFelts('f', [P]))).toBe('non-canonical');
    expect(kind(() => t.absorbFelts('f', [-1]))).toBe('non-canonical');
    expect(kind(() => t.absorbExt('e', [1, 2, 3]))).toBe('bad-length');
    expect(kind(() => t.absorbDigest('d', new Uint8Array(31)))).toBe('bad-length');
    expect(kind(() => t.absorbU64('n', -1))).toBe('bad-value');
    expect(kind(() => t.challengeIndices('q', 3, 33))).toBe('bad-value');
  });
});

describe('proof of work', () => {
  it('verifies the ground nonce, keeps prover and verifier transcripts in step, and rejects others', () => {
    const mk = () => {
      const t = new Transcript('x', 1);
      t.absorbBytes('m', new Uint8Array([9]));
      return t;
    };
    const prover = mk();
    const nonce = grind(prover, 10);
    const verifier = mk();
    verifyPow(verifier, 10, nonce);
    expect(verifier.challengeFelt('after')).toBe(prover.challengeFelt('after'));

    // A nonce for 10 bits is rarely good for many more, and never for a different history.
    const seed = mk().powSeed();
    expect(powOk(seed, nonce, 10)).toBe(true);
    let bad = nonce + 1;
    while (powOk(seed, bad, 10)) bad++;
    expect(() => verifyPow(mk(), 10, bad)).toThrow(/leading zero bits/);
    const other = new Transcript('x', 1);
    other.absorbBytes('m', new Uint8Array([8]));
    expect(Array.from(other.powSeed())).not.toEqual(Array.from(seed));
    expect(() => verifyPow(mk(), 40, 0)).toThrow(TranscriptError);
  });
});
