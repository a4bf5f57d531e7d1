// Matrix shapes with symbolic dimensions. A scalar is 1×1, a vector n×1.
import { dimToShapeString, equal, hasVariables, isOne, ONE, substitute, type Dim } from './dim';

export interface Shape {
  readonly rows: Dim;
  readonly cols: Dim;
}

export const SCALAR: Shape = { rows: ONE, cols: ONE };

/**
 * Shapes made lately, for reuse: shapes are immutable, and a document writes the same few (m×n, n×p, …) thousands
 * of times. A shape is kept by every node it types, so a long document's analysis kept one object per node; the few
 * made last are looked at (by the identity of their dims, shared by dim.ts) before a new one is made.
 */
const RECENT = 16;
const recent: Shape[] = [];
let next = 0;

export function shape(rows: Dim, cols: Dim): Shape {
  for (let k = 0; k < recent.length; k++) {
    const s = recent[k]!;
    if (s.rows === rows && s.cols === cols) return s;
  }
  const s = { rows, cols };
  if (recent.length < RECENT) recent.push(s);
  else recent[next] = s;
  next = (next + 1) % RECENT;
  return s;
}

export const isScalar = (s: Shape): boolean => isOne(s.rows) && isOne(s.cols);
export const isSquare = (s: Shape): boolean => equal(s.rows, s.cols);
export const isColumn = (s: Shape): boolean => isOne(s.cols);
export const sameShape = (a: Shape, b: Shape): boolean => equal(a.rows, b.rows) && equal(a.cols, b.cols);
export const transposed = (s: Shape): Shape => shape(s.cols, s.rows);
export const shapeHasVariables = (s: Shape): boolean => hasVariables(s.rows) || hasVariables(s.cols);

/** The shape with symbols replaced; the same object when nothing is bound (the usual case, and no allocation). */
export function substituteShape(s: Shape, lookup: (symbol: string) => Dim | undefined): Shape {
  const rows = substitute(s.rows, lookup);
  const cols = substitute(s.cols, lookup);
  return rows === s.rows && cols === s.cols ? s : { rows, cols };
}

/** `(p·m)×(q·n)`; ascii gives `(p*m) x (q*n)`. */
export function shapeToString(s: Shape, ascii = false): string {
  const r = dimToShapeString(s.rows, ascii);
  const c = dimToShapeString(s.cols, ascii);
  return ascii ? `${r} x ${c}` : `${r}×${c}`;
}

/** How a shape reads in prose: "a scalar", "a vector of n", "an m×n matrix". */
export function describeShape(s: Shape): string {
  if (isScalar(s)) return 'scalar';
  return shapeToString(s);
}
