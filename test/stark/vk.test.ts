// The verifying key: plain data made once by setup, a strict versioned codec, a digest the
// transcript absorbs first, and a verifier that needs nothing else. Also the statement checks
// that ride on it: pinned heights, contribution arity, the minimum security level, ζ's domain.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BYTE_BUS, byteTableAir, counterAir, counterTraces } from '../../src/air/examples/counter.js';
import { fibonacciAir, fibonacciTrace } from '../../src/air/examples/fibonacci.js';
import { mimcAir } from '../../src/air/examples/mimc.js';
import type { Air } from '../../src/air/index.js';
import { RowMajorMatrix } from '../../src/air/matrix.js';
import { GENERATOR, mul, P, pow, rootOfUnity } from '../../src/field/babybear.js';
import { extFromBase } from '../../src/field/ext.js';
import { INSECURE_TEST_PARAMS } from '../../src/fri/params.js';
import { ProofFormatError } from '../../src/proof/codec.js';
import { prove, setup } from '../../src/prover/index.js';
import { zetaOutsideDomains } from '../../src/stark/domain.js';
import { StarkError } from '../../src/stark/errors.js';
import {
  decodeVerifyingKey,
  encodeVerifyingKey,
  type VerifyingKey,
  verifyingKeyDigest,
} from '../../src/stark/vk.js';
import { verify } from '../../src/verifier/index.js';

const params = INSECURE_TEST_PARAMS;
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

function counterSetup() {
  const c = counterTraces(Array.from({ length: 32 }, (_, i) => (i * 7) % 256));
  const keys = setup([counterAir, byteTableAir], params);
  const tables = [{ trace: c.counter, publics: c.publics }, { trace: c.bytes }];
  const { proof } = prove(keys.provingKey, tables);
  return { ...keys, proof, publics: [c.publics, []] };
}

function mimcWithConstants(height: number, constants: Uint32Array): Air {
  const base = mimcAir(height);
  return { ...base, preprocessedTrace: () => new RowMajorMatrix(constants, 1) };
}

