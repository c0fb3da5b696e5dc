// Ops tamper cases, chunk 10 (tamper-ops-run.ts).

import { runTamperChunk } from './tamper-ops-run.js';

runTamperChunk(10);
