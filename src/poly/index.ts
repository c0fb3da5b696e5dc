// The polynomial layer: NTT and inverse NTT in place on columns in wasm memory (natural or
// bit-reversed order), coset transforms, low-degree extension of many columns, and evaluation at
// base and extension points. Depends on field/ only. Invariant: every column holds canonical
// standard-form values; every public function validates once and throws PolyError with a `kind`.

export {
  checkSize,
  MAX_LOG_BLOWUP,
  MAX_LOG_SIZE,
  MIN_LOG_BLOWUP,
  type Order,
  PolyError,
  type PolyErrorKind,
} from './errors.js';
export { evalAt, evalAtExt, evalColumnsAtExt, evalColumnsAtExtTs } from './evaluate.js';
export { ldeColumns, ldeFromCoeffs } from './lde.js';
export { bitReverse, cosetIntt, cosetNtt, intt, ntt } from './ntt.js';
export {
  bitReverseTs,
  cosetInttTs,
  cosetNttTs,
  cosetPoint,
  inttTs,
  ldeFromCoeffsTs,
  ldeTs,
  nttTs,
} from './reference.js';
export { releaseTwiddles } from './twiddles.js';