describe('verifying key', () => {
  const k = counterSetup();

  it('round-trips through its byte encoding, with the same digest, and verifies from the decoded key', () => {
    const bytes = encodeVerifyingKey(k.verifyingKey);
    const back = decodeVerifyingKey(bytes);
    expect(hex(encodeVerifyingKey(back))).toBe(hex(bytes));
    expect(hex(verifyingKeyDigest(back))).toBe(hex(k.provingKey.digest));
    const r = verify(back, { publics: k.publics }, k.proof);
    expect(r).toMatchObject({ ok: true, vkDigest: hex(k.provingKey.digest), heights: [32, 256] });
    if (r.ok) expect(r.params).toEqual({ ...params, logUpPowBits: 0 });
  });

  it('is plain data: setup on the same AIRs gives the same digest, other AIRs or params another', () => {
    const again = setup([counterAir, byteTableAir], params);
    expect(hex(again.provingKey.digest)).toBe(hex(k.provingKey.digest));
    const other = setup([counterAir, byteTableAir], { ...params, numQueries: params.numQueries + 1 });
    expect(hex(other.provingKey.digest)).not.toBe(hex(k.provingKey.digest));
    const swapped = setup([byteTableAir, counterAir], params);
    expect(hex(swapped.provingKey.digest)).not.toBe(hex(k.provingKey.digest));
  });

  it('fixes the fixed columns at setup: mutating them afterwards changes neither key', () => {
    const height = 16;
    const constants = Uint32Array.from({ length: height }, (_, i) => (i * 1234567 + 89) % P);
    const air = mimcWithConstants(height, constants);
    const keys = setup([air], params);
    const before = hex(keys.provingKey.digest);
    const trace = mimcTraceWith(height, 5, constants);
    constants[3] = (constants[3] + 1) % P; // the AIR object now describes another table
    expect(hex(verifyingKeyDigest(keys.verifyingKey))).toBe(before);
    const { proof } = prove(keys.provingKey, [{ trace: trace.trace, publics: trace.publics }]);
    expect(verify(keys.verifyingKey, { publics: [trace.publics] }, proof).ok).toBe(true);
    // A fresh setup of the mutated AIR is another key, under which the proof does not verify.
    const mutated = setup([air], params);
    expect(hex(mutated.provingKey.digest)).not.toBe(before);
    const r = verify(mutated.verifyingKey, { publics: [trace.publics] }, proof);
    expect(r.ok).toBe(false);
  });

  it('a proof for one fixed table does not verify under another table’s key', () => {
    const height = 16;
    const a = Uint32Array.from({ length: height }, (_, i) => (i * 31 + 7) % P);
    const b = a.slice();
    b[9] = (b[9] + 5) % P;
    const ka = setup([mimcWithConstants(height, a)], params);
    const kb = setup([mimcWithConstants(height, b)], params);
    const t = mimcTraceWith(height, 3, a);
    const { proof } = prove(ka.provingKey, [{ trace: t.trace, publics: t.publics }]);
    expect(verify(ka.verifyingKey, { publics: [t.publics] }, proof).ok).toBe(true);
    const r = verify(kb.verifyingKey, { publics: [t.publics] }, proof);
    expect(r.ok).toBe(false);
  });

  it('a proving key whose fixed traces no longer match its verifying key refuses to prove', () => {
    const height = 16;
    const constants = Uint32Array.from({ length: height }, (_, i) => i + 1);
    const keys = setup([mimcWithConstants(height, constants)], params);
    const t = mimcTraceWith(height, 3, constants);
    (keys.provingKey.fixed[0] as RowMajorMatrix).values[0] ^= 1;
    expect(() => prove(keys.provingKey, [{ trace: t.trace, publics: t.publics }])).toThrow(StarkError);
  });

  it('malformed keys fail with a typed error: truncations, trailing bytes, bit flips', () => {
    const bytes = encodeVerifyingKey(k.verifyingKey);
    const typed = (b: Uint8Array) => {
      try {
        decodeVerifyingKey(b);
        return 'accepted';
      } catch (e) {
        if (e instanceof ProofFormatError || e instanceof StarkError) return e.kind;
        throw e;
      }
    };
    for (let n = 0; n < bytes.length; n += Math.max(1, bytes.length >> 6))
      expect(typed(bytes.subarray(0, n))).not.toBe('accepted');
    expect(typed(Uint8Array.from([...bytes, 0]))).toBe('trailing-bytes');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: bytes.length * 8 - 1 }), (bit) => {
        const m = bytes.slice();
        m[bit >> 3] ^= 1 << (bit & 7);
        const kind = typed(m);
        // A flip inside a label or a name can leave a valid key, but then a different digest.
        if (kind === 'accepted')
          expect(hex(verifyingKeyDigest(decodeVerifyingKey(m)))).not.toBe(hex(k.provingKey.digest));
      }),
      { numRuns: 400 },
    );
  });

  it('rejects non-canonical or out-of-range constraint systems as bad-vk', () => {
    const vk = k.verifyingKey;
    const t0 = vk.tables[0];
    const cs = t0.constraints;
    const withCs = (patch: Partial<typeof cs>, table: Partial<typeof t0> = {}): VerifyingKey => ({
      ...vk,
      tables: [{ ...t0, ...table, constraints: { ...cs, ...patch } }, ...vk.tables.slice(1)],
    });
    const kind = (v: VerifyingKey) => {
      const r = verify(v, { publics: k.publics }, k.proof);
      return r.ok ? 'accepted' : r.kind;
    };
    // A node's operand swapped (x+y stored as y+x): not canonical.
    const add = cs.op.findIndex((o, i) => o === 7 && cs.a[i] !== cs.b[i]);
    expect(add).toBeGreaterThan(0);
    const a = cs.a.slice();
    const b = cs.b.slice();
    [a[add], b[add]] = [b[add], a[add]];
    expect(kind(withCs({ a, b }))).toBe('bad-vk');
    // A main cell beyond the width; an interaction on a bus with another arity; an aux node.
    expect(kind(withCs({}, { mainWidth: 1 }))).toBe('bad-vk');
    const its = cs.interactions.map((it) => ({ ...it, values: [...it.values, it.values[0]] }));
    expect(kind(withCs({ interactions: its }))).toBe('bad-vk');
    const op = cs.op.slice();
    op[0] = 11;
    expect(kind(withCs({ op }))).toBe('bad-vk');
    expect(kind({ ...vk, preRoot: null })).toBe('bad-vk');
    expect(kind({ ...vk, params: { ...vk.params, numQueries: 0 } })).toBe('bad-vk');
    // A digest of the exact key is what was checked: the honest key still verifies.
    expect(kind(vk)).toBe('accepted');
  });
});

