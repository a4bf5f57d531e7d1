// Shape inference for expressions: one rule per node kind; mismatches become diagnostics with both shapes.
import { diagnostic, type Diagnostic, type DiagnosticCode, type Fix, type RelatedInfo } from '../diagnostics';
import { assertNever, operatorSpan, type Expr, type ExprOf } from '../syntax/ast';
import { likelyFunction, type Property } from '../syntax/functions';
import type { Span } from '../syntax/span';
import * as D from './dim';
import { onesFix, onesText, productFixes } from './fixes';
import {
  isColumn, isScalar, isSquare, SCALAR, shape, shapeHasVariables, shapeToString, substituteShape, transposed,
  type Shape,
} from './shape';
import type { TextLike } from '../incremental/piece-text';

export interface SymbolInfo {
  readonly name: string;
  readonly kind: 'declared' | 'defined';
  /** Undefined when the definition has a shape error (uses of it then report nothing more). */
  readonly shape: Shape | undefined;
  readonly nameSpan: Span;
  readonly statementSpan: Span;
  readonly properties: readonly Property[];
  readonly value?: Expr;
}

/** What the expression rules need from the document around them. */
export interface InferEnv {
  /** The text the nodes' spans are in (a string, or the pieces of one: incremental/piece-text.ts). */
  readonly text: TextLike;
  lookup(name: string): SymbolInfo | undefined;
  isSizeSymbol(name: string): boolean;
  /** Applies the size facts (`n = 3`, `m = n`). */
  normalize(d: D.Dim): D.Dim;
  /** Records a use of a size symbol, for rename and references. */
  useSize(name: string, span: Span): void;
  /** Records a use of a matrix symbol. */
  useSymbol(name: string, span: Span): void;
  /** How messages quote a node, where not as its source text (LaTeX math is quoted in mcalc: `B ⊗ A`). */
  quote?(e: Expr): string | undefined;
}

/** Infers the shapes of one expression (one statement's), resolving bare identities by unification. */
export class ExprInference {
  /** The shapes found; the scope passes its own map (`into`), so that a document's shapes are never copied. */
  readonly shapes: Map<Expr, Shape>;
  /** How many nodes this inference typed (`shapes` may hold other statements' nodes). */
  typed = 0;
  readonly diagnostics: Diagnostic[] = [];
  // The maps below are made on first need: a long document runs thousands of inferences, most of which need none.
  /** Unification variables' values; only a bare I makes variables (`fresh`). */
  private bindings: Map<string, D.Dim> | undefined;
  private fresh = 0;
  /** Each product node inside a chain (`A B C`), mapped to the chain's outermost product. */
  private chainRoot: Map<Expr, Expr> | undefined;
  /** E201s raised inside a chain, completed with the chain's factors once all of them are typed. */
  private pendingChain: Map<number, Expr> | undefined;
  /** The nodes typed once a variable exists: only their shapes may need resolving at the end (run). */
  private typedWithVariables: Expr[] | undefined;

  /**
   * `given`: shapes known before this inference (the calculus types its trees over the document's): read, not copied,
   * as a document has tens of thousands of them and a derivation looks at a few.
   */
  constructor(private readonly env: InferEnv, private readonly given?: ReadonlyMap<Expr, Shape>, into?: Map<Expr, Shape>) {
    // A node belongs to one statement (the parser and shift.ts make each statement its own nodes), so a shared map
    // holds no node of this inference's before it runs.
    this.shapes = into ?? new Map();
  }

  /** The shape found for a node, by this inference or before it. */
  private shapeOf(e: Expr): Shape | undefined {
    return this.shapes.get(e) ?? this.given?.get(e);
  }

  /** Infers `e` and resolves every unification variable; reports sizes that stay unknown. */
  run(e: Expr, expected?: Shape): Shape | undefined {
    const s = this.infer(e);
    // A claim's value must have the variable's shape: that sizes a bare I in it (∂f/∂X = 2 I).
    if (s && expected && !isScalar(this.now(s))) {
      this.unify(s.rows, expected.rows);
      this.unify(s.cols, expected.cols);
    }
    // Unification variables come only from a bare I: most statements have none, and nothing to resolve.
    const variables = this.fresh > 0;
    if (variables) for (const node of this.typedWithVariables ?? []) this.shapes.set(node, this.resolve(this.shapes.get(node)!));
    const result = s && (variables ? this.resolve(s) : s);
    // A bare I can stay unresolved under a scalar result too (`sum(I)`, `tr(I)`).
    const bare = variables && result && findBareIdentity(e, this.shapes);
    if (result && (bare || shapeHasVariables(result))) {
      this.error('E209', bare ? bare : e, 'the size of I cannot be inferred here: write I_n or I(n)');
      return undefined;
    }
    return result;
  }

