// Evaluates a well-typed Expr at concrete sizes and values: the numeric twin of shapes/infer.ts, one rule per node kind.
// Trouble is data: a domain error (log of a negative entry, a singular inverse…) or an invalid tree comes back as
// an EvalError, never as an exception (DESIGN.md, "Bad input is data").
import * as D from '../shapes/dim';
import type { Shape } from '../shapes/shape';
import { assertNever, children, type BinaryOp, type Expr, type ExprOf, type UnaryFunction } from '../syntax/ast';
import type { Span } from '../syntax/span';
import * as M from './matrix';

export type Matrix = M.Matrix;

export type EvalError =
  /** The expression is not defined at this point: log of a non-positive entry, a singular inverse, overflow… */
  | { readonly kind: 'domain'; readonly message: string; readonly span: Span }
  /** The tree cannot be evaluated at all (unknown name, unknown size, sizes that do not fit): a bug upstream. */
  | { readonly kind: 'invalid'; readonly message: string; readonly span: Span }
  /** A matrix would be larger than EvalEnv.maxEntries: the work is refused rather than run out of memory. */
  | { readonly kind: 'budget'; readonly message: string; readonly span: Span };

export type EvalResult =
  | { readonly ok: true; readonly value: Matrix }
  | { readonly ok: false; readonly error: EvalError };

export interface EvalEnv {
  /** Size symbol → value. */
  readonly sizes: ReadonlyMap<string, number>;
  /** Declared symbol → value. */
  readonly values: ReadonlyMap<string, Matrix>;
  /** Defined name → its expression, evaluated on demand and memoised. */
  readonly definitions: ReadonlyMap<string, Expr>;
  /** Symbolic shapes, needed only for a bare `I` whose size was inferred (analysis.shapes.get). */
  readonly shapeOf?: (e: Expr) => Shape | undefined;
  /** An inverse whose 1-norm condition number exceeds this is a domain error. Default 1e10. */
  readonly maxCondition?: number;
  /** No matrix built may have more entries than this (a Kronecker product grows fast). Default 1e7. */
  readonly maxEntries?: number;
  /** How a node reads in messages (e.g. its source text). */
  readonly describe?: (e: Expr) => string;
}

/** Thrown inside the evaluator only, and caught at its boundary. */
class Failure {
  constructor(readonly error: EvalError) {}
}

/** Thrown while planning only: the tree cannot be planned (a varying name with no value, or none planned before it). */
class Unplanned {}

/** An expression planned for many points (Evaluator.plan). */
export interface Plan {
  /**
   * The value at the values env.values has now. The matrices of one run are reused by the next: read what you need
   * of the value before running again.
   */
  run(): EvalResult;
}

const SIGMOID = (x: number): number => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));

/** The entry-wise functions, and the entries outside their domain. */
const ENTRYWISE: Partial<Record<UnaryFunction, { f: (x: number) => number; bad?: (x: number) => boolean; why?: string }>> = {
  exp: { f: Math.exp },
  log: { f: Math.log, bad: (x) => !(x > 0), why: 'a non-positive entry' },
  sin: { f: Math.sin },
  cos: { f: Math.cos },
  tanh: { f: Math.tanh },
  sigmoid: { f: SIGMOID },
  sqrt: { f: Math.sqrt, bad: (x) => x < 0, why: 'a negative entry' },
};

type UnaryNode = ExprOf<'neg' | 'transpose' | 'inverse' | 'power' | 'epower' | 'call' | 'ptrace' | 'unvec'>;

const fmt = (x: number): string => (Number.isInteger(x) ? String(x) : x.toPrecision(3));

/**
 * Evaluates expressions at one point. Definitions are evaluated once per evaluator (memoised by name);
 * `known` seeds the memo with values that do not change between points (e.g. definitions independent
 * of the variable of a finite-difference check).
 */

export class Evaluator {
  private readonly memo: Map<string, Matrix>;
  private readonly pending = new Set<string>();

  constructor(private readonly env: EvalEnv, known?: ReadonlyMap<string, Matrix>) {
    this.memo = new Map(known);
  }

