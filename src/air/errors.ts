// Typed errors of the AIR layer: a constraint that fails on a concrete trace, an unbalanced bus,
// or a trace whose shape does not match its AIR. Messages name the chip, constraint and row.

export type AirErrorKind = 'constraint-failed' | 'bus-unbalanced' | 'bad-trace-shape' | 'bad-public-values';

export class AirError extends Error {
  readonly kind: AirErrorKind;
  readonly chip: string;
  readonly row: number | undefined;
  readonly constraint: number | undefined;
  constructor(
    kind: AirErrorKind,
    message: string,
    fields: { chip: string; row?: number; constraint?: number },
  ) {
    super(message);
    this.name = 'AirError';
    this.kind = kind;
    this.chip = fields.chip;
    this.row = fields.row;
    this.constraint = fields.constraint;
  }
}
