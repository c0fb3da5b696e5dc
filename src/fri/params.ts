// STARK/FRI security parameters and the security level they give. Every proof states its
// parameters, the transcript absorbs them, and prove and verify report the level computed here.
// `securityReport` counts every soundness error of the protocol separately (docs/SECURITY.md
// derives each formula and cites its source): the FRI query phase with its grinding, FRI's
// folding rounds, the DEEP batching, the DEEP/ALI point ζ, the constraint combination α, the LogUp
// challenges and the hash. It gives a conjectured level and a proven one side by side.
// Invariants: a StarkParams object that passed `checkParams` is within the ranges the prover,
// verifier and proof format support; `securityReport` is a pure function of the parameters and
// the proof's shape, and imports nothing (the verifier and the CLI call it).

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
  /**
   * Proof-of-work bits ground after the main-trace commitment, before the LogUp challenges β and
   * γ are drawn (absent = 0). Each bit adds one to the LogUp term, which is otherwise the
   * weakest for large proofs with many bus interactions (docs/SECURITY.md).
   */
  readonly logUpPowBits?: number;
}

export class ParamsError extends Error {
  readonly kind = 'bad-params';
  constructor(message: string) {
    super(message);
    this.name = 'ParamsError';
  }
}

/**
 * The default: blowup 2, 84 queries and 19 bits of grinding before the queries, FRI folding by 4,
 * and 12 bits of grinding before the LogUp challenges. At least 100 conjectured bits, every term
 * counted, for proofs whose tables have up to 2^20 rows and any number of bus interactions the
 * engine accepts (docs/SECURITY.md has the table and the measured costs).
 * - 19 query-phase bits, not SP1's 16: under the random-words refinement of the ethSTARK
 *   conjecture (ePrint 2025/2010) a query at rate 1/2 is worth 0.972 bits, not 1, so 84 queries
 *   and 16 bits give 97.6. Three more bits cost ~22 ms of expected grinding per proof and nothing
 *   else; three more queries would cost 4–5% more proof bytes and 2.5–3.6% more verifying time
 *   (measured, docs/SECURITY.md).
 * - 12 LogUp bits: Σ rows·Σ(arity + 1) over |F_p^4| is 89–94 bits for zkVM proofs, up to the
 *   engine's limit; grinding 12 bits costs 0.6 ms. The prover grinds after the main commitment,
 *   before β, γ; the verifier checks the nonce; the verifying key states the bits.
 * - FRI folds by 4: measured against folding by 2 on a 2^20-row Fibonacci trace, proving 1.8 s
 *   vs 2.1 s, proofs of 229 KiB vs 357 KiB, verifying 6 ms vs 17 ms. Blowup 4 with 50 queries
 *   proved 1.7× slower here (docs/BENCHMARKS.md).
 */
export const DEFAULT_PARAMS: StarkParams = Object.freeze({
  logBlowup: 1,
  numQueries: 84,
  powBits: 19,
  logFoldingArity: 2,
  finalPolyLogDegree: 3,
  logUpPowBits: 12,
});

/**
 * Blowup 4 and 50 queries (RISC Zero's choice): 98.0 conjectured bits from the queries under the
 * random-words refinement, so 4 bits of grinding bring it to 102.0; LogUp grinding as the default.
 */
export const BLOWUP4_PARAMS: StarkParams = Object.freeze({
  logBlowup: 2,
  numQueries: 50,
  powBits: 4,
  logFoldingArity: 1,
  finalPolyLogDegree: 3,
  logUpPowBits: 12,
});

/** Fast and NOT secure (about 15 bits): for tests only, as the name says. */
export const INSECURE_TEST_PARAMS: StarkParams = Object.freeze({
  logBlowup: 1,
  numQueries: 12,
  powBits: 4,
  logFoldingArity: 1,
  finalPolyLogDegree: 2,
});

