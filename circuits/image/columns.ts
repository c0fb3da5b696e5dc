// The image table: one fixed row per word of the loaded image that the RAM boundary must start
// from. Executable words (all of them, zeros included) with ro = 1, and the non-zero words of
// the other segments with ro = 0; padding rows have real = 0.
//
// | group | cells | meaning |
// |---|---|---|
// | addr (fixed) | 1 | word address (byte address / 4) |
// | value (fixed) | 2 | the word's limbs |
// | ro (fixed) | 1 | the word is executable (read-only, space 2) |
// | real (fixed) | 1 | 1 on image rows, 0 on padding |
// | mult (main) | 1 | = real (the engine's tables have at least one main column) |

import { columns } from '../../src/air/index.js';

export const imagePre = columns({ addr: 1, value: 2, ro: 1, real: 1 });
export const imageMain = columns({ mult: 1 });
