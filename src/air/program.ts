// Compiles an AIR's constraints into a flat program for bulk evaluation over a coset: the
// prover's quotient step runs it block by block (a few hundred points at a time) in the wasm
// interpreter `kernels/eval.ts`, whose dispatch cost is amortised over the block, instead of
// calling a closure per row. The program computes acc = Σ_k α^k · C_k(x) over the constraints.
// Invariant: every register is written before it is read, and is reused only after its last use.

import { type Felt, neg, toMont } from '../field/babybear.js';
import { extMul } from '../field/ext.js';
import type { BuiltAir } from './air.js';
import { isArithmetic, Op } from './expr.js';

/** Program opcodes. Each instruction is 4 words: op, dst, a, b. */
export enum POp {
  End = 0,
  /** base[dst] ← input[a] at row offset b (0 = this row, 1 = next row). */
  Load = 1,
  /** base[dst] ← constant a (standard form). */
  Const = 2,
  Add = 3,
  Sub = 4,
  Mul = 5,
  /** base[dst] ← −base[a]. */
  Neg = 6,
  /** base[dst] ← base[a] · c, with c = a constant in Montgomery form in word b. */
  MulC = 7,
  /** base[dst] ← base[a] + b (b a standard-form constant). */
  AddC = 8,
  /** ext[dst] ← the four inputs a..a+3 at row offset b. */
  ELoad = 10,
  /** ext[dst] ← pool[a] (standard form). */
  EConst = 11,
  EAdd = 12,
  ESub = 13,
  EMul = 14,
  ENeg = 15,
  /** ext[dst] ← ext[a] · base[b]. */
  EMulB = 16,
  /** ext[dst] ← ext[a] + base[b]. */
  EAddB = 17,
  /** ext[dst] ← ext[a] − base[b]. */
  ESubB = 18,
  /** ext[dst] ← base[a] − ext[b]. */
  BSubE = 19,
  /** acc += poolMont[b] · base[a]. */
  AccB = 20,
  /** acc += poolMont[b] · ext[a]. */
  AccE = 21,
}

export interface Program {
  /** Instructions, 4 words each, ending with End. */
  readonly code: Uint32Array;
  /** Extension constants, 8 words each: standard form (4), then Montgomery form (4). */
  readonly pool: Uint32Array;
  readonly numBaseRegs: number;
  readonly numExtRegs: number;
  /** Number of input columns the program reads: see `inputIndex`. */
  readonly numInputs: number;
}

/**
 * Input columns, in order: main columns, preprocessed columns, the 4 coordinate columns of each
 * aux column, then the three selectors (first row, last row, transition).
 */
export function inputIndex(built: BuiltAir, numAux: number) {
  const pre = built.mainWidth;
  const aux = pre + built.preWidth;
  const sel = aux + 4 * numAux;
  return { main: 0, pre, aux, isFirst: sel, isLast: sel + 1, isTransition: sel + 2, count: sel + 3 };
}

export interface Bindings {
  readonly publics: readonly Felt[];
  /** Extension challenges, 4 words each, indexed by Op.Challenge's a. */
  readonly challenges: readonly Uint32Array[];
  /** The constraint-combination challenge α (4 words). */
  readonly alpha: Uint32Array;
  readonly numAux: number;
}

