// The prover's LogUp aux trace, in bulk and in batches (src/pool): each interaction's denominator
// β − fp and signed multiplicity are evaluated over the whole trace by the constraint interpreter
// (one small program per distinct node, all in one batch); then one batch, by range of rows,
// transposes the denominators to extension elements, inverts them (a batch inversion per range:
// inverses are unique, so any split gives the same words), weights and sums them into each
// group's term column h_k = Σ m_j/d_j, adds the groups row by row and runs the row sums' prefix
// sum within the range; the ranges' totals are chained in TS and a last batch adds each range's
// offset. Same output, bit for bit, as the row-by-row oracle src/air/logup-trace.ts.
// Temporaries are bounded: when the evaluated nodes would exceed EVAL_BUDGET bytes, the groups
// are processed in waves, each wave an evaluation batch and a combination batch.

import type { BuiltAir } from '../air/air.js';
import { AirError } from '../air/errors.js';
import { logUpLayout } from '../air/logup.js';
import { compileProgram, type Program } from '../air/program.js';
import { addProgramJobs } from '../air/program-run.js';
import { add, type Felt } from '../field/babybear.js';
import type { ExtFelt } from '../field/ext.js';
import { Batch } from '../pool/batch.js';
import { runSteps, type Steps } from '../pool/steps.js';
import { WasmVec } from '../wasm/memory.js';

export interface AuxColumns {
  /** 4·(G+1) base columns (G groups): coordinate c of aux column k is columns[4k + c]. */
  readonly columns: WasmVec[];
  readonly total: ExtFelt;
}

/** Rows per combination job: 2^13 rows × the chip's interactions (each ≈ 30 ns a row). */
const COMBINE_ROWS = 1 << 13;
/** Words per job of the offset batch (4 constant adds per range of rows). */
const OFFSET_WORDS = 1 << 16;
/** Bytes of evaluated nodes (16 bytes a row each) held at once; beyond, the groups go in waves. */
const EVAL_BUDGET = 1 << 27;

/**
 * `main` and `pre` are the trace-domain columns (n values each); n ≥ 4. Throws AirError if β hits
 * a fingerprint (probability ≈ n·J/|F_p^4|).
 */
export function buildLogUpColumns(
  built: BuiltAir,
  main: readonly WasmVec[],
  pre: readonly WasmVec[],
  publics: readonly Felt[],
  beta: ExtFelt,
  gamma: ExtFelt,
): AuxColumns {
  return runSteps(buildLogUpColumnsSteps(built, main, pre, publics, beta, gamma));
}

/**
 * `buildLogUpColumns` as steps (src/pool/steps.ts): the same columns, however the batches run.
 * `evalBudget` caps the bytes of evaluated nodes held at once (tests lower it to force waves).
 */