  /** The definitions evaluated so far, by name. */
  get computed(): ReadonlyMap<string, Matrix> {
    return this.memo;
  }

  /**
   * The value of `e`. `order`: its definitionOrder(), when evaluators at many points of the same definitions (a
   * finite-difference check) share it rather than each walking the definitions again.
   */
  evaluate(e: Expr, order: readonly string[] = this.definitionOrder(e)): EvalResult {
    try {
      for (const name of order) if (!this.memo.has(name)) this.name({ kind: 'name', name, start: 0, end: 0 });
      return { ok: true, value: this.value(e) };
    } catch (x) {
      if (x instanceof Failure) return { ok: false, error: x.error };
      throw x;
    }
  }

  /** The value of a declared or defined name. */
  evaluateName(name: string, span: Span = { start: 0, end: 0 }): EvalResult {
    return this.evaluate({ kind: 'name', name, start: span.start, end: span.end });
  }

  /**
   * The definitions `e` reaches that have no value yet, each after those it uses (in the order evaluating `e` would
   * reach them): evaluate() defines them in this order, so that evaluating a name never recurses through a chain of
   * definitions, which can be far longer than the stack is deep. (Where two parts of `e` fail, the failure reported
   * may be another one than evaluating it left to right would meet first; either is a reason the point cannot be
   * used.) A cycle is left for name() to report.
   */
  definitionOrder(e: Expr): string[] {
    const order: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const namesIn = (x: Expr, out: string[]): string[] => {
      if (x.kind === 'name') {
        if (this.env.definitions.has(x.name) && !this.env.values.has(x.name) && !this.memo.has(x.name)) out.push(x.name);
        return out;
      }
      for (const c of children(x)) namesIn(c, out);
      return out;
    };
    // Post-order over definitions: a name's entry is revisited (as `after`) once the names its value uses are done.
    const stack: { readonly name: string; readonly after: boolean }[] = namesIn(e, []).reverse().map((name) => ({ name, after: false }));
    for (let top = stack.pop(); top; top = stack.pop()) {
      const { name, after } = top;
      if (after) {
        state.set(name, 'done');
        order.push(name);
        continue;
      }
      if (state.has(name)) continue;
      state.set(name, 'open');
      stack.push({ name, after: true });
      const uses = namesIn(this.env.definitions.get(name)!, []);
      for (let k = uses.length - 1; k >= 0; k--) if (!state.has(uses[k]!)) stack.push({ name: uses[k]!, after: false });
    }
    return order;
  }

  /**
   * `root`, ready to be evaluated again and again at points that differ only in the values of `variable` (env.values
   * is read at each run) and so of the definitions in `varying`: a finite-difference check evaluates f dozens of
   * times at each point. Each run computes just what varies, by the rules evaluate() follows, in the same order, so
   * it gives the same numbers and the same errors; what does not vary is computed once, here. `order` is root's
   * definitionOrder(). Undefined when a part that does not vary cannot be evaluated (evaluate() then reports it).
   */
  plan(root: Expr, order: readonly string[], variable: string, varying: ReadonlySet<string>): Plan | undefined {
    // What is folded here must outlast every run: never taken from a Scratch in use around this call.
    return M.outsideScratch(() => this.planned(root, order, variable, varying));
  }

