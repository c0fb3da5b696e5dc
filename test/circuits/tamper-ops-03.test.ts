// Ops tamper cases, chunk 3 (tamper-ops-run.ts).

import { runTamperChunk } from './tamper-ops-run.js';

runTamperChunk(3);
