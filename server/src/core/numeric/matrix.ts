// Dense real matrices in column-major Float64Arrays: the small, fast kernel the evaluator and the numeric check run on.
// Column-major because `vec` then is the data itself (LANGUAGE.md: vec stacks columns). mathjs is not used
// here: its generic matrices are 10–100× slower on the small sizes the finite-difference check evaluates
// hundreds of times, and Kronecker products and LU with a condition estimate are a few lines each.

export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  /** Entry (i, j), 0-based, is data[i + j·rows]. */
  readonly data: Float64Array;
}

/**
 * The entries of small matrices are cut from shared blocks. A Float64Array of more than 8 entries has its own
 * ArrayBuffer (allocated outside the heap, zeroed, tracked by the collector as external memory): making them was the
 * numeric check's largest single cost, over a long note's hundreds of claims. A view of a block is one small object.
 * A block lives while any of its views does; the check's matrices live for one check (what it returns are arrays).
 */
const BLOCK = 4096;
const SMALL = 256;
let block = new Float64Array(BLOCK);
let used = 0;

/**
 * Entries handed out again and again: while a Scratch is in use (usingScratch), entries() hands out the arrays it
 * handed out at the same place in the previous use, zeroed, rather than new ones. A finite-difference check
 * evaluates f dozens of times at one point, each time making matrices of the same sizes in the same order, and
 * reads only the number at the end: what one run makes is garbage when the next starts.
 */
export class Scratch {
  private readonly arrays: Float64Array[] = [];
  private next = 0;
  /** In use (usingScratch): using it again inside would hand out the arrays of the run that is under way. */
  inUse = false;

  /** n entries, all 0. */
  take(n: number): Float64Array {
    const k = this.next++;
    const old = this.arrays[k];
    if (old && old.length === n) return old.fill(0);
    return (this.arrays[k] = cut(n));
  }

  rewind(): void {
    this.next = 0;
  }
}

let scratch: Scratch | undefined;

/**
 * `run()`, with every matrix it makes taken from `s`: none of them may be used once run() has returned and the
 * next use of `s` begins (run copies out what it needs).
 */
export function usingScratch<T>(s: Scratch, run: () => T): T {
  if (s.inUse) throw new Error('a Scratch used again inside its own use');
  s.inUse = true;
  s.rewind();
  try {
    return withScratch(s, run);
  } finally {
    s.inUse = false;
  }
}

/** `run()` with fresh entries, even inside a use of a Scratch: for matrices that must outlast it. */
export function outsideScratch<T>(run: () => T): T {
  return withScratch(undefined, run);
}

/** `run()` with entries from `s` (fresh ones when undefined), and the one in use before it afterwards. */
function withScratch<T>(s: Scratch | undefined, run: () => T): T {
  const outer = scratch;
  scratch = s;
  try {
    return run();
  } finally {
    scratch = outer;
  }
}

/** n entries, all 0. */
export function entries(n: number): Float64Array {
  return scratch ? scratch.take(n) : cut(n);
}

/** n new entries, all 0: cut from the current block when small. */
function cut(n: number): Float64Array {
  if (n > SMALL) return new Float64Array(n);
  if (used + n > BLOCK) {
    block = new Float64Array(BLOCK);
    used = 0;
  }
  const out = block.subarray(used, used + n);
  used += n;
  return out;
}

/** A copy of `data`, cut from the shared blocks when small. */
export function copyOf(data: Float64Array): Float64Array {
  const out = entries(data.length);
  out.set(data);
  return out;
}

export function matrix(rows: number, cols: number, data?: Float64Array): Matrix {
  return { rows, cols, data: data ?? entries(rows * cols) };
}

export function filled(rows: number, cols: number, value: number): Matrix {
  const m = matrix(rows, cols);
  if (value !== 0) m.data.fill(value);
  return m;
}

export function identity(n: number, scale = 1): Matrix {
  const m = matrix(n, n);
  for (let i = 0; i < n; i++) m.data[i + i * n] = scale;
  return m;
}

