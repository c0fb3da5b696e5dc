// The I/O word rows: each takes an IO_CHUNK (ts, kind, W, lane, pos, rem) — rem bytes of a
// read/write buffer starting at lane `lane` of word W, stream offset pos — moves the bytes of
// word W in lanes e_j = 1, and hands on the rest (ts, kind, W + 1, 0, pos + k, rem − k), k = Σ e_j,
// unless it is the last word (isLast: rem = k). The ECALL row sends the whole buffer (len ≠ 0).
//
// The lanes: e_j bits with exactly one run start (Σ_j e_j·(1 − e_{j−1}) = 1), so e is one
// contiguous run; it starts at `lane` (lane = Σ j·start_j), and a word that is not the last
// runs to lane 3. So the rows of one call cover exactly the bytes buf … buf + len − 1 in order,
// byte buf + i at stream offset pos + i: the chain cannot loop (W grows by 1 per row, and fewer
// than p rows exist), and the bytes taken add up to len exactly (len < 2^28 and all rows
// together take < 2^24 bytes, both < p). A word past the top of memory (W = 2^30) has no
// boundary row, so a wrapping buffer cannot balance MEMORY.
//
// The word is accessed at ts + 2 (space 1 + ro; ro = 0 for reads: code is never written) with its
// bytes: 256·old_j < 2^16 for every j and old_1, old_3 < 2^16 as integers (256·x < 2^16 alone
// admits x = y/256 mod p), so prev = (old_0 + 256·old_1, old_2 + 256·old_3) is the unique split. A write keeps the word (val = old) and sends IO (1, pos + j − lane, val_j)
// for fd 1; fd 2 sends nothing. A read keeps the lanes outside the buffer (val_j = old_j) and
// takes IO (0, pos + j − lane, val_j) for the others: the statement's input bytes (< 2^8, so the
// new word is canonical). One signed multiplicity e_j·(isOut − isRead) does both.

import type { Air } from '../../src/air/index.js';
import { SLOT_MEM } from '../../src/vm/index.js';
import { IO, IO_CHUNK, MEMORY, SPACE_RAM } from '../buses.js';
import { evalTsLt, rangeCheck16 } from '../gadgets/range.js';
import { ioWordCols } from './io-columns.js';

export const ioWordAir: Air<typeof ioWordCols.spec> = {
  name: 'io-words',
  main: ioWordCols,
  eval(b) {
    const c = b.local;
    b.assertBool(c.isRead, 'isRead is a bit');
    b.assertBool(c.isOut, 'isOut is a bit');
    b.assertBool(c.isErr, 'isErr is a bit');
    const isReal = c.isRead.add(c.isOut).add(c.isErr);
    b.assertBool(isReal, 'at most one kind');
    b.assertBool(c.isLast, 'isLast is a bit');
    b.assertZero(c.isLast.mul(isReal.sub(1)), 'isLast ⇒ real');
    b.assertBool(c.ro, 'ro is a bit');
    b.assertZero(c.isRead.mul(c.ro), 'read: never into code');
    const e = c.e;
    for (let j = 0; j < 4; j++) b.assertBool(e[j], `e${j} is a bit`);
    // One contiguous run of lanes, starting at `lane`.
    const st = [e[0], e[1].sub(e[1].mul(e[0])), e[2].sub(e[2].mul(e[1])), e[3].sub(e[3].mul(e[2]))];
    b.assertEq(st[0].add(st[1]).add(st[2]).add(st[3]), isReal, 'one run of lanes');
    b.assertEq(c.lane, st[1].add(st[2].mul(2)).add(st[3].mul(3)), 'the run starts at lane');
    b.assertZero(isReal.sub(c.isLast).mul(e[3].sub(1)), 'not last ⇒ the run reaches lane 3');
    const k = e[0].add(e[1]).add(e[2]).add(e[3]);
    b.assertZero(c.isLast.mul(c.rem.sub(k)), 'last ⇒ rem = bytes taken');
    const kind = c.isRead.add(c.isOut.mul(2)).add(c.isErr.mul(3));
    b.receive(IO_CHUNK, [c.ts, kind, c.word, c.lane, c.pos, c.rem], isReal, 'take the buffer');
    b.send(
      IO_CHUNK,
      [c.ts, kind, c.word.add(1), 0, c.pos.add(k), c.rem.sub(k)],
      isReal.sub(c.isLast),
      'hand on the rest',
    );
    // The word's bytes.
    const old = c.old;
    const val = c.val;
    for (let j = 0; j < 4; j++) rangeCheck16(b, old[j].mul(256), isReal, `old byte ${j} < 2^8`);
    // 256·x < 2^16 alone is not a byte check (x = y/256 mod p passes): the high byte of each limb
    // is also range-checked as an integer, which makes both bytes of the split integers.
    rangeCheck16(b, old[1], isReal, 'old byte 1 is an integer');
    rangeCheck16(b, old[3], isReal, 'old byte 3 is an integer');
    const isWrite = c.isOut.add(c.isErr);
    for (let j = 0; j < 4; j++) b.assertZero(isWrite.mul(val[j].sub(old[j])), `write: byte ${j} kept`);
    for (let j = 0; j < 4; j++)
      b.assertZero(e[j].sub(1).mul(val[j].sub(old[j])), `read: byte ${j} outside kept`);
    const space = c.ro.add(SPACE_RAM);
    const ts = c.ts.add(SLOT_MEM);
    b.receive(
      MEMORY,
      [space, c.word, old[0].add(old[1].mul(256)), old[2].add(old[3].mul(256)), c.prevTs],
      isReal,
      'io word: take last state',
    );
    b.send(
      MEMORY,
      [space, c.word, val[0].add(val[1].mul(256)), val[2].add(val[3].mul(256)), ts],
      isReal,
      'io word: put new state',
    );
    evalTsLt(b, c.prevTs, ts, c.diff, isReal, isReal, 'io word');
    // The stream bytes: read takes input bytes, write(1) gives output bytes.
    const dir = c.isOut.sub(c.isRead);
    for (let j = 0; j < 4; j++)
      b.send(IO, [c.isOut, c.pos.add(j).sub(c.lane), val[j]], e[j].mul(dir), `stream byte, lane ${j}`);
  },
};
