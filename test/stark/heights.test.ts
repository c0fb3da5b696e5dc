// Table heights a proof may claim: bounded, equal to the preprocessed height where there is one,
// and within the LogUp multiplicity bound (Σ rows × interactions < p, so no count wraps the field).
import { describe, expect, it } from 'vitest';
import { byteTableAir, counterAir } from '../../src/air/examples/counter.js';
import type { Air } from '../../src/air/index.js';
import { Bus, columns } from '../../src/air/index.js';
import { StarkError } from '../../src/stark/errors.js';
import { checkHeights } from '../../src/stark/tables.js';
import { prepareAir } from './helpers/engine.js';

function kind(f: () => void): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(StarkError);
    return (e as StarkError).kind;
  }
  return 'accepted';
}

describe('table heights', () => {
  it('accepts valid heights and rejects out-of-range or mismatched ones', () => {
    const p = [prepareAir(counterAir), prepareAir(byteTableAir)];
    expect(kind(() => checkHeights(p, [10, 8]))).toBe('accepted');
    expect(kind(() => checkHeights(p, [1, 8]))).toBe('bad-shape');
    expect(kind(() => checkHeights(p, [23, 8]))).toBe('bad-shape');
    expect(kind(() => checkHeights(p, [10, 9]))).toBe('bad-shape'); // byte table is fixed at 2^8
    expect(kind(() => checkHeights(p, [10]))).toBe('bad-shape');
    expect(kind(() => checkHeights(p, [10.5, 8]))).toBe('bad-shape');
  });

  it('enforces the LogUp bound: Σ rows × interactions must stay below p', () => {
    const bus = new Bus(9, 'many', 1);
    const layout = columns({ x: 1 });
    const many: Air<typeof layout.spec> = {
      name: 'many-sends',
      main: layout,
      eval(b) {
        for (let i = 0; i < 480; i++) b.send(bus, [b.local.x.add(i)]);
      },
    };
    const p = [prepareAir(many)];
    expect(kind(() => checkHeights(p, [22]))).toBe('accepted'); // 480 · 2^22 < p
    const more: Air<typeof layout.spec> = {
      ...many,
      name: 'more-sends',
      eval: (b) => {
        for (let i = 0; i < 481; i++) b.send(bus, [b.local.x.add(i)]);
      },
    };
    expect(kind(() => checkHeights([prepareAir(more)], [22]))).toBe('bad-shape'); // 481 · 2^22 ≥ p
  });
});