export function scalar(value: number): Matrix {
  if (!scratch) return matrix(1, 1, Float64Array.of(value));
  const m = matrix(1, 1);
  m.data[0] = value;
  return m;
}

/** From rows written as arrays (tests and messages read matrices row by row). */
export function fromRows(rows: readonly (readonly number[])[]): Matrix {
  const r = rows.length;
  const c = r === 0 ? 0 : rows[0]!.length;
  const m = matrix(r, c);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) m.data[i + j * r] = rows[i]![j]!;
  return m;
}

/** A column vector. */
export function column(values: readonly number[]): Matrix {
  return matrix(values.length, 1, Float64Array.from(values));
}

export function toRows(m: Matrix): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < m.rows; i++) {
    const row: number[] = [];
    for (let j = 0; j < m.cols; j++) row.push(m.data[i + j * m.rows]!);
    out.push(row);
  }
  return out;
}

export const at = (m: Matrix, i: number, j: number): number => m.data[i + j * m.rows]!;
export const isScalarMatrix = (m: Matrix): boolean => m.rows === 1 && m.cols === 1;
export const sameSize = (a: Matrix, b: Matrix): boolean => a.rows === b.rows && a.cols === b.cols;

export function map(a: Matrix, f: (x: number) => number): Matrix {
  const out = matrix(a.rows, a.cols);
  for (let k = 0; k < a.data.length; k++) out.data[k] = f(a.data[k]!);
  return out;
}

/** Entry-wise combination of two matrices of one size. */
export function zip(a: Matrix, b: Matrix, f: (x: number, y: number) => number): Matrix {
  const out = matrix(a.rows, a.cols);
  for (let k = 0; k < a.data.length; k++) out.data[k] = f(a.data[k]!, b.data[k]!);
  return out;
}

export function scale(a: Matrix, s: number): Matrix {
  const out = matrix(a.rows, a.cols);
  for (let k = 0; k < a.data.length; k++) out.data[k] = s * a.data[k]!;
  return out;
}

export function add(a: Matrix, b: Matrix): Matrix {
  return zip(a, b, (x, y) => x + y);
}

export function sub(a: Matrix, b: Matrix): Matrix {
  return zip(a, b, (x, y) => x - y);
}

export function transpose(a: Matrix): Matrix {
  const out = matrix(a.cols, a.rows);
  for (let j = 0; j < a.cols; j++) for (let i = 0; i < a.rows; i++) out.data[j + i * a.cols] = a.data[i + j * a.rows]!;
  return out;
}

export function matmul(a: Matrix, b: Matrix): Matrix {
  const m = a.rows;
  const n = a.cols;
  const p = b.cols;
  const out = matrix(m, p);
  const A = a.data;
  const B = b.data;
  const C = out.data;
  for (let j = 0; j < p; j++) {
    for (let k = 0; k < n; k++) {
      const bkj = B[k + j * n]!;
      if (bkj === 0) continue;
      const aOff = k * m;
      const cOff = j * m;
      for (let i = 0; i < m; i++) C[cOff + i] += A[aOff + i]! * bkj;
    }
  }
  return out;
}

/** P ⊗ Q with (P ⊗ Q)[i·c + k, j·d + l] = P[i,j]·Q[k,l] for Q c×d (KRONECKER.md, 0-based). */
export function kron(p: Matrix, q: Matrix): Matrix {
  const c = q.rows;
  const d = q.cols;
  const rows = p.rows * c;
  const out = matrix(rows, p.cols * d);
  for (let j = 0; j < p.cols; j++) {
    for (let i = 0; i < p.rows; i++) {
      const pij = p.data[i + j * p.rows]!;
      if (pij === 0) continue;
      for (let l = 0; l < d; l++) {
        const col = (j * d + l) * rows + i * c;
        for (let k = 0; k < c; k++) out.data[col + k] = pij * q.data[k + l * c]!;
      }
    }
  }
  return out;
}

export function frobenius(a: Matrix, b: Matrix): number {
  let s = 0;
  for (let k = 0; k < a.data.length; k++) s += a.data[k]! * b.data[k]!;
  return s;
}

