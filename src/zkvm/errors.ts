// Typed errors of the zkVM layer (receipts, proveElf).

export type ReceiptErrorKind =
  | 'bad-magic'
  | 'bad-version'
  | 'truncated'
  | 'trailing-bytes'
  | 'bad-length'
  | 'non-canonical'
  | 'bad-value';

/** A receipt's bytes are not a well-formed receipt (decodeReceipt). */
export class ReceiptError extends Error {
  readonly kind: ReceiptErrorKind;
  constructor(kind: ReceiptErrorKind, message: string) {
    super(message);
    this.name = 'ReceiptError';
    this.kind = kind;
  }
}

export type ProveErrorKind = 'too-long' | 'bad-input' | 'bad-options';

/** proveElf refused to prove (the executor's and the circuits' errors pass through as they are). */
export class ProveError extends Error {
  readonly kind: ProveErrorKind;
  constructor(kind: ProveErrorKind, message: string) {
    super(message);
    this.name = 'ProveError';
    this.kind = kind;
  }
}
