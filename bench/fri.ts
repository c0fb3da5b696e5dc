// FRI benchmarks: one layer fold of the largest codeword (2^21 extension points: a 2^20-row trace
// at blowup 2) by arity 2 and 8, wasm kernel and TS twin (`.ts`), and a whole FRI proof and its
// verification at default parameters without grinding, for arities 2, 4 and 8. Extra: ns_per_point (per input point).

import { GENERATOR, P } from '../src/field/babybear.js';
import { invHalfTable } from '../src/fri/domain.js';
import { foldLayerTs } from '../src/fri/fold.js';
import { foldLayerWasm } from '../src/fri/fold-wasm.js';
import { DEFAULT_PARAMS } from '../src/fri/params.js';
import { encodeFriProof, type FriProof } from '../src/fri/proof.js';
import { proveFri } from '../src/fri/prover.js';
import { friShape } from '../src/fri/shape.js';
import { verifyFri } from '../src/fri/verifier.js';
import { ldeColumns } from '../src/poly/lde.js';
import { Transcript } from '../src/transcript/transcript.js';
import { WasmVec } from '../src/wasm/memory.js';
import type { BenchCase, BenchOptions } from './harness.js';
import { round } from './harness.js';

function random(words: number, seed: number): Uint32Array {
  let s = seed >>> 0;
  const out = new Uint32Array(words);
  for (let i = 0; i < words; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s % P;
  }
  return out;
}

/** Bit-reversed values on g·H of a random extension polynomial of degree < 2^logH. */
function lowDegree(logH: number, logB: number): Uint32Array {
  const cols = [0, 1, 2, 3].map((c) => WasmVec.from(random(2 ** logH, 10 + c)));
  const ldes = ldeColumns(cols, logB, GENERATOR, 'bitrev');
  const N = 2 ** (logH + logB);
  const out = new Uint32Array(4 * N);
  for (let c = 0; c < 4; c++) {
    const v = ldes[c].view;
    for (let i = 0; i < N; i++) out[4 * i + c] = v[i];
  }
  for (const v of [...cols, ...ldes]) v.free();
  return out;
}

function foldCases(logN: number, a: number): BenchCase[] {
  const name = `fri.fold${2 ** a}.2^${logN}`;
  const beta = random(4, 7);
  const perPoint = (ms: number) => ({ ns_per_point: round((ms * 1e6) / 2 ** logN, 3) });
  let vecs: WasmVec[] = [];
  let wt: WasmVec[] = [];
  let src: Uint32Array = new Uint32Array(0);
  let dst: Uint32Array = new Uint32Array(0);
  let tmp: Uint32Array = new Uint32Array(0);
  let tables: Uint32Array[] = [];
  return [
    {
      name,
      setup: () => {
        vecs = [WasmVec.from(random(4 * 2 ** logN, 1)), new WasmVec((4 * 2 ** logN) / 2 ** a)];
        vecs.push(new WasmVec(2 * 2 ** logN));
        wt = [];
        for (let l = logN; l > logN - a; l--) wt[l] = WasmVec.from(invHalfTable(logN, l));
      },
      fn: () => foldLayerWasm(vecs[1], vecs[0], logN, a, beta, wt, vecs[2]),
      teardown: () => {
        for (const v of [...vecs, ...wt.filter((x) => x !== undefined)]) v.free();
        vecs = [];
        wt = [];
      },
      extra: perPoint,
    },
    {
      name: `${name}.ts`,
      setup: () => {
        src = random(4 * 2 ** logN, 1);
        dst = new Uint32Array(src.length / 2 ** a);
        tmp = new Uint32Array(2 * 2 ** logN);
        tables = [];
        for (let l = logN; l > logN - a; l--) tables[l] = invHalfTable(logN, l);
      },
      fn: () => foldLayerTs(dst, src, logN, a, beta, tables, tmp),
      extra: perPoint,
    },
  ];
}

function proveCases(logH: number, logArity: number): BenchCase[] {
  const params = { ...DEFAULT_PARAMS, powBits: 0, logFoldingArity: logArity };
  const logN = logH + params.logBlowup;
  let input: WasmVec | null = null;
  let proof: FriProof | null = null;
  const shape = friShape(params, [logN]);
  const t = () => new Transcript('rvstark-fri-bench', 1);
  const inputAt = (_q: number, i: number) => {
    const v = (input as WasmVec).view;
    return new Map([[logN, v.subarray(4 * i, 4 * i + 4)]]);
  };
  const ensure = () => {
    if (input === null) input = WasmVec.from(lowDegree(logH, params.logBlowup));
    if (proof === null) proof = proveFri(t(), params, [input]).proof;
  };
  return [
    {
      name: `fri.prove${2 ** logArity}.2^${logN}`,
      setup: ensure,
      fn: () => {
        proof = proveFri(t(), params, [input as WasmVec]).proof;
      },
      extra: () => ({ proof_bytes: proof === null ? 0 : encodeFriProof(proof).length }),
      minSamples: 3,
    },
    {
      name: `fri.verify${2 ** logArity}.2^${logN}`,
      setup: ensure,
      fn: () => verifyFri(t(), shape, proof as FriProof, inputAt),
      teardown: () => {
        input?.free();
        input = null;
        proof = null;
      },
    },
  ];
}

export function cases(opts: BenchOptions): BenchCase[] {
  const logN = opts.quick ? 18 : 21;
  return [
    ...foldCases(logN, 1),
    ...foldCases(logN, 3),
    ...proveCases(logN - 1, 1),
    ...proveCases(logN - 1, 2),
    ...proveCases(logN - 1, 3),
  ];
}