export function compileProgram(built: BuiltAir, bind: Bindings): Program {
  const g = built.graph;
  const idx = inputIndex(built, bind.numAux);
  const n = g.size;

  // Which nodes are ext-valued, which are needed, and where each is last used.
  const isExt = new Uint8Array(n);
  const needed = new Uint8Array(n);
  const lastUse = new Int32Array(n).fill(-1);
  for (let id = 0; id < n; id++) {
    const op = g.op[id];
    if (op === Op.Aux || op === Op.Challenge) isExt[id] = 1;
    else if (isArithmetic(op)) isExt[id] = isExt[g.a[id]] | (op === Op.Neg ? 0 : isExt[g.b[id]]);
  }
  const roots = built.constraints.map((c) => c.expr);
  for (const r of roots) needed[r] = 1;
  for (let id = n - 1; id >= 0; id--) {
    if (!needed[id] || !isArithmetic(g.op[id])) continue;
    needed[g.a[id]] = 1;
    if (g.op[id] !== Op.Neg) needed[g.b[id]] = 1;
  }
  // Roots are consumed by the accumulation, which runs right after the node is computed.
  for (let id = 0; id < n; id++) {
    if (!needed[id] || !isArithmetic(g.op[id])) continue;
    lastUse[g.a[id]] = id;
    if (g.op[id] !== Op.Neg) lastUse[g.b[id]] = id;
  }
  const rootAt = new Map<number, number[]>();
  roots.forEach((r, k) => {
    const list = rootAt.get(r) ?? [];
    list.push(k);
    rootAt.set(r, list);
    lastUse[r] = Math.max(lastUse[r], r);
  });

  const code: number[] = [];
  const pool: number[] = [];
  const poolIndex = (v: Uint32Array) => {
    const i = pool.length / 8;
    pool.push(...v, ...Array.from(v, toMont));
    return i;
  };

  const freeBase: number[] = [];
  const freeExt: number[] = [];
  let numBase = 0;
  let numExt = 0;
  const reg = new Int32Array(n).fill(-1);
  const allocReg = (ext: boolean) => {
    if (ext) return freeExt.pop() ?? numExt++;
    return freeBase.pop() ?? numBase++;
  };
  const emit = (op: POp, dst: number, a: number, b: number) => code.push(op, dst, a, b);
  const constOf = (id: number): Felt | undefined => {
    if (g.op[id] === Op.Const) return g.a[id];
    if (g.op[id] === Op.Public) return bind.publics[g.a[id]];
    return undefined;
  };

  /**
   * Registers of an instruction's operands, then frees those that die here (last use, or a
   * constant materialised just for this instruction) before the result is allocated, so the
   * result may overwrite an operand: every interpreter op reads a point's operands before it
   * writes that point's result.
   */
  const operands = (ids: number[], at: number): number[] => {
    const temps: number[] = [];
    const regs = ids.map((id) => {
      if (reg[id] >= 0) return reg[id];
      const c = constOf(id);
      if (c === undefined) throw new Error(`node ${id} used before it is computed`);
      const r = allocReg(false);
      emit(POp.Const, r, c, 0);
      temps.push(r);
      return r;
    });
    for (const r of temps) freeBase.push(r);
    for (const id of new Set(ids)) {
      if (reg[id] >= 0 && lastUse[id] === at) {
        (isExt[id] ? freeExt : freeBase).push(reg[id]);
        reg[id] = -1;
      }
    }
    return regs;
  };

  // α^k for each constraint k.
  const alphaPow: number[] = [];
  let ap: Uint32Array = Uint32Array.from([1, 0, 0, 0]);
  for (let k = 0; k < roots.length; k++) {
    alphaPow.push(poolIndex(ap));
    ap = extMul(ap, bind.alpha);
  }

  for (let id = 0; id < n; id++) {
    if (!needed[id]) continue;
    const op = g.op[id] as Op;
    const a = g.a[id];
    const b = g.b[id];
    if (op === Op.Const || op === Op.Public) {
      // Constants stay immediates; a constraint that is itself a constant is materialised.
      if (rootAt.has(id)) {
        reg[id] = allocReg(false);
        emit(POp.Const, reg[id], constOf(id) as Felt, 0);
      }
    } else if (
      op === Op.Main ||
      op === Op.Pre ||
      op === Op.IsFirst ||
      op === Op.IsLast ||
      op === Op.IsTransition
    ) {
      const input =
        op === Op.Main
          ? idx.main + a
          : op === Op.Pre
            ? idx.pre + a
            : op === Op.IsFirst
              ? idx.isFirst
              : op === Op.IsLast
                ? idx.isLast
                : idx.isTransition;
      reg[id] = allocReg(false);
      emit(POp.Load, reg[id], input, op === Op.Main || op === Op.Pre ? b : 0);
    } else if (op === Op.Aux) {
      reg[id] = allocReg(true);
      emit(POp.ELoad, reg[id], idx.aux + 4 * a, b);
    } else if (op === Op.Challenge) {
      reg[id] = allocReg(true);
      emit(POp.EConst, reg[id], poolIndex(bind.challenges[a]), 0);
    } else if (!isExt[id]) {
      // Base-field arithmetic, with a constant operand folded into an immediate where possible.
      const ca = constOf(a);
      const cb = op === Op.Neg ? undefined : constOf(b);
      if (op === Op.Mul && (ca !== undefined || cb !== undefined)) {
        const [x, c] = ca !== undefined ? [b, ca] : [a, cb as Felt];
        const [rx] = operands([x], id);
        reg[id] = allocReg(false);
        emit(POp.MulC, reg[id], rx, toMont(c));
      } else if (
        (op === Op.Add && (ca !== undefined || cb !== undefined)) ||
        (op === Op.Sub && cb !== undefined)
      ) {
        const [x, c] = op === Op.Sub ? [a, neg(cb as Felt)] : ca !== undefined ? [b, ca] : [a, cb as Felt];
        const [rx] = operands([x], id);
        reg[id] = allocReg(false);
        emit(POp.AddC, reg[id], rx, c);
      } else if (op === Op.Neg) {
        const [rx] = operands([a], id);
        reg[id] = allocReg(false);
        emit(POp.Neg, reg[id], rx, 0);
      } else {
        const [ra, rb] = operands([a, b], id);
        reg[id] = allocReg(false);
        emit(op === Op.Add ? POp.Add : op === Op.Sub ? POp.Sub : POp.Mul, reg[id], ra, rb);
      }
    } else if (op === Op.Neg) {
      const [ra] = operands([a], id);
      reg[id] = allocReg(true);
      emit(POp.ENeg, reg[id], ra, 0);
    } else {
      // Extension arithmetic; at least one operand is ext.
      const ea = isExt[a] === 1;
      const eb = isExt[b] === 1;
      const [ra, rb] = operands([a, b], id);
      reg[id] = allocReg(true);
      if (ea && eb) emit(op === Op.Add ? POp.EAdd : op === Op.Sub ? POp.ESub : POp.EMul, reg[id], ra, rb);
      else if (ea) emit(op === Op.Add ? POp.EAddB : op === Op.Sub ? POp.ESubB : POp.EMulB, reg[id], ra, rb);
      else if (op === Op.Sub) emit(POp.BSubE, reg[id], ra, rb);
      else emit(op === Op.Add ? POp.EAddB : POp.EMulB, reg[id], rb, ra);
    }
    for (const k of rootAt.get(id) ?? []) emit(isExt[id] ? POp.AccE : POp.AccB, 0, reg[id], alphaPow[k]);
    if (lastUse[id] <= id && reg[id] >= 0) {
      (isExt[id] ? freeExt : freeBase).push(reg[id]);
      reg[id] = -1;
    }
  }
  emit(POp.End, 0, 0, 0);
  return {
    code: Uint32Array.from(code),
    pool: Uint32Array.from(pool),
    numBaseRegs: Math.max(1, numBase),
    numExtRegs: Math.max(1, numExt),
    numInputs: idx.count,
  };
}
