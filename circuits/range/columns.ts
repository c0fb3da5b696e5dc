// The 16-bit range table: fixed column value = 0 … 2^16 − 1, main column = lookups per value.

import { columns } from '../../src/air/index.js';

export const RANGE_BITS = 16;
export const rangePre = columns({ value: 1 });
export const rangeMain = columns({ multiplicity: 1 });
