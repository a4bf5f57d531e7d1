// Symbolic dimensions: polynomials in size symbols with integer coefficients, compared in normal form.
// A term keeps the order its factors were written in (p·m stays p·m in messages) while its key is sorted.

export interface Term {
  readonly coef: number;
  /** Factors in display order, with repeats for powers. */
  readonly factors: readonly string[];
}

/** A dimension: terms keyed by their sorted factors ('' is the constant term). Immutable. */
export type Dim = ReadonlyMap<string, Term>;

/** Unification variables (sizes still to be inferred, e.g. of a bare `I`) start with '?'. */
export const isVariable = (symbol: string): boolean => symbol.startsWith('?');

function keyOf(factors: readonly string[]): string {
  return [...factors].sort().join('·');
}

// Dims are immutable, so the ones every shape is made of — a size symbol, a small number — are made once and shared:
// a long document writes `m × n` thousands of times. The cache is emptied when full, as names come from the user.
const made = new Map<string, Dim>();
const MADE_LIMIT = 10_000;

function shared(key: string, make: () => Dim): Dim {
  let d = made.get(key);
  if (!d) {
    if (made.size >= MADE_LIMIT) made.clear();
    made.set(key, (d = make()));
  }
  return d;
}

export function constant(n: number): Dim {
  if (n === 0) return new Map();
  const make = (): Dim => new Map([['', { coef: n, factors: [] }]]);
  return Number.isInteger(n) && n > 0 && n <= 64 ? shared(`#${n}`, make) : make();
}

export function symbol(name: string): Dim {
  return shared(name, () => new Map([[name, { coef: 1, factors: [name] }]]));
}

export const ONE = constant(1);

function addTerm(out: Map<string, Term>, t: Term): void {
  const key = keyOf(t.factors);
  const prev = out.get(key);
  const coef = (prev?.coef ?? 0) + t.coef;
  if (coef === 0) out.delete(key);
  else out.set(key, { coef, factors: prev?.factors ?? t.factors });
}

export function add(a: Dim, b: Dim): Dim {
  const out = new Map(a);
  for (const t of b.values()) addTerm(out, t);
  return out;
}

export function sub(a: Dim, b: Dim): Dim {
  const out = new Map(a);
  for (const t of b.values()) addTerm(out, { coef: -t.coef, factors: t.factors });
  return out;
}

export function mul(a: Dim, b: Dim): Dim {
  const out = new Map<string, Term>();
  for (const x of a.values()) {
    for (const y of b.values()) addTerm(out, { coef: x.coef * y.coef, factors: [...x.factors, ...y.factors] });
  }
  return out;
}

export function pow(a: Dim, k: number): Dim {
  let out = ONE;
  for (let i = 0; i < k; i++) out = mul(out, a);
  return out;
}

/**
 * How large a dimension may grow. Beyond these, a size is refused (E213) instead of computed: the polynomials grow
 * fast — a 12-factor Kronecker chain of (a+b+c+d+e+f)-sized matrices has thousands of terms and took minutes, and
 * t³³³³³ copied a growing list of factors 33,333 times. (m·n·p·q·r·s)⁸, degree 48, is still a size.
 */
export const DIM_LIMITS = { terms: 64, degree: 64 } as const;

function degree(a: Dim): number {
  let d = 0;
  for (const t of a.values()) d = Math.max(d, t.factors.length);
  return d;
}

/** Within DIM_LIMITS, with every coefficient finite (2¹⁰²⁴ is Infinity, and Infinity − Infinity is no size). */
export function withinLimits(a: Dim): boolean {
  if (a.size > DIM_LIMITS.terms || degree(a) > DIM_LIMITS.degree) return false;
  for (const t of a.values()) if (!Number.isFinite(t.coef)) return false;
  return true;
}

/** a·b, or undefined when an operand or the result is beyond DIM_LIMITS (then the work stays small: ≤ 64×64 terms). */
export function boundedMul(a: Dim, b: Dim): Dim | undefined {
  if (!withinLimits(a) || !withinLimits(b) || degree(a) + degree(b) > DIM_LIMITS.degree) return undefined;
  const out = mul(a, b);
  return withinLimits(out) ? out : undefined;
}

/** aᵏ, or undefined when it is beyond DIM_LIMITS (found after at most a few dozen products). */
export function boundedPow(a: Dim, k: number): Dim | undefined {
  let out: Dim | undefined = ONE;
  for (let i = 0; i < k && out; i++) out = boundedMul(out, a);
  return out;
}

