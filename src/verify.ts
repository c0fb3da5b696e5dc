// `rvstark/verify`: the verifier alone, for Node and any browser page. It checks receipts against
// an image id (never an ELF: that runs setup) and proofs against a verifying key. Invariant: no
// import reaches the prover, wasm, shared memory, a worker or a Node built-in (test/verify-entry.test.ts).

export { imageIdV2 } from '../circuits/machine/image-id.js';
export { type MachineKeyData, rebuildMachineKey } from '../circuits/machine/keys.js';
export type { Claim } from '../circuits/machine/statement.js';
export type { SecurityReport, StarkParams } from './fri/params.js';
export {
  decodeVerifyingKey,
  encodeVerifyingKey,
  type VerifyingKey,
  verifyingKeyDigest,
} from './stark/vk.js';
export {
  type BusContribution,
  type HeightPin,
  type PreparedVerifyingKey,
  prepareKey,
  type Statement,
  type VerifyOptions,
  type VerifyResult,
  verify,
} from './verifier/index.js';
export { VERSION } from './version.js';
export { ReceiptError, type ReceiptErrorKind } from './zkvm/errors.js';
export { DEFAULT_MIN_SECURITY_BITS, PRESETS, type PresetName, presetOf } from './zkvm/presets.js';
export {
  decodeReceipt,
  encodeReceipt,
  RECEIPT_MAGIC,
  RECEIPT_VERSION,
  type Receipt,
} from './zkvm/receipt.js';
export {
  type ExpectedImageClaim as ExpectedClaim,
  type VerifyReceiptFailure,
  type VerifyReceiptResult,
  verifyImageReceipt as verifyReceipt,
} from './zkvm/verify-image.js';
