// The FRI layer (docs/FRI.md): proves that one or more extension codewords of distinct sizes, given
// in bit-reversed order on the coset g·H, are close to polynomials of degree < size / blowup.
// The verifier should import './verifier.js', './shape.js' and './proof.js' directly: this index
// also loads the prover and, with it, the wasm kernels.

export { layerPoint, layerShift } from './domain.js';
export { FriError, type FriErrorKind } from './errors.js';
export * from './params.js';
export {
  decodeFriProof,
  encodeFriProof,
  type FriLayerOpening,
  type FriProof,
  readFriProof,
  writeFriProof,
} from './proof.js';
export { type FriProveOptions, type FriProverOutput, proveFri } from './prover.js';
export { type FriLayerShape, type FriShape, friShape, MAX_INPUTS } from './shape.js';
export {
  checkFriProofShape,
  type FriChallenges,
  type FriInputAt,
  replayFriTranscript,
  verifyFri,
  verifyFriQueries,
} from './verifier.js';