export function* buildLogUpColumnsSteps(
  built: BuiltAir,
  main: readonly WasmVec[],
  pre: readonly WasmVec[],
  publics: readonly Felt[],
  beta: ExtFelt,
  gamma: ExtFelt,
  evalBudget: number = EVAL_BUDGET,
): Steps<AuxColumns> {
  const lu = built.logUp;
  const J = built.interactions.length;
  if (lu === undefined || J === 0) return { columns: [], total: new Uint32Array(4) };
  const n = main[0].length;
  const logN = Math.log2(n);
  const { groups } = logUpLayout(built);
  const G = groups.length;
  const rows = Math.min(n, COMBINE_ROWS);
  const ranges = Math.ceil(n / rows);
  // Row selectors on the trace domain itself are 0/1 columns.
  const first = new WasmVec(n);
  const last = new WasmVec(n);
  const transition = new WasmVec(n);
  first.view.fill(0);
  last.view.fill(0);
  transition.view.fill(1);
  first.view[0] = 1;
  last.view[n - 1] = 1;
  transition.view[n - 1] = 0;
  const inputs = [...main, ...pre, first, last, transition];
  const challenges = [beta, gamma, new Uint32Array(4)];
  const programs = new Map<number, Program>();
  const programOf = (node: number): Program => {
    let p = programs.get(node);
    if (p === undefined) {
      const single: BuiltAir = { ...built, constraints: [{ expr: node, index: 0, label: 'logup' }] };
      p = compileProgram(single, { publics, challenges, alpha: Uint32Array.of(1, 0, 0, 0), numAux: 0 });
      programs.set(node, p);
    }
    return p;
  };
  // Per range of rows: a zero-denominator flag, then the 4 coordinates of the range's row total.
  const flags = new WasmVec(ranges);
  const totals = new WasmVec(4 * ranges);
  const columns = Array.from({ length: 4 * (G + 1) }, () => new WasmVec(n));
  const sum = columns.slice(4 * G);
  const nodes = new Map<number, WasmVec>();
  const freeNodes = () => {
    for (const v of nodes.values()) v.free();
    nodes.clear();
  };
  let ok = false;
  try {
    flags.view.fill(0);
    const maxNodes = Math.max(1, Math.floor(evalBudget / (16 * n)));
    for (let g0 = 0; g0 < G; ) {
      // A wave: consecutive groups whose distinct nodes fit the budget (at least one group).
      const wave = new Set<number>();
      let g1 = g0;
      while (g1 < G) {
        const more = new Set(wave);
        for (const j of groups[g1].interactions) more.add(lu.denominators[j]).add(lu.multiplicities[j]);
        if (g1 > g0 && more.size > maxNodes) break;
        for (const x of more) wave.add(x);
        g1++;
      }
      // Evaluation: every node of the wave in one batch (jobs by range of points).
      const evalBatch = new Batch();
      try {
        for (const node of wave) {
          const out = new WasmVec(4 * n);
          nodes.set(node, out);
          addProgramJobs(evalBatch, programOf(node), inputs, logN, 1, out);
        }
      } catch (e) {
        evalBatch.release();
        throw e;
      }
      yield evalBatch;
      // Combination: a job per range of rows, scratch A | B | H of `rows` extension elements.
      const comb = new Batch();
      const A = 0;
      const B = 16 * rows;
      const H = 32 * rows;
      comb.needScratch(48 * rows);
      const lastWave = g1 === G;
      for (let q = 0; q < ranges; q++) {
        const s = q * rows;
        const c = Math.min(rows, n - s);
        comb.job();
        for (let k = g0; k < g1; k++) {
          groups[k].interactions.forEach((j, t) => {
            const den = nodes.get(lu.denominators[j]) as WasmVec;
            // The multiplicity is base-valued: coordinate 0 of its output.
            const mult = (nodes.get(lu.multiplicities[j]) as WasmVec).ptr + 4 * s;
            comb.call('soaToAos', [A, den.ptr, n, s, c], 0b1);
            comb.call('extVecBatchInverseFlag', [B, A, c, flags.ptr + 4 * q], 0b11);
            if (t === 0) comb.call('extVecMulBase', [H, B, mult, c], 0b11);
            else {
              comb.call('extVecMulBase', [B, B, mult, c], 0b11);
              comb.call('vecAdd', [H, H, B, 4 * c], 0b111);
            }
          });
          const col = columns.slice(4 * k, 4 * k + 4).map((v) => v.ptr + 4 * s);
          comb.call('aosToSoa', [...col, H, c], 0b10000);
          for (let cc = 0; cc < 4; cc++) {
            const dst = sum[cc].ptr + 4 * s;
            if (k === 0) comb.call('copyWords', [dst, col[cc], c]);
            else comb.call('vecAdd', [dst, dst, col[cc], c]);
          }
        }
        if (lastWave) {
          for (let cc = 0; cc < 4; cc++)
            comb.call('vecPrefixSum', [sum[cc].ptr + 4 * s, c, totals.ptr + 4 * (4 * q + cc)]);
        }
      }
      yield comb;
      freeNodes();
      if (flags.view.some((f) => f !== 0)) {
        // β hit a fingerprint: probability ≈ n·J/|F_p^4|; the prover restarts with another transcript.
        throw new AirError(
          'bus-unbalanced',
          `chip ${built.name}: LogUp challenge collides with a fingerprint`,
          {
            chip: built.name,
          },
        );
      }
      g0 = g1;
    }
    // The running sum: each range's prefix sums plus the totals of the ranges before it.
    const tv = totals.view;
    const s = [0, 0, 0, 0];
    const offsets = new Uint32Array(4 * ranges);
    for (let q = 0; q < ranges; q++) {
      for (let cc = 0; cc < 4; cc++) {
        offsets[4 * q + cc] = s[cc];
        s[cc] = add(s[cc], tv[4 * q + cc]);
      }
    }
    if (ranges > 1) {
      const shift = new Batch();
      const perJob = Math.max(1, Math.floor(OFFSET_WORDS / (4 * rows)));
      for (let q = 1; q < ranges; q++) {
        if ((q - 1) % perJob === 0) shift.job();
        const st = q * rows;
        const c = Math.min(rows, n - st);
        for (let cc = 0; cc < 4; cc++) {
          const dst = sum[cc].ptr + 4 * st;
          shift.call('vecAddConst', [dst, dst, offsets[4 * q + cc], c]);
        }
      }
      yield shift;
    }
    ok = true;
    return { columns, total: Uint32Array.from(s) };
  } finally {
    freeNodes();
    for (const v of [first, last, transition, flags, totals]) v.free();
    if (!ok) for (const v of columns) v.free();
  }
}
