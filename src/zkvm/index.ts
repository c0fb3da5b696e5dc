// The zkVM library: prove a run of an ELF into a receipt, verify a receipt, and the receipt codec.
// Nothing here imports a Node built-in (the browser bundle uses it as is).

export type { Claim } from '../../circuits/machine/index.js';
export { ProveError, type ProveErrorKind, ReceiptError, type ReceiptErrorKind } from './errors.js';
export { elfImageId } from './image-id.js';
export {
  DEFAULT_MIN_SECURITY_BITS,
  isPresetName,
  PRESETS,
  type PresetName,
  presetOf,
} from './presets.js';
export {
  type ChipCells,
  MAX_PROVE_CYCLES,
  type ProveElfOptions,
  type ProveElfResult,
  type ProvePhase,
  proveElf,
  proveElfOnPool,
} from './prove.js';
export { Prover, type ProverOptions, proveElfAsync } from './prove-async.js';
export {
  decodeReceipt,
  encodeReceipt,
  FLAG_DEV,
  MAX_CLAIM_CYCLES,
  RECEIPT_MAGIC,
  RECEIPT_VERSION,
  type Receipt,
} from './receipt.js';
export {
  type ExpectedClaim,
  type VerifyReceiptFailure,
  type VerifyReceiptResult,
  verifyReceipt,
} from './verify.js';