  private resolve(s: Shape): Shape {
    const bindings = this.bindings;
    return bindings ? substituteShape(s, (v) => (D.isVariable(v) ? bindings.get(v) : undefined)) : s;
  }

  private error(code: DiagnosticCode, span: Span, message: string, related?: RelatedInfo[], fixes?: Fix[]): void {
    this.diagnostics.push(diagnostic(code, span, message, { ...(related?.length ? { related } : {}), ...(fixes?.length ? { fixes } : {}) }));
  }

  private unify(a: D.Dim, b: D.Dim): boolean {
    if (a === b) return true;
    const bindings = this.bindings;
    const x = bindings ? D.substitute(a, (v) => bindings.get(v)) : a;
    const y = bindings ? D.substitute(b, (v) => bindings.get(v)) : b;
    if (D.equal(x, y)) return true;
    if (this.fresh === 0) return false;
    const vx = D.soleSymbol(x);
    if (vx && D.isVariable(vx)) return this.bind(vx, y), true;
    const vy = D.soleSymbol(y);
    if (vy && D.isVariable(vy)) return this.bind(vy, x), true;
    return false;
  }

  /** `A + (I + I)` binds the inner I's to each other (?1 → ?2) before either to A's size (?2 → n, so ?1 → n). */
  private bind(v: string, value: D.Dim): void {
    D.bindResolved((this.bindings ??= new Map()), v, value);
  }

  private now(s: Shape): Shape {
    return this.resolve(s);
  }

  infer(e: Expr): Shape | undefined {
    // Nodes are immutable, so a shape once known stays right: the calculus's trees share subtrees (and come with
    // `given`), typed once. A statement's tree from the parser has each node once: nothing to look up in a map that
    // holds the whole document's shapes.
    if (this.given) {
      const known = this.shapeOf(e);
      if (known) return known;
    }
    const s = this.rule(e);
    if (s) {
      this.shapes.set(e, s);
      this.typed++;
      if (this.fresh > 0) (this.typedWithVariables ??= []).push(e);
    }
    return s;
  }

  private rule(e: Expr): Shape | undefined {
    switch (e.kind) {
      case 'name': return this.name(e);
      case 'number': return SCALAR;
      case 'error': return undefined;
      case 'identity': {
        if (!e.size) {
          const v = D.symbol(`?${++this.fresh}`);
          return shape(v, v);
        }
        const n = this.dim(e.size);
        return n && shape(n, n);
      }
      case 'constant': {
        const rows = this.dim(e.rows);
        const cols = e.cols ? this.dim(e.cols) : D.ONE;
        return rows && cols && shape(rows, cols);
      }
      case 'neg': return this.infer(e.operand);
      case 'transpose': {
        const s = this.infer(e.operand);
        return s && transposed(s);
      }
      case 'inverse': {
        const s = this.infer(e.operand);
        return s && this.square(s, e.operand, e, 'the inverse');
      }
      case 'power': {
        const s = this.infer(e.operand);
        if (!s) return undefined;
        if (!Number.isInteger(e.exponent) && !isScalar(this.now(s))) {
          this.error('E006', e, `a matrix power needs a whole-number exponent, not ${e.exponent}; for entry-wise powers write .^`);
          return undefined;
        }
        return this.square(s, e.operand, e, `the power ^${e.exponent}`);
      }
      case 'epower': return this.infer(e.operand);
      case 'binary': return this.binary(e);
      case 'call': return this.call(e);
      case 'ptrace': return this.ptrace(e);
      case 'unvec': return this.unvec(e);
      default: return assertNever(e);
    }
  }

  private name(e: ExprOf<'name'>): Shape | undefined {
    const sym = this.env.lookup(e.name);
    if (sym) {
      this.env.useSymbol(e.name, e);
      return sym.shape;
    }
    if (this.env.isSizeSymbol(e.name)) {
      // A size stands for its value where a number is meant: `n * log(s2)`, tr(I_p) = p.
      this.env.useSize(e.name, e);
      return SCALAR;
    }
    if (this.env.text.charCodeAt(e.end) === 40) { // '('
      const meant = likelyFunction(e.name);
      // The quick fix rewrites the name only where it is written as itself (not inside LaTeX math's spelling).
      const fix = meant && this.env.text.slice(e.start, e.end) === e.name ? [{ title: `Replace ${e.name} with ${meant}`, edits: [{ span: e, newText: meant }] }] : [];
      this.error('E103', e, meant ? `unknown function '${e.name}': did you mean ${meant}?` : `unknown function '${e.name}'`, undefined, fix);
      return undefined;
    }
    this.error('E101', e, `'${e.name}' is not declared: declare it (${e.name} : m × n) or define it (${e.name} = …) before this line`);
    return undefined;
  }