  private planned(root: Expr, order: readonly string[], variable: string, varying: ReadonlySet<string>): Plan | undefined {
    type Part = Matrix | (() => Matrix);
    const run = (p: Part): Matrix => (typeof p === 'function' ? p() : p);
    const slots = new Map<string, { value: Matrix | undefined }>();
    const compile = (e: Expr): Part => {
      switch (e.kind) {
        case 'name': {
          if (e.name === variable) {
            if (!this.env.values.has(variable)) throw new Unplanned();
            return () => this.finite(e, this.env.values.get(variable)!);
          }
          const slot = slots.get(e.name);
          if (slot) return () => this.finite(e, slot.value!);
          if (varying.has(e.name)) throw new Unplanned();
          return this.value(e);
        }
        case 'neg': case 'transpose': case 'inverse': case 'power': case 'epower': case 'call': case 'ptrace': case 'unvec': {
          const a = compile(operandOf(e));
          if (typeof a !== 'function') return this.finite(e, this.unary(e, a));
          return () => this.finite(e, this.unary(e, a()));
        }
        case 'binary': {
          const zero = zeroSide(e);
          if (zero) {
            const other = compile(zero === 'left' ? e.right : e.left);
            if (typeof other !== 'function') return this.finite(e, besideZero(e, zero, other));
            return () => this.finite(e, besideZero(e, zero, other()));
          }
          const a = compile(e.left);
          const b = compile(e.right);
          if (typeof a !== 'function' && typeof b !== 'function') return this.finite(e, this.combine(e, e.op, a, b));
          return () => this.finite(e, this.combine(e, e.op, run(a), run(b)));
        }
        default: return this.value(e);
      }
    };
    try {
      const steps: (() => void)[] = [];
      for (const name of order) {
        if (!varying.has(name) || this.memo.has(name)) continue;
        const body = compile(this.env.definitions.get(name)!);
        const slot = { value: undefined as Matrix | undefined };
        steps.push(() => { slot.value = run(body); });
        slots.set(name, slot);
      }
      const top = compile(root);
      // Each run makes the same matrices in the same order, and its caller is done with them before the next run.
      const scratch = new M.Scratch();
      const once = (): EvalResult => {
        try {
          for (const step of steps) step();
          return { ok: true, value: run(top) };
        } catch (x) {
          if (x instanceof Failure) return { ok: false, error: x.error };
          throw x;
        }
      };
      return { run: () => M.usingScratch(scratch, once) };
    } catch (x) {
      if (x instanceof Failure || x instanceof Unplanned) return undefined;
      throw x;
    }
  }

  private fail(kind: EvalError['kind'], e: Expr, message: string): never {
    throw new Failure({ kind, message, span: e });
  }

  private src(e: Expr): string {
    const s = this.env.describe?.(e);
    if (s) return s;
    switch (e.kind) {
      case 'name': return e.name;
      case 'number': return fmt(e.value);
      case 'call': return `${e.fn}(…)`;
      case 'inverse': return 'an inverse';
      default: return `a ${e.kind === 'binary' ? e.op : e.kind}`;
    }
  }

  private value(e: Expr): Matrix {
    return this.finite(e, this.node(e));
  }

  /** Every node's value is checked: an overflow or 0/0 is reported where it happens. */
  private finite(e: Expr, v: Matrix): Matrix {
    if (!M.allFinite(v)) this.fail('domain', e, `${this.src(e)} is not finite (an overflow or 0/0)`);
    return v;
  }

  private node(e: Expr): Matrix {
    switch (e.kind) {
      case 'number': return M.scalar(e.value);
      case 'name': return this.name(e);
      case 'identity': {
        const n = e.size ? this.dim(e.size) : this.shapeSize(e, 'rows');
        return M.identity(this.room(e, n, n));
      }
      case 'constant': {
        const rows = this.dim(e.rows);
        const cols = e.cols ? this.dim(e.cols) : 1;
        return M.filled(this.room(e, rows, cols), cols, e.fill);
      }
      case 'neg': case 'transpose': case 'inverse': case 'power': case 'epower': case 'call': case 'ptrace': case 'unvec':
        return this.unary(e, this.value(operandOf(e)));
      case 'binary': {
        const zero = zeroSide(e);
        if (zero) return besideZero(e, zero, this.value(zero === 'left' ? e.right : e.left));
        return this.combine(e, e.op, this.value(e.left), this.value(e.right));
      }
      case 'error': return this.fail('invalid', e, 'the expression has a syntax error');
      default: return assertNever(e);
    }
  }

