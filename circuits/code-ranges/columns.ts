// The code-gaps table (preprocessed, fixed height CODE_GAP_ROWS): one fixed row per maximal
// interval of [0, 2^32) that holds no executable word, as inclusive bounds [start, last].
//
// | group | cells | meaning |
// |---|---|---|
// | start (fixed) | 2 | first byte address of the gap (limbs) |
// | last (fixed) | 2 | last byte address of the gap, inclusive (limbs) |
// | real (fixed) | 1 | 1 on gap rows, 0 on padding |
// | mult (main) | 1 | how many read ECALLs (a2 ≠ 0) have their buffer in this gap |

import { columns } from '../../src/air/index.js';

export const codeGapPre = columns({ start: 2, last: 2, real: 1 });
export const codeGapMain = columns({ mult: 1 });