  /** A dimension written as an expression: `n`, `3`, `p*m`, `m + n`. */
  dim(e: Expr): D.Dim | undefined {
    switch (e.kind) {
      case 'number':
        if (Number.isInteger(e.value) && e.value >= 1) return D.constant(e.value);
        this.error('E210', e, `a size must be a positive whole number, not ${e.value}`);
        return undefined;
      case 'name':
        if (this.env.lookup(e.name)) {
          this.error('E213', e, `${e.name} is a matrix, not a size`);
          return undefined;
        }
        this.env.useSize(e.name, e);
        return this.env.normalize(D.symbol(e.name));
      case 'binary': {
        const a = this.dim(e.left);
        const b = this.dim(e.right);
        if (!a || !b) return undefined;
        if (e.op === 'matmul') return D.boundedMul(a, b) ?? this.tooLarge(e);
        if (e.op === 'add') return D.add(a, b);
        if (e.op === 'sub') return D.sub(a, b);
        break;
      }
      case 'power': {
        const a = this.dim(e.operand);
        if (!a) return undefined;
        if (Number.isInteger(e.exponent) && e.exponent >= 0) return D.boundedPow(a, e.exponent) ?? this.tooLarge(e);
        break;
      }
      case 'error':
        return undefined;
      default:
        break;
    }
    this.error('E213', e, `'${this.src(e)}' is not a size: sizes are products and sums of whole numbers and size symbols`);
    return undefined;
  }

  /** A size beyond D.DIM_LIMITS: refused with a message rather than computed. */
  private tooLarge(e: Expr, what = `'${this.src(e)}'`): undefined {
    this.error('E213', e,
      `${what} is too large a size to work with: at most ${D.DIM_LIMITS.terms} terms of degree ${D.DIM_LIMITS.degree} or less, with finite coefficients`);
    return undefined;
  }

  private square(s: Shape, operand: Expr, span: Span, what: string): Shape | undefined {
    if (this.unify(s.rows, s.cols)) return this.now(s);
    this.error('E206', span, `${what} needs a square matrix, but ${this.describe(operand)}${this.chainNote(operand)}`, this.related(operand));
    return undefined;
  }

  private binary(e: ExprOf<'binary'>): Shape | undefined {
    if (e.op !== 'matmul') return this.binaryRule(e);
    const root = this.chainRoot?.get(e) ?? e;
    const inChain = (side: Expr): boolean => side.kind === 'binary' && side.op === 'matmul';
    if (inChain(e.left)) (this.chainRoot ??= new Map()).set(e.left, root);
    if (inChain(e.right)) (this.chainRoot ??= new Map()).set(e.right, root);
    const result = this.binaryRule(e);
    if (root === e && this.pendingChain) this.finishChain(e, this.pendingChain);
    return result;
  }

  /** Adds the shape of every factor to the chain's E201s: a bad middle factor is only visible in full. */
  private finishChain(root: Expr, pending: Map<number, Expr>): void {
    for (const [index, r] of pending) {
      if (r !== root) continue;
      this.diagnostics[index] = { ...this.diagnostics[index]!, message: this.diagnostics[index]!.message + this.chainNote(root) };
      pending.delete(index);
    }
  }

