// Fills the I/O word rows: for each read/write ECALL in order, one row per word of its buffer,
// with the record's RAM row of that word.

import { RowMajorMatrix } from '../../src/air/index.js';
import { paddedHeight } from '../gadgets/height.js';
import { populateAccess } from '../gadgets/memory.js';
import type { RangeCounter } from '../gadgets/range.js';
import { isCodeWord } from '../image/air.js';
import type { Cycles } from '../machine/cycles.js';
import { ioWordCols } from './io-columns.js';

export function ioWordRows(cy: Cycles): number {
  let n = 0;
  for (let q = 0; q < cy.io.length; q++) {
    const buf = cy.io.addr[q];
    const len = cy.io.len[q];
    if (len > 0) n += Math.floor((buf + len - 1) / 4) - Math.floor(buf / 4) + 1;
  }
  return n;
}

export function ioWordTrace(cy: Cycles, range: RangeCounter): RowMajorMatrix {
  const o = ioWordCols.offset;
  const n = ioWordRows(cy);
  const m = RowMajorMatrix.zeros(paddedHeight(n), ioWordCols.width);
  let r = 0;
  for (const [k, { q }] of cy.ecallIo) {
    const fd = cy.io.fd[q];
    const buf = cy.io.addr[q];
    const len = cy.io.len[q];
    if (len === 0) continue;
    const ts = 4 * (k + 1);
    const pos0 = fd === 2 ? 0 : cy.io.offset[q];
    const first = Math.floor(buf / 4);
    const words = Math.floor((buf + len - 1) / 4) - first + 1;
    let ramIdx = cy.ramRow[k];
    for (let i = 0; i < words; i++, r++, ramIdx++) {
      const row = m.row(r);
      const w = first + i;
      if (cy.ram.addr[ramIdx] >>> 2 !== w) throw new Error(`io words: RAM row ${ramIdx} is not word ${w}`);
      row[o.ts] = ts;
      row[fd === 0 ? o.isRead : fd === 1 ? o.isOut : o.isErr] = 1;
      row[o.word] = w;
      const start = Math.max(buf, 4 * w);
      const end = Math.min(buf + len, 4 * w + 4);
      const lane = start - 4 * w;
      row[o.lane] = lane;
      row[o.pos] = pos0 + (start - buf);
      row[o.rem] = buf + len - start;
      row[o.isLast] = i === words - 1 ? 1 : 0;
      row[o.ro] = isCodeWord(cy.dp, 4 * w) ? 1 : 0;
      for (let j = lane; j < end - 4 * w; j++) row[o.e + j] = 1;
      const prev = cy.ram.prevValue[ramIdx];
      const val = cy.ram.value[ramIdx];
      for (let j = 0; j < 4; j++) {
        row[o.old + j] = (prev >>> (8 * j)) & 0xff;
        row[o.val + j] = (val >>> (8 * j)) & 0xff;
        range.add16(256 * row[o.old + j]);
      }
      range.add16(row[o.old + 1]);
      range.add16(row[o.old + 3]);
      populateAccess(row, o.prevTs, o.diff, cy.ram.prevTs[ramIdx], ts + 2, range, true);
    }
  }
  return m;
}
