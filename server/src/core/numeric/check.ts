// The numeric check of a gradient: central finite differences with Richardson extrapolation at random points,
// and the W401/I402 diagnostics for the author's claims (∂f/∂X = …).
import type { Analysis } from '../analysis';
import { diagnostic, type Diagnostic } from '../diagnostics';
import * as D from '../shapes/dim';
import { isScalar, sameShape, type Shape } from '../shapes/shape';
import { children, type Expr, type Statement } from '../syntax/ast';
import type { Span } from '../syntax/span';
import { formatRelError } from './check-text';
import { Evaluator, type EvalEnv, type EvalError } from './evaluate';
import * as M from './matrix';
import { involvedPart } from './involved';
import { chooseSizes, emptyShape, nextSizes, Random, randomPoint } from './random';

/** What the check needs from an analysis (all of `Analysis` will do). */
export type CheckContext = Pick<Analysis, 'text' | 'statements' | 'symbols' | 'sizes' | 'shapes' | 'diagnostics' | 'quote'>;

export interface CheckOptions {
  /** Everything random (sizes, points, directions) follows from the seed. Default 1. */
  readonly seed?: number;
  /** Relative tolerance, against the norm of the gradient. Default 1e-6. */
  readonly tolerance?: number;
  /** Absolute floor, for gradients that are (nearly) zero. Default 1e-8. */
  readonly absoluteTolerance?: number;
  /** Concrete sizes instead of chooseSizes(…, seed). */
  readonly sizes?: ReadonlyMap<string, number>;
  /** Shapes of nodes not in the analysis (trees built by the calculus), for bare identities. */
  readonly shapeOf?: (e: Expr) => Shape | undefined;
  /** Up to this many entries, every entry is perturbed; beyond, random directions are. Default 36. */
  readonly maxEntrywise?: number;
  /** How many random directions. Default 8. */
  readonly directions?: number;
  /**
   * Perturb only along symmetric directions (V = Vᵀ): checks a gradient within symmetric matrices, such as
   * sym(G) = (G + Gᵀ)/2, which agrees with f only along those directions.
   */
  readonly symmetric?: boolean;
}

export interface CheckOutcome {
  readonly kind: 'checked';
  readonly passed: boolean;
  /** ‖claimed − numeric‖ / max(‖claimed‖, ‖numeric‖), over the entries or directions compared. */
  readonly relError: number;
  readonly sizes: Record<string, number>;
  /** A claim that passed at `sizes` and again at these (checkClaim). */
  readonly alsoAt?: Record<string, number>;
  /** A claim on a symmetric variable that failed, but agrees along symmetric directions (checkClaim). */
  readonly withinSymmetric?: boolean;
  readonly seed: number;
  /** Evaluations of f and of the claimed gradient. */
  readonly evaluations: number;
  readonly mode: 'entries' | 'directions';
  /**
   * What was compared at the deciding point: per entry of the variable (mode 'entries', row-major, rows×cols)
   * or per random direction (⟨G, V⟩ against the directional difference). For pictures, not for the verdict.
   */
  readonly compared: ComparedValues;
}

export interface ComparedValues {
  readonly rows: number;
  readonly cols: number;
  readonly symbolic: readonly number[];
  readonly numeric: readonly number[];
}

/** The check could not be made: domain trouble at every point tried, unsettled differences, or an unusable tree. */
export interface CheckUnavailable {
  readonly kind: 'domain' | 'unstable' | 'invalid' | 'budget';
  readonly message: string;
  /** The first point where the trouble showed (declared symbol → rows). */
  readonly point?: Record<string, number[][]>;
  readonly sizes: Record<string, number>;
  readonly seed: number;
  readonly evaluations: number;
}

export type CheckResult = CheckOutcome | CheckUnavailable;

/**
 * Relative steps of the coarse difference (the fine one is half of it; Richardson makes the error O(h⁴)).
 * A smaller step is tried only when the differences have not settled, e.g. near a singular matrix.
 */
