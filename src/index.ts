// The library entry point (Node and browsers: nothing here imports a Node built-in).
// Layers: field → poly → merkle, transcript → fri → air → prover | verifier; vm is independent.

export { checkBuses, checkConstraints } from './air/debug.js';
export { type Air, AirBuilder, Bus, type Cols, columns, Expr, RowMajorMatrix } from './air/index.js';
export { type Felt, P } from './field/babybear.js';
export {
  BLOWUP4_PARAMS,
  DEFAULT_PARAMS,
  INSECURE_TEST_PARAMS,
  type SecurityLevel,
  type StarkParams,
  securityLevel,
} from './fri/params.js';
export { type SpawnedWorker, type SpawnWorker, webWorker } from './pool/platform.js';
export { PoolError, type PoolOptions, resolveThreads, WorkerPool } from './pool/pool.js';
export type { Executor } from './pool/steps.js';
export {
  type Keys,
  type ProveOptions,
  type ProveResult,
  type ProvingKey,
  prove,
  proveAsync,
  setup,
  type TableWitnessInput,
} from './prover/index.js';
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
export { execute, imageId, imageIdHex, loadElf } from './vm/index.js';
export {
  type Claim,
  DEFAULT_MIN_SECURITY_BITS,
  decodeReceipt,
  type ExpectedClaim,
  elfImageId,
  encodeReceipt,
  MAX_PROVE_CYCLES,
  PRESETS,
  type PresetName,
  type ProveElfOptions,
  type ProveElfResult,
  ProveError,
  type ProvePhase,
  Prover,
  type ProverOptions,
  proveElf,
  proveElfAsync,
  proveElfOnPool,
  type Receipt,
  ReceiptError,
  type VerifyReceiptFailure,
  type VerifyReceiptResult,
  verifyReceipt,
} from './zkvm/index.js';
