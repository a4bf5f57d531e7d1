// Reverse-mode differentiation over the typed tree: adjoints flow from a scalar f back to a declared X,
// through named definitions (chain rule), one rule per node kind. ∂f/∂X has X's shape (denominator layout).
import type { Analysis } from '../analysis';
import * as D from '../shapes/dim';
import { isScalar, type Shape } from '../shapes/shape';
import { assertNever, type Expr, type ExprOf } from '../syntax/ast';
import { Builder, num } from './build';
import { dependencyOrder } from './definition-order';
import { Typer } from './typer';

export class DeriveError extends Error {}

/** Work limit: derivative trees larger than this stop the derivation with a message. */
export const DEFAULT_NODE_BUDGET = 20_000;

export interface Gradient {
  readonly of: string;
  readonly wrt: string;
  readonly shape: Shape;
  /** ∂f/∂X, or null when f does not depend on X (the gradient is zero). */
  readonly expr: Expr | null;
  /** ∂f/∂D for f and each definition D between f and X, in the order they were reached (for the steps). */
  readonly through: ReadonlyArray<{ readonly name: string; readonly adjoint: Expr }>;
  /** The builder the trees were made with (its typer knows their shapes). */
  readonly builder: Builder;
}

export function derive(analysis: Analysis, of: string, wrt: string, budget = DEFAULT_NODE_BUDGET): Gradient {
  return new Deriver(analysis, budget).gradient(of, wrt);
}

class Deriver {
  private readonly b: Builder;
  /** Adjoint contributions to each defined name, accumulated before its definition is visited. */
  private readonly pending = new Map<string, Expr[]>();
  private readonly result: Expr[] = [];
  private readonly through: { name: string; adjoint: Expr }[] = [];
  private wrt = '';
  private readonly depends = new Map<string, boolean>();
  private nodes = 0;

  constructor(private readonly analysis: Analysis, private readonly budget: number) {
    this.b = new Builder(new Typer(analysis));
  }

  gradient(of: string, wrt: string): Gradient {
    const f = this.analysis.symbols.get(of);
    const x = this.analysis.symbols.get(wrt);
    if (!f || f.kind !== 'defined' || !f.value || !f.shape) throw new DeriveError(`${of} is not a well-typed definition`);
    if (!isScalar(f.shape)) throw new DeriveError(`${of} is not a scalar`);
    if (!x || x.kind !== 'declared' || !x.shape) throw new DeriveError(`${wrt} is not a declared symbol`);
    this.wrt = wrt;
    this.pending.set(of, [num(1)]);
    // Definitions users first (f, then what f uses, …), so that all of a name's adjoint has arrived by the time its
    // own definition is visited. Not simply the reverse text order: a note may define f before the S it uses.
    const order = dependencyOrder(this.analysis.symbols, [{ kind: 'name', name: of, start: f.nameSpan.start, end: f.nameSpan.end }]);
    // Whether each depends on X, what it uses first: dependsOnName then never recurses through a chain of definitions
    // (thousands long, in generated input).
    for (const name of order) this.dependsOnName(name);
    const defs = order.reverse();
    for (const name of defs) {
      const d = this.analysis.symbols.get(name)!;
      const adj = this.b.sum(this.pending.get(d.name) ?? []);
      if (adj && this.dependsOnName(d.name)) {
        this.through.push({ name: d.name, adjoint: adj });
        this.visit(d.value!, adj);
      }
    }
    return { of, wrt, shape: x.shape, expr: this.b.sum(this.result) ?? null, through: this.through, builder: this.b };
  }

  dependsOnName(name: string): boolean {
    if (name === this.wrt) return true;
    const known = this.depends.get(name);
    if (known !== undefined) return known;
    this.depends.set(name, false);
    const sym = this.analysis.symbols.get(name);
    const dep = !!sym?.value && this.dependsOn(sym.value);
    this.depends.set(name, dep);
    return dep;
  }

  private dependsOn(e: Expr): boolean {
    switch (e.kind) {
      case 'name': return this.dependsOnName(e.name);
      case 'number': case 'identity': case 'constant': case 'error': return false;
      case 'neg': case 'transpose': case 'inverse': case 'power': case 'epower': return this.dependsOn(e.operand);
      case 'binary': return this.dependsOn(e.left) || this.dependsOn(e.right);
      case 'call': return this.dependsOn(e.arg);
      case 'ptrace': case 'unvec': return this.dependsOn(e.arg);
      default: return assertNever(e);
    }
  }