const STEPS: readonly number[] = [1e-4, 1e-5, 1e-6];
/** Differences that disagree with their own refinement by more than this (relative) do not decide anything. */
const STABLE = 1e-4;
/** Plain random points first, then tame ones (see PointOptions.tame). */
const ATTEMPTS: readonly boolean[] = [false, false, false, true, true, true];
/**
 * A verdict of failure needs this many points that disagree: a right answer is never flagged by one bad point.
 * The result reports the first of them.
 */
const FAILS_NEEDED = 2;
/** Inverses worse conditioned than this are a domain edge for the check: another point is tried. */
const MAX_CONDITION = 1e8;
/** The largest matrix the check builds (declared values and every intermediate): a budget, not a limit of the method. */
const MAX_ENTRIES = 1e6;

type Judgement =
  | {
    readonly kind: 'judged'; readonly passed: boolean; readonly relError: number; readonly mode: CheckOutcome['mode'];
    readonly compared: ComparedValues;
  }
  | { readonly kind: 'trouble'; readonly error: EvalError }
  | { readonly kind: 'unstable' }
  | { readonly kind: 'stop'; readonly reason: 'invalid' | 'budget'; readonly message: string };

const invalid = (message: string): Judgement => ({ kind: 'stop', reason: 'invalid', message });

/** Domain trouble moves on to another point; anything else stops the check. */
function stop(error: EvalError): Judgement {
  return error.kind === 'domain' ? { kind: 'trouble', error } : { kind: 'stop', reason: error.kind, message: error.message };
}

