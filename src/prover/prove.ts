// The STARK prover for a set of tables (one per chip). Its numbered steps mirror
// src/verifier/verify.ts: every value the verifier will use is absorbed into the transcript
// before the challenges that depend on it are drawn.

import { LOGUP_SUM } from '../air/logup.js';
import type { RowMajorMatrix } from '../air/matrix.js';
import { compileProgram, POp, type Program } from '../air/program.js';
import { runProgramSteps } from '../air/program-run.js';
import { type Felt, inv, isCanonical, mul, P, rootOfUnity, sub, toMont } from '../field/babybear.js';
import { type ExtFelt, extAdd, extMul, extMulBase, extSub } from '../field/ext.js';
import { vecAdd } from '../field/vector.js';
import { checkParams } from '../fri/params.js';
import { commitSteps, type MerkleTree } from '../merkle/tree.js';
import { evalColumnsAtExtSteps } from '../poly/evaluate.js';
import { ldeColumnsSteps, ldeFromCoeffsSteps } from '../poly/lde.js';
import { bitReverse, ntt } from '../poly/ntt.js';
import { twiddles } from '../poly/twiddles.js';
import { Batch } from '../pool/batch.js';
import { runSteps, type Steps } from '../pool/steps.js';
import { StarkChannel } from '../stark/channel.js';
import { columnsToWasmSteps } from '../stark/columns.js';
import { forEachDeepTerm, Powers, type TableOpenings } from '../stark/deep.js';
import { LDE_SHIFT, zetaOutsideDomains } from '../stark/domain.js';
import { StarkError } from '../stark/errors.js';
import { commitPreprocessed } from '../stark/preprocessed.js';
import { type BusContribution, checkContributions, startTranscript } from '../stark/statement.js';
import { checkHeights, type PreparedAir } from '../stark/tables.js';
import { busesOf } from '../stark/vk.js';
import type { Transcript } from '../transcript/transcript.js';
import { kernels } from '../wasm/kernels.js';
import { WasmVec } from '../wasm/memory.js';
import { grindFastSteps } from './grind.js';
import { buildLogUpColumnsSteps } from './logup-trace.js';
import { selectorColumnsSteps } from './selectors.js';
import type { ProvingKey } from './setup.js';

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** One table's witness, in the proving key's table order. */
export interface TableWitnessInput {
  readonly trace: RowMajorMatrix;
  readonly publics?: readonly Felt[];
}

/** Everything the prover has committed and opened before FRI: the verifier's view, in order. */
export interface PreFriProof {
  readonly logHeights: number[];
  readonly mainRoot: Uint8Array;
  readonly logUpNonce: number | null;
  readonly auxRoot: Uint8Array | null;
  readonly totals: ExtFelt[];
  readonly quotientRoot: Uint8Array;
  readonly openings: TableOpenings[];
}

/** Prover state kept for FRI and the query phase. */
export interface ProverState {
  readonly proof: PreFriProof;
  readonly transcript: Transcript;
  readonly prepared: PreparedAir[];
  readonly trees: { main: MerkleTree; aux: MerkleTree | null; quotient: MerkleTree; pre: MerkleTree | null };
  /** One DEEP codeword per distinct table height (AoS extension vectors, bit-reversed LDE order). */
  readonly deep: Map<number, WasmVec>;
  /** Milliseconds per step so far (FRI and queries are added by the caller). */
  readonly clock: StepClock;
  free(): void;
}

export function proveUntilFri(
  pk: ProvingKey,
  tables: readonly TableWitnessInput[],
  contributions: readonly BusContribution[] = [],
): ProverState {
  return runSteps(proveUntilFriSteps(pk, tables, contributions));
}

/** Steps 0–5 as steps (src/pool/steps.ts): the kernel work goes out in batches. */
export function* proveUntilFriSteps(
  pk: ProvingKey,
  tables: readonly TableWitnessInput[],
  contributions: readonly BusContribution[] = [],
): Steps<ProverState> {
  // What the body has allocated, freed if it fails anywhere (a batch's job trapped, a helper
  // died, a check threw): a long-lived prover must not leak a proof's memory per failure.
  const undo: (() => void)[] = [];
  try {
    return yield* proveUntilFriBody(pk, tables, contributions, undo);
  } catch (e) {
    for (const f of undo.reverse()) f();
    throw e;
  }
}

