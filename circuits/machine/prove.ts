// The one place circuits/ calls the STARK engine (src/prover, src/verifier), so an engine API
// change is a change here only.

import type { StarkParams } from '../../src/fri/params.js';
import { type Keys, type ProvingKey, prove, setup } from '../../src/prover/index.js';
import { type VerifyingKey, verifyingKeyDigest } from '../../src/stark/vk.js';
import { type VerifyResult, verify } from '../../src/verifier/index.js';
import { imageIdV2 } from './image-id.js';
import type { Machine } from './machine.js';
import { type Claim, claimContributions } from './statement.js';
import type { MachineWitness } from './witness.js';

/** Setup for one program: commits its fixed tables (program, range, registers). */
export function machineKeys(machine: Machine, params: StarkParams): Keys {
  return setup(machine.airs, params);
}

/** The image id of a machine at these parameters (runs setup: commits the fixed tables). */
export function machineImageId(machine: Machine, params: StarkParams): Uint8Array {
  const { verifyingKey } = machineKeys(machine, params);
  return imageIdV2(verifyingKeyDigest(verifyingKey), machine.entry);
}

export function proveMachine(machine: Machine, pk: ProvingKey, w: MachineWitness): Uint8Array {
  return prove(
    pk,
    w.tables.map((t) => ({ air: t.air, trace: t.trace })),
    { contributions: claimContributions(machine, w.claim) },
  ).proof;
}

/** Checks that `proof` shows a run of `machine`'s program with exactly this claim. */
export function verifyMachine(
  machine: Machine,
  vk: VerifyingKey,
  claim: Claim,
  proof: Uint8Array,
): VerifyResult {
  if (!sameBytes(claim.imageId, machine.imageId)) {
    return { ok: false, kind: 'image-id', reason: 'claim image id differs from the program' };
  }
  if (!Number.isInteger(claim.cycles) || claim.cycles < 1 || 4 * (claim.cycles + 1) >= 2 ** 29) {
    return { ok: false, kind: 'claim', reason: `cycles ${claim.cycles} outside 1..2^27 − 2` };
  }
  return verify(
    vk,
    { publics: machine.airs.map(() => []), contributions: claimContributions(machine, claim) },
    proof,
  );
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
