// Tests written against verifier mutations that the other tests let through (issue 7): each case
// here fails on a verifier that skips or weakens one check.
// - The out-of-domain identity must be checked for every table, not just the first: a bad trace
//   in the second or third table of a three-table proof (counter + byte table + MiMC), proven
//   with the honest machinery, is caught by that check and nothing else.
// - Every opened value must enter the transcript before λ (shared by prover and verifier, so
//   dropping one would not break completeness; a value the constraints read is then still caught
//   by the identity at ζ, so only a direct test sees it). Otherwise a prover that knows λ could
//   shift two openings against each other and leave the DEEP combination unchanged.
// - The shape and statement checks of verifyUntilFri name their failure even where the proof
//   reader or the transcript would also have refused the input.
import { describe, expect, it } from 'vitest';
import { byteTableAir, counterAir, counterTraces } from '../../src/air/examples/counter.js';
import { mimcAir, mimcTrace } from '../../src/air/examples/mimc.js';
import type { Air } from '../../src/air/index.js';
import { P } from '../../src/field/babybear.js';
import type { ExtFelt } from '../../src/field/ext.js';
import { INSECURE_TEST_PARAMS } from '../../src/fri/params.js';
import { prove, setup } from '../../src/prover/index.js';
import type { TableOpenings } from '../../src/stark/deep.js';
import { StarkError } from '../../src/stark/errors.js';
import { absorbOpenings } from '../../src/stark/openings.js';
import { readProof, type StarkProof, writeProof } from '../../src/stark/proof.js';
import { Transcript } from '../../src/transcript/transcript.js';
import { verify } from '../../src/verifier/index.js';
import { verifyUntilFri } from '../../src/verifier/verify.js';

const params = INSECURE_TEST_PARAMS;
const COORDS = [0, 1, 2, 3];

interface Table {
  readonly air: Air;
  readonly trace: ReturnType<typeof mimcTrace>['trace'];
  readonly publics: number[];
}

function threeTables(order: 'counter-byte-mimc' | 'mimc-counter-byte'): Table[] {
  const c = counterTraces(Array.from({ length: 32 }, (_, i) => (i * 11) % 256));
  const m = mimcTrace(32, 3);
  const counter = { air: counterAir as Air, trace: c.counter, publics: c.publics };
  const bytes = { air: byteTableAir as Air, trace: c.bytes, publics: [] };
  const mimc = { air: mimcAir(32), trace: m.trace, publics: m.publics };
  return order === 'counter-byte-mimc' ? [counter, bytes, mimc] : [mimc, counter, bytes];
}

function proveAll(tables: readonly Table[]) {
  const keys = setup(
    tables.map((t) => t.air),
    params,
  );
  const proof = prove(keys.provingKey, tables).proof;
  const statement = { publics: tables.map((t) => t.publics) };
  return { keys, proof, statement };
}

/** The StarkError kind and message `f` throws, or 'accepted'. */
function thrown(f: () => unknown): { kind: string; message: string } {
  try {
    f();
  } catch (e) {
    if (e instanceof StarkError) return { kind: e.kind, message: e.message };
    throw e;
  }
  return { kind: 'accepted', message: '' };
}

describe('the out-of-domain check runs for every table', () => {
  it('a bad trace row in the second or the third table, proven honestly, is rejected as ood-mismatch', () => {
    for (const row of [0, 17, 31]) {
      // Third table: MiMC's x, which is on no bus.
      const a = threeTables('counter-byte-mimc');
      a[2].trace.values[row] = (a[2].trace.values[row] + 1) % P;
      const pa = proveAll(a);
      const ra = verify(pa.keys.verifyingKey, pa.statement, pa.proof);
      expect(ra, `mimc row ${row}`).toMatchObject({ ok: false, kind: 'ood-mismatch' });
      if (!ra.ok) expect(ra.reason).toContain('chip mimc');
      // Second table: the counter's running sum x, which is on no bus either.
      const b = threeTables('mimc-counter-byte');
      b[1].trace.set(row, 0, (b[1].trace.get(row, 0) + 1) % P);
      const pb = proveAll(b);
      const rb = verify(pb.keys.verifyingKey, pb.statement, pb.proof);
      expect(rb, `counter row ${row}`).toMatchObject({ ok: false, kind: 'ood-mismatch' });
      if (!rb.ok) expect(rb.reason).toContain('chip counter');
    }
  });

  it('each coordinate of an opening at ζ of any table, changed, fails that table’s identity', () => {
    const tables = threeTables('counter-byte-mimc');
    const { keys, proof, statement } = proveAll(tables);
    expect(verify(keys.verifyingKey, statement, proof).ok).toBe(true);
    const pk = keys.provingKey;
    const names = pk.prepared.map((p) => p.name);
    expect(names).toEqual(['counter', 'byte-table', 'mimc']);
    // The openings enter the transcript only after ζ, so the challenges the identity uses are
    // unchanged: only the changed table can fail it, and it must.
    const parts = ['mainLocal', 'preLocal', 'auxLocal', 'quotient'] as const;
    for (let t = 0; t < 3; t++) {
      for (const part of parts) {
        const n = readProof(proof, pk.prepared, params).proof.openings[t][part].length;
        for (const i of new Set([0, n - 1].filter((i) => i >= 0 && i < n))) {
          for (const c of COORDS) {
            const pr: StarkProof = readProof(proof, pk.prepared, params).proof;
            const x = pr.openings[t][part][i];
            x[c] = (x[c] + 1) % P;
            const what = `table ${t}, ${part}[${i}], coordinate ${c}`;
            const r = thrown(() => verifyUntilFri(pk.prepared, pk.digest, statement.publics, [], pr, params));
            expect(r.kind, what).toBe('ood-mismatch');
            expect(r.message, what).toContain(`chip ${names[t]}:`);
            expect(verify(keys.verifyingKey, statement, writeProof(pr)), what).toMatchObject({
              ok: false,
              kind: 'ood-mismatch',
            });
          }
        }
      }
    }
  });
});