/** Checks that `gradient` is ∂of/∂wrt, where `of` is a scalar (defined or declared) and `wrt` a declared symbol. */
export function checkGradient(ctx: CheckContext, of: string, wrt: string, gradient: Expr, options: CheckOptions = {}): CheckResult {
  const seed = options.seed ?? 1;
  const sizes = options.sizes ?? chooseSizes(ctx, seed);
  const definitions = new Map<string, Expr>();
  for (const s of ctx.symbols.values()) if (s.kind === 'defined' && s.value) definitions.set(s.name, s.value);
  const env = (values: ReadonlyMap<string, M.Matrix>): EvalEnv => ({
    sizes, values, definitions, maxCondition: MAX_CONDITION, maxEntries: MAX_ENTRIES,
    shapeOf: (e) => options.shapeOf?.(e) ?? ctx.shapes.get(e),
    describe: (e) => ctx.quote?.(e) ?? sourceOf(ctx.text, e),
  });
  const varying = dependents(definitions, wrt);
  const rng = new Random(seed);
  let evaluations = 0;
  const base = { sizes: Object.fromEntries(sizes), seed };

  const empty = emptyShape(ctx.symbols, sizes);
  if (empty) {
    const at = Object.entries(base.sizes).map(([k, v]) => `${k} = ${v}`).join(', ');
    return { kind: 'domain', message: `no sizes tried give every declared shape a positive size (${empty.name} would be ${empty.rows}×${empty.cols} at ${at})`, ...base, evaluations };
  }
  const tooLarge = largestDeclared(ctx, sizes);
  if (tooLarge && tooLarge.entries > MAX_ENTRIES) {
    return { kind: 'budget', message: `the sizes are too large for a numeric check (${tooLarge.name} would have ${tooLarge.entries} entries)`, ...base, evaluations };
  }

  const judge = (point: ReadonlyMap<string, M.Matrix>, confirming: boolean): Judgement => {
    const x0 = point.get(wrt);
    if (!x0) return invalid(`${wrt} is not a declared symbol with a known shape`);
    const at0 = new Evaluator(env(point));
    evaluations += 2;
    const ofName: Expr = { kind: 'name', name: of, start: 0, end: 0 };
    // Every point below differs from this one in the values only: the definitions to evaluate are the same.
    const order = at0.definitionOrder(ofName);
    const f0 = at0.evaluate(ofName, order);
    if (!f0.ok) return stop(f0.error);
    if (!M.isScalarMatrix(f0.value)) return invalid(`${of} is ${f0.value.rows}×${f0.value.cols}, not a scalar`);
    const g = at0.evaluate(gradient);
    if (!g.ok) return stop(g.error);
    let G = g.value;
    if (!M.sameSize(G, x0)) {
      if (M.isScalarMatrix(G) && G.data[0] === 0) G = M.matrix(x0.rows, x0.cols);
      else return invalid(`the gradient is ${G.rows}×${G.cols} but ${wrt} is ${x0.rows}×${x0.cols}`);
    }
    // Definitions that do not depend on the variable are the same at every perturbed point.
    const known = new Map([...at0.computed].filter(([name]) => !varying.has(name)));
    let fMax = Math.abs(f0.value.data[0]!);
    // One map of values for every evaluation: each sets the variable's value in it, and nothing keeps it after.
    const values = new Map(point);
    const envAt = env(values);
    // f planned once for this point: each evaluation below computes only what depends on the variable.
    const plan = new Evaluator(envAt, known).plan(ofName, order, wrt, varying);
    const fAt = (x: M.Matrix): number | EvalError => {
      values.set(wrt, x);
      evaluations++;
      const r = plan ? plan.run() : new Evaluator(envAt, known).evaluate(ofName, order);
      if (!r.ok) return r.error;
      const v = r.value.data[0]!;
      fMax = Math.max(fMax, Math.abs(v));
      return v;
    };
    const n = x0.data.length;
    const directions = options.directions ?? 8;
    // A failure is confirmed at a second point along random directions when that is cheaper than every entry.
    const entrywise = !options.symmetric && n <= (options.maxEntrywise ?? 36) && !(confirming && n > directions);
    const count = entrywise ? n : directions;
    // Directions scaled to the entries they move: e_k·max(1, |x_k|), or Gaussian entries times max(1, |x|).
    const dirs: M.Matrix[] = [];
    const claimed = new Float64Array(count);
    for (let k = 0; k < count; k++) {
      const raw = entrywise ? M.matrix(x0.rows, x0.cols) : M.map(x0, (x) => rng.normal() * Math.max(1, Math.abs(x)));
      const v = options.symmetric ? M.scale(M.add(raw, M.transpose(raw)), 0.5) : raw;
      if (entrywise) v.data[k] = Math.max(1, Math.abs(x0.data[k]!));
      dirs.push(v);
      claimed[k] = M.frobenius(G, v);
    }
    // Compare in units of x, not of the scaled directions: the error is relative to the gradient's norm.
    const unscale = (a: Float64Array): Float64Array => (entrywise ? a.map((x, k) => x / dirs[k]!.data[k]!) : a);
    const want = unscale(claimed);
    const absTol = options.absoluteTolerance ?? 1e-8;
    let best: { got: Float64Array; uncertainty: number } | undefined;
    for (const h of STEPS) {
      const d = differences(fAt, x0, dirs, h);
      if (!(d instanceof Differences)) return stop(d);
      const got = unscale(d.numeric);
      // What the differences cannot resolve: truncation (the fine difference's distance from the extrapolation
      // bounds the error of both: it is O(h²), theirs O(h⁴)) and rounding (ε·|f|/h per entry).
      const uncertainty = dist(got, unscale(d.fine)) + 100 * Number.EPSILON * fMax / (h / 2) * Math.sqrt(count);
      if (!best || uncertainty < best.uncertainty) best = { got, uncertainty };
      if (best.uncertainty <= STABLE * Math.max(norm(want), norm(got), absTol)) break;
    }
    const { got, uncertainty } = best!;
    const err = dist(want, got);
    const scale = Math.max(norm(want), norm(got));
    if (uncertainty > STABLE * scale && scale > absTol) return { kind: 'unstable' };
    const tol = options.tolerance ?? 1e-6;
    const passed = err <= tol * scale + absTol + uncertainty;
    const compared: ComparedValues = entrywise
      ? { rows: x0.rows, cols: x0.cols, symbolic: [...want], numeric: [...got] }
      : { rows: 1, cols: count, symbolic: [...want], numeric: [...got] };
    return { kind: 'judged', passed, relError: err / Math.max(scale, absTol), mode: entrywise ? 'entries' : 'directions', compared };
  };

  let trouble: { error: EvalError; point: ReadonlyMap<string, M.Matrix> } | undefined;
  let unstable = false;
  const fails: Extract<Judgement, { kind: 'judged' }>[] = [];
  for (const tame of ATTEMPTS) {
    const point = randomPoint(ctx, sizes, rng, { tame });
    const j = judge(point, fails.length > 0);
    if (j.kind === 'stop') return { kind: j.reason, message: j.message, ...base, evaluations };
    if (j.kind === 'trouble') trouble ??= { error: j.error, point };
    else if (j.kind === 'unstable') unstable = true;
    else if (j.passed) return { kind: 'checked', passed: true, relError: j.relError, mode: j.mode, compared: j.compared, ...base, evaluations };
    else if (fails.push(j) >= FAILS_NEEDED) break;
  }
  if (fails.length > 0) {
    const first = fails[0]!;
    return { kind: 'checked', passed: false, relError: first.relError, mode: first.mode, compared: first.compared, ...base, evaluations };
  }
  if (trouble) {
    const point = Object.fromEntries([...trouble.point].map(([k, v]) => [k, M.toRows(v)]));
    return { kind: 'domain', message: trouble.error.message, point, ...base, evaluations };
  }
  const why = unstable ? 'the finite differences do not settle at the random points tried (the function varies too fast there)' : 'no point could be tried';
  return { kind: 'unstable', message: why, ...base, evaluations };
}

