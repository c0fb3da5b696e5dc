// The typed interface of every export of the kernel module (kernels/*.ts), in one place, and the
// fixed list of kernel names that a parallel batch refers to by index.
// Pointers are byte offsets into the shared memory, counts are element counts; no checks happen
// at this level (each layer checks its arguments once, above it).

export interface Kernels {
  // kernels/ntt.ts
  nttDif(a: number, logN: number, tw: number): void;
  nttDit(a: number, logN: number, tw: number, s0: number): void;
  ldeDit(dst: number, src: number, fac: number, logN: number, logB: number, tw: number): void;
  mulMont(dst: number, a: number, fac: number, n: number): void;
  scaleMont(dst: number, a: number, c: number, n: number): void;
  powersMont(dst: number, n: number, start: number, step: number): void;
  twiddleTable(tw: number, logN: number, omegaMont: number): void;
  bitrevPermute(a: number, logN: number): void;
  // kernels/field.ts and kernels/ext.ts
  vecAdd(dst: number, a: number, b: number, n: number): void;
  vecSub(dst: number, a: number, b: number, n: number): void;
  vecNeg(dst: number, a: number, n: number): void;
  vecMul(dst: number, a: number, b: number, n: number): void;
  vecScale(dst: number, a: number, s: number, n: number): void;
  vecAxpy(dst: number, s: number, x: number, y: number, n: number): void;
  vecMulAdd(dst: number, a: number, b: number, c: number, n: number): void;
  vecBatchInverse(dst: number, a: number, n: number): number;
  vecFirstNonCanonical(a: number, n: number): number;
  extVecMul(dst: number, a: number, b: number, n: number): void;
  extVecMulBase(dst: number, a: number, b: number, n: number): void;
  extVecScale(dst: number, a: number, s0: number, s1: number, s2: number, s3: number, n: number): void;
  extVecAxpy(
    dst: number,
    s0: number,
    s1: number,
    s2: number,
    s3: number,
    x: number,
    y: number,
    n: number,
  ): void;
  extVecAxpyBase(
    dst: number,
    s0: number,
    s1: number,
    s2: number,
    s3: number,
    x: number,
    y: number,
    n: number,
  ): void;
  extVecBatchInverse(dst: number, a: number, n: number): number;
  // kernels/polyeval.ts
  cosetZMinusX(
    dst: number,
    n: number,
    z0: number,
    z1: number,
    z2: number,
    z3: number,
    s: number,
    w: number,
  ): void;
  mulCosetPowersMont(u: number, n: number, start: number, omegaMont: number): void;
  dotBaseExt(f: number, u: number, n: number, out: number): void;
  // kernels/fri.ts
  friFoldPairs(
    dst: number,
    src: number,
    half: number,
    w: number,
    b0: number,
    b1: number,
    b2: number,
    b3: number,
  ): void;
  // kernels/eval.ts
  evalProgram(
    code: number,
    pool: number,
    inputs: number,
    baseRegs: number,
    extRegs: number,
    out: number,
    logN: number,
    stride: number,
    start: number,
    count: number,
    block: number,
  ): void;
  // kernels/blake3.ts
  blake3Pairs(
    dst: number,
    left: number,
    leftStride: number,
    right: number,
    rightStride: number,
    count: number,
    key: number,
    modeFlags: number,
    scratch: number,
  ): void;
  blake3RowsRowMajor(
    dst: number,
    src: number,
    width: number,
    count: number,
    key: number,
    modeFlags: number,
    scratch: number,
  ): void;
  blake3RowsColumns(
    dst: number,
    cols: number,
    width: number,
    row0: number,
    count: number,
    key: number,
    modeFlags: number,
    scratch: number,
  ): void;
  blake3KeyTable(): number;
  // kernels/pow.ts
  fillPowRows(rows: number, seed: number, startLo: number, startHi: number, count: number): void;
  // kernels/copy.ts
  copyWords(dst: number, src: number, n: number): void;
  transposeToColumns(
    cols: number,
    src: number,
    width: number,
    height: number,
    col0: number,
    col1: number,
  ): void;
  soaToAos(dst: number, src: number, n: number, start: number, count: number): void;
  aosToSoa(d0: number, d1: number, d2: number, d3: number, src: number, count: number): void;
  tileWords(dst: number, pattern: number, period: number, start: number, count: number): void;
  vecAddConst(dst: number, a: number, c: number, n: number): void;
  vecPrefixSum(a: number, n: number, total: number): void;
  extVecBatchInverseFlag(dst: number, a: number, n: number, flag: number): void;
}

export type KernelName = keyof Kernels;

/** Every kernel, by the index a batch encodes (src/pool/batch.ts). Order is part of no format. */
export const KERNEL_NAMES: readonly KernelName[] = [
  'nttDif',
  'nttDit',
  'ldeDit',
  'mulMont',
  'scaleMont',
  'powersMont',
  'twiddleTable',
  'bitrevPermute',
  'vecAdd',
  'vecSub',
  'vecNeg',
  'vecMul',
  'vecScale',
  'vecAxpy',
  'vecMulAdd',
  'vecBatchInverse',
  'vecFirstNonCanonical',
  'extVecMul',
  'extVecMulBase',
  'extVecScale',
  'extVecAxpy',
  'extVecAxpyBase',
  'extVecBatchInverse',
  'cosetZMinusX',
  'mulCosetPowersMont',
  'dotBaseExt',
  'friFoldPairs',
  'evalProgram',
  'blake3Pairs',
  'blake3RowsRowMajor',
  'blake3RowsColumns',
  'blake3KeyTable',
  'fillPowRows',
  'copyWords',
  'transposeToColumns',
  'soaToAos',
  'aosToSoa',
  'tileWords',
  'vecAddConst',
  'vecPrefixSum',
  'extVecBatchInverseFlag',
];

export const KERNEL_ID: Readonly<Record<KernelName, number>> = Object.fromEntries(
  KERNEL_NAMES.map((n, i) => [n, i]),
) as Record<KernelName, number>;
