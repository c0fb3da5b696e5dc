// STARK/FRI security parameters and the conjectured security level they give. Every proof states
// its parameters, the transcript absorbs them, and prove and verify print the level computed here.
// Invariant: a StarkParams object that passed `checkParams` is within the ranges the prover,
// verifier and proof format support.

export interface StarkParams {
  /** log2 of the LDE blowup factor (rate ρ = 2^-logBlowup). */
  readonly logBlowup: number;
  /** FRI query repetitions. */
  readonly numQueries: number;
  /** Proof-of-work bits ground before the queries are drawn. */
  readonly powBits: number;
  /** log2 of the FRI folding arity (1 = fold by 2, 2 = by 4, 3 = by 8). */
  readonly logFoldingArity: number;
  /** FRI stops folding at a polynomial of degree < 2^finalPolyLogDegree, sent in the clear. */
  readonly finalPolyLogDegree: number;
}

export class ParamsError extends Error {
  readonly kind = 'bad-params';
  constructor(message: string) {
    super(message);
    this.name = 'ParamsError';
  }
}

/**
 * The default: blowup 2, 84 queries and 16 bits of grinding (SP1's choice): 84·1 + 16 = 100 bits
 * conjectured, capped by the field term below for very large traces. FRI folds by 4: measured
 * against folding by 2 on a 2^20-row Fibonacci trace, proving 1.8 s vs 2.1 s, proofs of 229 KiB vs
 * 357 KiB, verifying 6 ms vs 17 ms. Blowup 4 with 50 queries proved 1.7× slower here
 * (docs/BENCHMARKS.md).
 */
export const DEFAULT_PARAMS: StarkParams = Object.freeze({
  logBlowup: 1,
  numQueries: 84,
  powBits: 16,
  logFoldingArity: 2,
  finalPolyLogDegree: 3,
});

/** Blowup 4 and 50 queries (RISC Zero's choice), no grinding: 100 bits. */
export const BLOWUP4_PARAMS: StarkParams = Object.freeze({
  logBlowup: 2,
  numQueries: 50,
  powBits: 0,
  logFoldingArity: 1,
  finalPolyLogDegree: 3,
});

/** Fast and NOT secure (about 20 bits): for tests only, as the name says. */
export const INSECURE_TEST_PARAMS: StarkParams = Object.freeze({
  logBlowup: 1,
  numQueries: 12,
  powBits: 4,
  logFoldingArity: 1,
  finalPolyLogDegree: 2,
});

/** log2 |F_p^4| for BabyBear: 4·log2(15·2^27 + 1). */
export const EXT_FIELD_BITS = 4 * Math.log2(0x78000001);
/** BLAKE3-256 collision resistance. */
export const HASH_BITS = 128;

export function checkParams(p: StarkParams): void {
  const int = (name: string, v: number, lo: number, hi: number) => {
    if (!Number.isInteger(v) || v < lo || v > hi)
      throw new ParamsError(`${name} = ${v} is outside ${lo}..${hi}`);
  };
  int('logBlowup', p.logBlowup, 1, 4);
  int('numQueries', p.numQueries, 1, 512);
  int('powBits', p.powBits, 0, 30);
  int('logFoldingArity', p.logFoldingArity, 1, 4);
  int('finalPolyLogDegree', p.finalPolyLogDegree, 0, 10);
}

export interface SecurityLevel {
  /** The level claimed: the minimum of the three terms. */
  readonly bits: number;
  /** numQueries · logBlowup + powBits (the ethSTARK conjecture for FRI with grinding). */
  readonly queryBits: number;
  /** log2|EF| − log2(max trace length · max constraint degree): DEEP/ALI challenge soundness. */
  readonly fieldBits: number;
  readonly hashBits: number;
}

/**
 * Conjectured security of a proof whose largest table has 2^logMaxHeight rows and whose
 * highest constraint degree is `maxDegree`, rounded down to a tenth of a bit.
 */
export function securityLevel(p: StarkParams, logMaxHeight: number, maxDegree: number): SecurityLevel {
  const queryBits = p.numQueries * p.logBlowup + p.powBits;
  const fieldBits = EXT_FIELD_BITS - logMaxHeight - Math.log2(Math.max(1, maxDegree));
  const floor1 = (x: number) => Math.floor(x * 10) / 10;
  return {
    bits: floor1(Math.min(queryBits, fieldBits, HASH_BITS)),
    queryBits,
    fieldBits: floor1(fieldBits),
    hashBits: HASH_BITS,
  };
}