function* proveUntilFriBody(
  pk: ProvingKey,
  tables: readonly TableWitnessInput[],
  contributions: readonly BusContribution[],
  undo: (() => void)[],
): Steps<ProverState> {
  const params = pk.verifyingKey.params;
  checkParams(params);
  const prepared = pk.prepared.slice();
  if (tables.length !== prepared.length) {
    throw new StarkError('bad-witness', `expected ${prepared.length} table traces, got ${tables.length}`);
  }
  const logHeights = tables.map((t) => Math.log2(t.trace.height));
  checkHeights(prepared, logHeights);
  checkContributions(busesOf(prepared), contributions);
  const publics = tables.map((t) => t.publics ?? []);
  prepared.forEach((p, t) => {
    const { trace } = tables[t];
    if (trace.width !== p.mainWidth) {
      throw new StarkError(
        'bad-witness',
        `chip ${p.name}: trace has ${trace.width} columns, expected ${p.mainWidth}`,
      );
    }
    for (const v of publics[t]) {
      if (!isCanonical(v))
        throw new StarkError('bad-witness', `chip ${p.name}: public value ${v} is not canonical`);
    }
    if (publics[t].length !== p.built.numPublicValues) {
      throw new StarkError(
        'bad-witness',
        `chip ${p.name}: expected ${p.built.numPublicValues} public values, got ${publics[t].length}`,
      );
    }
  });
  const { logBlowup } = params;
  const owned: WasmVec[] = [];
  const track = <T extends WasmVec | WasmVec[]>(v: T): T => {
    if (Array.isArray(v)) owned.push(...v);
    else owned.push(v);
    return v;
  };
  undo.push(() => {
    for (const v of owned) v.free();
  });

  const clock = new StepClock();
  // 0 ----- statement (the verifying key first) and the preprocessed commitment it holds
  const pre = commitPreprocessed(pk.fixed, logBlowup);
  undo.push(() => pre?.free());
  const vkRoot = pk.verifyingKey.preRoot;
  const root = pre?.root ?? null;
  if (root === null || vkRoot === null ? root !== vkRoot : !bytesEqual(root, vkRoot)) {
    pre?.free();
    throw new StarkError('bad-air', 'the fixed traces do not match the verifying key (proving key altered?)');
  }
  const transcript = startTranscript(pk.digest, logHeights, publics, contributions);
  const channel = new StarkChannel(transcript);

  clock.lap('statement');
  // 1 ----- commit the main traces
  const mainCols: WasmVec[][] = [];
  const mainLde: WasmVec[][] = [];
  for (let t = 0; t < tables.length; t++) {
    const cols = yield* columnsToWasmSteps(tables[t].trace);
    // Canonical values only, checked by a SIMD scan of each column (a TS loop over every cell
    // took ≈ 0.2 s at 2^18 cycles).
    for (let j = 0; j < cols.length; j++) {
      const i = kernels().vecFirstNonCanonical(cols[j].ptr, cols[j].length);
      if (i < 0) continue;
      const v = cols[j].view[i];
      for (const c of cols) c.free();
      for (const o of owned) o.free();
      pre?.free();
      throw new StarkError(
        'bad-witness',
        `chip ${prepared[t].name}: trace value ${v} is not below p (row ${i}, column ${j})`,
      );
    }
    mainCols.push(track(cols));
  }
  for (const c of mainCols) mainLde.push(track(yield* ldeColumnsSteps(c, logBlowup, LDE_SHIFT, 'bitrev')));
  const main = yield* commitSteps(
    mainLde.map((c) => ({ layout: 'columns' as const, columns: c, height: c[0].length })),
  );
  undo.push(() => main.tree.free());
  channel.mainRoot(main.root);
  // Grinding before β, γ: each bit adds one to the LogUp term (docs/SECURITY.md).
  const logUpBits = params.logUpPowBits ?? 0;
  const logUpNonce = logUpBits > 0 ? yield* grindFastSteps(transcript, logUpBits) : null;

  clock.lap('main');
  // 2 ----- LogUp challenges, aux traces and their commitment
  // Soundness error ≈ (Σ rows·interactions)/|F_p^4| for each of β and γ.
  const { beta, gamma } = channel.logUpChallenges();
  const withAux = prepared.flatMap((p, t) => (p.numAux > 0 ? [t] : []));
  const auxCols: WasmVec[][] = prepared.map(() => []);
  const auxLde: WasmVec[][] = prepared.map(() => []);
  const totals: ExtFelt[] = prepared.map(() => new Uint32Array(4));
  for (const t of withAux) {
    const aux = yield* buildLogUpColumnsSteps(
      prepared[t].built,
      mainCols[t],
      pre?.traces[t] ?? [],
      publics[t],
      beta,
      gamma,
    );
    totals[t] = aux.total;
    auxCols[t] = track(aux.columns);
    auxLde[t] = track(yield* ldeColumnsSteps(auxCols[t], logBlowup, LDE_SHIFT, 'bitrev'));
  }
  const aux =
    withAux.length > 0
      ? yield* commitSteps(
          withAux.map((t) => ({
            layout: 'columns' as const,
            columns: auxLde[t],
            height: auxLde[t][0].length,
          })),
        )
      : null;
  undo.push(() => aux?.tree.free());
  channel.aux(
    aux?.root ?? null,
    withAux.map((t) => totals[t]),
  );

  clock.lap('aux');
  // 3 ----- constraint combination and quotient
  // Soundness error ≈ (number of constraints)/|F_p^4| for α.
  const alpha = channel.alpha();
  const quotientCoeffs: WasmVec[][] = [];
  const quotientLde: WasmVec[][] = [];
  for (let t = 0; t < tables.length; t++) {
    const p = prepared[t];
    const logN = logHeights[t];
    const n = 2 ** logN;
    // Evaluate on g·⟨ω_M⟩ with M = n·2^max(q,1) ≥ n·(d − 1) points: enough to determine C/Z_H.
    const logExt = Math.max(p.logChunks, 1);
    const logM = logN + logExt;
    const m = 2 ** logM;
    const prog = compileProgram(p.built, {
      publics: publics[t],
      challenges: [beta, gamma, totals[t]].slice(0, LOGUP_SUM + 1),
      alpha,
      numAux: p.numAux,
    });
    const preCols = pre?.traces[t] ?? [];
    // When the quotient coset is no larger than the committed LDE, it is the LDE's first M
    // points (bit-reversed order puts the subgroup of size M first), so a copy and a bit reversal
    // replace a fresh LDE; measured 1.77 s → see docs/BENCHMARKS.md for fib 2^20.
    // When it is the whole LDE (M = N), the committed columns are bit-reversed in place and
    // back after the evaluation instead of copied: no second copy of the table's LDE is live, so
    // a cold prove touches that many fewer fresh wasm pages (see docs/BENCHMARKS.md).
    const ldes = [...mainLde[t], ...(pre?.ldes[t] ?? []), ...auxLde[t]];
    const inPlace = logExt === logBlowup;
    let onQuotientDomain: WasmVec[];
    if (inPlace) {
      onQuotientDomain = ldes;
      yield bitReverseBatch(ldes, logM);
    } else if (logExt < logBlowup) {
      onQuotientDomain = ldes.map((c) => WasmVec.from(c.view.subarray(0, m)));
      yield bitReverseBatch(onQuotientDomain, logM);
    } else {
      onQuotientDomain = [
        ...(yield* ldeColumnsSteps(mainCols[t], logExt, LDE_SHIFT, 'natural')),
        ...(preCols.length ? yield* ldeColumnsSteps(preCols, logExt, LDE_SHIFT, 'natural') : []),
        ...(auxCols[t].length ? yield* ldeColumnsSteps(auxCols[t], logExt, LDE_SHIFT, 'natural') : []),
      ];
    }
    const sel = yield* selectorColumnsSteps(logN, logM);
    const out = new WasmVec(4 * m);
    yield* runProgramSteps(
      prog,
      [...onQuotientDomain, sel.isFirst, sel.isLast, sel.isTransition],
      logM,
      m / n,
      out,
    );
    if (inPlace) yield bitReverseBatch(onQuotientDomain, logM);
    else for (const v of onQuotientDomain) v.free();
    // Q = C / Z_H per coordinate, then coefficients (cosetIntt's kernels: DIF, bit reversal,
    // shift^−i/M factors), split into chunks of n coefficients: one job per coordinate.
    const chunks = 2 ** p.logChunks;
    const chunksCoeffs: WasmVec[] = [];
    for (let i = 0; i < 4 * chunks; i++) chunksCoeffs.push(track(new WasmVec(n)));
    const fac = new WasmVec(m);
    kernels().powersMont(fac.ptr, m, toMont(inv(m)), toMont(inv(LDE_SHIFT)));
    const twInv = twiddles(logM, true);
    const q = new WasmVec(4 * m);
    const divide = new Batch();
    for (let c = 0; c < 4; c++) {
      const qc = q.ptr + 4 * c * m;
      divide.job();
      divide.call('vecMul', [qc, out.ptr + 4 * c * m, sel.zhInv.ptr, m]);
      divide.call('nttDif', [qc, logM, twInv]);
      divide.call('bitrevPermute', [qc, logM]);
      divide.call('mulMont', [qc, qc, fac.ptr, m]);
      for (let j = 0; j < chunks; j++)
        divide.call('copyWords', [chunksCoeffs[4 * j + c].ptr, qc + 4 * j * n, n]);
    }
    try {
      yield divide;
    } finally {
      q.free();
      fac.free();
      out.free();
      sel.free();
    }
    quotientCoeffs.push(chunksCoeffs);
    quotientLde.push(track(yield* ldeFromCoeffsSteps(chunksCoeffs, logBlowup, LDE_SHIFT, 'bitrev')));
  }
  const quotient = yield* commitSteps(
    quotientLde.map((c) => ({ layout: 'columns' as const, columns: c, height: c[0].length })),
  );
  undo.push(() => quotient.tree.free());
  channel.quotientRoot(quotient.root);
  const free = () => {
    main.tree.free();
    aux?.tree.free();
    quotient.tree.free();
    pre?.free();
    for (const v of owned) v.free();
  };

  clock.lap('quotient');
  // 4 ----- out-of-domain openings
  // Soundness error ≈ (n·max degree)/|F_p^4| for ζ (DEEP-ALI).
  const zeta = channel.zeta();
  if (!zetaOutsideDomains(zeta, logHeights, logBlowup)) {
    free();
    throw new StarkError(
      'bad-challenge',
      'the out-of-domain point fell in a trace domain or LDE coset; prove again',
    );
  }
  const openings: TableOpenings[] = [];
  for (let t = 0; t < tables.length; t++) {
    const logN = logHeights[t];
    const zNext = extMulBase(zeta, rootOfUnity(logN));
    // One barycentric evaluation per point over all of the table's columns, so each point costs
    // one batch inversion; the quotient chunks join at ζ through their values on H (one NTT each).
    const preCols = pre?.traces[t] ?? [];
    const traceCols = [...mainCols[t], ...preCols, ...auxCols[t]];
    const chunkValues = quotientCoeffs[t].map((c) => ntt(WasmVec.from(c.view)));
    const local = yield* evalColumnsAtExtSteps([...traceCols, ...chunkValues], 1, zeta);
    const next = yield* evalColumnsAtExtSteps(traceCols, 1, zNext);
    for (const v of chunkValues) v.free();
    const w = mainCols[t].length;
    const pw = w + preCols.length;
    const aw = pw + auxCols[t].length;
    openings.push({
      mainLocal: local.slice(0, w),
      mainNext: next.slice(0, w),
      preLocal: local.slice(w, pw),
      preNext: next.slice(w, pw),
      auxLocal: local.slice(pw, aw),
      auxNext: next.slice(pw, aw),
      quotient: local.slice(aw),
    });
  }
  channel.openings(openings);

  clock.lap('ood');
  // 5 ----- DEEP codewords, one per table height
  // Soundness error ≈ (number of opened values)/|F_p^4| for λ.
  const lambda = new Powers(channel.deepLambda());
  const deep = new Map<number, WasmVec>();
  undo.push(() => {
    for (const v of deep.values()) v.free();
  });
  const heights = [...new Set(logHeights)].sort((a, b) => b - a);
  for (const h of heights) {
    const group = logHeights.flatMap((lh, t) => (lh === h ? [t] : []));
    const cols: WasmVec[] = [];
    for (const t of group) cols.push(...mainLde[t], ...(pre?.ldes[t] ?? []), ...auxLde[t], ...quotientLde[t]);
    deep.set(h + logBlowup, yield* deepCodeword(group, openings, cols, h, logBlowup, zeta, lambda));
  }

  clock.lap('deep');
  const proof: PreFriProof = {
    logHeights,
    mainRoot: main.root,
    logUpNonce,
    auxRoot: aux?.root ?? null,
    totals: withAux.map((t) => totals[t]),
    quotientRoot: quotient.root,
    openings,
  };
  return {
    proof,
    transcript,
    prepared,
    trees: { main: main.tree, aux: aux?.tree ?? null, quotient: quotient.tree, pre: pre?.tree ?? null },
    deep,
    clock,
    free() {
      free();
      for (const v of deep.values()) v.free();
    },
  };
}

