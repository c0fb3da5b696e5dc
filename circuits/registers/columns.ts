// The register boundary: 32 rows, fixed column reg = 0 … 31; main columns hold each register's
// final value and the timestamp of its last access (0 if never accessed).

import { columns } from '../../src/air/index.js';

export const registersPre = columns({ reg: 1 });
export const registersMain = columns({ final: 2, finalTs: 1 });
