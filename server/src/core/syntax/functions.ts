// The built-in functions of the language: one table of name → arity and how a call becomes a tree node.
import type { Expr, UnaryFunction } from './ast';
import type { Span } from './span';

export interface FunctionInfo {
  /** How the function is written in the canonical mcalc spelling. */
  readonly canonical: string;
  readonly minArgs: number;
  readonly maxArgs: number;
  readonly signature: string;
  readonly doc: string;
  /** Builds the node from arguments already checked against the arity. */
  readonly build: (args: Expr[], span: Span, nameSpan: Span) => Expr;
}

const unary = (fn: UnaryFunction, signature: string, doc: string): FunctionInfo => ({
  canonical: fn,
  minArgs: 1,
  maxArgs: 1,
  signature,
  doc,
  build: (args, span, nameSpan) => ({ kind: 'call', fn, arg: args[0]!, nameSpan, start: span.start, end: span.end }),
});

const identity = (canonical: string): FunctionInfo => ({
  canonical,
  minArgs: 1,
  maxArgs: 1,
  signature: `${canonical}(n)`,
  doc: 'the n×n identity matrix',
  build: (args, span) => ({ kind: 'identity', size: args[0]!, start: span.start, end: span.end }),
});

const trace = unary('tr', 'tr(X)', 'trace of a square matrix');

const partialTrace = (which: 1 | 2, canonical: string): FunctionInfo => ({
  canonical,
  minArgs: 2,
  maxArgs: 2,
  signature: `${canonical}(M, c)`,
  doc: which === 1
    ? 'partial trace over the first Kronecker factor: M is (c·a)×(c·b); the sum of its c diagonal a×b blocks. tr₁(P ⊗ Q) = tr(P) Q'
    : 'partial trace over the second Kronecker factor: M is (a·c)×(b·c); the a×b matrix of the traces of its c×c blocks. tr₂(P ⊗ Q) = tr(Q) P',
  build: (args, span, nameSpan) => ({ kind: 'ptrace', which, arg: args[0]!, block: args[1]!, nameSpan, start: span.start, end: span.end }),
});

/**
 * Null prototype: names are looked up straight from user text, and `toString` or `constructor`
 * must not find Object.prototype's members.
 */
const TABLE: Record<string, FunctionInfo> = {
  'tr₁': partialTrace(1, 'tr₁'),
  tr_1: partialTrace(1, 'tr₁'),
  'tr₂': partialTrace(2, 'tr₂'),
  tr_2: partialTrace(2, 'tr₂'),
  tr: trace,
  Tr: trace,
  det: unary('det', 'det(X)', 'determinant of a square matrix'),
  logdet: unary('logdet', 'logdet(X)', 'log-determinant of a square matrix'),
  vec: unary('vec', 'vec(X)', 'stacks the columns of an m×n matrix into an (m·n)×1 vector'),
  diag: unary('diag', 'diag(x) / diag(X)', 'vector → diagonal matrix; square matrix → vector of its diagonal'),
  sum: unary('sum', 'sum(X)', 'sum of all entries (a scalar)'),
  norm: unary('norm', 'norm(X)', 'Frobenius norm (a scalar); also ‖X‖'),
  exp: unary('exp', 'exp(X)', 'entry-wise exponential'),
  log: unary('log', 'log(X)', 'entry-wise natural logarithm'),
  sin: unary('sin', 'sin(X)', 'entry-wise sine'),
  cos: unary('cos', 'cos(X)', 'entry-wise cosine'),
  tanh: unary('tanh', 'tanh(X)', 'entry-wise hyperbolic tangent'),
  sigmoid: unary('sigmoid', 'sigmoid(X)', 'entry-wise logistic function 1/(1+e^{-x})'),
  sqrt: unary('sqrt', 'sqrt(X)', 'entry-wise square root'),
  unvec: {
    canonical: 'unvec',
    minArgs: 3,
    maxArgs: 3,
    signature: 'unvec(v, m, n)',
    doc: 'the m×n matrix whose columns are the consecutive blocks of m entries of the (m·n)×1 vector v; unvec(vec(X), m, n) = X',
    build: (args, span, nameSpan) => ({ kind: 'unvec', arg: args[0]!, rows: args[1]!, cols: args[2]!, nameSpan, start: span.start, end: span.end }),
  },
  inv: {
    canonical: 'inv',
    minArgs: 1,
    maxArgs: 1,
    signature: 'inv(X)',
    doc: 'inverse of a square matrix; also X⁻¹',
    build: (args, span) => ({ kind: 'inverse', operand: args[0]!, start: span.start, end: span.end }),
  },
  kron: {
    canonical: 'kron',
    minArgs: 2,
    maxArgs: 2,
    signature: 'kron(A, B)',
    doc: 'Kronecker product; also A ⊗ B',
    build: (args, span, nameSpan) => ({
      kind: 'binary', op: 'kron', left: args[0]!, right: args[1]!, opStart: nameSpan.start, opEnd: nameSpan.end, start: span.start, end: span.end,
    }),
  },
  I: identity('I'),
  eye: identity('eye'),
  zeros: {
    canonical: 'zeros',
    minArgs: 2,
    maxArgs: 2,
    signature: 'zeros(m, n)',
    doc: 'the m×n zero matrix',
    build: (args, span) => ({ kind: 'constant', fill: 0, rows: args[0]!, cols: args[1]!, start: span.start, end: span.end }),
  },
  ones: {
    canonical: 'ones',
    minArgs: 1,
    maxArgs: 2,
    signature: 'ones(m, n) / ones(n)',
    doc: 'the m×n matrix of ones; ones(n) is the n×1 vector 𝟙ₙ',
    build: (args, span) => ({ kind: 'constant', fill: 1, rows: args[0]!, cols: args[1] ?? null, start: span.start, end: span.end }),
  },
};