  /** The value of a node with one operand, from the operand's value. */
  private unary(e: UnaryNode, a: Matrix): Matrix {
    switch (e.kind) {
      case 'neg': return M.scale(a, -1);
      case 'transpose': return M.transpose(a);
      case 'inverse': return this.inverse(e, a);
      case 'power': return this.power(e, a);
      case 'epower': return this.epower(e, a);
      case 'call': return this.call(e, a);
      case 'ptrace': return this.ptrace(e, a);
      case 'unvec': return this.unvec(e, a);
      default: return assertNever(e);
    }
  }

  private name(e: ExprOf<'name'>): Matrix {
    const v = this.env.values.get(e.name) ?? this.memo.get(e.name);
    if (v) return v;
    const def = this.env.definitions.get(e.name);
    // A size symbol where a number is meant (n * log(s2), or tr(I_p) = p in a derivative) is its value.
    const size = def ? undefined : this.env.sizes.get(e.name);
    if (size !== undefined) return M.scalar(size);
    if (!def) return this.fail('invalid', e, `${e.name} has no value`);
    if (this.pending.has(e.name)) return this.fail('invalid', e, `${e.name} is defined in terms of itself`);
    this.pending.add(e.name);
    try {
      const value = this.value(def);
      this.memo.set(e.name, value);
      return value;
    } finally {
      this.pending.delete(e.name);
    }
  }

  /** A size written as an expression: 3, n, p*m, m + n, n^2. */
  private dim(e: Expr): number {
    switch (e.kind) {
      case 'number': return e.value;
      case 'name': {
        const v = this.env.sizes.get(e.name);
        return v ?? this.fail('invalid', e, `no value for the size ${e.name}`);
      }
      case 'binary': {
        const a = this.dim(e.left);
        const b = this.dim(e.right);
        if (e.op === 'matmul') return a * b;
        if (e.op === 'add') return a + b;
        if (e.op === 'sub') return a - b;
        break;
      }
      case 'power': return this.dim(e.operand) ** e.exponent;
      default: break;
    }
    return this.fail('invalid', e, `${this.src(e)} is not a size`);
  }

  private shapeSize(e: Expr, side: 'rows' | 'cols'): number {
    const s = this.env.shapeOf?.(e);
    if (!s) return this.fail('invalid', e, `the size of ${this.src(e)} is unknown`);
    try {
      return D.evaluate(s[side], this.env.sizes);
    } catch {
      return this.fail('invalid', e, `the size of ${this.src(e)} is unknown`);
    }
  }

  /** Refuses a rows×cols result with a size below 1 (`I(a - b)` at a = 2, b = 3) or beyond the budget; returns rows. */
  private room(e: Expr, rows: number, cols: number): number {
    if (!(Number.isInteger(rows) && rows >= 1 && Number.isInteger(cols) && cols >= 1)) {
      this.fail('domain', e, `${this.src(e)} would be ${rows}×${cols} at these sizes`);
    }
    const max = this.env.maxEntries ?? 1e7;
    if (rows * cols > max) this.fail('budget', e, `${this.src(e)} would be ${rows}×${cols}, more than ${max} entries`);
    return rows;
  }

  private square(e: Expr, m: Matrix, what: string): void {
    if (m.rows !== m.cols) this.fail('invalid', e, `${what} needs a square matrix, but ${this.src(e)} is ${m.rows}×${m.cols}`);
  }

  private inverse(e: Expr, m: Matrix): Matrix {
    this.square(e, m, 'the inverse');
    const f = M.lu(m);
    const inv = M.inverseOf(f);
    if (!inv) return this.fail('domain', e, `${this.src(e)}: the matrix is singular`);
    const cond = M.norm1(m) * M.norm1(inv);
    const max = this.env.maxCondition ?? 1e10;
    if (!(cond <= max)) this.fail('domain', e, `${this.src(e)}: the matrix is ill-conditioned (condition number ${cond.toExponential(1)})`);
    return inv;
  }

