// The verifying key: plain data that fixes everything a proof is about except its statement —
// the parameters, each table's constraint system (its expression DAG, columns and bus
// interactions, before the engine's LogUp columns) and the preprocessed commitment. Prover and
// verifier both rebuild their constraint systems from this data through `prepareVerifyingKey`,
// so they evaluate the very same object, and its digest is the first thing the transcript absorbs.
// Invariant: a key that `prepareVerifyingKey` accepts is canonical (every node in hash-consed,
// topological form, every reference in range), so one key has exactly one encoding and digest.

import { blake3 } from '@noble/hashes/blake3.js';
import type { BuiltAir, Constraint, Interaction } from '../air/air.js';
import { Bus } from '../air/bus.js';
import { ExprGraph, Op } from '../air/expr.js';
import { P } from '../field/babybear.js';
import { checkParams, type StarkParams } from '../fri/params.js';
import { ByteReader, ByteWriter, ProofFormatError } from '../proof/codec.js';
import { StarkError } from './errors.js';
import { type PreparedAir, prepareBuilt } from './tables.js';

export const VK_MAGIC = 'rvstark-vk';
export const VK_FORMAT_VERSION = 1;

/** One table's constraint system, as data: the chip's DAG, constraints and bus interactions. */
export interface ConstraintSystem {
  /** Node k is (op[k], a[k], b[k]); see src/air/expr.ts for each op's operands. */
  readonly op: Uint8Array;
  readonly a: Uint32Array;
  readonly b: Uint32Array;
  readonly constraints: ReadonlyArray<{ readonly expr: number; readonly label: string }>;
  readonly interactions: ReadonlyArray<{
    readonly busId: number;
    readonly busName: string;
    readonly kind: 'send' | 'receive';
    readonly values: readonly number[];
    readonly multiplicity: number;
    readonly label: string;
  }>;
}

export interface TableKey {
  readonly name: string;
  readonly mainWidth: number;
  readonly preWidth: number;
  readonly numPublicValues: number;
  /** log2 of the preprocessed trace's height (the table's height is pinned to it); 0 without one. */
  readonly preLogHeight: number;
  readonly constraints: ConstraintSystem;
}

export interface VerifyingKey {
  readonly params: StarkParams;
  readonly tables: readonly TableKey[];
  /** Root of the preprocessed commitment over the tables with fixed columns, or null. */
  readonly preRoot: Uint8Array | null;
}

// Bounds the decoder enforces before allocating: far above any real chip, far below memory limits.
const MAX_TABLES = 255;
const MAX_NODES = 1 << 20;
const MAX_WIDTH = 1 << 16;
const MAX_STRING = 1024;

/** A built AIR's constraint system as plain data (copies the DAG arrays). */
export function constraintSystemOf(built: BuiltAir): ConstraintSystem {
  const g = built.graph;
  return {
    op: Uint8Array.from(g.op),
    a: Uint32Array.from(g.a),
    b: Uint32Array.from(g.b),
    constraints: built.constraints.map((c) => ({ expr: c.expr, label: c.label })),
    interactions: built.interactions.map((it) => ({
      busId: it.bus.id,
      busName: it.bus.name,
      kind: it.kind,
      values: it.values.slice(),
      multiplicity: it.multiplicity,
      label: it.label,
    })),
  };
}

const utf8 = new TextEncoder();
const utf8Strict = new TextDecoder('utf-8', { fatal: true });

function writeString(w: ByteWriter, s: string): void {
  const b = utf8.encode(s);
  w.count(b.length);
  w.bytes(b);
}

function readString(r: ByteReader, what: string): string {
  const n = r.count(`${what} length`, 0, MAX_STRING);
  try {
    return utf8Strict.decode(r.bytes(n, what));
  } catch {
    throw new ProofFormatError('non-canonical', `${what} is not valid UTF-8`);
  }
}

/** The parameters as six u32s, in StarkParams order (logUpPowBits absent = 0); unchecked. */
export function writeParams(w: ByteWriter, p: StarkParams): void {
  for (const v of [p.logBlowup, p.numQueries, p.powBits, p.logFoldingArity, p.finalPolyLogDegree]) w.u32(v);
  w.u32(p.logUpPowBits ?? 0);
}

