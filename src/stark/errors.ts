// Typed errors of the STARK protocol, shared by prover and verifier: the verifier reports its
// rejections through these kinds, so callers and tests can tell a bad shape from a failed check.

export type StarkErrorKind =
  | 'bad-air'
  | 'bad-vk'
  | 'bad-statement'
  | 'height-mismatch'
  | 'insufficient-security'
  | 'bad-challenge'
  | 'pow'
  | 'bad-shape'
  | 'bad-witness'
  | 'bus-unbalanced'
  | 'ood-mismatch'
  | 'merkle'
  | 'fri'
  | 'format';

export class StarkError extends Error {
  readonly kind: StarkErrorKind;
  constructor(kind: StarkErrorKind, message: string) {
    super(message);
    this.name = 'StarkError';
    this.kind = kind;
  }
}
