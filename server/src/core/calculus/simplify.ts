// Simplification to textbook size: a sum is flattened into terms (coefficient × chain of factors),
// like terms are merged and common left or right factors are pulled out: A x + Aᵀ x → (A + Aᵀ) x.
import { assertNever, children, type Expr } from '../syntax/ast';
import { dimExpr, num, type Builder } from './build';
import { keyOf } from './key';
import { SCALAR, sameShape, type Shape } from '../shapes/shape';

interface Term {
  coef: number;
  factors: Expr[];
}

export function simplify(b: Builder, e: Expr): Expr {
  return new Simplifier(b).run(e);
}

class Simplifier {
  constructor(private readonly b: Builder) {}

  run(e: Expr): Expr {
    const b = this.b;
    switch (e.kind) {
      case 'name': case 'number': case 'identity': case 'constant': case 'error':
        return e;
      case 'neg': return b.neg(this.run(e.operand));
      case 'transpose': return b.transpose(this.run(e.operand));
      case 'inverse': return b.inverse(this.run(e.operand));
      case 'power': return b.power(this.run(e.operand), e.exponent);
      case 'epower': return b.epower(this.run(e.operand), e.exponent);
      case 'call': return b.call(e.fn, this.run(e.arg));
      case 'unvec': return b.unvec(this.run(e.arg), b.shape(e));
      case 'ptrace': return b.ptrace(e.which, this.run(e.arg), b.dimOf(e.block));
      case 'binary':
        switch (e.op) {
          case 'add': case 'sub': case 'matmul': return this.sum(e);
          case 'kron': return b.kron(this.run(e.left), this.run(e.right));
          case 'hadamard': return b.hadamard(this.run(e.left), this.run(e.right));
          case 'ediv': return b.ediv(this.run(e.left), this.run(e.right));
          case 'div': return b.div(this.run(e.left), this.run(e.right));
          case 'frobenius': return b.frobenius(this.run(e.left), this.run(e.right));
          default: return assertNever(e.op);
        }
      default:
        return assertNever(e);
    }
  }

  /** Sums and products: flattened, merged, factored, rebuilt. */
  private sum(e: Expr): Expr {
    const terms = this.merge(this.terms(e, 1));
    // Everything cancelled: the zero of e's shape, not the scalar 0.
    if (terms.length === 0) return this.b.zeros(this.b.shape(e));
    return this.rebuild(this.factor(terms));
  }

  /**
   * The terms of a sum, left to right, into one list: a sum of n terms is a chain n deep (a gradient's contributions
   * are added one by one), and joining the lists at every level copied O(n²) terms.
   */
  private terms(e: Expr, sign: number, out: Term[] = []): Term[] {
    if (e.kind === 'binary' && (e.op === 'add' || e.op === 'sub')) {
      this.terms(e.left, sign, out);
      return this.terms(e.right, e.op === 'sub' ? -sign : sign, out);
    }
    if (e.kind === 'neg') return this.terms(e.operand, -sign, out);
    const t: Term = { coef: sign, factors: [] };
    this.chain(this.simplifyFactorless(e), t);
    t.factors = this.compact(t.factors);
    out.push(t);
    return out;
  }

  /** A product chain into a term's coefficient and factors. */
  private chain(e: Expr, t: Term): void {
    if (e.kind === 'binary' && e.op === 'matmul') {
      // A scaling (s M with s a 1×1 product such as xᵀ y) keeps its scalar as one factor: flattened, its
      // pieces would sit in the chain as if they multiplied M, and removing one would leave x M.
      const sl = this.b.isScalar(e.left);
      const sr = this.b.isScalar(e.right);
      if (sl !== sr) {
        const [scalar, other] = sl ? [e.left, e.right] : [e.right, e.left];
        scalarFactor(scalar, t);
        this.chain(other, t);
        return;
      }
      this.chain(e.left, t);
      this.chain(e.right, t);
    } else if (e.kind === 'neg') {
      t.coef = -t.coef;
      this.chain(e.operand, t);
    } else {
      const v = constantValue(e);
      if (v !== undefined) t.coef *= v;
      else t.factors.push(e);
    }
  }