/** log2 |F_p^4| for BabyBear: 4·log2(15·2^27 + 1) ≈ 123.63. Every challenge is drawn from F_p^4. */
export const EXT_FIELD_BITS = 4 * Math.log2(0x78000001);
/** BLAKE3-256 collision resistance. */
export const HASH_BITS = 128;
/** Points each column is opened at (ζ and ζ·ω): DEEP-ALI's "max combo". */
export const OPENING_POINTS = 2;
/** Largest Johnson proximity parameter m searched (as Plonky3's p3-security and soundcalc do). */
const MAX_LDR_M = 1000;

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
  if (p.logUpPowBits !== undefined) int('logUpPowBits', p.logUpPowBits, 0, 30);
}

// ----- the proof's shape, as the security level needs it

/** What the security level needs to know about one table of a proof. */
export interface TableShape {
  /** log2 of the table's height (rows). */
  readonly logHeight: number;
  /** Highest constraint degree, LogUp constraints included (the quotient's degree bound). */
  readonly maxDegree: number;
  /** Constraints combined by α, LogUp constraints included. */
  readonly numConstraints: number;
  /** The tuple width (bus arity) of each of a row's bus interactions: one entry per interaction. */
  readonly busArities: readonly number[];
  /**
   * Base-field (column, point) pairs this table adds to DEEP's λ-combination:
   * 2·(main + preprocessed + 4·aux extension columns) + 4·quotient chunks.
   */
  readonly openedValues: number;
}

export interface ProofShape {
  readonly tables: readonly TableShape[];
  /** The arity of each tuple the statement itself puts on a bus (each is one more LogUp term). */
  readonly contributionArities?: readonly number[];
}

export type SecurityTermName = 'query' | 'commit' | 'batching' | 'deep' | 'ali' | 'logup' | 'hash';

/** One regime's level: every term in bits (−log2 of its soundness error), and their minimum. */
export interface RegimeLevel {
  /** The smallest term, rounded down to a tenth of a bit. */
  readonly bits: number;
  /** The term that gives `bits`. */
  readonly binding: SecurityTermName;
  /** Each term, rounded down to a tenth of a bit; a term is absent when the proof has no such step. */
  readonly terms: Readonly<Partial<Record<SecurityTermName, number>>>;
}

export interface ProvenLevel extends RegimeLevel {
  /** The better of the two proven analyses. */
  readonly regime: 'unique-decoding' | 'list-decoding';
  /** The Johnson proximity parameter m of the list-decoding analysis, when it is the better. */
  readonly m?: number;
}

export interface SecurityReport {
  /** = conjectured.bits: the level a proof claims. */
  readonly bits: number;
  /** Under the random-words refinement of the ethSTARK conjecture, exceptional challenges counted. */
  readonly conjectured: RegimeLevel;
  /** Proven round-by-round: unique decoding, or the Johnson bound with BCHKS25's proximity gaps. */
  readonly proven: ProvenLevel;
}

// ----- helpers

/** Rounds a number of bits down to a tenth, never below 0. */
function floor1(bits: number): number {
  if (bits === Number.POSITIVE_INFINITY) return bits;
  return Math.max(0, Math.floor(bits * 10 + 1e-9) / 10);
}

/** Bits of an error `count / |F_p^4|`, from log2(count). */
function fieldBits(log2Count: number): number {
  return EXT_FIELD_BITS - log2Count;
}

interface FoldLayer {
  readonly logN: number;
  readonly logArity: number;
  readonly rollIn: boolean;
}

/**
 * FRI's layer schedule for inputs of these LDE log sizes: the same loop as `friShape`
 * (src/fri/shape.ts, which imports this file; a test holds the two equal).
 */
function foldLayers(p: StarkParams, logSizes: readonly number[]): FoldLayer[] {
  const sorted = [...new Set(logSizes)].sort((a, b) => b - a);
  const finalLogDegree = Math.min(p.finalPolyLogDegree, sorted[sorted.length - 1] - p.logBlowup);
  const logFinalN = finalLogDegree + p.logBlowup;
  const layers: FoldLayer[] = [];
  let cur = sorted[0];
  let next = 1;
  while (cur > logFinalN) {
    const stop = next < sorted.length && sorted[next] > logFinalN ? sorted[next] : logFinalN;
    const a = Math.min(p.logFoldingArity, cur - stop);
    layers.push({ logN: cur, logArity: a, rollIn: sorted.includes(cur - a) });
    cur -= a;
    if (cur === stop && next < sorted.length && sorted[next] === stop) next++;
  }
  return layers;
}

