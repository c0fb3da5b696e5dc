// verifyReceipt: checks a receipt without the ELF (verify-image.ts), or against an ELF: then the
// receipt's key must be exactly the key setup builds for that ELF at the receipt's parameters.
// The ELF check runs setup (it commits the fixed tables), so it lives here, apart from the
// image-id path that `rvstark/verify` ships. Never throws: every failure is { ok: false, kind, reason }.

import { buildMachine, imageIdV2, type Machine, machineKeys } from '../../circuits/machine/index.js';
import { type VerifyingKey, verifyingKeyDigest } from '../stark/vk.js';
import { loadElf } from '../vm/index.js';
import { presetOf } from './presets.js';
import type { Receipt } from './receipt.js';
import {
  type ExpectedImageClaim,
  hex,
  Reject,
  same,
  type VerifyReceiptResult,
  verifyReceiptWith,
} from './verify-image.js';

export type { VerifyReceiptFailure, VerifyReceiptResult } from './verify-image.js';

export interface ExpectedClaim extends ExpectedImageClaim {
  /** The ELF the receipt must be for: its key is rebuilt by setup and the digests compared. */
  readonly elf?: Uint8Array;
}

export function verifyReceipt(receiptBytes: Uint8Array, expected: ExpectedClaim = {}): VerifyReceiptResult {
  return verifyReceiptWith(receiptBytes, expected, checkElf);
}

/** The receipt's key must be exactly the key setup builds for this ELF at the receipt's parameters. */
function checkElf(elf: Uint8Array, r: Receipt, vk: VerifyingKey, digest: Uint8Array): void {
  let machine: Machine;
  try {
    machine = buildMachine(loadElf(elf));
  } catch (e) {
    throw new Reject('bad-expected', `the ELF: ${(e as Error).message}`);
  }
  const keys = machineKeys(machine, vk.params);
  const elfDigest = verifyingKeyDigest(keys.verifyingKey);
  if (machine.entry !== r.entry || !same(elfDigest, digest)) {
    const elfId = imageIdV2(elfDigest, machine.entry);
    throw new Reject(
      'image-id-mismatch',
      `the receipt is for image ${hex(r.claim.imageId)}, the ELF's image id at the ${presetOf(vk.params)} preset is ${hex(elfId)}`,
    );
  }
}
