// Fills the RAM boundary: the touched words (record.memory) merged with the image words, by
// address.

import { RowMajorMatrix } from '../../src/air/index.js';
import { paddedHeight } from '../gadgets/height.js';
import type { RangeCounter } from '../gadgets/range.js';
import type { ImageWords } from '../image/air.js';
import type { Cycles } from '../machine/cycles.js';
import { boundaryCols } from './columns.js';

export function boundaryTrace(cy: Cycles, image: ImageWords, range: RangeCounter): RowMajorMatrix {
  const mem = cy.memory;
  // Merge two ascending lists of word addresses.
  const rows: Array<[w: number, touched: number, img: number]> = [];
  let i = 0;
  let j = 0;
  while (i < mem.addr.length || j < image.addr.length) {
    const wt = i < mem.addr.length ? mem.addr[i] >>> 2 : Number.POSITIVE_INFINITY;
    const wi = j < image.addr.length ? image.addr[j] : Number.POSITIVE_INFINITY;
    if (wt === wi) rows.push([wt, i++, j++]);
    else if (wt < wi) rows.push([wt, i++, -1]);
    else rows.push([wi, -1, j++]);
  }
  const o = boundaryCols.offset;
  const height = paddedHeight(rows.length);
  const m = RowMajorMatrix.zeros(height, boundaryCols.width);
  for (let r = 0; r < rows.length; r++) {
    const [w, t, g] = rows[r];
    const row = m.row(r);
    row[o.real] = 1;
    row[o.addr] = w & 0xffff;
    row[o.addr + 1] = w >>> 16;
    range.add16(w & 0xffff);
    range.add16(4 * (w >>> 16));
    range.add16(w >>> 16);
    const init = g >= 0 ? image.value[g] : 0;
    if (t >= 0 && mem.init[t] >>> 0 !== init >>> 0)
      throw new Error(`boundary: word ${w} init differs from the image`);
    row[o.init] = init & 0xffff;
    row[o.init + 1] = init >>> 16;
    const fin = t >= 0 ? mem.final[t] : init;
    row[o.final] = fin & 0xffff;
    row[o.final + 1] = fin >>> 16;
    row[o.finalTs] = t >= 0 ? mem.finalTs[t] : 0;
    row[o.inImage] = g >= 0 ? 1 : 0;
    row[o.ro] = g >= 0 ? image.ro[g] : 0;
    if (r + 1 < rows.length) {
      row[o.hasNext] = 1;
      const d = rows[r + 1][0] - w - 1;
      const lo = (rows[r + 1][0] & 0xffff) - (w & 0xffff) - 1;
      row[o.br] = lo < 0 ? 1 : 0;
      row[o.diff] = d & 0xffff;
      row[o.diff + 1] = d >>> 16;
      range.add16(d & 0xffff);
      range.add16(4 * (d >>> 16));
      range.add16(d >>> 16);
    }
  }
  return m;
}
