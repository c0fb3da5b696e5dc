// The proof object and its byte format (docs/PROOF_FORMAT.md). Every length is derived from the
// AIRs, the parameters and the table heights (which come first), never read from the proof, and
// the reader rejects trailing bytes, non-canonical field elements and impossible counts.

import type { ExtFelt } from '../field/ext.js';
import type { StarkParams } from '../fri/params.js';
import { type FriProof, readFriProof, writeFriProof } from '../fri/proof.js';
import { type FriShape, friShape } from '../fri/shape.js';
import type { MultiOpening } from '../merkle/opening.js';
import { ByteReader, ByteWriter, ProofFormatError } from '../proof/codec.js';
import type { TableOpenings } from './deep.js';
import { TREES, type TreeName, type TreeShape, treeShapes } from './queries.js';
import { checkHeights, type PreparedAir } from './tables.js';

/** 3: batched LogUp columns, so a table's aux openings are 4·(groups + 1) wide. */
export const PROOF_FORMAT_VERSION = 4;

export interface StarkProof {
  readonly logHeights: number[];
  readonly mainRoot: Uint8Array;
  /** Proof-of-work nonce ground before β and γ; null when the parameters ask for none. */
  readonly logUpNonce: number | null;
  readonly auxRoot: Uint8Array | null;
  /** One LogUp total per table with interactions, in table order. */
  readonly totals: ExtFelt[];
  readonly quotientRoot: Uint8Array;
  readonly openings: TableOpenings[];
  readonly fri: FriProof;
  /** Openings of each non-empty trace tree at the FRI query indices. */
  readonly queries: Record<TreeName, MultiOpening | null>;
}

/** Everything the reader derives before reading a length-dependent field. */
export interface ProofShape {
  readonly trees: Record<TreeName, TreeShape>;
  readonly fri: FriShape;
}

export function proofShape(
  prepared: readonly PreparedAir[],
  logHeights: readonly number[],
  params: StarkParams,
): ProofShape {
  const logs = [...new Set(logHeights.map((h) => h + params.logBlowup))];
  return { trees: treeShapes(prepared, logHeights, params.logBlowup), fri: friShape(params, logs) };
}

const OPENING_PARTS = [
  'mainLocal',
  'mainNext',
  'preLocal',
  'preNext',
  'auxLocal',
  'auxNext',
  'quotient',
] as const;

export function writeProof(p: StarkProof): Uint8Array {
  const w = new ByteWriter();
  w.u8(PROOF_FORMAT_VERSION);
  w.u8(p.logHeights.length);
  for (const h of p.logHeights) w.u8(h);
  w.bytes(p.mainRoot);
  if (p.logUpNonce !== null) {
    w.u32(p.logUpNonce >>> 0);
    w.u32(Math.floor(p.logUpNonce / 2 ** 32));
  }
  if (p.auxRoot !== null) w.bytes(p.auxRoot);
  for (const t of p.totals) w.felts(t);
  w.bytes(p.quotientRoot);
  for (const o of p.openings) for (const part of OPENING_PARTS) for (const x of o[part]) w.felts(x);
  writeFriProof(w, p.fri);
  for (const name of TREES) {
    const q = p.queries[name];
    if (q === null) continue;
    for (const r of q.rows) for (const row of r) w.felts(row);
    w.count(q.siblings.length);
    for (const s of q.siblings) w.bytes(s);
  }
  return w.finish();
}

/**
 * The table heights (log2) a proof's header declares, without reading the rest, or null if the
 * header is malformed: lets a caller bound the work a statement will cost before verifying.
 */
export function proofLogHeights(bytes: Uint8Array): number[] | null {
  if (!(bytes instanceof Uint8Array) || bytes.length < 2 || bytes[0] !== PROOF_FORMAT_VERSION) return null;
  const count = bytes[1];
  if (bytes.length < 2 + count) return null;
  return Array.from(bytes.subarray(2, 2 + count));
}

/** Reads a proof for these AIRs and parameters; throws ProofFormatError or StarkError('bad-shape'). */
export function readProof(
  bytes: Uint8Array,
  prepared: readonly PreparedAir[],
  params: StarkParams,
): { proof: StarkProof; shape: ProofShape } {
  const r = new ByteReader(bytes);
  const version = r.u8('version');
  if (version !== PROOF_FORMAT_VERSION) {
    throw new ProofFormatError(
      'bad-version',
      `proof format version ${version}, expected ${PROOF_FORMAT_VERSION}`,
    );
  }
  const count = r.u8('table count');
  if (count !== prepared.length) {
    throw new ProofFormatError('bad-length', `proof has ${count} tables, the AIRs have ${prepared.length}`);
  }
  const logHeights: number[] = [];
  for (let t = 0; t < count; t++) logHeights.push(r.u8(`table ${t} log height`));
  checkHeights(prepared, logHeights);
  const shape = proofShape(prepared, logHeights, params);
  const mainRoot = r.bytes(32, 'main root');
  let logUpNonce: number | null = null;
  if ((params.logUpPowBits ?? 0) > 0) {
    const lo = r.u32('LogUp pow nonce');
    const hi = r.u32('LogUp pow nonce');
    if (hi >= 2 ** 21)
      throw new ProofFormatError('bad-length', `LogUp pow nonce: high word ${hi} is not below 2^21`);
    logUpNonce = hi * 2 ** 32 + lo;
  }
  const withAux = prepared.filter((p) => p.numAux > 0).length;
  const auxRoot = withAux > 0 ? r.bytes(32, 'aux root') : null;
  const totals: ExtFelt[] = [];
  for (let k = 0; k < withAux; k++) totals.push(r.felts(4, 'LogUp total'));
  const quotientRoot = r.bytes(32, 'quotient root');
  const openings: TableOpenings[] = prepared.map((p, t) => {
    const ext = (n: number, what: string) =>
      Array.from({ length: n }, () => r.felts(4, `table ${t} ${what}`));
    return {
      mainLocal: ext(p.mainWidth, 'main opening'),
      mainNext: ext(p.mainWidth, 'main next opening'),
      preLocal: ext(p.preWidth, 'preprocessed opening'),
      preNext: ext(p.preWidth, 'preprocessed next opening'),
      auxLocal: ext(4 * p.numAux, 'aux opening'),
      auxNext: ext(4 * p.numAux, 'aux next opening'),
      quotient: ext(4 * 2 ** p.logChunks, 'quotient opening'),
    };
  });
  const fri = readFriProof(r, shape.fri);
  const queries = {} as Record<TreeName, MultiOpening | null>;
  for (const name of TREES) {
    const s = shape.trees[name];
    if (s.tables.length === 0) {
      queries[name] = null;
      continue;
    }
    const rows: Uint32Array[][] = [];
    for (let q = 0; q < params.numQueries; q++)
      rows.push(s.shapes.map((m, k) => r.felts(m.width, `${name} query ${q} matrix ${k}`)));
    const n = r.count(`${name} sibling count`, 0, params.numQueries * s.logHeight);
    const siblings: Uint8Array[] = [];
    for (let k = 0; k < n; k++) siblings.push(r.bytes(32, `${name} sibling`));
    queries[name] = { rows, siblings };
  }
  r.finish();
  return {
    proof: { logHeights, mainRoot, logUpNonce, auxRoot, totals, quotientRoot, openings, fri, queries },
    shape,
  };
}
