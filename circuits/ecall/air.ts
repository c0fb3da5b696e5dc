// The ECALL chip: exit, read and write.
//
// Exit (a7 ∈ {93, 94}): instead of continuing the execution chain the row sends HALT(ts, a0); the
// statement takes HALT(4·cycles, exitCode) once, so the run ends here after exactly `cycles`
// instructions with that exit code. It also reads both I/O cursors at ts and puts them back as
// (pos, 0): the statement takes (input length, 0) and (output length, 0) at 4·cycles, so all the
// claimed input was read and all the claimed output written.
//
// Read/write (a7 = 63 with a0 = fd 0; a7 = 64 with fd 1 or 2): reads a1 = buf and a2 = count and
// writes a0 = len at ts + 3, consuming exactly the state its own a0 read put at ts.
//   write: len = a2 (< 2^28: larger counts fault in the executor).
//   read:  len = a2, or (isShort) len < a2, i.e. a2 − len − 1 = sd ≥ 0 on limbs with a borrow, and
//          then the input is exhausted: the cursor's eof flag becomes 1, and a read at eof moves
//          no bytes (eof·len = 0). So len = min(a2, remaining input), the short read included.
// The stream cursor (space 3, addr = fd: 0 input, 1 output) is an offline-checked memory cell
// holding (pos, eof) as field elements: the row takes (pos, eof) and puts (pos + len, eof2), so
// calls take consecutive stream ranges in timestamp order. fd 2 has no cursor and no claim.
// The buffer goes to the word rows as IO_CHUNK(ts, kind, W, lane, pos, len) with W = a1 >> 2,
// lane = a1 & 3 (a1_lo = b0 + 2·b1 + 4·wLo, 4·wLo < 2^16), when len ≠ 0 (nz = len·inv, and
// len·(1 − nz) = 0). The word rows move exactly len bytes (io-air.ts), so memory holds the input
// bytes after a read and the output bytes come from memory.
// The requested buffer of a read (the executor's -EFAULT rule, src/vm/syscalls.ts): on a read
// row with a2 ≠ 0 — whatever len is, a short read's unread tail and a read at eof included —
// the whole [a1, a1 + a2) lies in one gap [start, last] of the code-gaps table
// (circuits/code-ranges): a maximal interval of [0, 2^32) free of executable bytes. The row
// receives CODE_GAP(start, last, 1) and proves, with g = isRead·reqNz:
//   a1 − start = loD ≥ 0:       a1_lo − start_lo = loD_lo − 2^16·loBr, a1_hi − start_hi − loBr = loD_hi
//   last + 1 − a1 − a2 = upD ≥ 0: last_lo + 1 − a1_lo − a2_lo = upD_lo + 2^16·k (k = upK0 + 2·upK1 − 2),
//                                 last_hi − a1_hi − a2_hi + k = upD_hi
// with loD, upD limbs in RANGE16 (multiplicity g) and loBr, upK0, upK1 bits. Soundness: a1, a2
// are canonical (read from MEMORY), start and last are canonical fixed limbs (the lookup's
// tuple), loD/upD limbs are < 2^16 and the carries small, so both sides of every limb equation
// are integers of magnitude < 2^19 < p: they hold over the integers. Adding 2^16·(hi) + (lo)
// gives a1 − start = loD_lo + 2^16·loD_hi ≥ 0 and last + 1 − a1 − a2 = upD_lo + 2^16·upD_hi ≥ 0,
// i.e. start ≤ a1 and a1 + a2 ≤ last + 1 ≤ 2^32: the buffer neither wraps nor meets code
// (a connected interval avoiding code lies in one maximal gap, so the honest prover always finds
// one; k = ⌊(last_lo + 1 − a1_lo − a2_lo) / 2^16⌋ ∈ [−2, 1]). reqNz = [a2 ≠ 0] is exact:
// a2_lo + a2_hi < 2^17 is 0 in the field iff a2 = 0, and reqNz = (a2_lo + a2_hi)·reqInv with
// (a2_lo + a2_hi)·(1 − reqNz) = 0 (a2 = 0 reads nothing and never faults).
// Not proven: a call that returns -EFAULT (witness generation refuses it).

import type { Air } from '../../src/air/index.js';
import { Op, SLOT_RD } from '../../src/vm/index.js';
import { REG_A0, REG_A1, REG_A2, REG_A7, SYS_EXIT, SYS_READ, SYS_WRITE } from '../../src/vm/syscalls.js';
import { CODE_GAP, EXEC, HALT, IO_CHUNK, MEMORY, SPACE_IO, SPACE_REG } from '../buses.js';
import { evalInstruction } from '../gadgets/instruction.js';
import { evalAccess } from '../gadgets/memory.js';
import { evalTsLt, rangeCheck16 } from '../gadgets/range.js';
import { ecallCols } from './columns.js';