/** mimcTrace for an arbitrary constants column (the example's trace uses mimcConstants). */
function mimcTraceWith(height: number, input: number, constants: Uint32Array) {
  const t = RowMajorMatrix.zeros(height, 1);
  let x = input;
  for (let i = 0; i < height; i++) {
    t.set(i, 0, x);
    const y = (x + constants[i]) % P;
    x = mul(mul(y, y), y);
  }
  return { trace: t, publics: [input, t.get(height - 1, 0)] };
}

describe('statement', () => {
  it('heights belong to the statement: a pinned or bounded height rejects proofs of other sizes', () => {
    const keys = setup([fibonacciAir], params);
    const proofOf = (n: number) => {
      const f = fibonacciTrace(n);
      return { f, proof: prove(keys.provingKey, [{ trace: f.trace, publics: f.publics }]).proof };
    };
    const small = proofOf(4);
    const big = proofOf(32);
    // Without a pin both verify, and the result says which height was proven.
    expect(verify(keys.verifyingKey, { publics: [small.f.publics] }, small.proof)).toMatchObject({
      ok: true,
      heights: [4],
    });
    expect(verify(keys.verifyingKey, { publics: [big.f.publics] }, big.proof)).toMatchObject({
      ok: true,
      heights: [32],
    });
    // "F_31 with 32 rows": a 4-row proof of F_4 = 3 no longer passes for it.
    expect(verify(keys.verifyingKey, { publics: [big.f.publics], heights: [32] }, big.proof).ok).toBe(true);
    expect(
      verify(keys.verifyingKey, { publics: [small.f.publics], heights: [32] }, small.proof),
    ).toMatchObject({
      ok: false,
      kind: 'height-mismatch',
    });
    expect(
      verify(keys.verifyingKey, { publics: [big.f.publics], heights: [{ max: 16 }] }, big.proof),
    ).toMatchObject({
      ok: false,
      kind: 'height-mismatch',
    });
    expect(
      verify(keys.verifyingKey, { publics: [small.f.publics], heights: [{ min: 8 }] }, small.proof),
    ).toMatchObject({
      ok: false,
      kind: 'height-mismatch',
    });
    expect(verify(keys.verifyingKey, { publics: [big.f.publics], heights: [undefined] }, big.proof).ok).toBe(
      true,
    );
    expect(
      verify(keys.verifyingKey, { publics: [big.f.publics], heights: [32, 32] }, big.proof),
    ).toMatchObject({
      ok: false,
      kind: 'bad-statement',
    });
  });

  it('contributions must match their bus arity: [7] and (7, 0) are different tuples', () => {
    // The counter sends its byte steps to the byte table; the statement adds one tuple itself.
    const steps = Array.from({ length: 32 }, (_, i) => (i * 7) % 256);
    const c = counterTraces(steps);
    const keys = setup([counterAir, byteTableAir], params);
    const tables = [{ trace: c.counter, publics: c.publics }, { trace: c.bytes }];
    expect(() =>
      prove(keys.provingKey, tables, {
        contributions: [{ busId: BYTE_BUS.id, values: [7, 0], multiplicity: 1 }],
      }),
    ).toThrow(/takes 1 values, got 2/);
    const { proof } = prove(keys.provingKey, tables);
    const st = (values: number[], busId = BYTE_BUS.id) => ({
      publics: [c.publics, []],
      contributions: [{ busId, values, multiplicity: 0 }],
    });
    expect(verify(keys.verifyingKey, st([7, 0]), proof)).toMatchObject({ ok: false, kind: 'bad-statement' });
    expect(verify(keys.verifyingKey, st([]), proof)).toMatchObject({ ok: false, kind: 'bad-statement' });
    expect(verify(keys.verifyingKey, st([7], 200), proof)).toMatchObject({
      ok: false,
      kind: 'bad-statement',
    });
    expect(verify(keys.verifyingKey, st([P]), proof)).toMatchObject({ ok: false, kind: 'bad-statement' });
  });

  it('a proof below the caller’s minimum security level is rejected, with the bits it has', () => {
    const k = counterSetup();
    const ok = verify(k.verifyingKey, { publics: k.publics }, k.proof, { minSecurityBits: 10 });
    expect(ok.ok).toBe(true);
    const r = verify(k.verifyingKey, { publics: k.publics }, k.proof, { minSecurityBits: 100 });
    expect(r).toMatchObject({ ok: false, kind: 'insufficient-security' });
    if (!r.ok && ok.ok) expect(r.reason).toContain(`${ok.security.bits} bits`);
  });

  it('zeta outside every trace domain and LDE coset', () => {
    const logN = 5;
    const logBlowup = 1;
    const inH = extFromBase(pow(rootOfUnity(logN), 3));
    const inCoset = extFromBase(mul(GENERATOR, pow(rootOfUnity(logN + logBlowup), 7)));
    expect(zetaOutsideDomains(inH, [logN], logBlowup)).toBe(false);
    expect(zetaOutsideDomains(inCoset, [logN], logBlowup)).toBe(false);
    expect(zetaOutsideDomains(inCoset, [3, logN], logBlowup)).toBe(false);
    expect(zetaOutsideDomains(Uint32Array.of(5, 6, 7, 8), [logN, 3], logBlowup)).toBe(true);
    expect(zetaOutsideDomains(extFromBase(12345), [logN], logBlowup)).toBe(true);
  });

  it('verify never throws on garbage keys, statements or proofs', () => {
    const k = counterSetup();
    const garbage: unknown[] = [null, undefined, 7, 'x', {}, [], { tables: 5 }];
    for (const g of garbage) {
      expect(verify(g as VerifyingKey, { publics: k.publics }, k.proof).ok).toBe(false);
      expect(verify(k.verifyingKey, g as never, k.proof).ok).toBe(false);
      expect(verify(k.verifyingKey, { publics: k.publics }, g as Uint8Array).ok).toBe(false);
      if (g != null && !(Array.isArray(g) && g.length === 0))
        expect(verify(k.verifyingKey, { publics: k.publics, contributions: g as never }, k.proof).ok).toBe(
          false,
        );
    }
    for (const c of [
      [null],
      [{ busId: BYTE_BUS.id }],
      [{ busId: BYTE_BUS.id, values: 'ab', multiplicity: 1 }],
    ])
      expect(
        verify(k.verifyingKey, { publics: k.publics, contributions: c as never }, k.proof),
      ).toMatchObject({
        ok: false,
        kind: 'bad-statement',
      });
  });
});

