// The RAM boundary: one row per word address that is touched by the run or in the image, sorted
// by strictly increasing address; padding rows (real = 0) after the last real row.
//
// | group | cells | meaning |
// |---|---|---|
// | real, hasNext | 2 | a real row; the next row is real (its address is larger) |
// | addr | 2 | word address W = addr_lo + 2^16·addr_hi, addr_hi < 2^14 |
// | init, final | 4 | the word's value at ts 0 and after its last access |
// | finalTs | 1 | timestamp of its last access (0 if untouched) |
// | inImage, ro | 2 | the word is an image word (its init comes from IMAGE); an executable one |
// | diff, br | 3 | next.W − W − 1 = diff_lo + 2^16·diff_hi, by limbs with borrow br |

import { columns } from '../../src/air/index.js';

export const boundaryCols = columns({
  real: 1,
  hasNext: 1,
  addr: 2,
  init: 2,
  final: 2,
  finalTs: 1,
  inImage: 1,
  ro: 1,
  diff: 2,
  br: 1,
});