  private power(e: ExprOf<'power'>, a: Matrix): Matrix {
    const k = e.exponent;
    if (M.isScalarMatrix(a)) return M.scalar(this.pow(e, a.data[0]!, k));
    this.square(e, a, `the power ^${k}`);
    if (!Number.isInteger(k)) return this.fail('invalid', e, `a matrix power needs a whole-number exponent, not ${k}`);
    let base = k < 0 ? this.inverse(e, a) : a;
    let result: Matrix | undefined;
    // Binary exponentiation: log₂k products.
    for (let n = Math.abs(k); n > 0; n = Math.floor(n / 2)) {
      if (n % 2 === 1) result = result ? M.matmul(result, base) : base;
      if (n > 1) base = M.matmul(base, base);
    }
    return result ?? M.identity(a.rows);
  }

  private pow(e: Expr, x: number, k: number): number {
    if (x === 0 && k < 0) this.fail('domain', e, `${this.src(e)}: zero to a negative power`);
    if (x < 0 && !Number.isInteger(k)) this.fail('domain', e, `${this.src(e)}: a negative number (${fmt(x)}) to the fractional power ${k}`);
    return x ** k;
  }

  private epower(e: ExprOf<'epower'>, a: Matrix): Matrix {
    return M.map(a, (x) => this.pow(e, x, e.exponent));
  }

  private combine(e: ExprOf<'binary'>, op: BinaryOp, a: Matrix, b: Matrix): Matrix {
    switch (op) {
      case 'matmul':
        if (M.isScalarMatrix(a)) return M.scale(b, a.data[0]!);
        if (M.isScalarMatrix(b)) return M.scale(a, b.data[0]!);
        if (a.cols !== b.rows) this.mismatch(e, a, b);
        this.room(e, a.rows, b.cols);
        return M.matmul(a, b);
      case 'kron':
        this.room(e, a.rows * b.rows, a.cols * b.cols);
        return M.kron(a, b);
      case 'hadamard':
        return this.entrywise(e, a, b, (x, y) => x * y);
      case 'ediv':
        return this.entrywise(e, a, b, (x, y) => (y === 0 ? this.fail('domain', e, `${this.src(e)}: division by a zero entry`) : x / y));
      case 'div': {
        if (!M.isScalarMatrix(b)) this.mismatch(e, a, b);
        const s = b.data[0]!;
        if (s === 0) this.fail('domain', e, `${this.src(e)}: division by zero`);
        return M.scale(a, 1 / s);
      }
      case 'add':
      case 'sub':
        if (!M.sameSize(a, b)) this.mismatch(e, a, b);
        return op === 'add' ? M.add(a, b) : M.sub(a, b);
      case 'frobenius':
        if (!M.sameSize(a, b)) this.mismatch(e, a, b);
        return M.scalar(M.frobenius(a, b));
      default:
        return assertNever(op);
    }
  }

  /** Hadamard-like products; a scalar side scales the other (the shape rules make this rare). */
  private entrywise(e: ExprOf<'binary'>, a: Matrix, b: Matrix, f: (x: number, y: number) => number): Matrix {
    if (M.sameSize(a, b)) return M.zip(a, b, f);
    if (M.isScalarMatrix(a)) return M.map(b, (y) => f(a.data[0]!, y));
    if (M.isScalarMatrix(b)) return M.map(a, (x) => f(x, b.data[0]!));
    return this.mismatch(e, a, b);
  }

  private mismatch(e: ExprOf<'binary'>, a: Matrix, b: Matrix): never {
    return this.fail('invalid', e, `${this.src(e)}: sizes ${a.rows}×${a.cols} and ${b.rows}×${b.cols} do not fit`);
  }

  private call(e: ExprOf<'call'>, a: Matrix): Matrix {
    const fn = e.fn;
    switch (fn) {
      case 'tr':
        this.square(e, a, 'tr');
        return M.scalar(M.trace(a));
      case 'det':
        this.square(e, a, 'det');
        return M.scalar(M.determinant(M.lu(a)));
      case 'logdet': {
        this.square(e, a, 'logdet');
        const { sign, log } = M.logAbsDeterminant(M.lu(a));
        if (sign <= 0) {
          const det = sign === 0 ? '0' : `−${Math.exp(log).toPrecision(3)}`;
          this.fail('domain', e, `${this.src(e)}: the determinant is not positive (det = ${det})`);
        }
        return M.scalar(log);
      }
      case 'vec': return M.matrix(a.rows * a.cols, 1, M.copyOf(a.data));
      case 'diag': return this.diag(e, a);
      case 'sum': return M.scalar(M.sum(a));
      case 'norm': return M.scalar(M.normF(a));
      case 'exp': case 'log': case 'sin': case 'cos': case 'tanh': case 'sigmoid': case 'sqrt': {
        const rule = ENTRYWISE[fn]!;
        const bad = rule.bad;
        if (bad) {
          for (const x of a.data) if (bad(x)) this.fail('domain', e, `${this.src(e)}: ${rule.why} (${fmt(x)})`);
        }
        return M.map(a, rule.f);
      }
      default:
        return assertNever(fn);
    }
  }

