// The RAM boundary of the memory argument. Each real row sends the word's initial state
// (1 + ro, W, init, ts 0) and receives its final state, so MEMORY's RAM spaces balance only if
// every touched word's accesses form one chain from its initial value (gadgets/memory.ts).
//
// Initial values. The image table sends IMAGE (W, word, ro) once per image word; a row receives
// it iff inImage = 1, and a row with inImage = 0 starts at 0 in space 1. Addresses are strictly
// increasing over the real rows, which form a prefix of the table, so no two rows share an
// address: an image word's row is the only row of its address and starts from the image value
// (no second row can claim 0), an executable word lives in space 2 (so only loads reach it), and
// every other word starts at 0.
//
// Order without wrap: W = lo + 2^16·hi with lo < 2^16 and 4·hi < 2^16 (so W < 2^30, which also
// excludes the word 2^30 a wrapping I/O buffer would reach), and for consecutive real rows
//   next.lo − lo − 1 + 2^16·br = d_lo,   next.hi − hi − br = d_hi,   d_lo < 2^16, 4·d_hi < 2^16,
// integer equalities (every term < 2^17 in magnitude), so next.W − W − 1 = d_lo + 2^16·d_hi ≥ 0.

import type { Air } from '../../src/air/index.js';
import { IMAGE, MEMORY, SPACE_RAM } from '../buses.js';
import { rangeCheck16 } from '../gadgets/range.js';
import { boundaryCols } from './columns.js';

export const boundaryAir: Air<typeof boundaryCols.spec> = {
  name: 'memory-boundary',
  main: boundaryCols,
  eval(b) {
    const c = b.local;
    const n = b.next;
    b.assertBool(c.real, 'real is a bit');
    b.assertBool(c.hasNext, 'hasNext is a bit');
    b.assertBool(c.inImage, 'inImage is a bit');
    b.assertBool(c.ro, 'ro is a bit');
    b.assertBool(c.br, 'borrow is a bit');
    // Real rows are a prefix: hasNext ⇒ real, and hasNext = next.real (0 on the last row).
    b.assertZero(c.hasNext.mul(c.real.sub(1)), 'hasNext ⇒ real');
    b.whenTransition().assertEq(c.hasNext, n.real, 'hasNext = next.real');
    b.whenLastRow().assertZero(c.hasNext, 'last row has no next');
    b.assertZero(c.inImage.mul(c.real.sub(1)), 'inImage ⇒ real');
    // W < 2^30.
    rangeCheck16(b, c.addr[0], c.real, 'addr lo');
    rangeCheck16(b, c.addr[1].mul(4), c.real, 'addr hi < 2^14');
    // k·x < 2^16 alone admits x = y/k mod p: x itself is also checked, so it is an integer.
    rangeCheck16(b, c.addr[1], c.real, 'addr hi is an integer');
    // Strictly increasing addresses.
    b.assertZero(
      c.hasNext.mul(n.addr[0].sub(c.addr[0]).sub(1).add(c.br.mul(65536)).sub(c.diff[0])),
      'next.W − W − 1 = diff (lo limb)',
    );
    b.assertZero(
      c.hasNext.mul(n.addr[1].sub(c.addr[1]).sub(c.br).sub(c.diff[1])),
      'next.W − W − 1 = diff (hi limb)',
    );
    rangeCheck16(b, c.diff[0], c.hasNext, 'address gap lo');
    rangeCheck16(b, c.diff[1].mul(4), c.hasNext, 'address gap hi < 2^14');
    rangeCheck16(b, c.diff[1], c.hasNext, 'address gap hi is an integer');
    // A word outside the image starts at 0 in space 1.
    b.assertZero(c.init[0].mul(c.inImage.sub(1)), 'not in image ⇒ init_lo = 0');
    b.assertZero(c.init[1].mul(c.inImage.sub(1)), 'not in image ⇒ init_hi = 0');
    b.assertZero(c.ro.mul(c.inImage.sub(1)), 'not in image ⇒ writable');
    const w = c.addr[0].add(c.addr[1].mul(65536));
    const space = c.ro.add(SPACE_RAM);
    b.receive(IMAGE, [w, c.init[0], c.init[1], c.ro], c.inImage, 'image word');
    b.send(MEMORY, [space, w, c.init[0], c.init[1], 0], c.real, 'ram init');
    b.receive(MEMORY, [space, w, c.final[0], c.final[1], c.finalTs], c.real, 'ram final');
  },
};
