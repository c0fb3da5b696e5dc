// Typed errors of the Merkle layer: bad shapes, indices or buffers handed to commit/open/verify,
// and malformed encoded openings. Tampered openings are not errors: verification returns false.

export type MerkleErrorKind =
  | 'bad-shape'
  | 'bad-length'
  | 'bad-index'
  | 'bad-root'
  | 'malformed-opening'
  | 'non-canonical';

export class MerkleError extends Error {
  readonly kind: MerkleErrorKind;
  constructor(kind: MerkleErrorKind, message: string) {
    super(message);
    this.name = 'MerkleError';
    this.kind = kind;
  }
}
