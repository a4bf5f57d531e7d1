// The mcalc syntax tree. One canonical node per meaning: `inv(X)`, `X⁻¹` and `X^-1` all parse to `inverse`.
//
// Every node is its own span: its `start` and `end` offsets are fields of the node, not of a separate {start, end}
// object, and a node is passed wherever a Span is wanted. A 10,000-line file is about 45,000 nodes; a span object for
// each was a third of the objects an analysis keeps, and the young-generation collector copies each of them once or
// twice while the analysis is built (BENCHMARKS.md). What keeps a place beyond its tree copies it with placeOf():
// a diagnostic, a moved analysis's symbol, a hover.
import type { Span } from './span';

/** A name in a statement (declared, defined, differentiated): the name and its place. */
export interface Ident extends Span {
  readonly name: string;
}

export type BinaryOp =
  | 'matmul'     // A * B, A · B, A B
  | 'kron'       // A ⊗ B, kron(A, B)
  | 'hadamard'   // A ⊙ B, A ∘ B, A .* B
  | 'ediv'       // A ./ B
  | 'div'        // A / s (s scalar)
  | 'add'
  | 'sub'
  | 'frobenius'; // A : B, ⟨A, B⟩

/** Functions of one matrix argument (entry-wise or not). */
export type UnaryFunction =
  | 'tr' | 'det' | 'logdet' | 'vec' | 'diag' | 'sum' | 'norm'
  | 'exp' | 'log' | 'sin' | 'cos' | 'tanh' | 'sigmoid' | 'sqrt';

export type Expr = Span & (
  | { readonly kind: 'name'; readonly name: string }
  | { readonly kind: 'number'; readonly value: number }
  /** I, I_n, I(n), eye(n): `size` is a dimension expression, or null when it is to be inferred. */
  | { readonly kind: 'identity'; readonly size: Expr | null }
  /** zeros(m, n), ones(m, n), ones(n): `cols` null means a column vector. */
  | { readonly kind: 'constant'; readonly fill: 0 | 1; readonly rows: Expr; readonly cols: Expr | null }
  | { readonly kind: 'neg'; readonly operand: Expr }
  | { readonly kind: 'transpose'; readonly operand: Expr }
  | { readonly kind: 'inverse'; readonly operand: Expr }
  /** X^k: integer power of a square matrix (or any power of a scalar). */
  | { readonly kind: 'power'; readonly operand: Expr; readonly exponent: number }
  /** X.^k: entry-wise power. */
  | { readonly kind: 'epower'; readonly operand: Expr; readonly exponent: number }
  | {
      readonly kind: 'binary';
      readonly op: BinaryOp;
      readonly left: Expr;
      readonly right: Expr;
      /** Where the operator is: its token, or for juxtaposition the gap between the operands (see operatorSpan). */
      readonly opStart: number;
      readonly opEnd: number;
      /** True for a product written by juxtaposition (`A B`). */
      readonly implicit?: boolean;
    }
  | { readonly kind: 'call'; readonly fn: UnaryFunction; readonly arg: Expr; readonly nameSpan: Span }
  /**
   * Partial trace, written tr₁(M, c) / tr_1(M, c) and tr₂(M, c) / tr_2(M, c): the adjoint of a Kronecker product.
   * tr₁: M is (c·a)×(c·b), a c×c grid of a×b blocks → the a×b sum of the diagonal blocks.
   * tr₂: M is (a·c)×(b·c), an a×b grid of c×c blocks → the a×b matrix of the blocks' traces.
   * So tr₁(P ⊗ Q) = tr(P) Q and tr₂(P ⊗ Q) = tr(Q) P; `block` is the size c (a dimension expression).
   * LaTeX: \operatorname{tr}_1 / \operatorname{tr}_2; NumPy: M.reshape(c, a, c, b).trace(axis1=0, axis2=2)
   * and M.reshape(a, c, b, c).trace(axis1=1, axis2=3).
   */
  /** unvec(v, m, n): the m×n matrix whose columns are v's consecutive blocks of m (the inverse of vec). */
  | { readonly kind: 'unvec'; readonly arg: Expr; readonly rows: Expr; readonly cols: Expr; readonly nameSpan: Span }
  | { readonly kind: 'ptrace'; readonly which: 1 | 2; readonly arg: Expr; readonly block: Expr; readonly nameSpan: Span }
  /** A part of the text that could not be parsed; a diagnostic has been reported for it. */
  | { readonly kind: 'error' }
);