  private count(e: Expr): Expr {
    if (++this.nodes > this.budget) {
      throw new DeriveError(`the derivation grew beyond ${this.budget} steps and was stopped; split the expression into named definitions`);
    }
    return e;
  }

  /** Sends adjoint `g` (shape of e) into e's operands. */
  private visit(e: Expr, g: Expr): void {
    if (!this.dependsOn(e)) return;
    this.count(g);
    const b = this.b;
    switch (e.kind) {
      case 'name':
        if (e.name === this.wrt) this.result.push(g);
        else {
          const list = this.pending.get(e.name);
          if (list) list.push(g);
          else this.pending.set(e.name, [g]);
        }
        return;
      case 'number': case 'identity': case 'constant': case 'error':
        return;
      case 'neg':
        return this.visit(e.operand, b.neg(g));
      case 'transpose':
        return this.visit(e.operand, b.transpose(g));
      case 'inverse': {
        // d(A⁻¹) = −A⁻¹ dA A⁻¹, so Ā = −A⁻ᵀ Ḡ A⁻ᵀ.
        const invT = b.transpose(b.inverse(e.operand));
        return this.visit(e.operand, b.neg(b.mul(b.mul(invT, g), invT)));
      }
      case 'power':
        return this.power(e, g);
      case 'epower': {
        const k = e.exponent;
        const dk = k === 2 ? e.operand : b.epower(e.operand, k - 1);
        return this.visit(e.operand, b.hadamard(b.mul(num(k), dk), g));
      }
      case 'binary':
        return this.binary(e, g);
      case 'call':
        return this.call(e, g);
      case 'unvec':
        // unvec is a reshape: its adjoint is vec.
        return this.visit(e.arg, b.call('vec', g));
      case 'ptrace': {
        // ⟨Ḡ, tr₁(dM)⟩ = ⟨I_c ⊗ Ḡ, dM⟩ and ⟨Ḡ, tr₂(dM)⟩ = ⟨Ḡ ⊗ I_c, dM⟩.
        const ic = b.identity(b.dimOf(e.block));
        return this.visit(e.arg, e.which === 1 ? b.kron(ic, g) : b.kron(g, ic));
      }
      default:
        return assertNever(e);
    }
  }

  /** d(Aᵏ) = Σᵢ Aⁱ dA Aᵏ⁻¹⁻ⁱ, so Ā = Σᵢ (Aᵀ)ⁱ Ḡ (Aᵀ)ᵏ⁻¹⁻ⁱ; for a scalar, k aᵏ⁻¹ ḡ. */
  private power(e: ExprOf<'power'>, g: Expr): void {
    const b = this.b;
    const a = e.operand;
    const k = e.exponent;
    if (a.kind === 'call' && a.fn === 'norm') {
      // d‖X‖ᵏ = k ‖X‖ᵏ⁻² X : dX — so ‖r‖² differentiates to 2r, without a ‖r‖/‖r‖.
      const scale = b.mul(num(k), b.power(a, k - 2));
      return this.visit(a.arg, b.mul(b.mul(scale, g), a.arg));
    }
    if (b.isScalar(a)) return this.visit(a, b.mul(b.mul(num(k), b.power(a, k - 1)), g));
    const at = b.transpose(a);
    const terms: Expr[] = [];
    for (let i = 0; i < k; i++) terms.push(this.count(b.mul(b.mul(b.power(at, i), g), b.power(at, k - 1 - i))));
    this.visit(a, b.sum(terms)!);
  }