  /** Simplifies a node that is not itself a sum or product (its insides may be). */
  private simplifyFactorless(e: Expr): Expr {
    if (e.kind === 'binary' && e.op === 'matmul') {
      return this.b.mul(this.rebuildFactor(e.left), this.rebuildFactor(e.right));
    }
    return this.run(e);
  }

  private rebuildFactor(e: Expr): Expr {
    return e.kind === 'binary' && (e.op === 'add' || e.op === 'sub') ? this.sum(e) : this.simplifyFactorless(e);
  }

  /** Within a chain: X⁻¹ X and X X⁻¹ cancel, and equal neighbours become powers (C⁻¹ C⁻¹ → C⁻¹²). */
  private compact(factors: Expr[]): Expr[] {
    const out: Expr[] = [];
    // An identity beside another matrix factor changes nothing (tr(X) I X = tr(X) X); when identities are
    // the only matrix factors (s I s I), one of them must stay to keep the shape.
    const others = factors.some((f) => f.kind !== 'identity' && !this.b.isScalar(f));
    let keptIdentity = false;
    for (const f of factors) {
      if (f.kind === 'identity') {
        if (others || keptIdentity) continue;
        keptIdentity = true;
      }
      const prev = out.at(-1);
      if (prev && !this.b.isScalar(f)) {
        if ((prev.kind === 'inverse' && keyOf(prev.operand) === keyOf(f)) || (f.kind === 'inverse' && keyOf(f.operand) === keyOf(prev))) {
          out.pop();
          continue;
        }
        // Xᵀ (Xᵀ)² → (Xᵀ)³ as X X → X²: powers of one base add (whole positive exponents only).
        const [base, k] = prev.kind === 'power' ? [prev.operand, prev.exponent] : [prev, 1];
        const [fbase, fk] = f.kind === 'power' ? [f.operand, f.exponent] : [f, 1];
        if (keyOf(base) === keyOf(fbase) && wholePositive(k) && wholePositive(fk) && this.isSquare(fbase)) {
          out[out.length - 1] = this.b.power(base, k + fk);
          continue;
        }
      }
      out.push(f);
    }
    return out;
  }

  private isSquare(e: Expr): boolean {
    const s = this.b.shape(e);
    return keyOf(dimExpr(s.rows)) === keyOf(dimExpr(s.cols));
  }

  private merge(terms: Term[]): Term[] {
    const byKey = new Map<string, Term>();
    for (const t of terms) {
      if (t.coef === 0) continue;
      const key = t.factors.map(keyOf).join('·');
      const prev = byKey.get(key);
      if (prev) prev.coef += t.coef;
      else byKey.set(key, { coef: t.coef, factors: [...t.factors] });
    }
    return [...byKey.values()].filter((t) => t.coef !== 0);
  }

  /** Pulls a factor shared by several terms out of them, on the right first, then on the left. */
  private factor(terms: Term[]): Term[] {
    for (const side of ['right', 'left'] as const) {
      const groups = new Map<string, Term[]>();
      for (const t of terms) {
        if (t.factors.length < 2) continue;
        const f = side === 'right' ? t.factors.at(-1)! : t.factors[0]!;
        if (this.b.isScalar(f)) continue;
        const k = keyOf(f);
        groups.set(k, [...(groups.get(k) ?? []), t]);
      }
      for (const group of groups.values()) {
        if (group.length < 2) continue;
        const shared = side === 'right' ? group[0]!.factors.at(-1)! : group[0]!.factors[0]!;
        const rests = group.map((t) => ({
          coef: t.coef,
          factors: side === 'right' ? t.factors.slice(0, -1) : t.factors.slice(1),
        }));
        // Remainders of different shapes (a scalar beside a matrix) cannot be added: leave the group be.
        const first = this.termShape(rests[0]!);
        if (!rests.every((t) => sameShape(this.termShape(t), first))) continue;
        const inner = this.rebuild(this.factor(this.merge(rests)));
        const merged: Term = { coef: 1, factors: side === 'right' ? [inner, shared] : [shared, inner] };
        const rest = terms.filter((t) => !group.includes(t));
        return this.factor([...rest, merged]);
      }
    }
    return terms;
  }