export type ExprKind = Expr['kind'];
export type ExprOf<K extends ExprKind> = Extract<Expr, { kind: K }>;

export type ShapeSpec = Span & (
  | { readonly kind: 'matrix'; readonly rows: Expr; readonly cols: Expr }
  | { readonly kind: 'vector'; readonly size: Expr }
  | { readonly kind: 'scalar' }
);

export type Statement = Span & (
  | {
      readonly kind: 'declaration';
      readonly names: readonly Ident[];
      readonly shape: ShapeSpec;
      readonly properties: readonly Ident[];
    }
  /** NAME = EXPR. Whether it is a size fact (`n = 3`, `m = n`) is decided by the analysis. */
  | { readonly kind: 'definition'; readonly target: Ident; readonly value: Expr }
  | { readonly kind: 'grad'; readonly of: Ident; readonly wrt: readonly Ident[] }
  /** ∂f/∂X = EXPR: the author's own derivative. */
  | { readonly kind: 'claim'; readonly of: Ident; readonly wrt: Ident; readonly value: Expr }
);

/** A binary node's operator as a span (its token, or the gap of a juxtaposition). */
export function operatorSpan(e: ExprOf<'binary'>): Span {
  return { start: e.opStart, end: e.opEnd };
}

/**
 * Whether `p(child, arg)` holds for some child of `e` (in children() order), without making children()'s array; `arg`
 * lets a recursive caller pass its state without a closure per node.
 */
export function someChild<A>(e: Expr, p: (child: Expr, arg: A) => boolean, arg: A): boolean {
  switch (e.kind) {
    case 'name': case 'number': case 'error': return false;
    case 'identity': return e.size ? p(e.size, arg) : false;
    case 'constant': return p(e.rows, arg) || (e.cols ? p(e.cols, arg) : false);
    case 'neg': case 'transpose': case 'inverse': case 'power': case 'epower': return p(e.operand, arg);
    case 'binary': return p(e.left, arg) || p(e.right, arg);
    case 'call': return p(e.arg, arg);
    case 'ptrace': return p(e.arg, arg) || p(e.block, arg);
    case 'unvec': return p(e.arg, arg) || p(e.rows, arg) || p(e.cols, arg);
    default: return assertNever(e);
  }
}

/** The direct sub-expressions of a node, in source order. */
export function children(e: Expr): Expr[] {
  switch (e.kind) {
    case 'name':
    case 'number':
    case 'error':
      return [];
    case 'identity':
      return e.size ? [e.size] : [];
    case 'constant':
      return e.cols ? [e.rows, e.cols] : [e.rows];
    case 'neg':
    case 'transpose':
    case 'inverse':
    case 'power':
    case 'epower':
      return [e.operand];
    case 'binary':
      return [e.left, e.right];
    case 'call':
      return [e.arg];
    case 'ptrace':
      return [e.arg, e.block];
    case 'unvec':
      return [e.arg, e.rows, e.cols];
    default:
      return assertNever(e);
  }
}

/** The size symbols a shape names, in order (`m × n`, `vector 2k`, `n² × n`): each declaration brings them. */
export function shapeSizeNames(spec: ShapeSpec): ExprOf<'name'>[] {
  const out: ExprOf<'name'>[] = [];
  const walk = (e: Expr): void => {
    if (e.kind === 'name') out.push(e);
    else if (e.kind === 'binary') { walk(e.left); walk(e.right); }
    else if (e.kind === 'power') walk(e.operand);
  };
  if (spec.kind === 'matrix') { walk(spec.rows); walk(spec.cols); }
  else if (spec.kind === 'vector') walk(spec.size);
  return out;
}

export function assertNever(x: never): never {
  throw new Error(`unexpected node: ${JSON.stringify(x)}`);
}
