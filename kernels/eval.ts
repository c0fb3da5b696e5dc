// Interpreter for compiled constraint programs (src/air/program.ts) over a block of coset points.
// One call evaluates acc = Σ_k α^k·C_k at points [start, start + count) of a domain of size 2^logN,
// block by block: each instruction runs a SIMD loop over the block, so dispatch is paid once per
// block, not per point. Registers are blocks in wasm memory; an extension register is 4
// coordinate blocks (structure of arrays), so extension arithmetic vectorises across points.
// Every op reads a point's operands before writing its result, so dst may alias an operand.

import { addModV, montMulV, R2, subModV } from './babybear';

const WR2: u32 = 0x308888bb; // 11·2^64 mod p: montMul(x·2^-32, WR2) = 11·x
const WR: u32 = 0x37ffffe9; // 11·2^32 mod p: montMul(x, WR) = 11·x

// @ts-ignore: decorator
@inline function negV(a: v128): v128 {
  return subModV(i32x4.splat(0), a);
}

/**
 * Copies `len` words of column `col` starting at index `from` (mod 2^logN) into `dst`,
 * wrapping at the end of the domain.
 */
// @ts-ignore: decorator
@inline function loadWrapped(dst: usize, col: usize, from: u32, len: u32, mask: u32): void {
  const first = min(len, mask + 1 - from);
  memory.copy(dst, col + (<usize>from << 2), <usize>first << 2);
  if (first < len) memory.copy(dst + (<usize>first << 2), col, <usize>(len - first) << 2);
}

