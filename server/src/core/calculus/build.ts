// Smart constructors for derivative trees: each simplifies locally as it builds (transposes to the
// leaves, identities and unit scalars dropped, scalars to the front, symmetric properties used).
import * as D from '../shapes/dim';
import { isScalar, isSquare, sameShape, type Shape } from '../shapes/shape';
import type { BinaryOp, Expr, ExprOf, UnaryFunction } from '../syntax/ast';
import type { Span } from '../syntax/span';
import { keyOf as keyOfShallow } from './key';
import type { Typer } from './typer';

/** Built nodes have no place in the source. */
export const NOWHERE: Span = { start: 0, end: 0 };

const ENTRYWISE = new Set<UnaryFunction>(['exp', 'log', 'sin', 'cos', 'tanh', 'sigmoid', 'sqrt']);
export const isEntrywise = (fn: UnaryFunction): boolean => ENTRYWISE.has(fn);

/** A dimension as an expression (`p·m` → p * m), for identities and constants the calculus creates. */
export function dimExpr(d: D.Dim): Expr {
  let out: Expr | undefined;
  for (const t of d.values()) {
    let term: Expr | undefined = Math.abs(t.coef) === 1 && t.factors.length > 0 ? undefined : num(Math.abs(t.coef));
    for (const f of t.factors) {
      const name: Expr = { kind: 'name', name: f, start: 0, end: 0 };
      term = term ? bin('matmul', term, name) : name;
    }
    term ??= num(1);
    out = !out ? (t.coef < 0 ? { kind: 'neg', operand: term, start: 0, end: 0 } : term) : bin(t.coef < 0 ? 'sub' : 'add', out, term);
  }
  return out ?? num(0);
}

export function num(value: number): Expr {
  return { kind: 'number', value, start: 0, end: 0 };
}

function bin(op: BinaryOp, left: Expr, right: Expr): Expr {
  return { kind: 'binary', op, left, right, opStart: 0, opEnd: 0, start: 0, end: 0 };
}

export const isNumber = (e: Expr): e is ExprOf<'number'> => e.kind === 'number';
/** Whether e is the number v (not a type guard: a false answer says nothing of e's kind). */
export const isValue = (e: Expr, v: number): boolean => e.kind === 'number' && e.value === v;

/** The factors of a product chain, left to right. */
export function productChain(e: Expr, out: Expr[] = []): Expr[] {
  // Into one list: joining lists at every level of a chain n deep copies O(n²) factors.
  if (e.kind === 'binary' && e.op === 'matmul') {
    productChain(e.left, out);
    return productChain(e.right, out);
  }
  out.push(e);
  return out;
}

/** The number 0 or a zeros(…) matrix. */
export const isZero = (e: Expr): boolean => isValue(e, 0) || (e.kind === 'constant' && e.fill === 0);

export class Builder {
  constructor(readonly typer: Typer) {}

  shape(e: Expr): Shape {
    return this.typer.shape(e);
  }

  isScalar(e: Expr): boolean {
    return isScalar(this.shape(e));
  }

  private readonly symmetricNames = new Map<string, boolean>();

  /** Symmetry from properties and structure: L + Lᵀ-free sums, s·S, S⁻¹, X Xᵀ, P ⊗ Q of symmetric factors. */
  isSymmetric(e: Expr): boolean {
    switch (e.kind) {
      case 'identity': return true;
      case 'number': return true;
      case 'name': return this.symmetricName(e.name);
      case 'inverse': case 'neg': return this.isSymmetric(e.operand);
      case 'power': return this.isSymmetric(e.operand);
      case 'epower': return this.isSymmetric(e.operand);
      case 'call': return isEntrywise(e.fn) && this.isSymmetric(e.arg);
      case 'binary':
        switch (e.op) {
          case 'add': case 'sub': case 'kron': case 'hadamard': case 'ediv':
            return this.isSymmetric(e.left) && this.isSymmetric(e.right);
          case 'div': return this.isSymmetric(e.left);
          case 'matmul':
            if (this.isScalar(e.left)) return this.isSymmetric(e.right);
            if (this.isScalar(e.right)) return this.isSymmetric(e.left);
            return keyOfShallow(e.left) === keyOfShallow(this.transpose(e.right));
          default: return false;
        }
      default: return false;
    }
  }