const PARTS = ['mainLocal', 'mainNext', 'preLocal', 'preNext', 'auxLocal', 'auxNext', 'quotient'] as const;

describe('the openings at ζ and ζ·ω', () => {
  it('each coordinate of each opened value of each table changes the challenge drawn after them', () => {
    const { keys, proof } = proveAll(threeTables('counter-byte-mimc'));
    const openings = readProof(proof, keys.provingKey.prepared, params).proof.openings;
    const lambdaAfter = (os: readonly TableOpenings[]) => {
      const t = new Transcript('rvstark-openings-test', 1);
      absorbOpenings(t, os);
      return Array.from(t.challengeExt('deep-lambda')).join(',');
    };
    const copy = () =>
      openings.map((o) =>
        Object.fromEntries(PARTS.map((k) => [k, o[k].map((x) => x.slice())])),
      ) as unknown as {
        [K in (typeof PARTS)[number]]: ExtFelt[];
      }[];
    const seen = new Set([lambdaAfter(openings)]);
    let count = 0;
    for (let t = 0; t < openings.length; t++) {
      for (const part of PARTS) {
        for (let i = 0; i < openings[t][part].length; i++) {
          for (const c of COORDS) {
            const os = copy();
            os[t][part][i][c] = (os[t][part][i][c] + 1) % P;
            const l = lambdaAfter(os);
            expect(seen.has(l), `table ${t}, ${part}[${i}], coordinate ${c}`).toBe(false);
            seen.add(l);
            count++;
          }
        }
      }
    }
    expect(count).toBe(4 * (24 + 24 + 20));
    // A value moved from one part to the next (same words, other boundaries) changes it too.
    const moved = copy();
    moved[0].mainNext = [...moved[0].mainLocal.splice(1), ...moved[0].mainNext];
    expect(seen.has(lambdaAfter(moved))).toBe(false);
  });
});

describe('verifyUntilFri names what is wrong with its inputs', () => {
  const tables = threeTables('counter-byte-mimc');
  const { keys, proof, statement } = proveAll(tables);
  const pk = keys.provingKey;
  const decode = () => readProof(proof, pk.prepared, params).proof;
  const run = (pr: StarkProof, publics: number[][] = statement.publics) =>
    thrown(() => verifyUntilFri(pk.prepared, pk.digest, publics, [], pr, params)).kind;

  it('accepts the honest proof', () => {
    expect(run(decode())).toBe('accepted');
  });

  it('rejects openings of the wrong length for their table as bad-shape', () => {
    for (let t = 0; t < 3; t++) {
      for (const part of PARTS) {
        const more = decode();
        (more.openings[t][part] as ExtFelt[]).push(new Uint32Array(4));
        expect(run(more), `table ${t}, ${part} + 1`).toBe('bad-shape');
        if (decode().openings[t][part].length === 0) continue;
        const fewer = decode();
        (fewer.openings[t][part] as ExtFelt[]).pop();
        expect(run(fewer), `table ${t}, ${part} − 1`).toBe('bad-shape');
      }
    }
  });

  it('rejects a missing aux root, or LogUp totals of the wrong count, as bad-shape', () => {
    const pr = decode();
    expect(pr.totals.length).toBe(2); // counter and byte table; MiMC has no bus
    expect(run({ ...pr, auxRoot: null })).toBe('bad-shape');
    expect(run({ ...pr, auxRoot: null, totals: [] })).toBe('bad-shape');
    expect(run({ ...pr, totals: pr.totals.slice(1) })).toBe('bad-shape');
    expect(run({ ...pr, totals: [...pr.totals, new Uint32Array(4)] })).toBe('bad-shape');
  });

  it('rejects non-canonical or miscounted public values as bad-statement', () => {
    const [counter, , mimc] = statement.publics;
    // p + x is x mod p: accepting it would give one proof two statements.
    expect(run(decode(), [[counter[0] + P], [], mimc])).toBe('bad-statement');
    expect(run(decode(), [counter, [], [mimc[0], mimc[1] + P]])).toBe('bad-statement');
    expect(run(decode(), [counter, [], [mimc[0]]])).toBe('bad-statement');
    expect(run(decode(), [counter, [0], mimc])).toBe('bad-statement');
    expect(run(decode(), [counter, []])).toBe('bad-statement');
    expect(verify(keys.verifyingKey, { publics: [[counter[0] + P], [], mimc] }, proof)).toMatchObject({
      ok: false,
      kind: 'bad-statement',
    });
  });
});