/** Central differences of f along each direction at steps h and h/2, and their Richardson extrapolation. */
class Differences {
  constructor(readonly numeric: Float64Array, readonly fine: Float64Array) {}
}

function differences(fAt: (x: M.Matrix) => number | EvalError, x0: M.Matrix, dirs: readonly M.Matrix[], h: number): Differences | EvalError {
  const numeric = new Float64Array(dirs.length);
  const fine = new Float64Array(dirs.length);
  // One matrix for every point moved to: f is done with it when fAt returns.
  const x = M.matrix(x0.rows, x0.cols);
  const n = x0.data.length;
  for (let k = 0; k < dirs.length; k++) {
    const d: number[] = [];
    const v = dirs[k]!.data;
    for (const step of [h, h / 2]) {
      for (let i = 0; i < n; i++) x.data[i] = x0.data[i]! + step * v[i]!;
      const plus = fAt(x);
      if (typeof plus !== 'number') return plus;
      for (let i = 0; i < n; i++) x.data[i] = x0.data[i]! - step * v[i]!;
      const minus = fAt(x);
      if (typeof minus !== 'number') return minus;
      d.push((plus - minus) / (2 * step));
    }
    fine[k] = d[1]!;
    numeric[k] = (4 * d[1]! - d[0]!) / 3;
  }
  return new Differences(numeric, fine);
}

/** The declared symbol with the most entries at these sizes. */
function largestDeclared(ctx: CheckContext, sizes: ReadonlyMap<string, number>): { name: string; entries: number } | undefined {
  let best: { name: string; entries: number } | undefined;
  for (const s of ctx.symbols.values()) {
    if (s.kind !== 'declared' || !s.shape) continue;
    let entries: number;
    try {
      entries = D.evaluate(s.shape.rows, sizes) * D.evaluate(s.shape.cols, sizes);
    } catch {
      continue;
    }
    if (!best || entries > best.entries) best = { name: s.name, entries };
  }
  return best;
}

