// Every shipped example guest, run on a real input: its traces pass the constraint and bus
// debug checkers, it proves through proveElf (fast preset) and its receipt verifies against the
// ELF and the input; a changed claim is refused.

import { readFileSync } from 'node:fs';
import { describe, it } from 'vitest';
import { proveAndCheck } from './helpers.js';

const u32 = (...xs: number[]) => new Uint8Array(Uint32Array.from(xs).buffer);
const i32s = (xs: number[]) => new Uint8Array(Int32Array.from(xs).buffer);
const le = (x: bigint, n: number) =>
  Uint8Array.from({ length: n }, (_, k) => Number((x >> BigInt(8 * k)) & 0xffn));

const modexp = (b: bigint, e: bigint, m: bigint) =>
  Uint8Array.from([...le(b, 32), ...le(e, 32), ...le(m, 32)]);

// [guest, input, run the debug checkers]: 4^13 mod 497 takes 565k cycles, which prove in
// seconds but take the row-by-row TS checkers over a minute; its m = 0 case (389 cycles) is
// checked instead.
const GUESTS: Array<[string, Uint8Array, boolean]> = [
  ['fib', u32(30), true],
  ['sha256', new TextEncoder().encode('abc'), true],
  ['sort', i32s([0x7fffffff, -0x80000000, 0, -1, 1, 5, 5, 3]), true],
  ['modexp', modexp(3n, 5n, 0n), true],
  ['modexp', modexp(4n, 13n, 497n), false],
  ['hello', new TextEncoder().encode('rvstark'), true],
];

describe('example guests prove and verify', () => {
  for (const [name, input, debug] of GUESTS) {
    it(`${name} (${input.length}-byte input${debug ? '' : ', proof only'})`, { timeout: 120_000 }, () => {
      proveAndCheck(new Uint8Array(readFileSync(`guests/examples/${name}/${name}.elf`)), input, debug);
    });
  }

  it('sha256("abc") at the default preset (≥ 100 bits)', { timeout: 120_000 }, () => {
    const elf = new Uint8Array(readFileSync('guests/examples/sha256/sha256.elf'));
    proveAndCheck(elf, new TextEncoder().encode('abc'), false, 'default');
  });
});
