// alu-mul tampers, part 2 of 3 (muldiv-tamper.ts).
import { MUL_TAMPERS_2 } from './muldiv-tamper.js';
import { tamperFile } from './tamper-suite-muldiv.js';

tamperFile('alu-mul', MUL_TAMPERS_2);