/** The defined names whose value depends on `wrt`, directly or through other definitions. */
function dependents(definitions: ReadonlyMap<string, Expr>, wrt: string): Set<string> {
  const memo = new Map<string, boolean>();
  const exprDepends = (e: Expr): boolean => (e.kind === 'name' ? e.name === wrt || nameDepends(e.name) : children(e).some(exprDepends));
  const nameDepends = (name: string): boolean => {
    const known = memo.get(name);
    if (known !== undefined) return known;
    memo.set(name, false); // a cycle is an error reported elsewhere
    const def = definitions.get(name);
    const v = def ? exprDepends(def) : false;
    memo.set(name, v);
    return v;
  };
  return new Set([...definitions.keys()].filter(nameDepends));
}

function norm(a: Float64Array): number {
  let s = 0;
  for (const x of a) s += x * x;
  return Math.sqrt(s);
}

function dist(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += (a[k]! - b[k]!) ** 2;
  return Math.sqrt(s);
}

/** The source text of a node, whitespace collapsed, shortened when long; '' for built nodes. */
function sourceOf(text: string, e: Expr): string {
  const t = text.slice(e.start, e.end).replace(/\s+/g, ' ').trim();
  return t.length > 40 ? `${t.slice(0, 18)}…${t.slice(-18)}` : t;
}

// ---------------------------------------------------------------------------------------------------------------
// Claims: ∂f/∂X = EXPR in the document.

export interface ClaimCheckOptions {
  readonly seed?: number;
  readonly tolerance?: number;
  /**
   * 'symmetric': a claim on a symmetric variable is the gradient within symmetric matrices, checked along symmetric
   * directions (the convention of setting mcalc.gradient.symmetric). Default 'unconstrained'.
   */
  readonly symmetric?: 'unconstrained' | 'symmetric';
}

type Claim = Extract<Statement, { kind: 'claim' }>;

/** W401 for every claim the numbers contradict, I402 for every claim that could not be checked. */
export function checkClaims(ctx: CheckContext, options: ClaimCheckOptions = {}): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const s of ctx.statements) {
    if (s.kind !== 'claim' || !checkable(ctx, s)) continue;
    const r = checkClaim(ctx, s, options);
    if (r.kind === 'checked' && r.passed) continue;
    const text = ctx.quote?.(s.value) ?? ctx.text.slice(s.value.start, s.value.end).replace(/\s+/g, ' ').trim();
    const claim = `∂${s.of.name}/∂${s.wrt.name} = ${text}`;
    const where = sizesText(ctx, s, r.sizes);
    if (r.kind === 'checked') {
      const symmetric = r.withinSymmetric
        ? `. It agrees along symmetric directions: it is a gradient within symmetric matrices, but a claim is checked as the unconstrained gradient, ${s.wrt.name}'s entries taken as independent`
        : options.symmetric === 'symmetric' && symmetricVariable(ctx, s.wrt.name) ? ', checked within symmetric matrices' : '';
      out.push(diagnostic('W401', s,
        `${claim} disagrees with the numbers: relative error ${formatRelError(r.relError)}${where ? ` at sizes ${where}` : ''} (seed ${r.seed})${symmetric}`));
    } else {
      const when = r.kind === 'domain' ? ' at every random point tried' : '';
      out.push(diagnostic('I402', s,
        `${claim} could not be checked numerically: ${r.message}${when}${where ? ` (sizes ${where}, seed ${r.seed})` : ` (seed ${r.seed})`}`));
    }
  }
  return out;
}

/**
 * One claim's check: at the seed's sizes and, when it passes there, once more with every free size one larger
 * (nextSizes). A claim can be an identity of one size only (∂det(X)/∂X = tr(X) I − Xᵀ is Cayley–Hamilton at n = 2):
 * it passes only when it holds at both. A failure at the second sizes is reported with those sizes; trouble there (a
 * domain edge) leaves the first verdict.
 */
