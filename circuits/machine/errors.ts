// Typed errors of the circuits layer.

export type CircuitErrorKind = 'unsupported-opcode' | 'unsupported-program' | 'bad-record';

export class CircuitError extends Error {
  readonly kind: CircuitErrorKind;
  readonly pc: number | undefined;
  readonly op: string | undefined;
  constructor(kind: CircuitErrorKind, message: string, fields: { pc?: number; op?: string } = {}) {
    super(message);
    this.name = 'CircuitError';
    this.kind = kind;
    this.pc = fields.pc;
    this.op = fields.op;
  }
}

export function unsupportedOpcode(op: string, pc: number, cycle: number): CircuitError {
  return new CircuitError(
    'unsupported-opcode',
    `opcode ${op} is not yet supported by the circuits (pc 0x${(pc >>> 0).toString(16).padStart(8, '0')}, cycle ${cycle})`,
    { pc, op },
  );
}
