// Cold vs warm prove in one process: proves the same guest run twice and prints each prove's
// phase times, so the first-in-process cost (fresh wasm pages, unoptimised code) shows as the
// difference. Usage: npx tsx bench/cold-warm.ts [guest=fib] [n=52000] [runs=2]
// (fib: cycles ≈ 5·n; n = 52000 ≈ 2^18 cycles).

import { readFileSync } from 'node:fs';
import { peakBytes, resetPeakBytes, wasmMemory } from '../src/wasm/memory.js';
import { proveElf } from '../src/zkvm/prove.js';

const guest = process.argv[2] ?? 'fib';
const n = Number(process.argv[3] ?? 52000);
const runs = Number(process.argv[4] ?? 2);
const elf = new Uint8Array(readFileSync(`guests/examples/${guest}/${guest}.elf`));
const input = new Uint8Array(4);
new DataView(input.buffer).setUint32(0, n, true);
for (let r = 0; r < runs; r++) {
  resetPeakBytes();
  const f0 = process.resourceUsage().minorPageFault;
  const res = proveElf(elf, input);
  const t = res.timings;
  console.log(
    `${r === 0 ? 'cold' : 'warm'} cycles=${res.claim.cycles} witness=${t.witness.toFixed(0)} setup=${t.setup.toFixed(0)} prove=${t.prove.toFixed(0)} total=${t.total.toFixed(0)} rss=${(process.resourceUsage().maxRSS / 1024).toFixed(0)}MiB faults=${process.resourceUsage().minorPageFault - f0} wasm=${wasmMemory().buffer.byteLength >> 20}MiB peakLive=${peakBytes() >> 20}MiB`,
  );
}
