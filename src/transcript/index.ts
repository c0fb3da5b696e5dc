// The Fiat-Shamir layer: transcript, challenges and proof-of-work grinding.
export { TranscriptError, type TranscriptErrorKind } from './errors.js';
export { grind, MAX_POW_BITS, powOk, verifyPow } from './pow.js';
export { Transcript } from './transcript.js';