  /** A coefficient as a reader writes it: whole, a fraction of a small denominator (1 / 2, 2 / 3), else a decimal. */
  private coefficient(c: number): Expr {
    if (Number.isInteger(c)) return num(c);
    for (let q = 2; q <= 12; q++) {
      const p = Math.round(c * q);
      // Relative to c: 1e-10 is not 0 / 2.
      if (p !== 0 && Math.abs(c * q - p) <= 1e-9 * Math.abs(c * q)) return this.b.div(num(p), num(q));
    }
    return num(c);
  }

  private termShape(t: Term): Shape {
    return t.factors.length ? this.b.shape(this.rebuild([t])) : SCALAR;
  }

  private rebuild(terms: Term[]): Expr {
    const b = this.b;
    // A coefficient every term shares comes out in front: 2 Aᵀ r + 2 λ x → 2 (Aᵀ r + λ x).
    if (terms.length > 1 && terms.every((t) => Number.isInteger(t.coef))) {
      const g = terms.map((t) => Math.abs(t.coef)).reduce(gcd);
      const sign = terms.every((t) => t.coef < 0) ? -1 : 1;
      if (g * sign !== 1) {
        const inner = this.rebuild(terms.map((t) => ({ coef: t.coef / (g * sign), factors: t.factors })));
        return b.mul(num(g * sign), inner);
      }
    }
    let out: Expr | undefined;
    // Plain terms before transposed ones: B + Bᵀ, not Bᵀ + B (a stable order for equal counts).
    const ordered = terms.map((t) => ({ t, k: t.factors.reduce((n, f) => n + transposes(f), 0) })).sort((x, y) => x.k - y.k).map((x) => x.t);
    for (const t of ordered) {
      const body = t.factors.reduce<Expr>((acc, f) => b.mul(acc, f), num(1));
      const positive = b.mul(this.coefficient(Math.abs(t.coef)), body);
      if (!out) out = t.coef < 0 ? b.neg(positive) : positive;
      else out = t.coef < 0 ? b.sub(out, positive) : b.add(out, positive);
    }
    return out ?? num(0);
  }
}

const wholePositive = (k: number): boolean => Number.isInteger(k) && k >= 1;

/**
 * A scalar factor of a product into the term: its constant part into the coefficient (−(1 / 2) → −0.5, so that
 * −2 (1 / 2) S⁻¹ is −S⁻¹), the rest as one factor (xᵀ y stays whole; N / 2 stays as written).
 */
function scalarFactor(e: Expr, t: Term): void {
  const v = constantValue(e);
  if (v !== undefined) t.coef *= v;
  else if (e.kind === 'neg') {
    t.coef = -t.coef;
    scalarFactor(e.operand, t);
  } else t.factors.push(e);
}

/** The value of a tree of numbers (1 / 2, 1 / 3 + 1 / 6, 2²), or undefined when it holds anything else. */
function constantValue(e: Expr): number | undefined {
  switch (e.kind) {
    case 'number': return e.value;
    case 'neg': {
      const v = constantValue(e.operand);
      return v === undefined ? undefined : -v;
    }
    case 'power': {
      const v = constantValue(e.operand);
      return v === undefined ? undefined : v ** e.exponent;
    }
    case 'binary': {
      if (e.op !== 'add' && e.op !== 'sub' && e.op !== 'matmul' && e.op !== 'div') return undefined;
      const a = constantValue(e.left);
      const b = a === undefined ? undefined : constantValue(e.right);
      if (a === undefined || b === undefined) return undefined;
      const v = e.op === 'add' ? a + b : e.op === 'sub' ? a - b : e.op === 'matmul' ? a * b : a / b;
      return Number.isFinite(v) ? v : undefined;
    }
    default:
      return undefined;
  }
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** How many transposes a tree holds (to order the terms of a sum). */
function transposes(e: Expr): number {
  return (e.kind === 'transpose' ? 1 : 0) + children(e).reduce((n, c) => n + transposes(c), 0);
}