function checkShape(shape: ProofShape): void {
  const fail = (m: string) => {
    throw new ParamsError(`security: ${m}`);
  };
  const nat = (v: number, lo: number) => Number.isInteger(v) && v >= lo;
  if (!Array.isArray(shape.tables) || shape.tables.length === 0) fail('a proof has at least one table');
  shape.tables.forEach((t, i) => {
    if (!nat(t.logHeight, 0) || t.logHeight > 30) fail(`table ${i}: log height ${t.logHeight} outside 0..30`);
    if (!nat(t.maxDegree, 1)) fail(`table ${i}: max degree ${t.maxDegree} is not a positive integer`);
    if (!nat(t.numConstraints, 0))
      fail(`table ${i}: constraint count ${t.numConstraints} is not an integer ≥ 0`);
    if (!nat(t.openedValues, 0)) fail(`table ${i}: opened values ${t.openedValues} is not an integer ≥ 0`);
    for (const a of t.busArities)
      if (!nat(a, 1)) fail(`table ${i}: bus arity ${a} is not a positive integer`);
  });
  for (const a of shape.contributionArities ?? [])
    if (!nat(a, 1)) fail(`contribution arity ${a} is not a positive integer`);
}

/** The minimum term, rounded. Terms equal to +∞ (no such step) are dropped. */
function level(raw: Partial<Record<SecurityTermName, number>>): RegimeLevel {
  const terms: Partial<Record<SecurityTermName, number>> = {};
  let binding: SecurityTermName = 'hash';
  let min = Number.POSITIVE_INFINITY;
  for (const [name, v] of Object.entries(raw) as Array<[SecurityTermName, number]>) {
    if (v === Number.POSITIVE_INFINITY) continue;
    const b = floor1(v);
    terms[name] = b;
    if (b < min) {
      min = b;
      binding = name;
    }
  }
  return { bits: min, binding, terms };
}

// ----- the report

/**
 * The soundness of a proof with these parameters and this shape, term by term, under the
 * conjecture and as proven (formulas and sources: docs/SECURITY.md). Every term is −log2 of one
 * error; a level is the smallest term (round-by-round soundness), rounded down to a tenth of a
 * bit. Throws ParamsError for bad parameters or a malformed shape.
 */