/** Reads what writeParams wrote; the caller runs checkParams. */
export function readParams(r: ByteReader): StarkParams {
  return {
    logBlowup: r.u32('logBlowup'),
    numQueries: r.u32('numQueries'),
    powBits: r.u32('powBits'),
    logFoldingArity: r.u32('logFoldingArity'),
    finalPolyLogDegree: r.u32('finalPolyLogDegree'),
    logUpPowBits: r.u32('logUpPowBits'),
  };
}

/** The canonical byte encoding (docs/PROOF_FORMAT.md, "Verifying key"). */
export function encodeVerifyingKey(vk: VerifyingKey): Uint8Array {
  const w = new ByteWriter();
  w.bytes(utf8.encode(VK_MAGIC));
  w.u32(VK_FORMAT_VERSION);
  writeParams(w, vk.params);
  w.count(vk.tables.length);
  for (const t of vk.tables) {
    writeString(w, t.name);
    w.u32(t.mainWidth);
    w.u32(t.preWidth);
    w.u32(t.numPublicValues);
    w.u32(t.preLogHeight);
    const cs = t.constraints;
    w.count(cs.op.length);
    for (let k = 0; k < cs.op.length; k++) {
      w.u8(cs.op[k]);
      w.u32(cs.a[k]);
      w.u32(cs.b[k]);
    }
    w.count(cs.constraints.length);
    for (const c of cs.constraints) {
      w.u32(c.expr);
      writeString(w, c.label);
    }
    w.count(cs.interactions.length);
    for (const it of cs.interactions) {
      w.u8(it.busId);
      writeString(w, it.busName);
      w.u8(it.kind === 'send' ? 0 : 1);
      w.count(it.values.length);
      for (const v of it.values) w.u32(v);
      w.u32(it.multiplicity);
      writeString(w, it.label);
    }
  }
  w.u8(vk.preRoot === null ? 0 : 1);
  if (vk.preRoot !== null) w.bytes(vk.preRoot);
  return w.finish();
}

/** Reads a verifying key; throws ProofFormatError on malformed bytes, StarkError('bad-vk') on an invalid key. */
export function decodeVerifyingKey(bytes: Uint8Array): VerifyingKey {
  if (!(bytes instanceof Uint8Array)) throw new StarkError('bad-vk', 'verifying key is not a byte array');
  const r = new ByteReader(bytes, 'verifying key');
  const magic = r.bytes(VK_MAGIC.length, 'magic');
  if (new TextDecoder().decode(magic) !== VK_MAGIC)
    throw new ProofFormatError('bad-version', `not a verifying key (magic ${VK_MAGIC} expected)`);
  const version = r.u32('version');
  if (version !== VK_FORMAT_VERSION)
    throw new ProofFormatError(
      'bad-version',
      `verifying key version ${version}, expected ${VK_FORMAT_VERSION}`,
    );
  const params = readParams(r);
  const numTables = r.count('table count', 1, MAX_TABLES);
  const tables: TableKey[] = [];
  for (let t = 0; t < numTables; t++) {
    const name = readString(r, `table ${t} name`);
    const mainWidth = r.count(`table ${t} main width`, 0, MAX_WIDTH);
    const preWidth = r.count(`table ${t} preprocessed width`, 0, MAX_WIDTH);
    const numPublicValues = r.count(`table ${t} public values`, 0, MAX_WIDTH);
    const preLogHeight = r.count(`table ${t} preprocessed log height`, 0, 32);
    const n = r.count(`table ${t} node count`, 0, MAX_NODES);
    const op = new Uint8Array(n);
    const a = new Uint32Array(n);
    const b = new Uint32Array(n);
    for (let k = 0; k < n; k++) {
      op[k] = r.u8('node op');
      a[k] = r.u32('node operand');
      b[k] = r.u32('node operand');
    }
    const nc = r.count(`table ${t} constraint count`, 0, MAX_NODES);
    const constraints = [];
    for (let k = 0; k < nc; k++)
      constraints.push({ expr: r.u32('constraint'), label: readString(r, 'label') });
    const ni = r.count(`table ${t} interaction count`, 0, MAX_NODES);
    const interactions = [];
    for (let k = 0; k < ni; k++) {
      const busId = r.u8('bus id');
      const busName = readString(r, 'bus name');
      const kindByte = r.u8('interaction kind');
      if (kindByte > 1) throw new ProofFormatError('non-canonical', `interaction kind ${kindByte}`);
      const arity = r.count('bus arity', 1, MAX_WIDTH);
      const values: number[] = [];
      for (let v = 0; v < arity; v++) values.push(r.u32('interaction value'));
      const multiplicity = r.u32('interaction multiplicity');
      const label = readString(r, 'label');
      interactions.push({
        busId,
        busName,
        kind: kindByte === 0 ? 'send' : 'receive',
        values,
        multiplicity,
        label,
      } as const);
    }
    tables.push({
      name,
      mainWidth,
      preWidth,
      numPublicValues,
      preLogHeight,
      constraints: { op, a, b, constraints, interactions },
    });
  }
  const hasPre = r.u8('preprocessed flag');
  if (hasPre > 1) throw new ProofFormatError('non-canonical', `preprocessed flag ${hasPre}`);
  const preRoot = hasPre === 1 ? r.bytes(32, 'preprocessed root') : null;
  r.finish();
  const vk: VerifyingKey = { params, tables, preRoot };
  prepareVerifyingKey(vk);
  return vk;
}

