// Fills the ECALL table (exit, read, write rows) in cycle order, replaying the two I/O cursors.

import { RowMajorMatrix } from '../../src/air/index.js';
import { inv } from '../../src/field/babybear.js';
import { Op } from '../../src/vm/index.js';
import { SYS_EXIT_GROUP } from '../../src/vm/syscalls.js';
import { claimedGap, codeGaps } from '../code-ranges/air.js';
import { populateInstruction, setWord } from '../gadgets/instruction.js';
import { populateAccess } from '../gadgets/memory.js';
import type { RangeCounter } from '../gadgets/range.js';
import type { Cycles } from '../machine/cycles.js';
import { ecallCols } from './columns.js';

export const ECALL_OPS: readonly number[] = [Op.ECALL];

export function ecallTrace(
  cy: Cycles,
  rows: readonly number[],
  height: number,
  range: RangeCounter,
): RowMajorMatrix {
  const o = ecallCols.offset;
  const m = RowMajorMatrix.zeros(height, ecallCols.width);
  const gaps = codeGaps(cy.dp.ranges);
  // Cursor states: position, eof (input only), timestamp of the last access.
  let inPos = 0;
  let inEof = 0;
  let inTs = 0;
  let outPos = 0;
  let outTs = 0;
  for (let j = 0; j < rows.length; j++) {
    const k = rows[j];
    const row = m.row(j);
    const ts = 4 * (k + 1);
    populateInstruction(row, o, cy, k, range, { rs1: true, rs2: true, rs2Slot: 0 });
    const io = cy.ecallIo.get(k);
    if (io === undefined) {
      row[o.isExit] = 1;
      row[o.isGroup] = cy.rs1Val[k] === SYS_EXIT_GROUP ? 1 : 0;
      row[o.pos] = inPos;
      row[o.eof] = inEof;
      populateAccess(row, o.curPrevTs, o.curDiff, inTs, ts, range, true);
      row[o.pos1] = outPos;
      populateAccess(row, o.cur1PrevTs, o.cur1Diff, outTs, ts, range, true);
      populateAccess(row, o.a1PrevTs, o.a1Diff, 0, ts, range, false);
      populateAccess(row, o.a2PrevTs, o.a2Diff, 0, ts, range, false);
      continue;
    }
    const { q } = io;
    const fd = cy.io.fd[q];
    const buf = cy.io.addr[q];
    const len = cy.io.len[q];
    const req = cy.io.requested[q];
    row[fd === 0 ? o.isRead : fd === 1 ? o.isOut : o.isErr] = 1;
    setWord(row, o.a1Val, buf);
    populateAccess(row, o.a1PrevTs, o.a1Diff, io.a1PrevTs, ts, range, true);
    setWord(row, o.a2Val, req);
    populateAccess(row, o.a2PrevTs, o.a2Diff, io.a2PrevTs, ts, range, true);
    setWord(row, o.len, len);
    range.add16(len & 0xffff);
    range.add16(16 * (len >>> 16));
    range.add16(len >>> 16);
    row[o.wLo] = (buf & 0xffff) >>> 2;
    row[o.b0] = buf & 1;
    row[o.b1] = (buf >>> 1) & 1;
    if (len !== 0) {
      row[o.nz] = 1;
      row[o.inv] = inv(len);
      range.add16(4 * row[o.wLo]);
      range.add16(row[o.wLo]);
    }
    if (req !== 0) {
      row[o.reqNz] = 1;
      row[o.reqInv] = inv((req & 0xffff) + (req >>> 16));
    }
    if (fd === 0 && req !== 0) fillGap(row, o, gaps, buf, req, range);
    const short = fd === 0 && len < req;
    if (short) {
      const d = req - len - 1;
      row[o.isShort] = 1;
      row[o.sd] = d & 0xffff;
      row[o.sd + 1] = d >>> 16;
      row[o.sbr] = (req & 0xffff) - (len & 0xffff) - 1 < 0 ? 1 : 0;
      range.add16(d & 0xffff);
      range.add16(d >>> 16);
    }
    if (fd === 2) {
      populateAccess(row, o.curPrevTs, o.curDiff, 0, ts, range, false);
    } else if (fd === 0) {
      row[o.pos] = inPos;
      row[o.eof] = inEof;
      const eof2 = inEof | (short ? 1 : 0);
      row[o.eof2] = eof2;
      populateAccess(row, o.curPrevTs, o.curDiff, inTs, ts, range, true);
      inPos += len;
      inEof = eof2;
      inTs = ts;
    } else {
      row[o.pos] = outPos;
      populateAccess(row, o.curPrevTs, o.curDiff, outTs, ts, range, true);
      outPos += len;
      outTs = ts;
    }
    populateAccess(row, o.cur1PrevTs, o.cur1Diff, 0, ts, range, false);
  }
  return m;
}

/**
 * The read row's code-gap columns: the gap holding [buf, buf + req) and the two differences.
 * For a forged record whose buffer is in no gap (tests only) the claimed gap's differences are
 * written mod 2^32, so the limb equations (hi limbs) fail instead of a range lookup.
 */
function fillGap(
  row: Uint32Array,
  o: Readonly<Record<string, number>>,
  gaps: ReadonlyArray<readonly [number, number]>,
  buf: number,
  req: number,
  range: RangeCounter,
): void {
  const [s, l] = gaps[claimedGap(gaps, buf, req)];
  setWord(row, o.gapStart, s);
  setWord(row, o.gapLast, l);
  const lo = (buf - s) >>> 0;
  setWord(row, o.loD, lo);
  row[o.loBr] = (buf & 0xffff) < (s & 0xffff) ? 1 : 0;
  const up = (l + 1 - buf - req) >>> 0;
  setWord(row, o.upD, up);
  const k = Math.floor(((l & 0xffff) + 1 - (buf & 0xffff) - (req & 0xffff)) / 65536);
  row[o.upK] = (k + 2) & 1;
  row[o.upK + 1] = (k + 2) >>> 1;
  range.add16(lo & 0xffff);
  range.add16(lo >>> 16);
  range.add16(up & 0xffff);
  range.add16(up >>> 16);
}
