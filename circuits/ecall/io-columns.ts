// The I/O word rows: one per RAM word a read/write ECALL touches (circuits/ecall/io-air.ts).
//
// | group | cells | meaning |
// |---|---|---|
// | ts | 1 | the ECALL's timestamp (the word is accessed at ts + 2) |
// | isRead, isOut, isErr | 3 | read(0), write(1), write(2) |
// | word, lane, pos, rem | 4 | the IO_CHUNK this row takes: word address, first lane, stream offset, bytes left |
// | isLast | 1 | this word ends the buffer |
// | ro | 1 | the word is executable (space 2; only writes may read it) |
// | e | 4 | lane j is in the buffer |
// | old, val | 8 | the word's bytes before and after the access |
// | prevTs, diff | 3 | the access |

import { columns } from '../../src/air/index.js';

export const ioWordCols = columns({
  ts: 1,
  isRead: 1,
  isOut: 1,
  isErr: 1,
  word: 1,
  lane: 1,
  pos: 1,
  rem: 1,
  isLast: 1,
  ro: 1,
  e: 4,
  old: 4,
  val: 4,
  prevTs: 1,
  diff: 2,
});