/** BLAKE3-256 of the canonical encoding: what the transcript absorbs first and an image id pins. */
export function verifyingKeyDigest(vk: VerifyingKey): Uint8Array {
  return blake3(encodeVerifyingKey(vk));
}

function bad(message: string): never {
  throw new StarkError('bad-vk', message);
}

/**
 * Validates a verifying key and rebuilds each table's constraint system (then its LogUp
 * constraints, degrees and quotient shape). Throws StarkError('bad-vk') naming the first problem.
 * Prover and verifier both get their PreparedAir from here.
 */
export function prepareVerifyingKey(vk: VerifyingKey): PreparedAir[] {
  if (vk === null || typeof vk !== 'object' || !Array.isArray(vk.tables))
    bad('verifying key is not an object');
  try {
    checkParams(vk.params);
  } catch (e) {
    bad(`verifying key parameters: ${(e as Error).message}`);
  }
  if (vk.tables.length < 1 || vk.tables.length > MAX_TABLES) bad(`${vk.tables.length} tables`);
  const names = new Set<string>();
  const buses = new Map<number, Bus>();
  const prepared = vk.tables.map((t, i) => {
    if (typeof t.name !== 'string' || names.has(t.name)) bad(`table ${i}: name missing or repeated`);
    names.add(t.name);
    return prepareBuilt(rebuild(t, buses), t.preLogHeight);
  });
  const withPre = prepared.some((p) => p.preWidth > 0);
  if (withPre !== (vk.preRoot !== null))
    bad('a preprocessed root must be present iff a table has fixed columns');
  if (vk.preRoot !== null && !(vk.preRoot instanceof Uint8Array && vk.preRoot.length === 32))
    bad('preprocessed root is not 32 bytes');
  return prepared;
}