describe('LogUp grinding', () => {
  it('the prover grinds before beta and gamma; a wrong nonce is rejected as pow', async () => {
    const { readProof, writeProof } = await import('../../src/stark/proof.js');
    const p = { ...params, logUpPowBits: 8 };
    const c = counterTraces(Array.from({ length: 16 }, (_, i) => (i * 3) % 256));
    const keys = setup([counterAir, byteTableAir], p);
    const { proof } = prove(keys.provingKey, [{ trace: c.counter, publics: c.publics }, { trace: c.bytes }]);
    const st = { publics: [c.publics, []] };
    expect(verify(keys.verifyingKey, st, proof).ok).toBe(true);
    const decoded = readProof(proof, keys.provingKey.prepared, keys.verifyingKey.params).proof;
    expect(decoded.logUpNonce).not.toBeNull();
    for (const delta of [1, 2, 1 << 20]) {
      const bad = writeProof({ ...decoded, logUpNonce: (decoded.logUpNonce as number) + delta });
      expect(verify(keys.verifyingKey, st, bad)).toMatchObject({ ok: false, kind: 'pow' });
    }
    // The nonce is absent exactly when the key asks for no grinding.
    const none = setup([counterAir, byteTableAir], params);
    const plain = prove(none.provingKey, [
      { trace: c.counter, publics: c.publics },
      { trace: c.bytes },
    ]).proof;
    expect(readProof(plain, none.provingKey.prepared, none.verifyingKey.params).proof.logUpNonce).toBeNull();
  });
});

