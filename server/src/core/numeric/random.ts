// Reproducible random points for the numeric check: a seeded generator, concrete sizes, and values honouring properties.
import type { Analysis } from '../analysis';
import * as D from '../shapes/dim';
import type { SymbolInfo } from '../shapes/infer';
import type { Property } from '../syntax/functions';
import * as M from './matrix';

/** mulberry32: a tiny 32-bit generator, good enough for test points and reproducible from a seed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Random {
  private readonly next: () => number;

  constructor(readonly seed: number) {
    // Mix the seed so that nearby seeds (1, 2, 3…) start far apart.
    this.next = mulberry32(Math.imul((Math.floor(seed) ^ 0x5bd1e995) >>> 0, 0x9e3779b1));
    this.next();
  }

  /** Uniform in [0, 1). */
  random(): number {
    return this.next();
  }

  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** A whole number in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  sign(): number {
    return this.next() < 0.5 ? -1 : 1;
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  shuffle<T>(xs: readonly T[]): T[] {
    const out = [...xs];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }
}

const SMALL_SIZES = [2, 3, 4, 5];
/** Where few sizes of SMALL_SIZES fit the shapes and facts. */
const WIDER_SIZES = [2, 3, 4, 5, 6, 7, 8];

/**
 * A small size (2…5) for every size symbol. Free symbols get distinct sizes while there are at most four
 * of them (so a transposed factor cannot pass by luck of equal sizes); size facts are honoured
 * (`n = 3` fixes n, `m = n` ties m to n, `m = 2n` makes m twice n).
 */
export function chooseSizes(analysis: Pick<Analysis, 'sizes'> & Partial<Pick<Analysis, 'symbols'>>, seed: number): Map<string, number> {
  const rng = new Random(seed ^ 0x51e5);
  const free = freeSizes(analysis);
  let first: Map<string, number> | undefined;
  for (let attempt = 0; attempt < 20; attempt++) {
    const out = new Map<string, number>();
    let pool: number[] = [];
    for (const name of free) {
      if (pool.length === 0) pool = rng.shuffle(SMALL_SIZES);
      out.set(name, pool.pop()!);
    }
    // A declared shape such as (m - n)×1 needs m > n, as a fact such as k = n - 3 needs n large enough: draw again.
    if (withFacts(analysis, out)) return out;
    first ??= out;
  }
  // Few sizes of 2…5 fit (a vector of m − 2n entries needs m = 5, n = 2, which distinct draws rarely give): sizes up
  // to 8, distinct as well. Failing that, the first draw (the check then says which shape is empty).
  return otherSizes(analysis, free, rng, new Map()) ?? first!;
}

/**
 * Sizes for a second check after one at `sizes`: every free size one larger, the facts honoured again; where that does
 * not fit a fact or a shape (a vector of m − 2n entries is empty at m = 6, n = 3), other sizes up to 8 with every free
 * size another than in `sizes`. Undefined when there is no free size, or no such sizes were found. A claim checked at
 * both is checked at two sizes of each free symbol, so an identity of one size cannot pass: 2×2 matrices satisfy
 * their own (adj(X) = tr(X) I − X by Cayley–Hamilton, so ∂det(X)/∂X = tr(X) I − Xᵀ holds at n = 2 alone).
 */
export function nextSizes(
  analysis: Pick<Analysis, 'sizes'> & Partial<Pick<Analysis, 'symbols'>>, sizes: ReadonlyMap<string, number>, seed = 1,
): Map<string, number> | undefined {
  const free = freeSizes(analysis);
  if (free.length === 0 || free.some((name) => sizes.get(name) === undefined)) return undefined;
  const larger = new Map(free.map((name) => [name, sizes.get(name)! + 1]));
  if (withFacts(analysis, larger)) return larger;
  return otherSizes(analysis, free, new Random(seed ^ 0x2b1d), sizes);
}