export function trace(a: Matrix): number {
  let s = 0;
  for (let i = 0; i < a.rows; i++) s += a.data[i + i * a.rows]!;
  return s;
}

export function sum(a: Matrix): number {
  let s = 0;
  for (let k = 0; k < a.data.length; k++) s += a.data[k]!;
  return s;
}

export function normF(a: Matrix): number {
  return Math.sqrt(frobenius(a, a));
}

/** The largest absolute column sum (the induced 1-norm), for condition estimates. */
export function norm1(a: Matrix): number {
  let best = 0;
  for (let j = 0; j < a.cols; j++) {
    let s = 0;
    for (let i = 0; i < a.rows; i++) s += Math.abs(a.data[i + j * a.rows]!);
    best = Math.max(best, s);
  }
  return best;
}

export function allFinite(a: Matrix): boolean {
  for (let k = 0; k < a.data.length; k++) if (!Number.isFinite(a.data[k]!)) return false;
  return true;
}

/** PA = LU with partial pivoting, L unit lower and U upper packed in one array. */
export interface LU {
  readonly n: number;
  readonly lu: Float64Array;
  readonly perm: Int32Array;
  /** The sign of the permutation: ±1. */
  readonly sign: number;
  /** True when a pivot is exactly zero. */
  readonly singular: boolean;
}

export function lu(a: Matrix): LU {
  const n = a.rows;
  const m = copyOf(a.data);
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  let sign = 1;
  let singular = false;
  for (let k = 0; k < n; k++) {
    let p = k;
    let best = Math.abs(m[k + k * n]!);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(m[i + k * n]!);
      if (v > best) { best = v; p = i; }
    }
    if (best === 0) { singular = true; continue; }
    if (p !== k) {
      for (let j = 0; j < n; j++) {
        const t = m[k + j * n]!;
        m[k + j * n] = m[p + j * n]!;
        m[p + j * n] = t;
      }
      const t = perm[k]!; perm[k] = perm[p]!; perm[p] = t;
      sign = -sign;
    }
    const pivot = m[k + k * n]!;
    for (let i = k + 1; i < n; i++) {
      const l = (m[i + k * n]! /= pivot);
      if (l === 0) continue;
      for (let j = k + 1; j < n; j++) m[i + j * n]! -= l * m[k + j * n]!;
    }
  }
  return { n, lu: m, perm, sign, singular };
}

export function determinant(f: LU): number {
  if (f.singular) return 0;
  let d = f.sign;
  for (let i = 0; i < f.n; i++) d *= f.lu[i + i * f.n]!;
  return d;
}

/** log|det| and the sign of det, without overflow for large sizes. */
export function logAbsDeterminant(f: LU): { sign: number; log: number } {
  if (f.singular) return { sign: 0, log: -Infinity };
  let sign = f.sign;
  let log = 0;
  for (let i = 0; i < f.n; i++) {
    const u = f.lu[i + i * f.n]!;
    if (u < 0) sign = -sign;
    log += Math.log(Math.abs(u));
  }
  return { sign, log };
}

/** A⁻¹ from its LU factors (undefined when singular). */
export function inverseOf(f: LU): Matrix | undefined {
  if (f.singular) return undefined;
  const n = f.n;
  const out = matrix(n, n);
  const x = new Float64Array(n);
  for (let col = 0; col < n; col++) {
    // Solve L U x = P e_col: forward, then backward substitution.
    for (let i = 0; i < n; i++) {
      let s = f.perm[i] === col ? 1 : 0;
      for (let k = 0; k < i; k++) s -= f.lu[i + k * n]! * x[k]!;
      x[i] = s;
    }
    for (let i = n - 1; i >= 0; i--) {
      let s = x[i]!;
      for (let k = i + 1; k < n; k++) s -= f.lu[i + k * n]! * x[k]!;
      x[i] = s / f.lu[i + i * n]!;
    }
    out.data.set(x, col * n);
  }
  return out;
}