  private binaryRule(e: ExprOf<'binary'>): Shape | undefined {
    const l = this.infer(e.left);
    const r = this.infer(e.right);
    if (!l || !r) return undefined;
    const a = this.now(l);
    const b = this.now(r);
    switch (e.op) {
      case 'matmul': {
        if (isScalar(a)) return b;
        if (isScalar(b)) return a;
        if (this.unify(a.cols, b.rows)) return this.now(shape(a.rows, b.cols));
        const rows = D.dimToString(a.cols);
        (this.pendingChain ??= new Map()).set(this.diagnostics.length, this.chainRoot?.get(e) ?? e);
        this.error('E201', e,
          `matrix product: ${this.describe(e.left)}, so ${this.src(e.right)} needs ${rows} row${rows === '1' ? '' : 's'}, but ${this.src(e.right)} is ${shapeToString(b)}`,
          this.related(e), productFixes(e, a, b, this.env.text));
        return undefined;
      }
      case 'kron': {
        for (const [side, s] of [[e.left, a], [e.right, b]] as const) {
          if (shapeHasVariables(s)) {
            this.error('E202', side, 'the size of I cannot be inferred inside a Kronecker product: write I_n or I(n)');
            return undefined;
          }
        }
        const rows = D.boundedMul(a.rows, b.rows);
        const cols = D.boundedMul(a.cols, b.cols);
        return rows && cols ? shape(rows, cols) : this.tooLarge(e, 'the Kronecker product');
      }
      case 'hadamard':
      case 'ediv':
        return this.same(e, a, b, 'E204', e.op === 'hadamard' ? 'Hadamard product ⊙' : 'entry-wise division ./', a);
      case 'frobenius':
        return this.same(e, a, b, 'E205', this.env.text.charCodeAt(e.opStart) === 44 ? 'Frobenius product ⟨·, ·⟩' : "Frobenius product ':'", SCALAR);
      case 'div':
        if (isScalar(b)) return a;
        this.error('E212', operatorSpan(e), `division '/' is by a scalar only, but ${this.describe(e.right)}; for entry-wise division write ./, for an inverse ⁻¹`,
          this.related(e.right));
        return undefined;
      case 'add':
      case 'sub': {
        if (isZero(e.left)) return b;
        if (isZero(e.right)) return a;
        const scalarSide = isScalar(a) !== isScalar(b) ? (isScalar(a) ? e.left : e.right) : undefined;
        if (scalarSide && !shapeHasVariables(isScalar(a) ? b : a)) {
          const other = isScalar(a) ? b : a;
          const sh = shapeToString(other);
          const what = e.op === 'add' ? `'+' adds a scalar to ${sh}`
            : scalarSide === e.right ? `'-' subtracts a scalar from ${sh}` : `'-' subtracts ${sh} from a scalar`;
          this.error('E211', operatorSpan(e),
            `${what}: there is no implicit broadcasting; write the scalar times ${onesText(other)}`,
            this.related(e), onesFix(scalarSide, other, this.env.text));
          return undefined;
        }
        return this.same(e, a, b, 'E203', `sum '${e.op === 'add' ? '+' : '-'}'`, a);
      }
      default:
        return assertNever(e.op);
    }
  }

  private same(e: ExprOf<'binary'>, a: Shape, b: Shape, code: DiagnosticCode, what: string, result: Shape): Shape | undefined {
    if (this.unify(a.rows, b.rows) && this.unify(a.cols, b.cols)) return this.now(result);
    this.error(code, operatorSpan(e), `${what} needs equal shapes, but ${this.describe(e.left)} and ${this.describe(e.right)}`,
      this.related(e));
    return undefined;
  }

  private call(e: ExprOf<'call'>): Shape | undefined {
    const s0 = this.infer(e.arg);
    if (!s0) return undefined;
    const s = this.now(s0);
    switch (e.fn) {
      case 'tr':
      case 'det':
      case 'logdet':
        return this.square(s, e.arg, e, e.fn === 'tr' ? 'the trace tr' : e.fn) && SCALAR;
      case 'vec': {
        const rows = D.boundedMul(s.rows, s.cols);
        return rows ? shape(rows, D.ONE) : this.tooLarge(e, 'the vector');
      }
      case 'diag':
        if (isColumn(s)) return shape(s.rows, s.rows);
        if (D.isOne(s.rows)) return shape(s.cols, s.cols);
        if (isSquare(s) || this.unify(s.rows, s.cols)) return shape(this.now(s).rows, D.ONE);
        this.error('E207', e, `diag needs a vector or a square matrix, but ${this.describe(e.arg)}`, this.related(e.arg));
        return undefined;
      case 'sum':
      case 'norm':
        return SCALAR;
      case 'exp': case 'log': case 'sin': case 'cos': case 'tanh': case 'sigmoid': case 'sqrt':
        return s;
      default:
        return assertNever(e.fn);
    }
  }

  /** unvec(v, m, n): v must be an (m·n)×1 vector. */
  private unvec(e: ExprOf<'unvec'>): Shape | undefined {
    const v = this.infer(e.arg);
    const m = this.dim(e.rows);
    const n = this.dim(e.cols);
    if (!v || !m || !n) return undefined;
    const s = this.now(v);
    if (D.isOne(s.cols) && this.unify(s.rows, D.mul(m, n))) return shape(m, n);
    this.error('E215', e, `unvec(v, ${D.dimToString(m)}, ${D.dimToString(n)}) needs a vector of ${D.dimToString(D.mul(m, n))} entries, but ${this.describe(e.arg)}`,
      this.related(e.arg));
    return undefined;
  }

