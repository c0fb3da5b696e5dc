// The committed example guests: checked against independent references (@noble/hashes,
// BigInt, Array.sort), against qemu-riscv32 on several inputs, and fast vs recording mode.
import { readFileSync } from 'node:fs';
import { sha256 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import { execute, loadElf, type Program } from '../../src/vm/index.js';
import { pool, QEMU, runQemu } from './helpers/qemu.js';
import { mulberry32 } from './helpers/randprog.js';

const elfPath = (name: string) => `guests/examples/${name}/${name}.elf`;
const load = (name: string): Program => loadElf(readFileSync(elfPath(name)));
const rnd = mulberry32(42);
const bytes = (n: number) => Uint8Array.from({ length: n }, () => Math.floor(rnd() * 256));
const u32 = (...xs: number[]) => new Uint8Array(Uint32Array.from(xs).buffer);
const i32s = (xs: number[]) => new Uint8Array(Int32Array.from(xs).buffer);

function le(x: bigint, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let k = 0; k < n; k++) out[k] = Number((x >> BigInt(8 * k)) & 0xffn);
  return out;
}
function fromLe(b: Uint8Array): bigint {
  let x = 0n;
  for (let k = b.length - 1; k >= 0; k--) x = (x << 8n) | BigInt(b[k]);
  return x;
}
function modpow(b: bigint, e: bigint, m: bigint): bigint {
  let r = 1n % m;
  b %= m;
  while (e > 0n) {
    if (e & 1n) r = (r * b) % m;
    b = (b * b) % m;
    e >>= 1n;
  }
  return r;
}
const modexpInput = (b: bigint, e: bigint, m: bigint) =>
  Uint8Array.from([...le(b, 32), ...le(e, 32), ...le(m, 32)]);

const INPUTS: Record<string, Uint8Array[]> = {
  fib: [new Uint8Array(0), u32(1), u32(10), u32(47), u32(1000)],
  sha256: [
    new Uint8Array(0),
    new TextEncoder().encode('abc'),
    bytes(55),
    bytes(56),
    bytes(64),
    bytes(4096),
    bytes(10_000),
  ],
  sort: [new Uint8Array(0), i32s([3, -1, 2]), i32s([0x7fffffff, -0x80000000, 0, -1, 1, 5, 5]), bytes(4000)],
  modexp: [
    modexpInput(4n, 13n, 497n),
    modexpInput(2n ** 255n + 12345n, 2n ** 200n - 1n, 2n ** 127n - 1n),
    modexpInput(7n, 2n ** 256n - 1n, 2n ** 256n - 189n),
    modexpInput(3n, 5n, 1n),
    modexpInput(3n, 5n, 0n),
    modexpInput(123456789n, 987654321n, 0xfffffffbn),
  ],
  hello: [
    new Uint8Array(0),
    new TextEncoder().encode('hello big world'),
    new TextEncoder().encode('a b c d e f\n'.repeat(30)),
  ],
};

describe('example guests against independent references', () => {
  it('fib', () => {
    const p = load('fib');
    for (const n of [0, 1, 2, 10, 47, 1000]) {
      let [a, b] = [0, 1];
      for (let k = 0; k < n; k++) [a, b] = [b, (a + b) >>> 0];
      const r = execute(p, u32(n));
      expect(Buffer.from(r.output)).toEqual(Buffer.from(u32(a)));
    }
  });
  it('sha256 matches @noble/hashes', () => {
    const p = load('sha256');
    for (const input of INPUTS.sha256) {
      expect(Buffer.from(execute(p, input).output).toString('hex')).toBe(
        Buffer.from(sha256(input)).toString('hex'),
      );
    }
  });
  it('sort matches Array.sort', () => {
    const p = load('sort');
    for (const input of INPUTS.sort) {
      const xs = Array.from(new Int32Array(input.buffer, input.byteOffset, input.length / 4)).sort(
        (a, b) => a - b,
      );
      expect(Buffer.from(execute(p, input).output)).toEqual(Buffer.from(i32s(xs)));
    }
  });
  it('modexp matches BigInt', () => {
    const p = load('modexp');
    for (const input of INPUTS.modexp) {
      const [b, e, m] = [0, 32, 64].map((o) => fromLe(input.subarray(o, o + 32)));
      const r = execute(p, input);
      if (m === 0n) expect(r.exitCode).toBe(1);
      else expect(fromLe(r.output)).toBe(modpow(b, e, m));
    }
  });
  it('hello (picolibc printf + malloc) greets the last word and counts words', () => {
    const r = execute(load('hello'), new TextEncoder().encode('hello big world'));
    const text = new TextDecoder().decode(r.output);
    expect(text.startsWith('hello, world! 3 words, 15 bytes\n')).toBe(true);
    expect(r.exitCode).toBe(3);
    expect(new TextDecoder().decode(r.stderr)).toBe('hello: done\n');
  });
  it('recording mode gives the same result as fast mode', () => {
    for (const [name, inputs] of Object.entries(INPUTS)) {
      const p = load(name);
      for (const input of inputs.slice(0, 2)) {
        const fast = execute(p, input);
        const rec = execute(p, input, { record: true });
        expect(rec.cycles).toBe(fast.cycles);
        expect(rec.exitCode).toBe(fast.exitCode);
        expect(Buffer.from(rec.output)).toEqual(Buffer.from(fast.output));
        expect(rec.record?.cpu.length).toBe(fast.cycles);
        // Fast mode derives counts from run entries; the record's pc column counts every cycle.
        const perCycle = new Uint32Array(fast.counts.length);
        for (const pc of rec.record!.cpu.pc) perCycle[(pc - rec.decoded.base) >>> 2]++;
        expect(fast.counts).toEqual(perCycle);
        expect(fast.counts).toEqual(rec.counts);
        expect(fast.counts.reduce((a, b) => a + b, 0)).toBe(fast.cycles);
      }
    }
  });
});

describe.skipIf(!QEMU)('example guests vs qemu-riscv32', () => {
  if (!QEMU) console.warn('skipping: qemu-riscv32 not found (apt-get install qemu-user)');
  const cases = Object.entries(INPUTS).flatMap(([name, inputs]) => inputs.map((input) => ({ name, input })));
  it(`${cases.length} runs give the same stdout and exit code`, async () => {
    const diffs: string[] = [];
    await pool(cases, 4, async ({ name, input }, k) => {
      const q = await runQemu(elfPath(name), input);
      const r = execute(load(name), input);
      if (!Buffer.from(r.output).equals(q.stdout) || (r.exitCode & 0xff) !== q.status) {
        diffs.push(`${name} case ${k}: ours exit ${r.exitCode & 0xff}, qemu ${q.status}`);
      }
      if (!Buffer.from(r.stderr).equals(q.stderr)) diffs.push(`${name} case ${k}: stderr differs`);
    });
    expect(diffs).toEqual([]);
  });
});