/** Random sizes of 2…8 for the free symbols, each other than in `avoid`, that fit the facts and shapes (200 draws). */
function otherSizes(
  analysis: Pick<Analysis, 'sizes'> & Partial<Pick<Analysis, 'symbols'>>, free: readonly string[], rng: Random,
  avoid: ReadonlyMap<string, number>,
): Map<string, number> | undefined {
  for (let attempt = 0; attempt < 200; attempt++) {
    const out = new Map<string, number>();
    // Distinct while there are sizes enough (as chooseSizes draws them): m = n = 3 would pass a claim that swaps them.
    let pool: number[] = [];
    for (const name of free) {
      if (pool.length === 0) pool = rng.shuffle(WIDER_SIZES);
      const k = pool.findIndex((v) => v !== avoid.get(name));
      out.set(name, k < 0 ? pool[0]! : pool[k]!);
      pool.splice(k < 0 ? 0 : k, 1);
    }
    if (free.every((name) => out.get(name) !== avoid.get(name)) && withFacts(analysis, out)) return out;
  }
  return undefined;
}

function freeSizes(analysis: Pick<Analysis, 'sizes'>): string[] {
  return [...analysis.sizes.values()].filter((s) => s.value === undefined).map((s) => s.name);
}

/** Adds the sizes the facts give (from the free ones in `out`); false when one is not a size or a shape is empty. */
function withFacts(analysis: Pick<Analysis, 'sizes'> & Partial<Pick<Analysis, 'symbols'>>, out: Map<string, number>): boolean {
  let ok = true;
  for (const s of analysis.sizes.values()) {
    if (s.value === undefined) continue;
    let v = NaN;
    try {
      v = D.evaluate(s.value, out);
    } catch {
      // A fact in terms of a symbol without a value cannot happen after normalisation; leave NaN.
    }
    if (!(Number.isInteger(v) && v >= 1)) ok = false;
    out.set(s.name, v);
  }
  return ok && (!analysis.symbols || emptyShape(analysis.symbols, out) === undefined);
}

/** A declared symbol whose shape has a size below 1 at these sizes, if any: no matrix has that shape. */
export function emptyShape(
  symbols: Analysis['symbols'], sizes: ReadonlyMap<string, number>,
): { name: string; rows: number; cols: number } | undefined {
  for (const { sym, rows, cols } of declaredSizes(symbols.values(), sizes)) {
    if (!(rows >= 1 && cols >= 1)) return { name: sym.name, rows, cols };
  }
  return undefined;
}

/** Each declared symbol with a known shape, and its rows and columns at these sizes (skipped if they cannot be evaluated). */
function* declaredSizes(
  symbols: Iterable<SymbolInfo>, sizes: ReadonlyMap<string, number>,
): Generator<{ sym: SymbolInfo; rows: number; cols: number }> {
  for (const sym of symbols) {
    if (sym.kind !== 'declared' || !sym.shape) continue;
    let rows: number;
    let cols: number;
    try {
      rows = D.evaluate(sym.shape.rows, sizes);
      cols = D.evaluate(sym.shape.cols, sizes);
    } catch {
      continue;
    }
    yield { sym, rows, cols };
  }
}

export interface PointOptions {
  /**
   * Tame points: unconstrained entries positive, unconstrained square matrices diagonally dominant with a
   * positive diagonal (so log, sqrt, logdet and inverses are defined). Used after a plain point hits
   * domain trouble, so that e.g. log(x) for an undeclared-positive x can still be checked.
   */
  readonly tame?: boolean;
}

/** A value for every declared symbol with a known shape, honouring its properties. */
export function randomPoint(
  analysis: Pick<Analysis, 'symbols'>,
  sizes: ReadonlyMap<string, number>,
  rng: Random,
  options: PointOptions = {},
): Map<string, M.Matrix> {
  const out = new Map<string, M.Matrix>();
  for (const { sym, rows, cols } of declaredSizes(analysis.symbols.values(), sizes)) {
    out.set(sym.name, sample(rows, cols, new Set(sym.properties), rng, options.tame === true));
  }
  return out;
}