  private symmetricName(name: string): boolean {
    const known = this.symmetricNames.get(name);
    if (known !== undefined) return known;
    this.symmetricNames.set(name, false);
    const sym = this.typer.analysis.symbols.get(name);
    const props = sym?.properties ?? [];
    const result = props.includes('symmetric') || props.includes('spd') || props.includes('diagonal')
      || (sym?.kind === 'defined' && !!sym.value && !!sym.shape && !isScalar(sym.shape) && this.isSymmetric(sym.value));
    this.symmetricNames.set(name, result);
    return result;
  }

  identity(n: D.Dim): Expr {
    return { kind: 'identity', size: dimExpr(n), start: 0, end: 0 };
  }

  ones(s: Shape): Expr {
    if (isScalar(s)) return num(1);
    return { kind: 'constant', fill: 1, rows: dimExpr(s.rows), cols: D.isOne(s.cols) ? null : dimExpr(s.cols), start: 0, end: 0 };
  }

  zeros(s: Shape): Expr {
    if (isScalar(s)) return num(0);
    return { kind: 'constant', fill: 0, rows: dimExpr(s.rows), cols: dimExpr(s.cols), start: 0, end: 0 };
  }

  neg(a: Expr): Expr {
    if (isNumber(a)) return num(-a.value);
    if (isZero(a)) return a;
    if (a.kind === 'neg') return a.operand;
    // −(A B) is carried by the first factor, so it prints as −A B rather than −(A B).
    if (a.kind === 'binary' && a.op === 'matmul') return bin('matmul', this.neg(a.left), a.right);
    return { kind: 'neg', operand: a, start: 0, end: 0 };
  }

  add(a: Expr, b: Expr): Expr {
    if (isZero(a)) return b;
    if (isZero(b)) return a;
    if (isNumber(a) && isNumber(b)) return num(a.value + b.value);
    if (b.kind === 'neg') return this.sub(a, b.operand);
    return bin('add', a, b);
  }

  sub(a: Expr, b: Expr): Expr {
    if (isZero(b)) return a;
    if (isZero(a)) return this.neg(b);
    if (isNumber(a) && isNumber(b)) return num(a.value - b.value);
    if (b.kind === 'neg') return this.add(a, b.operand);
    return bin('sub', a, b);
  }

  /** Matrix product, or scaling when one side is a scalar (scalars are put in front). */
  mul(a: Expr, b: Expr): Expr {
    if (isZero(a) || isZero(b)) return this.zeros(this.productShape(a, b));
    if (isValue(a, 1)) return b;
    if (isValue(b, 1)) return a;
    if (isNumber(a) && isNumber(b)) return num(a.value * b.value);
    if (a.kind === 'neg') return this.neg(this.mul(a.operand, b));
    if (b.kind === 'neg') return this.neg(this.mul(a, b.operand));
    if (isValue(a, -1)) return this.neg(b);
    if (isValue(b, -1)) return this.neg(a);
    const sa = this.isScalar(a);
    const sb = this.isScalar(b);
    // X X⁻¹ = X⁻¹ X = I (also Xᵀ X⁻ᵀ).
    if (!sa && !sb && (a.kind === 'inverse' || b.kind === 'inverse' || a.kind === 'transpose' || b.kind === 'transpose')
      && isSquare(this.shape(a)) && isSquare(this.shape(b)) && keyOfShallow(a) === keyOfShallow(this.inverse(b))) {
      return this.identity(this.shape(a).rows);
    }
    if (a.kind === 'identity' && !sb) return b;
    if (b.kind === 'identity' && !sa) return a;
    // Scalars commute: keep them in front, numbers first (2 det(X) X⁻ᵀ).
    if (sb && !sa) return this.mul(b, a);
    if (sa && sb && isNumber(b)) return this.mul(b, a);
    // Mixed product: (A ⊗ B)(C ⊗ D) = AC ⊗ BD when the factors conform.
    if (a.kind === 'binary' && a.op === 'kron' && b.kind === 'binary' && b.op === 'kron') {
      const [A, B, C, E] = [a.left, a.right, b.left, b.right].map((x) => this.shape(x));
      if (D.equal(A!.cols, C!.rows) && D.equal(B!.cols, E!.rows)) return this.kron(this.mul(a.left, b.left), this.mul(a.right, b.right));
    }
    if (isNumber(a) && b.kind === 'binary' && b.op === 'matmul' && isNumber(b.left)) {
      return this.mul(num(a.value * b.left.value), b.right);
    }
    // Chains lean left, as the parser builds them: a (b c) becomes (a b) c and prints as a b c.
    if (b.kind === 'binary' && b.op === 'matmul') return bin('matmul', this.mul(a, b.left), b.right);
    return bin('matmul', a, b);
  }

