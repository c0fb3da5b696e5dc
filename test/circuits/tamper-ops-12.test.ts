// Ops tamper cases, chunk 12 (tamper-ops-run.ts).

import { runTamperChunk } from './tamper-ops-run.js';

runTamperChunk(12);
