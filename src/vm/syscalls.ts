/**
 * The guest ABI's ECALLs (Linux numbers in a7): read(63) from fd 0 = the input bytes,
 * write(64) to fd 1 = the journal and fd 2 = stderr, exit(93) / exit_group(94).
 * `GuestIo` holds the streams; `ecall` runs one call against registers and memory.
 * A buffer that wraps past 0xffffffff, or a read buffer overlapping code, makes the call
 * return -EFAULT (-14) with no effect, as under qemu-user.
 */
import type { ExecutionErrorKind } from './errors.js';
import type { Memory } from './memory.js';

export const SYS_READ = 63;
export const SYS_WRITE = 64;
export const SYS_EXIT = 93;
export const SYS_EXIT_GROUP = 94;

export const REG_A0 = 10;
export const REG_A1 = 11;
export const REG_A2 = 12;
export const REG_A7 = 17;

/** A single write may not exceed this: bounds output memory against a hostile length. */
export const MAX_WRITE = 1 << 28;

/** An append-only byte buffer that grows by doubling. */
export class ByteSink {
  private buf = new Uint8Array(256);
  length = 0;

  reserve(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.length + n) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }

  push(byte: number): void {
    if (this.length === this.buf.length) this.reserve(1);
    this.buf[this.length++] = byte;
  }

  bytes(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

export const ECALL_CONTINUE = 0;
export const ECALL_EXIT = 1;
export const ECALL_FAULT = 2;

/** Linux's EFAULT: a read or write ECALL returns -EFAULT in a0 for a bad buffer. */
export const EFAULT = 14;

/** Input and output streams of one run, plus the exit code or fault of the last ECALL. */
export class GuestIo {
  readonly input: Uint8Array;
  /** The executable word ranges (DecodedProgram.ranges): no ECALL may write them. */
  readonly code: ReadonlyArray<readonly [number, number]>;
  inputPos = 0;
  readonly journal = new ByteSink();
  readonly stderr = new ByteSink();
  exitCode = 0;
  faultKind: ExecutionErrorKind = 'unknown-syscall';
  faultDetail = 0;

  constructor(input: Uint8Array, code: ReadonlyArray<readonly [number, number]>) {
    this.input = input;
    this.code = code;
  }

  fault(kind: ExecutionErrorKind, detail: number): number {
    this.faultKind = kind;
    this.faultDetail = detail;
    return ECALL_FAULT;
  }
}

/**
 * Whether a buffer of n > 0 bytes at `buf` (unsigned) is bad: it wraps past 0xffffffff,
 * or, when `toCode` is set (the call writes memory), it overlaps an executable word.
 * qemu-user returns EFAULT for both (the top of the space is unmapped, code is R+X);
 * the code rule is the one sb/sh/sw follow (store-to-code), at word granularity.
 */
export function badBuffer(io: GuestIo, buf: number, n: number, toCode: boolean): boolean {
  const end = buf + n;
  if (end > 2 ** 32) return true;
  if (toCode) for (const [s, e] of io.code) if (buf < e && s < end) return true;
  return false;
}

/**
 * The bytes read(0, a1, a2) moves: min(a2, remaining input), or -1 for EFAULT (a buffer
 * [a1, a1 + a2) that wraps or overlaps code, checked over the whole requested length as
 * Linux and qemu do, even at end of input). Nothing is written or consumed on EFAULT.
 */
export function readLength(regs: Int32Array, io: GuestIo): number {
  const n = regs[REG_A2] >>> 0;
  if (n !== 0 && badBuffer(io, regs[REG_A1] >>> 0, n, true)) return -1;
  return Math.min(n, io.input.length - io.inputPos);
}

/** Runs the ECALL described by regs (a7 = number); returns ECALL_CONTINUE/EXIT/FAULT. */
export function ecall(regs: Int32Array, mem: Memory, io: GuestIo): number {
  const num = regs[REG_A7];
  switch (num) {
    case SYS_READ: {
      const fd = regs[REG_A0];
      if (fd !== 0) return io.fault('bad-fd', fd);
      const buf = regs[REG_A1] >>> 0;
      // Like Linux read(2): min(n, remaining) bytes, 0 at end of input.
      const n = readLength(regs, io);
      if (n < 0) {
        regs[REG_A0] = -EFAULT;
        return ECALL_CONTINUE;
      }
      for (let k = 0; k < n; k++) mem.storeByte((buf + k) >>> 0, io.input[io.inputPos + k]);
      io.inputPos += n;
      regs[REG_A0] = n;
      return ECALL_CONTINUE;
    }
    case SYS_WRITE: {
      const fd = regs[REG_A0];
      if (fd !== 1 && fd !== 2) return io.fault('bad-fd', fd);
      const buf = regs[REG_A1] >>> 0;
      const n = regs[REG_A2] >>> 0;
      if (n > MAX_WRITE) return io.fault('bad-syscall-args', n);
      // Reading code bytes as data is fine (code is R+X); only a wrapping buffer is bad.
      if (n !== 0 && badBuffer(io, buf, n, false)) {
        regs[REG_A0] = -EFAULT;
        return ECALL_CONTINUE;
      }
      const sink = fd === 1 ? io.journal : io.stderr;
      sink.reserve(n);
      for (let k = 0; k < n; k++) sink.push(mem.loadByte((buf + k) >>> 0));
      regs[REG_A0] = n;
      return ECALL_CONTINUE;
    }
    case SYS_EXIT:
    case SYS_EXIT_GROUP:
      io.exitCode = regs[REG_A0];
      return ECALL_EXIT;
    default:
      return io.fault('unknown-syscall', num);
  }
}