  /** The shape of a b, a scaling when one side is a scalar. */
  private productShape(a: Expr, b: Expr): Shape {
    const sa = this.shape(a);
    const sb = this.shape(b);
    if (isScalar(sa)) return sb;
    if (isScalar(sb)) return sa;
    return { rows: sa.rows, cols: sb.cols };
  }

  /** a / s for a scalar s. */
  div(a: Expr, s: Expr): Expr {
    if (isValue(s, 1)) return a;
    // (k A) / s with numbers k, s: the quotient in front when it is whole (2 G / 2 = G).
    if (isNumber(s) && a.kind === 'binary' && a.op === 'matmul' && isNumber(a.left) && Number.isInteger(a.left.value / s.value)) {
      return this.mul(num(a.left.value / s.value), a.right);
    }
    if (isValue(a, 0)) return a;
    if (isNumber(a) && isNumber(s) && Number.isInteger(a.value / s.value)) return num(a.value / s.value);
    return bin('div', a, s);
  }

  hadamard(a: Expr, b: Expr): Expr {
    if (isZero(a)) return a;
    if (isZero(b)) return b;
    if (a.kind === 'constant' && a.fill === 1) return b;
    if (b.kind === 'constant' && b.fill === 1) return a;
    if (a.kind === 'neg') return this.neg(this.hadamard(a.operand, b));
    if (b.kind === 'neg') return this.neg(this.hadamard(a, b.operand));
    if (this.isScalar(a) && this.isScalar(b)) return this.mul(a, b);
    return bin('hadamard', a, b);
  }

  ediv(a: Expr, b: Expr): Expr {
    if (this.isScalar(a) && this.isScalar(b)) return this.div(a, b);
    if (a.kind === 'neg') return this.neg(this.ediv(a.operand, b));
    return bin('ediv', a, b);
  }

  kron(a: Expr, b: Expr): Expr {
    if (isZero(a) || isZero(b)) {
      const [p, q] = [this.shape(a), this.shape(b)];
      return this.zeros({ rows: D.mul(p.rows, q.rows), cols: D.mul(p.cols, q.cols) });
    }
    if (a.kind === 'identity' && b.kind === 'identity') {
      return this.identity(D.mul(this.shape(a).rows, this.shape(b).rows));
    }
    if (this.isScalar(a)) return this.mul(a, b);
    if (this.isScalar(b)) return this.mul(b, a);
    if (a.kind === 'neg') return this.neg(this.kron(a.operand, b));
    if (b.kind === 'neg') return this.neg(this.kron(a, b.operand));
    return bin('kron', a, b);
  }

  frobenius(a: Expr, b: Expr): Expr {
    if (isZero(a) || isZero(b)) return num(0);
    if (this.isScalar(a) && this.isScalar(b)) return this.mul(a, b);
    if (b.kind === 'identity') return this.trace(a);
    if (a.kind === 'identity') return this.trace(b);
    if (a.kind === 'neg') return this.neg(this.frobenius(a.operand, b));
    if (b.kind === 'neg') return this.neg(this.frobenius(a, b.operand));
    return bin('frobenius', a, b);
  }

  call(fn: UnaryFunction, arg: Expr): Expr {
    if (fn === 'tr') return this.trace(arg);
    if (fn === 'vec' && arg.kind === 'unvec') return arg.arg;
    if (fn === 'vec' && D.isOne(this.shape(arg).cols)) return arg;
    return { kind: 'call', fn, arg, nameSpan: NOWHERE, start: 0, end: 0 };
  }