  /** tr₁(M, c), tr₂(M, c): both sizes of M are divided by c. */
  private ptrace(e: ExprOf<'ptrace'>): Shape | undefined {
    const m = this.infer(e.arg);
    const c = this.dim(e.block);
    if (!m || !c) return undefined;
    const s = this.now(m);
    const rows = D.divide(s.rows, c);
    const cols = D.divide(s.cols, c);
    if (rows && cols) return shape(rows, cols);
    this.error('E214', e, `tr${e.which === 1 ? '₁' : '₂'}(M, ${D.dimToString(c)}) needs both sizes of M to be multiples of ${D.dimToString(c)}, but ${this.describe(e.arg)}`,
      this.related(e.arg));
    return undefined;
  }

  /** The source text of a node, whitespace collapsed, shortened when long. */
  src(e: Expr): string {
    const t = this.env.quote?.(e) ?? unparenthesize(this.env.text.slice(e.start, e.end).replace(/\s+/g, ' ').trim());
    return t.length > 40 ? `${t.slice(0, 18)}…${t.slice(-18)}` : t;
  }

  /** "B ⊗ A is (p·m)×(q·n) (B is p×q, A is m×n)". */
  describe(e: Expr): string {
    const s = this.shapeOf(e);
    // A bare I has whatever size unification gave it; what the reader needs is that it is square.
    if (e.kind === 'identity' && !e.size) return `${this.src(e)} is square`;
    const base = `${this.src(e)} is ${s ? shapeToString(this.now(s)) : 'of unknown shape'}`;
    if (e.kind === 'binary' && e.op === 'kron') {
      const parts = flatten(e, 'kron').map((f) => `${this.src(f)} is ${this.shapeText(f)}`);
      return `${base} (${parts.join(', ')})`;
    }
    return base;
  }

  private shapeText(e: Expr): string {
    const s = this.shapeOf(e);
    return s ? shapeToString(this.now(s)) : '?';
  }

  /** For a product chain of three or more factors, the shape of each factor. */
  private chainNote(e: Expr): string {
    const factors = flatten(e, 'matmul');
    if (factors.length < 3) return '';
    return `; the chain's factors are ${factors.map((f) => `${this.src(f)}: ${this.shapeText(f)}`).join(', ')}`;
  }

  /** The declarations of the symbols an expression uses. */
  private related(e: Expr): RelatedInfo[] {
    const out: RelatedInfo[] = [];
    const seen = new Set<string>();
    const walk = (x: Expr): void => {
      if (x.kind === 'name' && !seen.has(x.name)) {
        seen.add(x.name);
        const sym = this.env.lookup(x.name);
        if (sym?.shape) {
          out.push({ span: sym.statementSpan, message: `${x.name} is ${shapeToString(sym.shape)} (${sym.kind} here)` });
        }
      }
      if (x.kind === 'binary') { walk(x.left); walk(x.right); }
      else if ('operand' in x) walk(x.operand);
      else if (x.kind === 'call' || x.kind === 'ptrace' || x.kind === 'unvec') walk(x.arg);
    };
    walk(e);
    return out.slice(0, 6);
  }

}

/** `(B ⊗ A)` → `B ⊗ A`: a parenthesised operand's span includes its brackets, which read badly in prose. */
function unparenthesize(t: string): string {
  if (!t.startsWith('(') || !t.endsWith(')')) return t;
  let depth = 0;
  for (let i = 0; i < t.length - 1; i++) {
    if (t[i] === '(') depth++;
    else if (t[i] === ')') depth--;
    if (depth === 0) return t; // the first '(' closes before the end: `(A)(B)`
  }
  return t.slice(1, -1).trim();
}

function isZero(e: Expr): boolean {
  return e.kind === 'number' && e.value === 0;
}

/** The operands of a chain of the same binary operator, left to right. */
export function flatten(e: Expr, op: 'matmul' | 'kron', out: Expr[] = []): Expr[] {
  // Into one list: joining lists at every level of a chain n deep copies O(n²) operands.
  if (e.kind === 'binary' && e.op === op) {
    flatten(e.left, op, out);
    return flatten(e.right, op, out);
  }
  out.push(e);
  return out;
}

function findBareIdentity(e: Expr, shapes: Map<Expr, Shape>): Expr | undefined {
  if (e.kind === 'identity' && !e.size) {
    const s = shapes.get(e);
    if (!s || shapeHasVariables(s)) return e;
  }
  if (e.kind === 'binary') return findBareIdentity(e.left, shapes) ?? findBareIdentity(e.right, shapes);
  if ('operand' in e) return findBareIdentity(e.operand, shapes);
  if (e.kind === 'call' || e.kind === 'ptrace' || e.kind === 'unvec') return findBareIdentity(e.arg, shapes);
  return undefined;
}

