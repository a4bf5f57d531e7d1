// Forward differentials for the derivation steps: d(value) in terms of the differentials of the
// symbols it depends on (dS = (B ⊗ dA) H). Display only: the gradient itself comes from derive.ts.
import { assertNever, type Expr, type ExprOf } from '../syntax/ast';
import { num, type Builder } from './build';

/** The name under which the differential of `name` appears in derived trees. */
export const differentialName = (name: string): string => `d\u200b${name}`;
export const isDifferentialName = (name: string): boolean => name.startsWith('d\u200b');

export class Differentials {
  constructor(private readonly b: Builder, private readonly varies: (name: string) => boolean) {}

  /** d(e), or null when e does not vary. */
  of(e: Expr): Expr | null {
    const b = this.b;
    switch (e.kind) {
      case 'name': {
        if (!this.varies(e.name)) return null;
        const d = differentialName(e.name);
        b.typer.declare(d, b.shape(e));
        return { kind: 'name', name: d, start: e.start, end: e.end };
      }
      case 'number': case 'identity': case 'constant': case 'error':
        return null;
      case 'neg': return this.map(e.operand, (d) => b.neg(d));
      case 'transpose': return this.map(e.operand, (d) => b.transpose(d));
      case 'inverse': return this.map(e.operand, (d) => b.neg(b.mul(b.mul(b.inverse(e.operand), d), b.inverse(e.operand))));
      case 'power': return this.map(e.operand, (d) => {
        const a = e.operand;
        if (b.isScalar(a)) return b.mul(b.mul(num(e.exponent), b.power(a, e.exponent - 1)), d);
        const terms: Expr[] = [];
        for (let i = 0; i < e.exponent; i++) terms.push(b.mul(b.mul(b.power(a, i), d), b.power(a, e.exponent - 1 - i)));
        return b.sum(terms)!;
      });
      case 'epower': return this.map(e.operand, (d) => b.hadamard(b.mul(num(e.exponent), b.epower(e.operand, e.exponent - 1)), d));
      case 'binary': return this.binary(e);
      case 'call': return this.call(e);
      case 'unvec': return this.map(e.arg, (d) => b.unvec(d, b.shape(e)));
      case 'ptrace': return this.map(e.arg, (d) => b.ptrace(e.which, d, b.dimOf(e.block)));
      default: return assertNever(e);
    }
  }

  private map(x: Expr, f: (d: Expr) => Expr): Expr | null {
    const d = this.of(x);
    return d && f(d);
  }

  /** d(l ∘ r) = dl ∘ r + l ∘ dr, for any product-like operator ∘. */
  private product(l: Expr, r: Expr, op: (a: Expr, c: Expr) => Expr): Expr | null {
    const dl = this.of(l);
    const dr = this.of(r);
    const terms = [dl && op(dl, r), dr && op(l, dr)].filter((t): t is Expr => t !== null);
    return this.b.sum(terms) ?? null;
  }

  private binary(e: ExprOf<'binary'>): Expr | null {
    const b = this.b;
    const { left: l, right: r } = e;
    switch (e.op) {
      case 'add': case 'sub': {
        const dl = this.of(l);
        const dr = this.of(r);
        if (!dr) return dl;
        const signed = e.op === 'sub' ? b.neg(dr) : dr;
        return dl ? b.add(dl, signed) : signed;
      }
      case 'matmul': return this.product(l, r, (x, y) => b.mul(x, y));
      case 'kron': return this.product(l, r, (x, y) => b.kron(x, y));
      case 'hadamard': return this.product(l, r, (x, y) => b.hadamard(x, y));
      case 'frobenius': return this.product(l, r, (x, y) => b.frobenius(x, y));
      case 'ediv': {
        const dl = this.of(l);
        const dr = this.of(r);
        const terms = [dl && b.ediv(dl, r), dr && b.neg(b.ediv(b.hadamard(l, dr), b.hadamard(r, r)))];
        return b.sum(terms.filter((t): t is Expr => t !== null)) ?? null;
      }
      case 'div': {
        const dl = this.of(l);
        const dr = this.of(r);
        const terms = [dl && b.div(dl, r), dr && b.neg(b.div(b.mul(dr, l), b.power(r, 2)))];
        return b.sum(terms.filter((t): t is Expr => t !== null)) ?? null;
      }
      default: return assertNever(e.op);
    }
  }

  private call(e: ExprOf<'call'>): Expr | null {
    const b = this.b;
    const x = e.arg;
    const ones = (): Expr => b.ones(b.shape(x));
    return this.map(x, (d) => {
      switch (e.fn) {
        case 'tr': case 'vec': case 'diag': case 'sum': return b.call(e.fn, d);
        case 'logdet': return b.call('tr', b.mul(b.inverse(x), d));
        case 'det': return b.mul(e, b.call('tr', b.mul(b.inverse(x), d)));
        case 'norm': return b.div(b.frobenius(x, d), e);
        case 'exp': return b.hadamard(e, d);
        case 'log': return b.ediv(d, x);
        case 'sin': return b.hadamard(b.call('cos', x), d);
        case 'cos': return b.neg(b.hadamard(b.call('sin', x), d));
        case 'tanh': return b.hadamard(b.sub(ones(), b.epower(e, 2)), d);
        case 'sigmoid': return b.hadamard(b.hadamard(e, b.sub(ones(), e)), d);
        case 'sqrt': return b.ediv(d, b.mul(num(2), e));
        default: return assertNever(e.fn);
      }
    });
  }
}

