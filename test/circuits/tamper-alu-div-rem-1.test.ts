// alu-div-rem tampers, part 1 of 4 (muldiv-tamper.ts).
import { DIV_TAMPERS_1 } from './muldiv-tamper.js';
import { tamperFile } from './tamper-suite-muldiv.js';

tamperFile('alu-div-rem', DIV_TAMPERS_1);
