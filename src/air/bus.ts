// Typed lookup buses. A chip sends or receives tuples on a bus; over the whole proof, each bus's
// tuples must balance (every received tuple sent with the same total multiplicity). The arity
// is fixed per bus and checked when an AIR is built, so a tuple can never be read as another.

export class Bus {
  constructor(
    /** Distinct per bus: it is mixed into every fingerprint on that bus. */
    readonly id: number,
    readonly name: string,
    readonly arity: number,
  ) {
    if (!Number.isInteger(id) || id < 1 || id > 255)
      throw new RangeError(`bus ${name}: id ${id} outside 1..255`);
    if (!Number.isInteger(arity) || arity < 1) throw new RangeError(`bus ${name}: bad arity ${arity}`);
  }
}
