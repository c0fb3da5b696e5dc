// The interpreters switch on literal op ids (`case 19 /* ADDI */:`) so V8 builds a jump
// table; this checks that every literal matches the op named in its comment.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CODE_FAR_JUMP, Op } from '../../src/vm/decode.js';

const ids: Record<string, number> = { ...Op, CODE_FAR_JUMP };

describe('literal case labels', () => {
  for (const file of ['src/vm/fast.ts', 'src/vm/recording.ts']) {
    it(`${file}: each case N /* NAME */ has N = Op.NAME`, () => {
      const src = readFileSync(file, 'utf8');
      const labels = [...src.matchAll(/case (\d+) \/\* ([A-Z_]+) \*\/:/g)];
      expect(labels.length).toBeGreaterThan(40);
      const wrong = labels.filter(([, n, name]) => ids[name] !== Number(n)).map(([l]) => l);
      expect(wrong).toEqual([]);
      // No property-load label in the hot loop: it would turn the jump table into compares.
      const loop = src.slice(src.indexOf('run: for (;;)'));
      expect(loop.slice(0, loop.indexOf('\n}\n'))).not.toMatch(/case Op\./);
    });
  }
});