  private binary(e: ExprOf<'binary'>, g: Expr): void {
    const b = this.b;
    const { left: l, right: r } = e;
    switch (e.op) {
      case 'add':
        this.visit(l, g);
        return this.visit(r, g);
      case 'sub':
        this.visit(l, g);
        return this.visit(r, b.neg(g));
      case 'matmul': {
        const sl = b.isScalar(l);
        const sr = b.isScalar(r);
        const rowsR = b.shape(r).rows;
        const colsL = b.shape(l).cols;
        if (sl && !D.isOne(rowsR)) {
          // Scaling a·R: ā = Ḡ : R, R̄ = a Ḡ.
          this.visit(l, b.frobenius(g, r));
          return this.visit(r, b.mul(l, g));
        }
        if (sr && !D.isOne(colsL)) {
          this.visit(l, b.mul(r, g));
          return this.visit(r, b.frobenius(g, l));
        }
        // d(LR) = dL R + L dR: L̄ = Ḡ Rᵀ, R̄ = Lᵀ Ḡ.
        this.visit(l, b.mul(g, b.transpose(r)));
        return this.visit(r, b.mul(b.transpose(l), g));
      }
      case 'hadamard':
        this.visit(l, b.hadamard(g, r));
        return this.visit(r, b.hadamard(g, l));
      case 'ediv':
        // d(L ./ R) = dL ./ R − L ⊙ dR ./ (R ⊙ R).
        this.visit(l, b.ediv(g, r));
        return this.visit(r, b.neg(b.ediv(b.hadamard(g, l), b.hadamard(r, r))));
      case 'div':
        // d(L / s) = dL / s − L ds / s².
        this.visit(l, b.div(g, r));
        return this.visit(r, b.neg(b.div(b.frobenius(g, l), b.power(r, 2))));
      case 'frobenius':
        this.visit(l, b.mul(g, r));
        return this.visit(r, b.mul(g, l));
      case 'kron': {
        // K = P ⊗ Q with P a×b, Q c×d (KRONECKER.md): Q̄ = tr₁((Pᵀ ⊗ I_c) Ḡ, b) sums the diagonal blocks,
        // P̄ = tr₂(Ḡ (I_b ⊗ Qᵀ), c) takes the trace of each c×c block.
        const p = b.shape(l);
        const q = b.shape(r);
        this.visit(l, b.ptrace(2, b.mul(g, b.kron(b.identity(p.cols), b.transpose(r))), q.rows));
        return this.visit(r, b.ptrace(1, b.mul(b.kron(b.transpose(l), b.identity(q.rows)), g), p.cols));
      }
      default:
        return assertNever(e.op);
    }
  }

  private call(e: ExprOf<'call'>, g: Expr): void {
    const b = this.b;
    const x = e.arg;
    const s = b.shape(x);
    switch (e.fn) {
      case 'tr':
        // d tr(X) = I : dX.
        return this.visit(x, b.mul(g, b.identity(s.rows)));
      case 'logdet':
        // d logdet X = X⁻ᵀ : dX.
        return this.visit(x, b.mul(g, b.transpose(b.inverse(x))));
      case 'det':
        // d det X = det(X) X⁻ᵀ : dX.
        return this.visit(x, b.mul(b.mul(g, e), b.transpose(b.inverse(x))));
      case 'sum':
        return this.visit(x, isScalar(s) ? g : b.mul(g, b.ones(s)));
      case 'norm':
        // d‖X‖ = X / ‖X‖ : dX.
        return this.visit(x, b.div(b.mul(g, x), e));
      case 'exp':
        return this.visit(x, b.hadamard(g, e));
      case 'log':
        return this.visit(x, b.ediv(g, x));
      case 'sin':
        return this.visit(x, b.hadamard(g, b.call('cos', x)));
      case 'cos':
        return this.visit(x, b.neg(b.hadamard(g, b.call('sin', x))));
      case 'tanh':
        // tanh' = 1 − tanh².
        return this.visit(x, b.hadamard(g, b.sub(b.ones(s), b.epower(e, 2))));
      case 'sigmoid':
        return this.visit(x, b.hadamard(g, b.hadamard(e, b.sub(b.ones(s), e))));
      case 'sqrt':
        return this.visit(x, b.ediv(g, b.mul(num(2), e)));
      case 'diag': {
        // diag(x) of a vector is a diagonal matrix and diag(X) of a square matrix its diagonal: each is the other's adjoint.
        const back = b.call('diag', g);
        return this.visit(x, D.isOne(s.rows) && !D.isOne(s.cols) ? b.transpose(back) : back);
      }
      case 'vec':
        // vec is a reshape: its adjoint is unvec to the argument's shape.
        return this.visit(x, b.unvec(g, s));
      default:
        return assertNever(e.fn);
    }
  }
}