export const ecallAir: Air<typeof ecallCols.spec> = {
  name: 'ecall',
  main: ecallCols,
  eval(b) {
    const c = b.local;
    b.assertBool(c.isExit, 'isExit is a bit');
    b.assertBool(c.isGroup, 'isGroup is a bit');
    b.assertBool(c.isRead, 'isRead is a bit');
    b.assertBool(c.isOut, 'isOut is a bit');
    b.assertBool(c.isErr, 'isErr is a bit');
    const isIo = c.isRead.add(c.isOut).add(c.isErr);
    const isReal = c.isExit.add(isIo);
    b.assertBool(isReal, 'at most one kind');
    const a7 = c.rs1Val;
    const a0 = c.rs2Val;
    // a7 = 93 (exit) or 94 (exit_group); 63 for read, 64 for write.
    b.when(c.isExit).assertEq(a7[0], c.isGroup.add(SYS_EXIT), 'exit: a7_lo = 93 + isGroup');
    b.assertZero(a7[1], 'a7_hi = 0');
    b.when(c.isRead).assertEq(a7[0], SYS_READ, 'read: a7 = 63');
    b.when(c.isOut.add(c.isErr)).assertEq(a7[0], SYS_WRITE, 'write: a7 = 64');
    // fd = a0: 0 for read, 1 or 2 for write.
    b.assertZero(c.isRead.mul(a0[0]), 'read: fd = 0');
    b.assertZero(c.isOut.mul(a0[0].sub(1)), 'write: fd = 1');
    b.assertZero(c.isErr.mul(a0[0].sub(2)), 'write: fd = 2');
    b.assertZero(isIo.mul(a0[1]), 'read/write: fd_hi = 0');
    // The run halts here, at ts, with exit code a0.
    b.send(HALT, [c.ts, a0[0], a0[1]], c.isExit, 'halt(ts, a0)');
    // read/write continue at pc + 4.
    b.send(EXEC, [c.seqPc[0], c.seqPc[1], c.ts.add(4)], isIo, 'exec: put (pc + 4, ts + 4)');
    // a1 and a2 at slot 0.
    evalAccess(b, {
      space: SPACE_REG,
      addr: REG_A1,
      prev: c.a1Val,
      value: c.a1Val,
      prevTs: c.a1PrevTs,
      ts: c.ts,
      diff: c.a1Diff,
      gate: isIo,
      mult: isIo,
      label: 'read a1',
    });
    evalAccess(b, {
      space: SPACE_REG,
      addr: REG_A2,
      prev: c.a2Val,
      value: c.a2Val,
      prevTs: c.a2PrevTs,
      ts: c.ts,
      diff: c.a2Diff,
      gate: isIo,
      mult: isIo,
      label: 'read a2',
    });
    // a0 := len at slot 3, after this row's own read of a0 at ts.
    const len = c.len;
    b.receive(MEMORY, [SPACE_REG, REG_A0, a0[0], a0[1], c.ts], isIo, 'write a0: take the read state');
    b.send(MEMORY, [SPACE_REG, REG_A0, len[0], len[1], c.ts.add(SLOT_RD)], isIo, 'write a0: put len');
    rangeCheck16(b, len[0], isIo, 'len lo');
    rangeCheck16(b, len[1].mul(16), isIo, 'len hi < 2^12');
    // k·x < 2^16 alone admits x = y/k mod p: x itself is also checked, so it is an integer.
    rangeCheck16(b, len[1], isIo, 'len hi is an integer');
    b.assertZero(c.isExit.mul(len[0]), 'exit: len_lo = 0');
    b.assertZero(c.isExit.mul(len[1]), 'exit: len_hi = 0');
    // write: len = a2. read: len = a2 unless short.
    b.assertZero(c.isShort.mul(c.isRead.sub(1)), 'only reads are short');
    b.assertBool(c.isShort, 'isShort is a bit');
    const full = isIo.sub(c.isShort);
    b.assertZero(full.mul(len[0].sub(c.a2Val[0])), 'len_lo = a2_lo unless short');
    b.assertZero(full.mul(len[1].sub(c.a2Val[1])), 'len_hi = a2_hi unless short');
    b.assertBool(c.sbr, 'short borrow is a bit');
    b.assertZero(
      c.isShort.mul(c.a2Val[0].sub(len[0]).sub(1).add(c.sbr.mul(65536)).sub(c.sd[0])),
      'short: a2 − len − 1 = sd (lo limb)',
    );
    b.assertZero(
      c.isShort.mul(c.a2Val[1].sub(len[1]).sub(c.sbr).sub(c.sd[1])),
      'short: a2 − len − 1 = sd (hi limb)',
    );
    rangeCheck16(b, c.sd[0], c.isShort, 'short: sd lo');
    rangeCheck16(b, c.sd[1], c.isShort, 'short: sd hi');
    // The input ends at a short read; after it, reads move nothing.
    b.assertZero(c.eof.mul(len[0]), 'eof ⇒ len_lo = 0');
    b.assertZero(c.eof.mul(len[1]), 'eof ⇒ len_hi = 0');
    b.assertEq(
      c.eof2,
      c.eof.add(c.isShort).sub(c.eof.mul(c.isShort)).sub(c.isExit.mul(c.eof)),
      'eof2 = eof or short (exit: 0)',
    );
    // The stream cursor: read and write(1) move it by len; exit closes the input cursor.
    const cur = c.isRead.add(c.isOut).add(c.isExit);
    const lenF = len[0].add(len[1].mul(65536));
    b.receive(MEMORY, [SPACE_IO, c.isOut, c.pos, c.eof, c.curPrevTs], cur, 'cursor: take (pos, eof)');
    b.send(MEMORY, [SPACE_IO, c.isOut, c.pos.add(lenF), c.eof2, c.ts], cur, 'cursor: put (pos + len, eof2)');
    evalTsLt(b, c.curPrevTs, c.ts, c.curDiff, cur, cur, 'cursor');
    // Exit closes the output cursor.
    b.receive(MEMORY, [SPACE_IO, 1, c.pos1, 0, c.cur1PrevTs], c.isExit, 'exit: take output cursor');
    b.send(MEMORY, [SPACE_IO, 1, c.pos1, 0, c.ts], c.isExit, 'exit: put output cursor');
    evalTsLt(b, c.cur1PrevTs, c.ts, c.cur1Diff, c.isExit, c.isExit, 'output cursor');
    // The buffer, to the word rows.
    b.assertBool(c.b0, 'buffer bit 0 is a bit');
    b.assertBool(c.b1, 'buffer bit 1 is a bit');
    b.assertEq(c.a1Val[0], c.b0.add(c.b1.mul(2)).add(c.wLo.mul(4)), 'a1_lo = b0 + 2·b1 + 4·wLo');
    rangeCheck16(b, c.wLo.mul(4), c.nz, 'buffer bits 2..15 < 2^14');
    rangeCheck16(b, c.wLo, c.nz, 'buffer bits 2..15 are an integer');
    b.assertEq(c.nz, lenF.mul(c.inv), 'nz = len·inv');
    b.assertZero(lenF.mul(c.nz.sub(1)), 'len ≠ 0 ⇒ nz');
    const kind = c.isRead.add(c.isOut.mul(2)).add(c.isErr.mul(3));
    const w = c.wLo.add(c.a1Val[1].mul(16384));
    b.send(IO_CHUNK, [c.ts, kind, w, c.b0.add(c.b1.mul(2)), c.pos, lenF], c.nz, 'buffer to the word rows');
    // A read's whole requested buffer lies in one code gap (see the file comment).
    const reqSum = c.a2Val[0].add(c.a2Val[1]);
    b.assertEq(c.reqNz, reqSum.mul(c.reqInv), 'reqNz = (a2_lo + a2_hi)·reqInv');
    b.assertZero(reqSum.mul(c.reqNz.sub(1)), 'a2 ≠ 0 ⇒ reqNz');
    const g = c.isRead.mul(c.reqNz);
    b.receive(
      CODE_GAP,
      [c.gapStart[0], c.gapStart[1], c.gapLast[0], c.gapLast[1], 1],
      g,
      'read: the code gap',
    );
    b.assertBool(c.loBr, 'read: gap start borrow is a bit');
    b.when(g).assertEq(
      c.a1Val[0].sub(c.gapStart[0]),
      c.loD[0].sub(c.loBr.mul(65536)),
      'read: a1 − gap start = loD (lo limb)',
    );
    b.when(g).assertEq(
      c.a1Val[1].sub(c.gapStart[1]).sub(c.loBr),
      c.loD[1],
      'read: a1 − gap start = loD (hi limb)',
    );
    rangeCheck16(b, c.loD[0], g, 'read: loD lo');
    rangeCheck16(b, c.loD[1], g, 'read: loD hi');
    b.assertBool(c.upK[0], 'read: upK0 is a bit');
    b.assertBool(c.upK[1], 'read: upK1 is a bit');
    const k = c.upK[0].add(c.upK[1].mul(2)).sub(2);
    b.when(g).assertEq(
      c.gapLast[0].add(1).sub(c.a1Val[0]).sub(c.a2Val[0]),
      c.upD[0].add(k.mul(65536)),
      'read: gap last + 1 − a1 − a2 = upD (lo limb)',
    );
    b.when(g).assertEq(
      c.gapLast[1].sub(c.a1Val[1]).sub(c.a2Val[1]).add(k),
      c.upD[1],
      'read: gap last + 1 − a1 − a2 = upD (hi limb)',
    );
    rangeCheck16(b, c.upD[0], g, 'read: upD lo');
    rangeCheck16(b, c.upD[1], g, 'read: upD hi');
    evalInstruction(b, c, {
      isReal,
      op: isReal.mul(Op.ECALL),
      nextPc: null,
      rs1: isReal,
      rs1Reg: REG_A7,
      rs2: isReal,
      rs2Reg: REG_A0,
      rs2Slot: 0,
    });
  },
};
