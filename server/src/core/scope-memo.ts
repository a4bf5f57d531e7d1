// Shape inference, remembered per statement and replayed when the statement comes again unchanged (after an edit
// elsewhere). A record keeps what the inference read from the scope (the symbols it looked up) and what it did (uses,
// shapes, diagnostics). It is replayed only when every lookup gives the same answer now — same kind, same shape, its
// statement at the same place once the edit's shift is applied — and the size symbols and size facts are the same,
// so the replay is exactly what running the inference again would do.
import { append } from './arrays';
import type { Diagnostic } from './diagnostics';
import * as D from './shapes/dim';
import type { ExprInference, InferEnv, SymbolInfo } from './shapes/infer';
import type { Shape } from './shapes/shape';
import { someChild, type Expr } from './syntax/ast';
import type { Span } from './syntax/span';
import type { TextLike } from './incremental/piece-text';

/** What an inference runs over: a definition's or claim's value (a declaration's shape is read afresh each time). */
export type InferenceRoot = Expr;

interface Use {
  readonly size: boolean;
  readonly name: string;
  readonly span: Span;
}

export interface InferenceRecord {
  /** The node the record was made or last replayed for: when the statement comes again as the same node, its own spans
   * have not moved. */
  readonly root: InferenceRoot;
  readonly lookups: readonly (readonly [name: string, info: SymbolInfo | undefined])[];
  /** Whether each name asked about was a size symbol (a statement before may have made it one: `I_k`). */
  readonly sizeChecks: readonly (readonly [name: string, isSize: boolean])[];
  readonly uses: readonly Use[];
  /** The shape of each node of the root, in post-order (the order inference finds them), undefined where none. */
  readonly shapes: readonly (Shape | undefined)[];
  readonly diagnostics: readonly Diagnostic[];
  readonly result: Shape | undefined;
  /** A claim's variable shape, which its value must have. */
  readonly expected: Shape | undefined;
}

/** What the scope of the previous analysis leaves for the next one. */
export interface ScopeMemo {
  readonly records: ReadonlyMap<InferenceRoot, InferenceRecord>;
  readonly sizes: ReadonlySet<string>;
  readonly bound: ReadonlyMap<string, D.Dim>;
}

/** Where an offset of the previous analysis is now; undefined inside the edited range. */
export type Move = (offset: number) => number | undefined;

/** The same polynomial written the same way (terms and factors in the same order: messages print them). */
export function sameDim(a: D.Dim, b: D.Dim): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  const bs = b.entries();
  for (const [key, t] of a) {
    const [k2, u] = bs.next().value as [string, D.Term];
    if (key !== k2 || t.coef !== u.coef || t.factors.length !== u.factors.length) return false;
    for (let i = 0; i < t.factors.length; i++) if (t.factors[i] !== u.factors[i]) return false;
  }
  return true;
}

export function sameShape(a: Shape | undefined, b: Shape | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && sameDim(a.rows, b.rows) && sameDim(a.cols, b.cols));
}

/** Whether the size facts bind the same sizes to the same dimensions. */
export function sameBindings(a: ReadonlyMap<string, D.Dim>, b: ReadonlyMap<string, D.Dim>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) {
    const w = b.get(k);
    if (!w || !sameDim(v, w)) return false;
  }
  return true;
}

export function sameNames(a: ReadonlySet<string>, b: Iterable<string> & { readonly size: number }): boolean {
  if (a.size !== b.size) return false;
  for (const k of b) if (!a.has(k)) return false;
  return true;
}

/** An InferEnv that writes down what the inference reads and does. */
export class RecordingEnv implements InferEnv {
  readonly lookups: [string, SymbolInfo | undefined][] = [];
  readonly sizeChecks: [string, boolean][] = [];
  readonly uses: Use[] = [];

  constructor(private readonly env: InferEnv) {}

  get text(): TextLike {
    return this.env.text;
  }

  quote(e: Expr): string | undefined {
    return this.env.quote?.(e);
  }

  lookup(name: string): SymbolInfo | undefined {
    const s = this.env.lookup(name);
    this.lookups.push([name, s]);
    return s;
  }

  isSizeSymbol(name: string): boolean {
    const is = this.env.isSizeSymbol(name);
    this.sizeChecks.push([name, is]);
    return is;
  }

  normalize(d: D.Dim): D.Dim {
    return this.env.normalize(d);
  }

  useSize(name: string, span: Span): void {
    this.uses.push({ size: true, name, span });
    this.env.useSize(name, span);
  }

  useSymbol(name: string, span: Span): void {
    this.uses.push({ size: false, name, span });
    this.env.useSymbol(name, span);
  }
}

/**
 * The nodes of a root in post-order, as ExprInference types them (children() order, through someChild: no arrays per
 * node, as it runs for every statement, every edit).
 */
function postOrder(root: InferenceRoot): Expr[] {
  const out: Expr[] = [];
  nodesInto(root, out);
  return out;
}

function nodesInto(e: Expr, out: Expr[]): boolean {
  someChild(e, nodesInto, out);
  out.push(e);
  return false;
}