export function securityReport(p: StarkParams, shape: ProofShape): SecurityReport {
  checkParams(p);
  checkShape(shape);
  const tables = shape.tables;
  const rho = 2 ** -p.logBlowup;
  const logUpGrind = p.logUpPowBits ?? 0;
  const C = OPENING_POINTS;

  // FRI's layers over the DEEP codewords (one per table height), and each layer's curve degree:
  // folding by A is a degree A − 1 curve in β, and rolling a smaller input in adds β^A.
  const logLde = tables.map((t) => t.logHeight + p.logBlowup);
  const layers = foldLayers(p, logLde).map((l) => ({
    logN: l.logN,
    degree: 2 ** l.logArity - 1 + (l.rollIn ? 1 : 0),
  }));

  // DEEP batching: per height, the number of (column, point) pairs λ combines.
  const batch = new Map<number, number>();
  for (let t = 0; t < tables.length; t++)
    batch.set(logLde[t], (batch.get(logLde[t]) ?? 0) + tables[t].openedValues);

  // Identity degrees at ζ (Haböck 2022/1216 Thm 8): d·(n + C − 1) + (n − 1), largest over tables.
  const log2DeepCount = Math.max(
    ...tables.map((t) => {
      const n = 2 ** t.logHeight;
      return Math.log2(Math.max(1, t.maxDegree * (n + C - 1) + (n - 1)));
    }),
  );
  const log2Constraints = Math.max(...tables.map((t) => Math.log2(Math.max(1, t.numConstraints))));

  // LogUp: Σ over every denominator of (arity + 1) — Schwartz–Zippel on the cleared sum in (β, γ)
  // plus one vanishing denominator (docs/SECURITY.md). Independent of how the interactions are
  // batched into aux columns: a batch's constraint fixes h_G = Σ m_i/d_i unless one of its
  // denominators vanishes (already counted), and its degree in (β, γ) is its arities' sum, so
  // the total is still Σ_j w_j. Hence one arity per interaction, not per column.
  let logUpWeight = 0;
  for (const t of tables) logUpWeight += 2 ** t.logHeight * t.busArities.reduce((s, a) => s + a + 1, 0);
  for (const a of shape.contributionArities ?? []) logUpWeight += a + 1;
  const logUpBits = (log2List: number) =>
    logUpWeight === 0 ? Number.POSITIVE_INFINITY : fieldBits(Math.log2(logUpWeight) + log2List) + logUpGrind;

  // Exceptional-challenge counts shared by the conjectured and unique-decoding analyses:
  // a degree-D curve of words of length N has at most D·(N + 1) bad challenges (BCIKS20's
  // proximity gaps for curves, BCHKS25 Cor 1.4; on the longer domain, as p3-security counts).
  const commitUdr = Math.min(...layers.map((l) => fieldBits(Math.log2(l.degree * (2 ** l.logN + 1)))));
  const batchingUdr = Math.min(
    ...[...batch].map(([logN, b]) =>
      b < 2 ? Number.POSITIVE_INFINITY : fieldBits(Math.log2((b - 1) * (2 ** logN + 1))),
    ),
  );

  // ---- conjectured: random-words query soundness (ePrint 2025/2010 §1.5), list size 1
  const eta = (rho * Math.log2(Math.E / rho)) / EXT_FIELD_BITS;
  const conjectured = level({
    query: p.numQueries * -Math.log2(rho + eta) + p.powBits,
    commit: commitUdr,
    deep: fieldBits(log2DeepCount),
    ali: fieldBits(log2Constraints),
    logup: logUpBits(0),
    hash: HASH_BITS,
  });

  // ---- proven, unique decoding (ePrint 2024/1553 Thm 3): agreement α = (1 + ρ⁺)/2
  const rhoPlus = Math.max(...tables.map((t) => (2 ** t.logHeight + C) / 2 ** (t.logHeight + p.logBlowup)));
  const alphaUdr = (1 + rhoPlus) / 2;
  const udr = level({
    query: rhoPlus < 1 ? p.numQueries * -Math.log2(alphaUdr) + p.powBits : 0,
    commit: commitUdr,
    batching: batchingUdr,
    deep: fieldBits(log2DeepCount),
    ali: fieldBits(log2Constraints),
    logup: logUpBits(0),
    hash: HASH_BITS,
  });

  // ---- proven, list decoding up to the Johnson bound (ePrint 2024/1553 Thm 2 with the
  // commit-phase proximity gaps of BCHKS25, ePrint 2025/2055 Thm 1.5): best m in [3, m_max]
  const minHeight = 2 ** Math.min(...tables.map((t) => t.logHeight));
  const x = 1 / (2 * (Math.sqrt((minHeight + C) / minHeight) - 1));
  const mMax = Math.min(MAX_LDR_M, Number.isInteger(x) ? x - 1 : Math.floor(x));
  const ldrTerms = (m: number) =>
    listDecodingTerms(p, m, tables, layers, batch, log2DeepCount, log2Constraints, logUpBits);
  const ldrMin = (m: number) => Math.min(...(Object.values(ldrTerms(m)) as number[]));
  // The query term grows with m and every other term shrinks (the list size and the proximity-gap
  // count grow), so the minimum is unimodal in m: a ternary search finds the best m.
  let ldr: (RegimeLevel & { m: number }) | null = null;
  if (mMax >= 3) {
    let lo = 3;
    let hi = mMax;
    while (hi - lo > 2) {
      const m1 = lo + Math.floor((hi - lo) / 3);
      const m2 = hi - Math.floor((hi - lo) / 3);
      if (ldrMin(m1) < ldrMin(m2)) lo = m1 + 1;
      else hi = m2;
    }
    for (let m = lo; m <= hi; m++) {
      const lv = level(ldrTerms(m));
      if (ldr === null || lv.bits > ldr.bits) ldr = { ...lv, m };
    }
  }
  const proven: ProvenLevel =
    ldr !== null && ldr.bits > udr.bits
      ? { ...ldr, regime: 'list-decoding' }
      : { ...udr, regime: 'unique-decoding' };

  return { bits: conjectured.bits, conjectured, proven };
}