/** a / b when the division is exact: b a single term (a monomial), or b equal to a. */
export function divide(a: Dim, b: Dim): Dim | undefined {
  if (equal(a, b)) return ONE;
  if (b.size !== 1) return undefined;
  const d = [...b.values()][0]!;
  const out = new Map<string, Term>();
  for (const t of a.values()) {
    if (t.coef % d.coef !== 0) return undefined;
    const rest = [...t.factors];
    for (const f of d.factors) {
      const i = rest.indexOf(f);
      if (i < 0) return undefined;
      rest.splice(i, 1);
    }
    addTerm(out, { coef: t.coef / d.coef, factors: rest });
  }
  return out;
}

export function equal(a: Dim, b: Dim): boolean {
  if (a.size !== b.size) return false;
  for (const [key, t] of a) if (b.get(key)?.coef !== t.coef) return false;
  return true;
}

/** The value of a dimension without symbols, or undefined. */
export function constantValue(a: Dim): number | undefined {
  if (a.size === 0) return 0;
  if (a.size !== 1) return undefined;
  const t = a.get('');
  return t?.coef;
}

export function isOne(a: Dim): boolean {
  return constantValue(a) === 1;
}

/** The symbol when the dimension is exactly one symbol (coefficient 1), else undefined. */
export function soleSymbol(a: Dim): string | undefined {
  if (a.size !== 1) return undefined;
  const t = [...a.values()][0]!;
  return t.coef === 1 && t.factors.length === 1 ? t.factors[0] : undefined;
}

export function symbolsOf(a: Dim): Set<string> {
  const out = new Set<string>();
  for (const t of a.values()) for (const f of t.factors) out.add(f);
  return out;
}

export function hasVariables(a: Dim): boolean {
  return someFactor(a, isVariable);
}

/**
 * Replaces symbols by the dimensions they are bound to, in one pass: bindings made with bindResolved need no more.
 */
export function substitute(a: Dim, lookup: (symbol: string) => Dim | undefined): Dim {
  // Most dimensions have nothing bound: they are answered as they are, without building the polynomial again.
  if (!someFactor(a, (f) => lookup(f) !== undefined)) return a;
  let changed = false;
  let out: Dim = new Map();
  for (const t of a.values()) {
    let term: Dim = constant(t.coef);
    for (const f of t.factors) {
      const bound = lookup(f);
      if (bound) changed = true;
      term = mul(term, bound ?? symbol(f));
    }
    out = add(out, term);
  }
  return changed ? out : a;
}

/**
 * Binds `symbol` to `value` and puts the value into the bindings made before (`a → b`, then `b → n`: `a → n`), so
 * that one substitution by the bindings resolves any dimension.
 */
export function bindResolved(bindings: Map<string, Dim>, symbol: string, value: Dim): void {
  for (const [k, w] of bindings) bindings.set(k, substitute(w, (u) => (u === symbol ? value : undefined)));
  bindings.set(symbol, value);
}

function someFactor(a: Dim, p: (symbol: string) => boolean): boolean {
  for (const t of a.values()) for (const f of t.factors) if (p(f)) return true;
  return false;
}

/** Evaluates with concrete sizes (for the numeric check). */
export function evaluate(a: Dim, sizes: ReadonlyMap<string, number>): number {
  let v = 0;
  for (const t of a.values()) {
    let p = t.coef;
    for (const f of t.factors) {
      const s = sizes.get(f);
      if (s === undefined) throw new Error(`no size for ${f}`);
      p *= s;
    }
    v += p;
  }
  return v;
}

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const superscript = (n: number): string => [...String(n)].map((d) => SUPERSCRIPT[Number(d)]).join('');

function termToString(t: Term, ascii: boolean): string {
  const parts: string[] = [];
  const seen: string[] = [];
  for (const f of t.factors) if (!seen.includes(f)) seen.push(f);
  for (const f of seen) {
    const k = t.factors.filter((x) => x === f).length;
    const name = isVariable(f) ? '?' : f;
    parts.push(k === 1 ? name : ascii ? `${name}^${k}` : `${name}${superscript(k)}`);
  }
  const body = parts.join(ascii ? '*' : '·');
  const c = Math.abs(t.coef);
  if (!body) return String(c);
  if (c === 1) return body;
  return ascii ? `${c}*${body}` : `${c}${body}`;
}

/** `p·m`, `2n`, `m + n`; ascii gives `p*m`, `2*n`. */
export function dimToString(a: Dim, ascii = false): string {
  if (a.size === 0) return '0';
  let s = '';
  for (const t of a.values()) {
    const body = termToString(t, ascii);
    if (!s) s = t.coef < 0 ? `-${body}` : body;
    else s += t.coef < 0 ? ` - ${body}` : ` + ${body}`;
  }
  return s;
}

/** A dimension as it appears inside a shape: parenthesised unless it is a single number or symbol. */
export function dimToShapeString(a: Dim, ascii = false): string {
  const s = dimToString(a, ascii);
  return /^[\p{L}\p{N}_?]+$/u.test(s) ? s : `(${s})`;
}