/**
 * F_h over the bit-reversed LDE coset of size 2^(h + logBlowup). The interpreter computes the
 * numerators Σ λ^k·p_k(x) − Σ λ^k·p_k(z) for z = ζ and z = ζω (AccB ops, the constant folded in
 * as an AccB on a register holding 1); the wasm vector kernels divide by (x − z) with two batch
 * inversions and add. Plain TS only builds the point list and transposes.
 */
function* deepCodeword(
  group: readonly number[],
  openings: readonly TableOpenings[],
  cols: readonly WasmVec[],
  logH: number,
  logBlowup: number,
  zeta: ExtFelt,
  lambda: Powers,
): Steps<WasmVec> {
  const logN = logH + logBlowup;
  const N = 2 ** logN;
  const pool: number[] = [];
  const addPool = (x: ExtFelt) => {
    pool.push(...x, ...Array.from(x, toMont));
    return pool.length / 8 - 1;
  };
  const code: number[][] = [[], []];
  const v: ExtFelt[] = [new Uint32Array(4), new Uint32Array(4)];
  forEachDeepTerm(
    group,
    (t) => openings[t],
    (col, value, power, next) => {
      const lp = lambda.get(power);
      const which = next ? 1 : 0;
      code[which].push(POp.Load, 0, col, 0, POp.AccB, 0, 0, addPool(lp));
      v[which] = extAdd(v[which], extMul(lp, value));
    },
  );
  const numerators: WasmVec[] = [];
  const result = new WasmVec(4 * N);
  const temps: WasmVec[] = [];
  const tempVec = (n: number) => {
    const v = new WasmVec(n);
    temps.push(v);
    return v;
  };
  try {
    for (const which of [0, 1]) {
      const minusV = addPool(extSub(new Uint32Array(4), v[which]));
      const prog: Program = {
        code: Uint32Array.from([
          ...code[which],
          POp.Const,
          0,
          1,
          0,
          POp.AccB,
          0,
          0,
          minusV,
          POp.End,
          0,
          0,
          0,
        ]),
        pool: Uint32Array.from(pool),
        numBaseRegs: 1,
        numExtRegs: 1,
        numInputs: cols.length,
      };
      const soa = tempVec(4 * N);
      yield* runProgramSteps(prog, cols, logN, 1, soa);
      const aos = tempVec(4 * N);
      const transpose = new Batch();
      for (let s = 0; s < N; s += DEEP_JOB_POINTS) {
        const c = Math.min(DEEP_JOB_POINTS, N - s);
        transpose.job().call('soaToAos', [aos.ptr + 16 * s, soa.ptr, N, s, c]);
      }
      yield transpose;
      soa.free();
      numerators.push(aos);
    }
    // The LDE points in bit-reversed order, then 1/(x − ζ) and 1/(x − ζω).
    const xs = tempVec(N);
    const xv = xs.view;
    const w = rootOfUnity(logN);
    for (let i = 0, x = LDE_SHIFT; i < N; i++, x = mul(x, w)) xv[i] = x;
    bitReverse(xs);
    const zNext = extMulBase(zeta, rootOfUnity(logH));
    const tmp = tempVec(4 * N);
    const inverses = tempVec(4 * N);
    for (const which of [0, 1]) {
      const z = which === 0 ? zeta : zNext;
      const den = tmp.view;
      const x = xs.view;
      const m1 = sub(0, z[1]);
      const m2 = sub(0, z[2]);
      const m3 = sub(0, z[3]);
      for (let i = 0; i < N; i++) {
        den[4 * i] = sub(x[i], z[0]);
        den[4 * i + 1] = m1;
        den[4 * i + 2] = m2;
        den[4 * i + 3] = m3;
      }
      // Independent batch inversions per range give the same inverses as one over everything.
      const divide = new Batch();
      for (let i = 0; i < N; i += DEEP_JOB_POINTS) {
        const cnt = Math.min(DEEP_JOB_POINTS, N - i);
        divide.job();
        // The kernel needs distinct input and output (x − z ≠ 0: ζ is outside every coset).
        divide.call('extVecBatchInverse', [inverses.ptr + 16 * i, tmp.ptr + 16 * i, cnt]);
        divide.call('extVecMul', [
          numerators[which].ptr + 16 * i,
          numerators[which].ptr + 16 * i,
          inverses.ptr + 16 * i,
          cnt,
        ]);
      }
      yield divide;
    }
    vecAdd(result, numerators[0], numerators[1]);
  } catch (e) {
    result.free();
    throw e;
  } finally {
    for (const x of temps) x.free();
  }
  return result;
}

/** Wall time per named prover step, in order (for the per-phase reports of benchmarks). */
export class StepClock {
  readonly ms: Record<string, number> = {};
  private last = performance.now();

  lap(step: string): void {
    const t = performance.now();
    this.ms[step] = (this.ms[step] ?? 0) + (t - this.last);
    this.last = t;
  }
}

/** Points per DEEP division job. */
const DEEP_JOB_POINTS = 1 << 15;

/** In-place bit reversal of each column, one job per column. */
function bitReverseBatch(cols: readonly WasmVec[], logM: number): Batch {
  const b = new Batch();
  for (const c of cols) b.job().call('bitrevPermute', [c.ptr, logM]);
  return b;
}