  /** Vector (column or row) → diagonal matrix; square matrix → the vector of its diagonal. */
  private diag(e: ExprOf<'call'>, a: Matrix): Matrix {
    if (a.cols === 1 || a.rows === 1) {
      const n = a.data.length;
      const out = M.matrix(this.room(e, n, n), n);
      for (let i = 0; i < n; i++) out.data[i + i * n] = a.data[i]!;
      return out;
    }
    this.square(e, a, 'diag');
    const out = M.matrix(a.rows, 1);
    for (let i = 0; i < a.rows; i++) out.data[i] = a.data[i + i * a.rows]!;
    return out;
  }

  /** unvec(v, m, n): column-major, so the data of v is the data of the matrix. */
  private unvec(e: ExprOf<'unvec'>, v: Matrix): Matrix {
    const m = this.dim(e.rows);
    const n = this.dim(e.cols);
    if (v.cols !== 1 || v.rows !== m * n) return this.fail('invalid', e, `${this.src(e)}: a ${v.rows}×${v.cols} value is not a vector of ${m * n}`);
    return M.matrix(this.room(e, m, n), n, M.copyOf(v.data));
  }

  /** tr₁(M, c): sum of the c diagonal blocks of a c×c grid; tr₂(M, c): traces of the c×c blocks. */
  private ptrace(e: ExprOf<'ptrace'>, m: Matrix): Matrix {
    const c = this.dim(e.block);
    if (!(c >= 1) || m.rows % c !== 0 || m.cols % c !== 0) {
      return this.fail('invalid', e, `${this.src(e)}: ${m.rows}×${m.cols} is not a grid of blocks for the size ${c}`);
    }
    const a = m.rows / c;
    const b = m.cols / c;
    const out = M.matrix(a, b);
    for (let j = 0; j < b; j++) {
      for (let i = 0; i < a; i++) {
        let s = 0;
        for (let k = 0; k < c; k++) {
          s += e.which === 1 ? M.at(m, k * a + i, k * b + j) : M.at(m, i * c + k, j * c + k);
        }
        out.data[i + j * a] = s;
      }
    }
    return out;
  }
}

function isZero(e: Expr): boolean {
  return e.kind === 'number' && e.value === 0;
}

/** The operand whose value a node with one operand is made from (a call's argument; not the sizes it names). */
function operandOf(e: UnaryNode): Expr {
  return e.kind === 'call' || e.kind === 'ptrace' || e.kind === 'unvec' ? e.arg : e.operand;
}

/** A literal 0 in a sum is the zero matrix of the other side's shape (the shape rules allow it): which side is 0. */
function zeroSide(e: ExprOf<'binary'>): 'left' | 'right' | undefined {
  if (e.op !== 'add' && e.op !== 'sub') return undefined;
  return isZero(e.left) ? 'left' : isZero(e.right) ? 'right' : undefined;
}

/** A sum with a literal 0 on one side, from the value of the other side. */
function besideZero(e: ExprOf<'binary'>, zero: 'left' | 'right', other: Matrix): Matrix {
  return zero === 'left' && e.op === 'sub' ? M.scale(other, -1) : other;
}

/** Evaluates one expression in a fresh environment (definitions memoised for this call only). */
export function evaluate(e: Expr, env: EvalEnv): EvalResult {
  return new Evaluator(env).evaluate(e);
}
