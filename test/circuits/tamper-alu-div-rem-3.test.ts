// alu-div-rem tampers, part 3 of 4 (muldiv-tamper.ts).
import { DIV_TAMPERS_3 } from './muldiv-tamper.js';
import { tamperFile } from './tamper-suite-muldiv.js';

tamperFile('alu-div-rem', DIV_TAMPERS_3);
