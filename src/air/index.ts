// The AIR layer: declare a chip's columns and constraints once, in `eval(builder)`; infer degrees;
// check concrete traces and bus balance with errors that name chip, constraint and row.
export { type Air, AirBuilder, type BuiltAir, buildAir, type Constraint, type Interaction } from './air.js';
export { Bus } from './bus.js';
export { type Cols, ColumnLayout, type ColumnSpec, columns } from './columns.js';
export {
  checkBuses,
  checkConstraints,
  type PublicContribution,
  RowEvaluator,
  type TableWitness,
} from './debug.js';
export { type DegreeInfo, inferDegrees } from './degree.js';
export { AirError, type AirErrorKind } from './errors.js';
export { Expr, ExprGraph, type ExprLike, isArithmetic, Op } from './expr.js';
export { RowMajorMatrix } from './matrix.js';
