// Ops tamper cases, chunk 7 (tamper-ops-run.ts).

import { runTamperChunk } from './tamper-ops-run.js';

runTamperChunk(7);
