// Ops tamper cases, chunk 15 (tamper-ops-run.ts).

import { runTamperChunk } from './tamper-ops-run.js';

runTamperChunk(15);