/** One matrix: the strongest property decides the construction, the others refine it. */
export function sample(rows: number, cols: number, props: ReadonlySet<Property>, rng: Random, tame = false): M.Matrix {
  const has = (p: Property): boolean => props.has(p);
  const positive = has('positive') || tame;
  const square = rows === cols;
  if (rows === 1 && cols === 1) {
    if (has('orthogonal')) return M.scalar(has('spd') || has('positive') ? 1 : rng.sign());
    return M.scalar(positive || has('spd') ? rng.uniform(0.5, 2) : rng.sign() * rng.uniform(0.5, 1.5));
  }
  if (square && has('orthogonal')) return orthogonal(rows, props, rng);
  if (square && has('diagonal')) {
    const sign = (): number => (positive || has('spd') ? 1 : rng.sign());
    const out = M.matrix(rows, rows);
    for (let i = 0; i < rows; i++) out.data[i + i * rows] = sign() * rng.uniform(0.5, 2);
    return out;
  }
  if (square && has('spd')) {
    // A Aᵀ/n + c I: eigenvalues in [c, c + ‖A‖²/n], so well conditioned; positive A keeps entries positive.
    const a = fill(rows, rows, () => (positive ? rng.uniform(0.2, 1) : rng.uniform(-1, 1)));
    return M.add(M.scale(M.matmul(a, M.transpose(a)), 1 / rows), M.identity(rows, rng.uniform(0.5, 1.5)));
  }
  let base: M.Matrix;
  if (square && (has('invertible') || tame)) base = dominant(rows, positive, rng);
  else if (positive) base = fill(rows, cols, () => rng.uniform(0.5, 2));
  else base = fill(rows, cols, () => rng.sign() * rng.uniform(0.25, 1.25));
  if (square && has('symmetric')) return M.scale(M.add(base, M.transpose(base)), 0.5);
  return base;
}

function fill(rows: number, cols: number, f: () => number): M.Matrix {
  const out = M.matrix(rows, cols);
  for (let k = 0; k < out.data.length; k++) out.data[k] = f();
  return out;
}

/** c·I + E with every row's off-diagonal sum below c: strictly diagonally dominant, det > 0, cond ≤ ~4. */
function dominant(n: number, positive: boolean, rng: Random): M.Matrix {
  const c = rng.uniform(1, 2);
  const e = fill(n, n, () => (positive ? rng.uniform(0.1, 0.5) : rng.uniform(-0.5, 0.5)) / n);
  return M.add(M.identity(n, c), e);
}

function orthogonal(n: number, props: ReadonlySet<Property>, rng: Random): M.Matrix {
  if (props.has('spd')) return M.identity(n);
  if (props.has('diagonal')) {
    const out = M.matrix(n, n);
    for (let i = 0; i < n; i++) out.data[i + i * n] = props.has('positive') ? 1 : rng.sign();
    return out;
  }
  if (props.has('symmetric')) {
    // A Householder reflection I − 2vvᵀ/vᵀv is symmetric and orthogonal.
    const v = fill(n, 1, () => rng.normal());
    const vv = M.frobenius(v, v);
    return M.sub(M.identity(n), M.scale(M.matmul(v, M.transpose(v)), 2 / vv));
  }
  // Q of a Gaussian matrix (QR with diag(R) > 0, by Gram–Schmidt): a uniformly distributed orthogonal matrix.
  // Plain code, not mathjs's qr: mathjs is an ES module that this CommonJS build cannot import under
  // "module": "Node16" (TS1479), and Gram–Schmidt on n ≤ a few dozen is exact enough (twice, for stability).
  const q = fill(n, n, () => rng.normal());
  const d = q.data;
  for (let j = 0; j < n; j++) {
    for (let pass = 0; pass < 2; pass++) {
      for (let k = 0; k < j; k++) {
        let r = 0;
        for (let i = 0; i < n; i++) r += d[i + k * n]! * d[i + j * n]!;
        for (let i = 0; i < n; i++) d[i + j * n]! -= r * d[i + k * n]!;
      }
    }
    let len = 0;
    for (let i = 0; i < n; i++) len += d[i + j * n]! ** 2;
    len = Math.sqrt(len);
    for (let i = 0; i < n; i++) d[i + j * n]! /= len;
  }
  return q;
}
