// Typed errors of the FRI layer. The verifier turns every way a proof can be wrong into a FriError
// naming the query and layer; the prover throws one for bad inputs (caller bugs) and for a codeword
// whose degree is too high (a bug upstream: an honest DEEP codeword always passes).

export type FriErrorKind =
  /** The proof object, or the caller's inputs or callback values, have the wrong shape. */
  | 'bad-shape'
  /** A layer's Merkle opening does not verify against its root. */
  | 'merkle'
  /** A query's starting value (from the caller's inputs) is not the opened layer-0 value. */
  | 'input-mismatch'
  /** An opened layer value is not the value folded from the previous layer. */
  | 'fold-mismatch'
  /** The last folded value is not the final polynomial at the query's point. */
  | 'final-poly'
  /** The proof-of-work nonce is invalid. */
  | 'pow'
  /** Prover side: the final codeword is not of degree < 2^finalLogDegree. */
  | 'degree-too-high';

export class FriError extends Error {
  readonly kind: FriErrorKind;
  constructor(kind: FriErrorKind, message: string) {
    super(message);
    this.name = 'FriError';
    this.kind = kind;
  }
}