describe('prepared verifying key', () => {
  it('verifies like the plain key, from its own copy; a look-alike object is treated as a plain key', async () => {
    const { prepareKey } = await import('../../src/verifier/index.js');
    const k = counterSetup();
    const key = prepareKey(k.verifyingKey);
    const st = { publics: k.publics };
    const plain = verify(k.verifyingKey, st, k.proof);
    const viaPrepared = verify(key, st, k.proof);
    expect(viaPrepared).toEqual(plain);
    // Mutating the caller's key afterwards changes nothing for the prepared one.
    (k.verifyingKey as { params: object }).params = { ...k.verifyingKey.params, numQueries: 3 };
    expect(verify(key, st, k.proof).ok).toBe(true);
    expect(verify(k.verifyingKey, st, k.proof).ok).toBe(false);
    // A hand-made object shaped like a prepared key is not trusted: it is validated as a key.
    const fake = { vk: key.vk, digest: new Uint8Array(32) };
    expect(verify(fake as never, st, k.proof)).toMatchObject({ ok: false, kind: 'bad-vk' });
    // Nothing reachable from the handle changes what it verifies: its vk is a copy for reading.
    (key.vk as { params: object }).params = { ...key.vk.params, numQueries: 1, powBits: 0 };
    key.vk.tables[0].constraints.op[0] = 11;
    key.digest.fill(0);
    expect(verify(key, st, k.proof).ok).toBe(true);
    expect(Object.isFrozen(key)).toBe(true);
  });
});

describe('statement and key edge cases found by review', () => {
  it('a height pin that is not a row count or { min, max } is bad-statement, not ignored', () => {
    const keys = setup([fibonacciAir], params);
    const f = fibonacciTrace(16);
    const { proof } = prove(keys.provingKey, [{ trace: f.trace, publics: f.publics }]);
    for (const pin of ['32', true, { rows: 32 }, { min: '4' }, [32], {}, Number.NaN, -1])
      expect(
        verify(keys.verifyingKey, { publics: [f.publics], heights: [pin as never] }, proof),
      ).toMatchObject({
        ok: false,
        kind: 'bad-statement',
      });
  });

  it('bad verify options are bad-statement: minSecurityBits NaN, null options', () => {
    const keys = setup([fibonacciAir], params);
    const f = fibonacciTrace(16);
    const { proof } = prove(keys.provingKey, [{ trace: f.trace, publics: f.publics }]);
    const st = { publics: [f.publics] };
    expect(verify(keys.verifyingKey, st, proof, { minSecurityBits: Number.NaN })).toMatchObject({
      ok: false,
      kind: 'bad-statement',
    });
    expect(verify(keys.verifyingKey, st, proof, null as never)).toMatchObject({
      ok: false,
      kind: 'bad-statement',
    });
  });

  it('degrees beyond 2^16 are counted, not wrapped: x^(2^17) is refused as bad-air', async () => {
    const { columns } = await import('../../src/air/index.js');
    const layout = columns({ x: 1 });
    const air: Air<typeof layout.spec> = {
      name: 'tower',
      main: layout,
      eval(b) {
        let e = b.local.x;
        for (let i = 0; i < 17; i++) e = e.square();
        b.assertZero(e.sub(b.local.x));
      },
    };
    expect(() => setup([air], params)).toThrow(/degree/);
  });
});