  /**
   * tr, kept canonical: linear over sums and scalars, tr(P ⊗ Q) = tr(P) tr(Q), and a chain with a row
   * vector is rotated to start with it, so tr(M y yᵀ N) becomes the scalar yᵀ N M y.
   */
  trace(x: Expr): Expr {
    if (this.isScalar(x)) return x;
    if (isZero(x)) return num(0);
    if (x.kind === 'neg') return this.neg(this.trace(x.operand));
    if (x.kind === 'transpose') return this.trace(x.operand);
    if (x.kind === 'identity') return dimExpr(this.shape(x).rows);
    if (x.kind === 'binary') {
      if (x.op === 'add') return this.add(this.trace(x.left), this.trace(x.right));
      if (x.op === 'sub') return this.sub(this.trace(x.left), this.trace(x.right));
      // tr(P ⊗ Q) = tr(P) tr(Q) needs square factors: (n×m) ⊗ (m×n) is square, its factors are not.
      if (x.op === 'kron' && isSquare(this.shape(x.left)) && isSquare(this.shape(x.right))) return this.mul(this.trace(x.left), this.trace(x.right));
      if (x.op === 'div') return this.div(this.trace(x.left), x.right);
      if (x.op === 'matmul') {
        if (this.isScalar(x.left)) return this.mul(x.left, this.trace(x.right));
        const chain = productChain(x);
        // Only at a genuine row vector (1×k, k ≠ 1): a scalar factor inside the chain is a scaling, and
        // rotating there would leave a square product without its trace.
        const at = chain.findIndex((f) => D.isOne(this.shape(f).rows) && !D.isOne(this.shape(f).cols));
        if (at > 0) return [...chain.slice(at), ...chain.slice(0, at)].reduce((acc, f) => this.mul(acc, f));
      }
    }
    return { kind: 'call', fn: 'tr', arg: x, nameSpan: NOWHERE, start: 0, end: 0 };
  }

  /** unvec(v) to shape s, simplified: unvec(vec(X)) = X. */
  unvec(v: Expr, s: Shape): Expr {
    if (D.isOne(s.cols)) return v;
    // unvec(vec(X), m, n) = X only when X is m×n: unvec(vec(B), n, m) of an m×n B is a reshape, not Bᵀ.
    if (v.kind === 'call' && v.fn === 'vec' && sameShape(this.shape(v.arg), s)) return v.arg;
    if (v.kind === 'neg') return this.neg(this.unvec(v.operand, s));
    if (v.kind === 'binary' && v.op === 'matmul' && this.isScalar(v.left)) return this.mul(v.left, this.unvec(v.right, s));
    return { kind: 'unvec', arg: v, rows: dimExpr(s.rows), cols: dimExpr(s.cols), nameSpan: NOWHERE, start: 0, end: 0 };
  }

  /** The dimension a size expression stands for (the calculus only builds well-formed ones). */
  dimOf(e: Expr): D.Dim {
    switch (e.kind) {
      case 'number': return D.constant(e.value);
      case 'name': return D.symbol(e.name);
      case 'binary':
        if (e.op === 'matmul') return D.mul(this.dimOf(e.left), this.dimOf(e.right));
        if (e.op === 'add') return D.add(this.dimOf(e.left), this.dimOf(e.right));
        if (e.op === 'sub') return D.sub(this.dimOf(e.left), this.dimOf(e.right));
        break;
      case 'power': return D.pow(this.dimOf(e.operand), e.exponent);
      default: break;
    }
    throw new Error(`internal: not a size expression (${e.kind})`);
  }

  /**
   * tr₁(M, c) / tr₂(M, c), simplified: linear over sums and scalars; tr₁(P ⊗ Q) = tr(P) Q and
   * tr₂(P ⊗ Q) = tr(Q) P when the traced factor is c×c; a block size of 1 traces nothing.
   */
  ptrace(which: 1 | 2, m: Expr, c: D.Dim): Expr {
    if (D.isOne(c)) return m;
    if (isZero(m)) {
      const s = this.shape(m);
      return this.zeros({ rows: D.divide(s.rows, c)!, cols: D.divide(s.cols, c)! });
    }
    if (m.kind === 'neg') return this.neg(this.ptrace(which, m.operand, c));
    if (m.kind === 'binary') {
      if (m.op === 'add') return this.add(this.ptrace(which, m.left, c), this.ptrace(which, m.right, c));
      if (m.op === 'sub') return this.sub(this.ptrace(which, m.left, c), this.ptrace(which, m.right, c));
      if (m.op === 'matmul' && this.isScalar(m.left)) return this.mul(m.left, this.ptrace(which, m.right, c));
      if (m.op === 'kron') {
        const traced = which === 1 ? m.left : m.right;
        const kept = which === 1 ? m.right : m.left;
        const s = this.shape(traced);
        if (D.equal(s.rows, c) && D.equal(s.cols, c)) return this.mul(this.trace(traced), kept);
      }
    }
    if (m.kind === 'identity') {
      const n = D.divide(this.shape(m).rows, c);
      if (n) return this.mul(dimExpr(c), this.identity(n));
    }
    return { kind: 'ptrace', which, arg: m, block: dimExpr(c), nameSpan: NOWHERE, start: 0, end: 0 };
  }

