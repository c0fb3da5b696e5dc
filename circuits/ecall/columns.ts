// ECALL: exit (93/94), read (63, fd 0) and write (64, fd 1 and 2). Every row reads a7 and a0 at
// slot 0. Exit halts with code a0 and closes the two I/O cursors; read/write also read a1 (buffer)
// and a2 (count) at slot 0, write the byte count to a0 at slot 3, move the stream cursor and hand
// the buffer to the word rows (io-air.ts) on IO_CHUNK.
//
// | group | cells | meaning |
// |---|---|---|
// | STATE | 11 | pc, seqPc, ts, rd, rs1, rs2, imm, rdWrite |
// | READ_RS1 | 5 | a7 (the syscall number), its access |
// | READ_RS2 | 5 | a0 (exit code or fd), its access |
// | isExit, isGroup | 2 | an exit ECALL; a7 = 94 |
// | isRead, isOut, isErr | 3 | read(0, …), write(1, …), write(2, …) |
// | a1, a2 | 10 | a1 and a2 values and their accesses |
// | len | 2 | the bytes moved = the new a0 (< 2^28) |
// | wLo, b0, b1 | 3 | a1_lo = b0 + 2·b1 + 4·wLo: the buffer's word and lane |
// | isShort, sd, sbr | 4 | a short read: a2 − len − 1 = sd ≥ 0 (borrow sbr) |
// | nz, inv | 2 | nz = [len ≠ 0] |
// | pos, eof, eof2, curPrevTs, curDiff | 6 | the stream's cursor (exit: the input cursor) |
// | pos1, cur1PrevTs, cur1Diff | 4 | exit: the output cursor |
// | reqNz, reqInv | 2 | reqNz = [a2 ≠ 0] (read rows check their buffer only then) |
// | gapStart, gapLast | 4 | the code gap (CODE_GAP lookup) that holds [a1, a1 + a2) |
// | loD, loBr | 3 | a1 − gapStart = loD ≥ 0 (borrow loBr) |
// | upD, upK | 4 | gapLast + 1 − a1 − a2 = upD ≥ 0 (lo-limb carry upK0 + 2·upK1 − 2) |

import { columns } from '../../src/air/index.js';
import { READ_RS1, READ_RS2, STATE } from '../gadgets/instruction.js';

export const ecallCols = columns({
  ...STATE,
  ...READ_RS1,
  ...READ_RS2,
  isExit: 1,
  isGroup: 1,
  isRead: 1,
  isOut: 1,
  isErr: 1,
  a1Val: 2,
  a1PrevTs: 1,
  a1Diff: 2,
  a2Val: 2,
  a2PrevTs: 1,
  a2Diff: 2,
  len: 2,
  wLo: 1,
  b0: 1,
  b1: 1,
  isShort: 1,
  sd: 2,
  sbr: 1,
  nz: 1,
  inv: 1,
  pos: 1,
  eof: 1,
  eof2: 1,
  curPrevTs: 1,
  curDiff: 2,
  pos1: 1,
  cur1PrevTs: 1,
  cur1Diff: 2,
  reqNz: 1,
  reqInv: 1,
  gapStart: 2,
  gapLast: 2,
  loD: 2,
  loBr: 1,
  upD: 2,
  upK: 2,
});
