// Typed errors of the transcript layer: bad values handed to absorb or challenge calls.

export type TranscriptErrorKind = 'bad-value' | 'bad-length' | 'non-canonical' | 'pow-failed';

export class TranscriptError extends Error {
  readonly kind: TranscriptErrorKind;
  constructor(kind: TranscriptErrorKind, message: string) {
    super(message);
    this.name = 'TranscriptError';
    this.kind = kind;
  }
}
