/**
 * Typed errors of the VM layer. Every error has a machine-readable `kind` and a one-line
 * message; callers (CLI, tests) branch on `kind`, never on message text.
 */

export type ElfErrorKind =
  | 'truncated'
  | 'bad-magic'
  | 'elf64'
  | 'bad-class'
  | 'bad-endianness'
  | 'bad-machine'
  | 'not-executable'
  | 'unsupported-abi'
  | 'bad-header'
  | 'no-entry'
  | 'no-segments'
  | 'bad-segment'
  | 'segment-out-of-range'
  | 'segment-too-large'
  | 'overlapping-segments'
  | 'writable-code'
  | 'code-too-large';

/** The ELF file cannot be loaded as an rvstark program. */
export class ElfError extends Error {
  readonly kind: ElfErrorKind;
  readonly offset: number | undefined;

  constructor(kind: ElfErrorKind, message: string, offset?: number) {
    super(message);
    this.name = 'ElfError';
    this.kind = kind;
    this.offset = offset;
  }
}

export type ExecutionErrorKind =
  | 'illegal-instruction'
  | 'compressed-instruction'
  | 'ebreak'
  | 'csr'
  | 'unknown-syscall'
  | 'bad-fd'
  | 'bad-syscall-args'
  | 'misaligned-load'
  | 'misaligned-store'
  | 'misaligned-jump'
  | 'store-to-code'
  | 'pc-out-of-bounds'
  | 'cycle-limit';

/** What the guest had done when it faulted: its streams up to the fault. */
export interface PartialRun {
  /** Bytes written to fd 1 (the journal) before the fault. */
  readonly output: Uint8Array;
  /** Bytes written to fd 2 before the fault. */
  readonly stderr: Uint8Array;
  /** Input bytes read before the fault. */
  readonly inputConsumed: number;
}

const NO_RUN: PartialRun = { output: new Uint8Array(0), stderr: new Uint8Array(0), inputConsumed: 0 };

/** The guest stopped abnormally; `pc` and `instr` name the faulting instruction. */
export class ExecutionError extends Error {
  readonly kind: ExecutionErrorKind;
  readonly pc: number;
  readonly instr: number;
  /** Cycles completed before the fault (the faulting instruction is not counted). */
  readonly cycles: number;
  /**
   * The effective address for memory and jump faults (unsigned), the syscall number, the
   * fd, the write length or the cycle limit.
   */
  readonly detail: number | undefined;
  /** The guest's output up to the fault (not a result: the run did not complete). */
  readonly partial: PartialRun;

  constructor(
    kind: ExecutionErrorKind,
    message: string,
    pc: number,
    instr: number,
    cycles: number,
    detail?: number,
    partial: PartialRun = NO_RUN,
  ) {
    super(message);
    this.name = 'ExecutionError';
    this.kind = kind;
    this.pc = pc >>> 0;
    this.instr = instr >>> 0;
    this.cycles = cycles;
    this.detail = detail;
    this.partial = partial;
  }
}

/** `0x0001_0074` style: 8 lowercase hex digits. */
export function hex32(x: number): string {
  return `0x${(x >>> 0).toString(16).padStart(8, '0')}`;
}
