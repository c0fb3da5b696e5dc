// The image chip (preprocessed): sends IMAGE (addr, v_lo, v_hi, ro) once for each of its fixed
// rows, the loaded image's words. The RAM boundary receives each with its inImage flag, so every
// image word is the initial value of exactly one boundary row (circuits/memory-boundary). The
// fixed columns are committed in the verifying key, like the program table.

import { type Air, RowMajorMatrix } from '../../src/air/index.js';
import { imageRuns } from '../../src/vm/image-id.js';
import type { DecodedProgram, Program } from '../../src/vm/index.js';
import { Op } from '../../src/vm/index.js';
import { IMAGE } from '../buses.js';
import { paddedHeight } from '../gadgets/height.js';
import { imageMain, imagePre } from './columns.js';

export type ImageAir = Air<typeof imageMain.spec, typeof imagePre.spec>;

/** Whether the byte address a lies in an executable word (the executor's store-to-code rule). */
export function isCodeWord(dp: DecodedProgram, a: number): boolean {
  const off = (a - dp.base) >>> 0;
  return off < 4 * dp.count && dp.op[off >>> 2] !== Op.OUTSIDE;
}

export interface ImageWords {
  /** Word addresses, ascending. */
  readonly addr: Uint32Array;
  readonly value: Uint32Array;
  readonly ro: Uint8Array;
}

/** The image rows: every executable word, and every other non-zero word, by address. */
export function imageWords(program: Program, dp: DecodedProgram): ImageWords {
  const words = new Map<number, number>();
  for (const [start, run] of imageRuns(program))
    for (let i = 0; i < run.length; i++) words.set(start + 4 * i, run[i]);
  for (let i = 0; i < dp.count; i++) {
    const a = (dp.base + 4 * i) >>> 0;
    if (dp.op[i] !== Op.OUTSIDE && !words.has(a)) words.set(a, 0);
  }
  const keys = [...words.keys()].sort((x, y) => x - y);
  return {
    addr: Uint32Array.from(keys, (a) => a >>> 2),
    value: Uint32Array.from(keys, (a) => words.get(a) as number),
    ro: Uint8Array.from(keys, (a) => (isCodeWord(dp, a) ? 1 : 0)),
  };
}

export function imageHeight(count: number): number {
  return paddedHeight(count);
}

export function imageAir(words: ImageWords): ImageAir {
  const n = words.addr.length;
  let fixed: RowMajorMatrix | undefined;
  return {
    name: 'image',
    main: imageMain,
    preprocessed: imagePre,
    preprocessedTrace() {
      if (fixed === undefined) {
        fixed = RowMajorMatrix.zeros(imageHeight(n), imagePre.width);
        const o = imagePre.offset;
        for (let i = 0; i < n; i++) {
          const row = fixed.row(i);
          row[o.addr] = words.addr[i];
          row[o.value] = words.value[i] & 0xffff;
          row[o.value + 1] = words.value[i] >>> 16;
          row[o.ro] = words.ro[i];
          row[o.real] = 1;
        }
      }
      return fixed;
    },
    eval(b) {
      const p = b.preLocal;
      // The main column only mirrors the fixed flag.
      b.assertEq(b.local.mult, p.real, 'mult = real');
      // Memory starts as the loaded image: each image word, once.
      b.send(IMAGE, [p.addr, p.value[0], p.value[1], p.ro], p.real, 'image word');
    },
  };
}

/** The main column: real. */
export function imageTrace(words: ImageWords): RowMajorMatrix {
  const m = RowMajorMatrix.zeros(imageHeight(words.addr.length), 1);
  m.values.fill(1, 0, words.addr.length);
  return m;
}