export function evalProgram(
  code: usize,
  pool: usize,
  inputs: usize,
  baseRegs: usize,
  extRegs: usize,
  out: usize,
  logN: u32,
  stride: u32,
  start: u32,
  count: u32,
  block: u32,
): void {
  const mask: u32 = (1 << logN) - 1;
  const blockBytes: usize = <usize>block << 2;
  const colBytes: usize = <usize>1 << (<usize>logN + 2);
  const acc = out; // accumulates in place in the 4 output columns
  const r2 = i32x4.splat(R2);
  const wr2 = i32x4.splat(WR2);
  const wr = i32x4.splat(WR);

  for (let s: u32 = start; s < start + count; s += block) {
    const bOff: usize = <usize>s << 2;
    for (let j: usize = 0; j < 4; j++) memory.fill(acc + j * colBytes + bOff, 0, blockBytes);
    for (let pc = code; ; pc += 16) {
      const op = load<u32>(pc);
      if (op == 0) break;
      const d = load<u32>(pc, 4);
      const a = load<u32>(pc, 8);
      const b = load<u32>(pc, 12);
      const D: usize = baseRegs + <usize>d * blockBytes;
      const A: usize = baseRegs + <usize>a * blockBytes;
      const B: usize = baseRegs + <usize>b * blockBytes;
      const ED: usize = extRegs + <usize>d * 4 * blockBytes;
      const EA: usize = extRegs + <usize>a * 4 * blockBytes;
      const EB: usize = extRegs + <usize>b * 4 * blockBytes;
      switch (op) {
        case 1: {
          // Load: input a at row offset b
          const col = <usize>load<u32>(inputs + (<usize>a << 2));
          loadWrapped(D, col, (s + b * stride) & mask, block, mask);
          break;
        }
        case 2: {
          const c = i32x4.splat(a);
          for (let i: usize = 0; i < blockBytes; i += 16) v128.store(D + i, c);
          break;
        }
        case 3:
          for (let i: usize = 0; i < blockBytes; i += 16) v128.store(D + i, addModV(v128.load(A + i), v128.load(B + i)));
          break;
        case 4:
          for (let i: usize = 0; i < blockBytes; i += 16) v128.store(D + i, subModV(v128.load(A + i), v128.load(B + i)));
          break;
        case 5:
          for (let i: usize = 0; i < blockBytes; i += 16) {
            v128.store(D + i, montMulV(montMulV(v128.load(A + i), v128.load(B + i)), r2));
          }
          break;
        case 6:
          for (let i: usize = 0; i < blockBytes; i += 16) v128.store(D + i, negV(v128.load(A + i)));
          break;
        case 7: {
          const c = i32x4.splat(b);
          for (let i: usize = 0; i < blockBytes; i += 16) v128.store(D + i, montMulV(v128.load(A + i), c));
          break;
        }
        case 8: {
          const c = i32x4.splat(b);
          for (let i: usize = 0; i < blockBytes; i += 16) v128.store(D + i, addModV(v128.load(A + i), c));
          break;
        }
        case 10: {
          for (let j: u32 = 0; j < 4; j++) {
            const col = <usize>load<u32>(inputs + (<usize>(a + j) << 2));
            loadWrapped(ED + <usize>j * blockBytes, col, (s + b * stride) & mask, block, mask);
          }
          break;
        }
        case 11: {
          for (let j: usize = 0; j < 4; j++) {
            const c = i32x4.splat(load<u32>(pool + (<usize>a << 5) + (j << 2)));
            const dj = ED + j * blockBytes;
            for (let i: usize = 0; i < blockBytes; i += 16) v128.store(dj + i, c);
          }
          break;
        }
        case 12:
        case 13: {
          for (let i: usize = 0; i < 4 * blockBytes; i += 16) {
            const x = v128.load(EA + i);
            const y = v128.load(EB + i);
            v128.store(ED + i, op == 12 ? addModV(x, y) : subModV(x, y));
          }
          break;
        }
        case 14: {
          for (let i: usize = 0; i < blockBytes; i += 16) {
            const a0 = v128.load(EA + i);
            const a1 = v128.load(EA + blockBytes + i);
            const a2 = v128.load(EA + 2 * blockBytes + i);
            const a3 = v128.load(EA + 3 * blockBytes + i);
            const b0 = v128.load(EB + i);
            const b1 = v128.load(EB + blockBytes + i);
            const b2 = v128.load(EB + 2 * blockBytes + i);
            const b3 = v128.load(EB + 3 * blockBytes + i);
            // Products carry a factor 2^-32; R2 and WR2 restore it (and apply x^4 = 11).
            const c0 = addModV(
              montMulV(montMulV(a0, b0), r2),
              montMulV(addModV(addModV(montMulV(a1, b3), montMulV(a2, b2)), montMulV(a3, b1)), wr2),
            );
            const c1 = addModV(
              montMulV(addModV(montMulV(a0, b1), montMulV(a1, b0)), r2),
              montMulV(addModV(montMulV(a2, b3), montMulV(a3, b2)), wr2),
            );
            const c2 = addModV(
              montMulV(addModV(addModV(montMulV(a0, b2), montMulV(a1, b1)), montMulV(a2, b0)), r2),
              montMulV(montMulV(a3, b3), wr2),
            );
            const c3 = montMulV(
              addModV(addModV(montMulV(a0, b3), montMulV(a1, b2)), addModV(montMulV(a2, b1), montMulV(a3, b0))),
              r2,
            );
            v128.store(ED + i, c0);
            v128.store(ED + blockBytes + i, c1);
            v128.store(ED + 2 * blockBytes + i, c2);
            v128.store(ED + 3 * blockBytes + i, c3);
          }
          break;
        }
        case 15:
          for (let i: usize = 0; i < 4 * blockBytes; i += 16) v128.store(ED + i, negV(v128.load(EA + i)));
          break;
        case 16: {
          // ext · base: convert the base operand to Montgomery form once, then one product per coordinate.
          for (let i: usize = 0; i < blockBytes; i += 16) {
            const m = montMulV(v128.load(B + i), r2);
            const x0 = montMulV(v128.load(EA + i), m);
            const x1 = montMulV(v128.load(EA + blockBytes + i), m);
            const x2 = montMulV(v128.load(EA + 2 * blockBytes + i), m);
            const x3 = montMulV(v128.load(EA + 3 * blockBytes + i), m);
            v128.store(ED + i, x0);
            v128.store(ED + blockBytes + i, x1);
            v128.store(ED + 2 * blockBytes + i, x2);
            v128.store(ED + 3 * blockBytes + i, x3);
          }
          break;
        }
        case 17:
        case 18: {
          for (let i: usize = 0; i < blockBytes; i += 16) {
            const x = v128.load(EA + i);
            const y = v128.load(B + i);
            const x1 = v128.load(EA + blockBytes + i);
            const x2 = v128.load(EA + 2 * blockBytes + i);
            const x3 = v128.load(EA + 3 * blockBytes + i);
            v128.store(ED + i, op == 17 ? addModV(x, y) : subModV(x, y));
            v128.store(ED + blockBytes + i, x1);
            v128.store(ED + 2 * blockBytes + i, x2);
            v128.store(ED + 3 * blockBytes + i, x3);
          }
          break;
        }
        case 19: {
          // base[a] − ext[b]: D is an ext register here, A a base one.
          for (let i: usize = 0; i < blockBytes; i += 16) {
            const x = v128.load(A + i);
            const y0 = v128.load(EB + i);
            const y1 = v128.load(EB + blockBytes + i);
            const y2 = v128.load(EB + 2 * blockBytes + i);
            const y3 = v128.load(EB + 3 * blockBytes + i);
            v128.store(ED + i, subModV(x, y0));
            v128.store(ED + blockBytes + i, negV(y1));
            v128.store(ED + 2 * blockBytes + i, negV(y2));
            v128.store(ED + 3 * blockBytes + i, negV(y3));
          }
          break;
        }
        case 20: {
          // acc += c · base[a], c in Montgomery form: one product per coordinate.
          const cp = pool + (<usize>b << 5) + 16;
          for (let j: usize = 0; j < 4; j++) {
            const c = i32x4.splat(load<u32>(cp + (j << 2)));
            const accj = acc + j * colBytes + bOff;
            for (let i: usize = 0; i < blockBytes; i += 16) {
              v128.store(accj + i, addModV(v128.load(accj + i), montMulV(v128.load(A + i), c)));
            }
          }
          break;
        }
        case 21: {
          // acc += c · ext[a], c in Montgomery form: products are standard form; WR applies x^4 = 11.
          const cp = pool + (<usize>b << 5) + 16;
          const k0 = i32x4.splat(load<u32>(cp));
          const k1 = i32x4.splat(load<u32>(cp, 4));
          const k2 = i32x4.splat(load<u32>(cp, 8));
          const k3 = i32x4.splat(load<u32>(cp, 12));
          for (let i: usize = 0; i < blockBytes; i += 16) {
            const a0 = v128.load(EA + i);
            const a1 = v128.load(EA + blockBytes + i);
            const a2 = v128.load(EA + 2 * blockBytes + i);
            const a3 = v128.load(EA + 3 * blockBytes + i);
            const c0 = addModV(
              montMulV(a0, k0),
              montMulV(addModV(addModV(montMulV(a1, k3), montMulV(a2, k2)), montMulV(a3, k1)), wr),
            );
            const c1 = addModV(
              addModV(montMulV(a0, k1), montMulV(a1, k0)),
              montMulV(addModV(montMulV(a2, k3), montMulV(a3, k2)), wr),
            );
            const c2 = addModV(
              addModV(addModV(montMulV(a0, k2), montMulV(a1, k1)), montMulV(a2, k0)),
              montMulV(montMulV(a3, k3), wr),
            );
            const c3 = addModV(
              addModV(montMulV(a0, k3), montMulV(a1, k2)),
              addModV(montMulV(a2, k1), montMulV(a3, k0)),
            );
            const o = acc + bOff + i;
            v128.store(o, addModV(v128.load(o), c0));
            v128.store(o + colBytes, addModV(v128.load(o + colBytes), c1));
            v128.store(o + 2 * colBytes, addModV(v128.load(o + 2 * colBytes), c2));
            v128.store(o + 3 * colBytes, addModV(v128.load(o + 3 * colBytes), c3));
          }
          break;
        }
        default:
          unreachable();
      }
    }
  }
}