/**
 * The functions by name. A Map, not an object: the parser looks up every name it reads, and a Map finds a name just
 * sliced from the text by its hash, where indexing an object first looks for it among V8's internalised strings, a
 * table of the whole program's strings (that was a tenth of the parser's time on a long file). Nor does a Map find
 * what every object inherits (`constructor`, `toString`).
 */
export const FUNCTIONS: ReadonlyMap<string, FunctionInfo> = new Map(Object.entries(TABLE));

/** What other tools call some of these functions: read as a likely meaning, never as the function. */
const OTHER_NAMES: Readonly<Record<string, string>> = {
  trace: 'tr', inverse: 'inv', determinant: 'det', kronecker: 'kron', identity: 'I', logdeterminant: 'logdet',
};

const CANDIDATES: readonly string[] = [...FUNCTIONS.keys(), ...Object.keys(OTHER_NAMES)];

/**
 * The function an unknown name most likely means, for the message and its quick fix: another tool's name for one
 * (trace → tr), or one of ours up to case and a typo (logdett → logdet, nrom → norm, trase → trace → tr). Names of
 * three letters or fewer must match but for case: foo is not for.
 */
export function likelyFunction(name: string): string | undefined {
  const lower = name.toLowerCase();
  const allowed = lower.length <= 3 ? 0 : lower.length <= 5 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = allowed + 1;
  for (const candidate of CANDIDATES) {
    const d = editDistance(lower, candidate.toLowerCase(), bestDistance);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best === undefined ? undefined : (FUNCTIONS.get(best)?.canonical ?? OTHER_NAMES[best]);
}

/** Edits (insert, delete, replace, swap two neighbours) from a to b; anything at or above `limit` is `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      row.push(d);
    }
    before = previous;
    previous = row;
  }
  return Math.min(previous[b.length]!, limit);
}

export const PROPERTIES = ['symmetric', 'spd', 'diagonal', 'positive', 'orthogonal', 'invertible'] as const;
export type Property = (typeof PROPERTIES)[number];

export const PROPERTY_DOCS: Readonly<Record<Property, string>> = {
  symmetric: 'Xᵀ = X',
  spd: 'symmetric positive definite',
  diagonal: 'zero off the diagonal',
  positive: 'every entry > 0',
  orthogonal: 'XᵀX = I',
  invertible: 'square and well conditioned',
};

/** Words with a fixed meaning that cannot name a matrix. */
export const RESERVED = new Set<string>([...FUNCTIONS.keys(), 'grad', 'wrt']);

export function isProperty(name: string): name is Property {
  return (PROPERTIES as readonly string[]).includes(name);
}
