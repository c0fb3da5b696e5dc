// Merkle commitments over matrices of base-field rows, hashed with keyed BLAKE3 (leaves and
// nodes under two distinct keys): one leaf per row (all columns of a table at one point), 2-to-1
// internal nodes, several heights under one root, and batched openings. The prover side runs SIMD kernels on wasm memory; verify is plain TS.
// The verifier should import './verify.js' and './opening.js' directly: this index also loads the
// prover's tree and, with it, the wasm kernels.

export {
  type Blake3Mode,
  DIGEST_BYTES,
  MERKLE_LEAF,
  MERKLE_LEAF_DOMAIN,
  MERKLE_NODE,
  MERKLE_NODE_DOMAIN,
} from './blake3.js';
export { MerkleError, type MerkleErrorKind } from './errors.js';
export { hashLeaves, hashNodes, hashPairs, hashRows } from './hash.js';
export { layoutOf, type TreeLayout } from './layout.js';
export { type Matrix, type MatrixShape, shapeOf } from './matrix.js';
export { decodeOpening, encodeOpening, type MultiOpening, openingBytes, readOpening } from './opening.js';
export { commitTs } from './reference.js';
export { commit, MerkleTree } from './tree.js';
export { type VerifyResult, verify, verifyOpening } from './verify.js';