/** The list-decoding terms at Johnson proximity parameter m (docs/SECURITY.md, "Proven level"). */
function listDecodingTerms(
  p: StarkParams,
  m: number,
  tables: readonly TableShape[],
  layers: ReadonlyArray<{ logN: number; degree: number }>,
  batch: ReadonlyMap<number, number>,
  log2DeepCount: number,
  log2Constraints: number,
  logUpBits: (log2List: number) => number,
): Partial<Record<SecurityTermName, number>> {
  const rho = 2 ** -p.logBlowup;
  const sqrtRho = Math.sqrt(rho);
  const alpha = (1 + 1 / (2 * m)) * sqrtRho; // agreement; proximity γ = 1 − α
  const gamma = 1 - alpha;
  // The DEEP quotients must fit inside the proximity radius: n + C < α·N for every table.
  const fits = tables.every(
    (t) => 2 ** t.logHeight + OPENING_POINTS < alpha * 2 ** (t.logHeight + p.logBlowup),
  );
  if (!fits || alpha >= 1) return { query: 0 };
  const mh = m + 0.5;
  const log2List = Math.log2(mh / sqrtRho); // L⁺ = (m + ½)/√ρ
  // BCHKS25 Thm 1.5: bad challenges on a line of words of length N.
  const line = (logN: number) =>
    ((2 * mh ** 5 + 3 * mh * gamma * rho) * 2 ** logN) / (3 * rho * sqrtRho) + mh / sqrtRho;
  const commit = Math.min(
    ...layers.map((l) =>
      Math.min(
        fieldBits(Math.log2(l.degree * line(l.logN))),
        // the n/|F| bound of ePrint 2024/1553, as p3-security also takes the smaller of the two
        fieldBits(
          Math.log2(l.degree + 1) + Math.log2(2 ** l.logN + 1) + Math.log2(2 * m + 1) - 0.5 * Math.log2(rho),
        ),
      ),
    ),
  );
  const batching = Math.min(
    ...[...batch].map(([logN, b]) =>
      b < 2 ? Number.POSITIVE_INFINITY : fieldBits(Math.log2((b - 1) * line(logN))),
    ),
  );
  return {
    query: p.numQueries * -Math.log2(alpha) + p.powBits,
    commit,
    batching,
    deep: fieldBits(log2DeepCount + log2List),
    ali: fieldBits(log2Constraints + log2List),
    logup: logUpBits(log2List),
    hash: HASH_BITS,
  };
}

// ----- the summary kept for existing callers

export interface SecurityLevel {
  /** The conjectured level: the minimum of every conjectured term. */
  readonly bits: number;
  /** The FRI query phase with its grinding (conjectured). */
  readonly queryBits: number;
  /** The smallest of the terms the extension field bounds: FRI folding, DEEP/ALI, α (conjectured). */
  readonly fieldBits: number;
  readonly hashBits: number;
  /** Every term, conjectured and proven. */
  readonly report: SecurityReport;
}

/**
 * @deprecated Knows only the largest table's height and the highest degree, so it counts no LogUp
 * term and no DEEP batching: use `securityReport` with the proof's shape.
 */
export function securityLevel(p: StarkParams, logMaxHeight: number, maxDegree: number): SecurityLevel {
  const report = securityReport(p, {
    tables: [
      {
        logHeight: logMaxHeight,
        maxDegree: Math.max(1, maxDegree),
        numConstraints: 1,
        busArities: [],
        openedValues: 0,
      },
    ],
  });
  const t = report.conjectured.terms;
  const inf = Number.POSITIVE_INFINITY;
  return {
    bits: report.bits,
    queryBits: t.query ?? 0,
    fieldBits: Math.min(t.commit ?? inf, t.deep ?? inf, t.ali ?? inf),
    hashBits: HASH_BITS,
    report,
  };
}
