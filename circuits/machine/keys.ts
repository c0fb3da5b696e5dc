// The machine's verifying key without the program. A receipt carries what a verifier cannot
// rebuild from its own circuits code: the parameters, the preprocessed root and the log heights
// of the two tables whose fixed columns depend on the program (program: the code; image: the
// initial memory). Every chip's constraint system comes from this code, never from a receipt.
//
// The constraint systems are taken from a machine built for a placeholder program. That is
// sound because the program and image AIRs' `eval` reads only fixed and main columns, never the
// program's content (circuits/program/air.ts, circuits/image/air.ts); the content enters only
// through their fixed columns, i.e. through the preprocessed root. The code-gaps table
// (circuits/code-ranges) is program-dependent too, but its height is a constant (8 rows), so the
// placeholder's height is every program's and its content enters only through the preprocessed
// root: no new key data. test/zkvm/keys.test.ts checks
// that the key rebuilt from a real program's data equals setup's key for that program.

import { buildAir } from '../../src/air/index.js';
import { checkParams, type StarkParams } from '../../src/fri/params.js';
import { MAX_LOG_HEIGHT } from '../../src/stark/tables.js';
import { constraintSystemOf, type TableKey, type VerifyingKey } from '../../src/stark/vk.js';
import type { Program } from '../../src/vm/index.js';
import { MIN_TABLE_LOG_ROWS } from '../gadgets/height.js';
import { buildMachine } from './machine.js';

/** The tables whose fixed columns (and so fixed heights) depend on the program. */
export const PROGRAM_TABLE = 'program';
export const IMAGE_TABLE = 'image';
/** Smallest log height of a fixed table (tables are padded to ≥ 8 rows: gadgets/height.ts). */
export const MIN_FIXED_LOG_HEIGHT = MIN_TABLE_LOG_ROWS;
export const MAX_FIXED_LOG_HEIGHT = MAX_LOG_HEIGHT;

/** What a receipt carries so that a verifier can rebuild the machine's verifying key. */
export interface MachineKeyData {
  readonly params: StarkParams;
  /** Root of the preprocessed commitment (every fixed table: program, image, range, ...). */
  readonly preRoot: Uint8Array;
  readonly programLogHeight: number;
  readonly imageLogHeight: number;
}

export class MachineKeyError extends Error {
  readonly kind = 'bad-key-data';
  constructor(message: string) {
    super(message);
    this.name = 'MachineKeyError';
  }
}

/** The data of a machine key made by setup (the inverse of `rebuildMachineKey`). */
export function machineKeyData(vk: VerifyingKey): MachineKeyData {
  const h = (name: string) => {
    const t = vk.tables.find((x) => x.name === name);
    if (t === undefined) throw new MachineKeyError(`the key has no ${name} table`);
    return t.preLogHeight;
  };
  if (vk.preRoot === null) throw new MachineKeyError('the key has no preprocessed root');
  return {
    params: { ...vk.params, logUpPowBits: vk.params.logUpPowBits ?? 0 },
    preRoot: vk.preRoot.slice(),
    programLogHeight: h(PROGRAM_TABLE),
    imageLogHeight: h(IMAGE_TABLE),
  };
}

// One code word (ECALL) at 0x10000: any program gives the same constraint systems.
const PLACEHOLDER: Program = {
  entry: 0x10000,
  segments: [{ vaddr: 0x10000, memsz: 4, data: Uint8Array.of(0x73, 0, 0, 0), flags: 5 }],
};

let template: readonly TableKey[] | undefined;

/** Every table's key from this code, with the placeholder's heights for program and image. */
function machineTemplate(): readonly TableKey[] {
  if (template !== undefined) return template;
  template = buildMachine(PLACEHOLDER).airs.map((air) => {
    const built = buildAir(air);
    let preLogHeight = 0;
    if (built.preWidth > 0 && air.name !== PROGRAM_TABLE && air.name !== IMAGE_TABLE) {
      const m = air.preprocessedTrace?.();
      if (m === undefined) throw new MachineKeyError(`chip ${air.name} has no fixed trace`);
      preLogHeight = Math.log2(m.height);
    }
    return {
      name: air.name,
      mainWidth: built.mainWidth,
      preWidth: built.preWidth,
      numPublicValues: built.numPublicValues,
      preLogHeight,
      constraints: constraintSystemOf(built),
    };
  });
  return template;
}

/**
 * The machine's verifying key from this code's constraint systems and a receipt's data.
 * Throws MachineKeyError on data out of range.
 */
export function rebuildMachineKey(data: MachineKeyData): VerifyingKey {
  try {
    checkParams(data.params);
  } catch (e) {
    throw new MachineKeyError(`parameters: ${(e as Error).message}`);
  }
  if (!(data.preRoot instanceof Uint8Array) || data.preRoot.length !== 32)
    throw new MachineKeyError('preprocessed root is not 32 bytes');
  for (const [what, h] of [
    ['program', data.programLogHeight],
    ['image', data.imageLogHeight],
  ] as const) {
    if (!Number.isInteger(h) || h < MIN_FIXED_LOG_HEIGHT || h > MAX_FIXED_LOG_HEIGHT)
      throw new MachineKeyError(
        `${what} table log height ${h} outside ${MIN_FIXED_LOG_HEIGHT}..${MAX_FIXED_LOG_HEIGHT}`,
      );
  }
  // Copies, so that a caller mutating the key cannot change the cached template.
  const tables = machineTemplate().map((t) => ({
    ...t,
    preLogHeight:
      t.name === PROGRAM_TABLE
        ? data.programLogHeight
        : t.name === IMAGE_TABLE
          ? data.imageLogHeight
          : t.preLogHeight,
    constraints: {
      ...t.constraints,
      op: t.constraints.op.slice(),
      a: t.constraints.a.slice(),
      b: t.constraints.b.slice(),
    },
  }));
  return {
    params: { ...data.params, logUpPowBits: data.params.logUpPowBits ?? 0 },
    tables,
    preRoot: data.preRoot.slice(),
  };
}
