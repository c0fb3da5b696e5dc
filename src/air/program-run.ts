// Runs a compiled constraint program over a coset: the wasm interpreter on columns that live in
// wasm memory, and its plain-TypeScript twin (point by point, the oracle in tests).
// Both compute out[j][i] = coordinate j of Σ_k α^k·C_k at point i, for i in [start, start+count).

import { add, inv, mul, neg, sub, toMont } from '../field/babybear.js';
import { extMul } from '../field/ext.js';
import { Batch } from '../pool/batch.js';
import { runSteps, type Steps } from '../pool/steps.js';
import type { WasmVec } from '../wasm/memory.js';
import { POp, type Program } from './program.js';

/** Points per interpreter block: 4 KiB per base register keeps a typical program's registers in L2. */
export const EVAL_BLOCK = 1024;

function checkDomain(inputs: readonly { length: number }[], prog: Program, logN: number): void {
  if (inputs.length !== prog.numInputs) {
    throw new RangeError(`program reads ${prog.numInputs} input columns, got ${inputs.length}`);
  }
  for (const c of inputs) {
    if (c.length !== 2 ** logN)
      throw new RangeError(`input column has ${c.length} points, expected 2^${logN}`);
  }
}

/**
 * Evaluates `prog` at every point of a domain of 2^logN points (logN ≥ 2), where the next row
 * of the trace is `stride` points further. `out` is one vector of 4·2^logN words: coordinate j of
 * point i at j·2^logN + i.
 */
export function runProgram(
  prog: Program,
  inputs: readonly WasmVec[],
  logN: number,
  stride: number,
  out: WasmVec,
): void {
  runSteps(runProgramSteps(prog, inputs, logN, stride, out));
}

/** Points per job: 16 interpreter blocks (a job is ≳ 1 ms for any real program). */
const JOB_POINTS = 16 * EVAL_BLOCK;

/** `runProgram` as steps: one batch, a job per range of points, registers in thread scratch. */
export function* runProgramSteps(
  prog: Program,
  inputs: readonly WasmVec[],
  logN: number,
  stride: number,
  out: WasmVec,
): Steps<void> {
  const batch = new Batch();
  addProgramJobs(batch, prog, inputs, logN, stride, out);
  yield batch;
}

/**
 * Appends `runProgram`'s jobs (one per range of points, registers in thread scratch) to `batch`,
 * which may hold other programs' jobs: each job writes only its own points of `out`, so programs
 * with distinct outputs share one batch. The program's code lives in the batch's temporaries.
 */
export function addProgramJobs(
  batch: Batch,
  prog: Program,
  inputs: readonly WasmVec[],
  logN: number,
  stride: number,
  out: WasmVec,
): void {
  checkDomain(inputs, prog, logN);
  const n = 2 ** logN;
  if (out.length !== 4 * n) throw new RangeError(`output has ${out.length} words, expected ${4 * n}`);
  if (logN < 2) throw new RangeError(`domain of 2^${logN} points is below the interpreter's 4-point lanes`);
  const block = Math.min(EVAL_BLOCK, n);
  const baseBytes = Math.ceil((prog.numBaseRegs * block * 4) / 64) * 64;
  const extBytes = prog.numExtRegs * 4 * block * 4;
  const code = batch.tempWords(prog.code);
  const pool = batch.tempWords(prog.pool);
  const table = batch.tempWords(inputs.map((c) => c.ptr));
  batch.needScratch(baseBytes + extBytes + 64);
  // Scratch-relative register files: base registers at +0, extension registers at +baseBytes.
  for (let start = 0; start < n; start += JOB_POINTS) {
    const count = Math.min(JOB_POINTS, n - start);
    batch.job();
    batch.call(
      'evalProgram',
      [code, pool, table, 0, baseBytes, out.ptr, logN, stride, start, count, block],
      (1 << 3) | (1 << 4),
    );
  }
}

function extMul4(x: number[], y: number[]): number[] {
  return Array.from(extMul(Uint32Array.from(x), Uint32Array.from(y)));
}

/** The TypeScript twin of `runProgram`: the same result, point by point, on plain arrays. */
export function runProgramTs(
  prog: Program,
  inputs: readonly Uint32Array[],
  logN: number,
  stride: number,
  out: Uint32Array,
): void {
  checkDomain(inputs, prog, logN);
  const n = 2 ** logN;
  const base: number[] = new Array(prog.numBaseRegs).fill(0);
  const ext: number[][] = Array.from({ length: prog.numExtRegs }, () => [0, 0, 0, 0]);
  const code = prog.code;
  const pool = (k: number, mont: boolean) =>
    Array.from(prog.pool.subarray(8 * k + (mont ? 4 : 0), 8 * k + (mont ? 8 : 4)));
  const std = (k: number) => pool(k, false);
  for (let i = 0; i < n; i++) {
    let acc = [0, 0, 0, 0];
    for (let pc = 0; code[pc] !== POp.End; pc += 4) {
      const [op, d, a, b] = [code[pc], code[pc + 1], code[pc + 2], code[pc + 3]];
      switch (op as POp) {
        case POp.Load:
          base[d] = inputs[a][(i + b * stride) % n];
          break;
        case POp.Const:
          base[d] = a;
          break;
        case POp.Add:
          base[d] = add(base[a], base[b]);
          break;
        case POp.Sub:
          base[d] = sub(base[a], base[b]);
          break;
        case POp.Mul:
          base[d] = mul(base[a], base[b]);
          break;
        case POp.Neg:
          base[d] = neg(base[a]);
          break;
        case POp.MulC:
          base[d] = mul(base[a], fromMont(b));
          break;
        case POp.AddC:
          base[d] = add(base[a], b);
          break;
        case POp.ELoad:
          ext[d] = [0, 1, 2, 3].map((j) => inputs[a + j][(i + b * stride) % n]);
          break;
        case POp.EConst:
          ext[d] = std(a);
          break;
        case POp.EAdd:
          ext[d] = ext[a].map((x, j) => add(x, ext[b][j]));
          break;
        case POp.ESub:
          ext[d] = ext[a].map((x, j) => sub(x, ext[b][j]));
          break;
        case POp.EMul:
          ext[d] = extMul4(ext[a], ext[b]);
          break;
        case POp.ENeg:
          ext[d] = ext[a].map(neg);
          break;
        case POp.EMulB:
          ext[d] = ext[a].map((x) => mul(x, base[b]));
          break;
        case POp.EAddB:
          ext[d] = [add(ext[a][0], base[b]), ext[a][1], ext[a][2], ext[a][3]];
          break;
        case POp.ESubB:
          ext[d] = [sub(ext[a][0], base[b]), ext[a][1], ext[a][2], ext[a][3]];
          break;
        case POp.BSubE:
          ext[d] = [sub(base[a], ext[b][0]), neg(ext[b][1]), neg(ext[b][2]), neg(ext[b][3])];
          break;
        case POp.AccB: {
          const c = std(b);
          acc = acc.map((x, j) => add(x, mul(c[j], base[a])));
          break;
        }
        case POp.AccE: {
          const t = extMul4(std(b), ext[a]);
          acc = acc.map((x, j) => add(x, t[j]));
          break;
        }
        default:
          throw new Error(`bad opcode ${op} at ${pc / 4}`);
      }
    }
    for (let j = 0; j < 4; j++) out[j * n + i] = acc[j];
  }
}

/** 2^−32 mod p, for reading Montgomery-form immediates back in the twin. */
const R_INV = inv(toMont(1));

function fromMont(c: number): number {
  return mul(c, R_INV);
}
