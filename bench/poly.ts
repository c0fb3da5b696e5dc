// Polynomial-layer benchmarks: one NTT of 2^16 and 2^20 points, and the LDE of 64 columns of
// 2^16 points with blowup 2, each beside its plain-TS twin (`.ts` rows, ratio computed by the
// harness), plus noble's generic bigint FFT on 2^16 points for scale (ratio against wasm here).

import { FFT, rootsOfUnity } from '@noble/curves/abstract/fft.js';
import { Field } from '@noble/curves/abstract/modular.js';
import { GENERATOR, P } from '../src/field/babybear.js';
import { ldeColumns } from '../src/poly/lde.js';
import { intt, ntt } from '../src/poly/ntt.js';
import { ldeTs, nttTs } from '../src/poly/reference.js';
import { WasmVec } from '../src/wasm/memory.js';
import type { BenchCase, BenchOptions } from './harness.js';

function randomFelts(n: number, seed: number): Uint32Array {
  const out = new Uint32Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    out[i] = (s >>> 0) % P;
  }
  return out;
}

const perElem = (n: number) => (ms: number) => ({ ns_per_elem: Number(((ms * 1e6) / n).toFixed(2)) });

/** wasm NTT (natural → bit-reversed, the prover's order) and its TS twin on the same data. */
function nttCases(logN: number, natural: boolean): BenchCase[] {
  const n = 1 << logN;
  const name = `ntt.2^${logN}${natural ? '.nn' : ''}`;
  const out: 'natural' | 'bitrev' = natural ? 'natural' : 'bitrev';
  let v: WasmVec | null = null;
  let a: Uint32Array | null = null;
  return [
    {
      name,
      setup: () => {
        v = WasmVec.from(randomFelts(n, logN));
        ntt(v, 'natural', out); // builds the twiddle table outside the timing
      },
      fn: () => ntt(v!, 'natural', out),
      teardown: () => v?.free(),
      extra: (ms) => {
        wasmMs.set(name, ms);
        return perElem(n)(ms);
      },
    },
    {
      name: `${name}.ts`,
      setup: () => {
        a = randomFelts(n, logN);
      },
      fn: () => nttTs(a!, 'natural', out),
      extra: perElem(n),
      minSamples: 3,
    },
  ];
}

/** Medians of wasm rows in this run, for ratios against rows that are not `.ts` twins. */
const wasmMs = new Map<string, number>();

function nobleCase(logN: number): BenchCase {
  const n = 1 << logN;
  const Fp = Field(BigInt(P));
  const fft = FFT<bigint>(rootsOfUnity(Fp, BigInt(GENERATOR)), {
    add: (x, y) => Fp.add(x, y),
    sub: (x, y) => Fp.sub(x, y),
    mul: (x, y) => Fp.mul(x, y),
    inv: (x) => Fp.inv(x),
  });
  let big: bigint[] = [];
  return {
    name: `ntt.2^${logN}.noble`,
    setup: () => {
      big = Array.from(randomFelts(n, logN), BigInt);
    },
    // Natural in, bit-reversed out: the same work as the wasm row (noble's DIF without brp).
    fn: () => fft.direct(big, false, true),
    extra: (ms) => {
      const w = wasmMs.get(`ntt.2^${logN}`);
      return { ...perElem(n)(ms), ...(w ? { ratio_vs_wasm: Number((ms / w).toFixed(1)) } : {}) };
    },
    minSamples: 2,
  };
}

function ldeCases(width: number, logn: number, logB: number): BenchCase[] {
  const n = 1 << logn;
  const name = `lde.${width}x2^${logn}.b${1 << logB}`;
  const outElems = width * (n << logB);
  let cols: WasmVec[] = [];
  let ts: Uint32Array[] = [];
  const run = (order: 'natural' | 'bitrev') => () => {
    for (const v of ldeColumns(cols, logB, GENERATOR, order)) v.free();
  };
  const setup = () => {
    cols = Array.from({ length: width }, (_, j) => WasmVec.from(randomFelts(n, 100 + j)));
    run('natural')();
  };
  const teardown = () => {
    for (const v of cols) v.free();
  };
  return [
    { name, setup, fn: run('natural'), teardown, extra: perElem(outElems) },
    {
      name: `${name}.ts`,
      setup: () => {
        ts = Array.from({ length: width }, (_, j) => randomFelts(n, 100 + j));
      },
      fn: () => ts.map((c) => ldeTs(c, logB)),
      extra: perElem(outElems),
      minSamples: 2,
    },
    { name: `${name}.bitrev`, setup, fn: run('bitrev'), teardown, extra: perElem(outElems) },
  ];
}

function inttCase(logN: number): BenchCase {
  const n = 1 << logN;
  let v: WasmVec | null = null;
  return {
    name: `intt.2^${logN}`,
    setup: () => {
      v = WasmVec.from(randomFelts(n, logN));
      intt(v, 'bitrev', 'natural');
    },
    fn: () => intt(v!, 'bitrev', 'natural'),
    teardown: () => v?.free(),
    extra: perElem(n),
  };
}

export function cases(_opts: BenchOptions): BenchCase[] {
  return [
    ...nttCases(16, false),
    nobleCase(16),
    ...nttCases(20, false),
    ...nttCases(20, true),
    inttCase(20),
    ...ldeCases(64, 16, 1),
  ];
}