function rebuild(t: TableKey, buses: Map<number, Bus>): BuiltAir {
  const where = `chip ${t.name}`;
  const int = (v: number, lo: number, hi: number, what: string) => {
    if (!Number.isInteger(v) || v < lo || v > hi) bad(`${where}: ${what} = ${v} outside ${lo}..${hi}`);
  };
  int(t.mainWidth, 0, MAX_WIDTH, 'main width');
  int(t.preWidth, 0, MAX_WIDTH, 'preprocessed width');
  int(t.numPublicValues, 0, MAX_WIDTH, 'public values');
  int(t.preLogHeight, 0, 32, 'preprocessed log height');
  if ((t.preWidth === 0) !== (t.preLogHeight === 0))
    bad(`${where}: preprocessed height without columns or columns without height`);
  const cs = t.constraints;
  const n = cs.op.length;
  if (n > MAX_NODES || cs.a.length !== n || cs.b.length !== n)
    bad(`${where}: node arrays of different lengths`);
  const g = new ExprGraph();
  for (let k = 0; k < n; k++) {
    const op = cs.op[k];
    const a = cs.a[k];
    const b = cs.b[k];
    switch (op as Op) {
      case Op.Const:
        if (a >= P || b !== 0) bad(`${where}: node ${k}: constant ${a} is not canonical`);
        break;
      case Op.Main:
        if (a >= t.mainWidth || b > 1) bad(`${where}: node ${k}: main cell (${a}, ${b}) out of range`);
        break;
      case Op.Pre:
        if (a >= t.preWidth || b > 1) bad(`${where}: node ${k}: preprocessed cell (${a}, ${b}) out of range`);
        break;
      case Op.Public:
        if (a >= t.numPublicValues || b !== 0) bad(`${where}: node ${k}: public value ${a} out of range`);
        break;
      case Op.IsFirst:
      case Op.IsLast:
      case Op.IsTransition:
        if (a !== 0 || b !== 0) bad(`${where}: node ${k}: selector with operands`);
        break;
      case Op.Add:
      case Op.Sub:
      case Op.Mul:
        if (a >= k || b >= k) bad(`${where}: node ${k}: operand after the node`);
        break;
      case Op.Neg:
        if (a >= k || b !== 0) bad(`${where}: node ${k}: operand after the node`);
        break;
      default:
        // Aux columns and challenges belong to the engine's LogUp constraints, never to a key.
        bad(`${where}: node ${k}: op ${op} is not allowed in a constraint system`);
    }
    // Canonical form: node() neither reuses an earlier node nor reorders operands.
    if (g.node(op, a, b).id !== k || g.a[k] !== a || g.b[k] !== b)
      bad(`${where}: node ${k} is not in canonical (hash-consed) form`);
  }
  const constraints: Constraint[] = cs.constraints.map((c, index) => {
    if (!Number.isInteger(c.expr) || c.expr < 0 || c.expr >= n)
      bad(`${where}: constraint ${index} refers to no node`);
    if (typeof c.label !== 'string') bad(`${where}: constraint ${index} has no label`);
    return { expr: c.expr, index, label: c.label };
  });
  const interactions: Interaction[] = cs.interactions.map((it, k) => {
    const ref = (v: number) => {
      if (!Number.isInteger(v) || v < 0 || v >= n) bad(`${where}: interaction ${k} refers to no node`);
      return v;
    };
    if (it.kind !== 'send' && it.kind !== 'receive') bad(`${where}: interaction ${k} has kind ${it.kind}`);
    let bus = buses.get(it.busId);
    const named = [...buses.values()].find((x) => x.name === it.busName);
    if (named !== undefined && named.id !== it.busId)
      bad(
        `${where}: interaction ${k}: bus name ${it.busName} is used by bus ${named.id} and bus ${it.busId}`,
      );
    if (bus === undefined) {
      try {
        bus = new Bus(it.busId, it.busName, it.values.length);
      } catch (e) {
        bad(`${where}: interaction ${k}: ${(e as Error).message}`);
      }
      buses.set(it.busId, bus);
    } else if (bus.arity !== it.values.length || bus.name !== it.busName) {
      bad(
        `${where}: interaction ${k} uses bus ${it.busId} as ${it.busName}/${it.values.length}, elsewhere ${bus.name}/${bus.arity}`,
      );
    }
    return {
      bus,
      values: it.values.map(ref),
      multiplicity: ref(it.multiplicity),
      kind: it.kind,
      label: String(it.label),
    };
  });
  return {
    name: t.name,
    graph: g,
    constraints,
    interactions,
    mainWidth: t.mainWidth,
    preWidth: t.preWidth,
    numPublicValues: t.numPublicValues,
  };
}

/** Every bus the key's tables use, by id (all tables agree on each bus's name and arity). */
export function busesOf(prepared: readonly PreparedAir[]): Map<number, Bus> {
  const out = new Map<number, Bus>();
  for (const p of prepared) for (const it of p.built.interactions) out.set(it.bus.id, it.bus);
  return out;
}