export function checkClaim(ctx: CheckContext, s: Claim, options: ClaimCheckOptions = {}): CheckResult {
  // A verdict is all a claim needs, not each entry's value to draw: beyond CLAIM_DIRECTIONS entries, random
  // directions tell a wrong claim from a right one as surely as every entry does, with fewer evaluations.
  const withinSymmetric = options.symmetric === 'symmetric' && symmetricVariable(ctx, s.wrt.name);
  const base = {
    seed: options.seed ?? 1, maxEntrywise: CLAIM_DIRECTIONS, directions: CLAIM_DIRECTIONS,
    ...(options.tolerance !== undefined ? { tolerance: options.tolerance } : {}),
    ...(withinSymmetric ? { symmetric: true } : {}),
  };
  const first = checkGradient(ctx, s.of.name, s.wrt.name, s.value, base);
  if (first.kind === 'checked' && !first.passed && !withinSymmetric && symmetricVariable(ctx, s.wrt.name)) {
    // (A + Aᵀ)/2 for ∂tr(A X)/∂X with X symmetric is right within symmetric matrices: say so beside the W401.
    const along = checkGradient(ctx, s.of.name, s.wrt.name, s.value, { ...base, symmetric: true });
    if (along.kind === 'checked' && along.passed) return { ...first, withinSymmetric: true };
  }
  if (first.kind !== 'checked' || !first.passed) return first;
  const next = nextSizes(ctx, new Map(Object.entries(first.sizes)), base.seed);
  if (!next) return first;
  // A confirmation of what passed: a claim wrong at these sizes is wrong along almost every direction, so a few do.
  const second = checkGradient(ctx, s.of.name, s.wrt.name, s.value, { ...base, sizes: next, maxEntrywise: 0, directions: CONFIRM_DIRECTIONS });
  if (second.kind === 'checked' && !second.passed) return second;
  return second.kind === 'checked' ? { ...first, alsoAt: second.sizes } : first;
}

/**
 * How many random directions a claim is compared along (entry by entry when it has no more entries), and how many
 * confirm it at the second sizes. A wrong claim G differs from the gradient by some E ≠ 0, and ⟨E, V⟩ = 0 for a
 * random V has probability 0: one direction decides, the others guard against a direction nearly orthogonal to E.
 * A claim costs 2 + 4·4 evaluations at the first sizes and 2 + 4·3 at the second (entry by entry: 2 + 4·entries).
 */
const CLAIM_DIRECTIONS = 4;
const CONFIRM_DIRECTIONS = 3;

/** Whether a declared variable is symmetric (or spd): it has two gradients, unconstrained and within symmetric matrices. */
export function symmetricVariable(ctx: Pick<CheckContext, 'symbols'>, name: string): boolean {
  const props = ctx.symbols.get(name)?.properties ?? [];
  return props.includes('symmetric') || props.includes('spd');
}

/** A claim is checked only when it is well-typed and error-free: errors are reported already. */
export function checkable(ctx: CheckContext, s: Claim): boolean {
  const overlaps = (a: { start: number; end: number }): boolean => a.start < s.end && s.start < a.end;
  if (ctx.diagnostics.some((d) => d.severity === 'error' && overlaps(d.span))) return false;
  const f = ctx.symbols.get(s.of.name);
  const x = ctx.symbols.get(s.wrt.name);
  const g = ctx.shapes.get(s.value);
  if (!f?.shape || !isScalar(f.shape) || x?.kind !== 'declared' || !x.shape || !g) return false;
  return sameShape(g, x.shape) || (s.value.kind === 'number' && s.value.value === 0);
}

/** "m = 3, n = 2": the sizes written in the statements the claim involves (fixed ones too), in order of first use. */
function sizesText(ctx: CheckContext, s: Claim, sizes: Record<string, number>): string {
  const involved = involvedPart(ctx, [s.of.name, s.wrt.name], [s.value], s).symbols.values();
  const spans: Span[] = [s, ...[...involved].map((sym) => sym.statementSpan)];
  const within = (u: Span): boolean => spans.some((x) => x.start <= u.start && u.end <= x.end);
  return [...ctx.sizes.values()]
    .filter((z) => sizes[z.name] !== undefined && z.uses.some(within))
    .map((z) => `${z.name} = ${sizes[z.name]}`).join(', ');
}

