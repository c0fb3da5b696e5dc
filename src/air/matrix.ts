// A row-major matrix of base-field elements: how chips fill their traces (one row per step).
// Invariant: values.length === width * height, every value canonical in [0, p).

export class RowMajorMatrix {
  constructor(
    readonly values: Uint32Array,
    readonly width: number,
  ) {
    if (width < 0 || (width === 0 ? values.length !== 0 : values.length % width !== 0)) {
      throw new RangeError(
        `matrix of ${values.length} values is not a whole number of rows of width ${width}`,
      );
    }
  }

  static zeros(height: number, width: number): RowMajorMatrix {
    return new RowMajorMatrix(new Uint32Array(height * width), width);
  }

  get height(): number {
    return this.width === 0 ? 0 : this.values.length / this.width;
  }

  get(row: number, col: number): number {
    return this.values[row * this.width + col];
  }

  set(row: number, col: number, v: number): void {
    this.values[row * this.width + col] = v;
  }

  row(i: number): Uint32Array {
    return this.values.subarray(i * this.width, (i + 1) * this.width);
  }
}