  /** Transpose pushed to the leaves: (AB)ᵀ = BᵀAᵀ, (A ⊗ B)ᵀ = Aᵀ ⊗ Bᵀ, Lᵀ = L for symmetric L. */
  transpose(a: Expr): Expr {
    if (this.isScalar(a) || (a.kind !== 'binary' && this.isSymmetric(a))) return a;
    switch (a.kind) {
      case 'transpose':
        return a.operand;
      case 'neg':
        return this.neg(this.transpose(a.operand));
      case 'constant':
        return this.zerosOrOnes(a.fill, { rows: this.shape(a).cols, cols: this.shape(a).rows });
      case 'power':
        return this.power(this.transpose(a.operand), a.exponent);
      case 'epower':
        return this.epower(this.transpose(a.operand), a.exponent);
      case 'ptrace':
        return this.ptrace(a.which, this.transpose(a.arg), this.dimOf(a.block));
      case 'call':
        return isEntrywise(a.fn) ? this.call(a.fn, this.transpose(a.arg)) : { kind: 'transpose', operand: a, start: 0, end: 0 };
      case 'binary':
        switch (a.op) {
          case 'matmul': return this.mul(this.transpose(a.right), this.transpose(a.left));
          case 'add': return this.add(this.transpose(a.left), this.transpose(a.right));
          case 'sub': return this.sub(this.transpose(a.left), this.transpose(a.right));
          case 'kron': return this.kron(this.transpose(a.left), this.transpose(a.right));
          case 'hadamard': return this.hadamard(this.transpose(a.left), this.transpose(a.right));
          case 'ediv': return this.ediv(this.transpose(a.left), this.transpose(a.right));
          case 'div': return this.div(this.transpose(a.left), a.right);
          default: break;
        }
        break;
      default:
        break;
    }
    return { kind: 'transpose', operand: a, start: 0, end: 0 };
  }

  private zerosOrOnes(fill: 0 | 1, s: Shape): Expr {
    return fill === 0 ? this.zeros(s) : this.ones(s);
  }

  inverse(a: Expr): Expr {
    if (a.kind === 'inverse') return a.operand;
    if (a.kind === 'neg') return this.neg(this.inverse(a.operand));
    // (P ⊗ Q)⁻¹ = P⁻¹ ⊗ Q⁻¹ for square factors (then P ⊗ Q is invertible only when both are); a square
    // (n×m) ⊗ (m×n) has non-square factors and no such split.
    if (a.kind === 'binary' && a.op === 'kron' && isSquare(this.shape(a.left)) && isSquare(this.shape(a.right))) return this.kron(this.inverse(a.left), this.inverse(a.right));
    if (a.kind === 'identity') return a;
    if (isNumber(a) && a.value !== 0) return this.div(num(1), a);
    if (a.kind === 'transpose') return this.transpose(this.inverse(a.operand));
    return { kind: 'inverse', operand: a, start: 0, end: 0 };
  }

  power(a: Expr, k: number): Expr {
    if (k === 0) return this.isScalar(a) ? num(1) : this.identity(this.shape(a).rows);
    if (k === 1) return a;
    if (isNumber(a)) return num(a.value ** k);
    return { kind: 'power', operand: a, exponent: k, start: 0, end: 0 };
  }

  epower(a: Expr, k: number): Expr {
    if (k === 1) return a;
    if (this.isScalar(a)) return this.power(a, k);
    return { kind: 'epower', operand: a, exponent: k, start: 0, end: 0 };
  }

  /** A sum of terms (empty → undefined: no contribution). */
  sum(terms: readonly Expr[]): Expr | undefined {
    return terms.reduce<Expr | undefined>((acc, t) => (acc ? this.add(acc, t) : t), undefined);
  }
}