/** The shape of each node of a root in post-order (undefined where none), read off `shapes` without a list of nodes. */
function shapesInPostOrder(root: Expr, shapes: ReadonlyMap<Expr, Shape>): (Shape | undefined)[] {
  const into = { shapes, out: [] as (Shape | undefined)[] };
  shapesInto(root, into);
  return into.out;
}

function shapesInto(e: Expr, into: { readonly shapes: ReadonlyMap<Expr, Shape>; readonly out: (Shape | undefined)[] }): boolean {
  someChild(e, shapesInto, into);
  into.out.push(into.shapes.get(e));
  return false;
}

/** The record of an inference just run, or undefined if it typed a node outside its root (then it is never replayed). */
export function record(
  root: InferenceRoot, env: RecordingEnv, inference: ExprInference, result: Shape | undefined, expected: Shape | undefined,
): InferenceRecord | undefined {
  const shapes = shapesInPostOrder(root, inference.shapes);
  let typed = 0;
  for (let i = 0; i < shapes.length; i++) if (shapes[i]) typed++;
  if (typed !== inference.typed) return undefined;
  // The inference is done with: its diagnostics are kept as they are, not copied.
  return { root, lookups: env.lookups, sizeChecks: env.sizeChecks, uses: env.uses, shapes, diagnostics: inference.diagnostics, result, expected };
}

/** Where a replay writes: the scope's own uses, shapes and diagnostics. */
export interface ReplayTarget {
  lookup(name: string): SymbolInfo | undefined;
  isSizeSymbol(name: string): boolean;
  useSize(name: string, span: Span): void;
  useSymbol(name: string, span: Span): void;
  readonly shapes: Map<Expr, Shape>;
  readonly diagnostics: Diagnostic[];
}

function moveSpan(s: Span, move: Move): Span | undefined {
  const start = move(s.start);
  const end = move(s.end);
  if (start === undefined || end === undefined) return undefined;
  return start === s.start && end === s.end ? s : { start, end };
}

function sameSymbol(now: SymbolInfo | undefined, then: SymbolInfo | undefined, move: Move): boolean {
  if (now === undefined || then === undefined) return now === then;
  return now.kind === then.kind && sameShape(now.shape, then.shape)
    && now.statementSpan.start === move(then.statementSpan.start) && now.statementSpan.end === move(then.statementSpan.end);
}

function moveDiagnostic(d: Diagnostic, move: Move): Diagnostic | undefined {
  let ok = true;
  const m = (s: Span): Span => {
    const r = moveSpan(s, move);
    if (!r) ok = false;
    return r ?? s;
  };
  const span = m(d.span);
  const related = d.related?.map((r) => ({ span: m(r.span), message: r.message }));
  const fixes = d.fixes?.map((f) => ({ title: f.title, edits: f.edits.map((e) => ({ span: m(e.span), newText: e.newText })) }));
  if (!ok) return undefined;
  if (span === d.span && (!related || related.every((r, i) => r.span === d.related![i]!.span))
    && (!fixes || fixes.every((f, i) => f.edits.every((e, j) => e.span === d.fixes![i]!.edits[j]!.span)))) return d;
  return { code: d.code, severity: d.severity, message: d.message, span, ...(related ? { related } : {}), ...(fixes ? { fixes } : {}) };
}

/**
 * Replays a record onto `root` (the statement's node now: the same, or a copy moved by the edit) when the scope gives
 * every lookup the same answer; returns the record for the next analysis, or undefined (then nothing was done and the
 * inference must run).
 */
export function replay(
  rec: InferenceRecord, root: InferenceRoot, target: ReplayTarget, move: Move, expected: Shape | undefined,
): InferenceRecord | undefined {
  if (!sameShape(rec.expected, expected)) return undefined;
  const lookups: [string, SymbolInfo | undefined][] = [];
  for (const [name, then] of rec.lookups) {
    const now = target.lookup(name);
    if (!sameSymbol(now, then, move)) return undefined;
    lookups.push([name, now]);
  }
  for (const [name, is] of rec.sizeChecks) if (target.isSizeSymbol(name) !== is) return undefined;
  // The statement's own spans moved only if it is a moved copy.
  let uses = rec.uses;
  if (root !== rec.root) {
    const moved: Use[] = [];
    for (const u of rec.uses) {
      const span = moveSpan(u.span, move);
      if (!span) return undefined;
      moved.push(span === u.span ? u : { size: u.size, name: u.name, span });
    }
    uses = moved;
  }
  const diagnostics: Diagnostic[] = [];
  for (const d of rec.diagnostics) {
    const moved = moveDiagnostic(d, move);
    if (!moved) return undefined;
    diagnostics.push(moved);
  }
  for (const u of uses) {
    if (u.size) target.useSize(u.name, u.span);
    else target.useSymbol(u.name, u.span);
  }
  if (rec.shapes.length) {
    const nodes = postOrder(root);
    for (let i = 0; i < nodes.length; i++) {
      const s = rec.shapes[i];
      if (s) target.shapes.set(nodes[i]!, s);
    }
  }
  append(target.diagnostics, diagnostics);
  return { root, lookups, sizeChecks: rec.sizeChecks, uses, shapes: rec.shapes, diagnostics, result: rec.result, expected: rec.expected };
}
