// The numeric check of the author's claims (∂f/∂X = …), each against only what it involves, and remembered between
// analyses of a document: a claim whose check would read exactly what it read last time gets last time's verdict.
//
// A claim involves f, X, its value, every definition these reach, and the sizes of all of them (with the size facts
// those depend on). Its check sees only that part of the document: the random sizes and points are drawn for it
// alone, so a declaration elsewhere in a long note neither changes its verdict nor makes it slower (the check costs
// what the claim involves, not the size of the note). What the check reads goes into the key; the verdict is the
// diagnostic's code and message (its range is the claim's).
import type { Analysis, SizeSymbol } from './analysis';
import { diagnostic, type Diagnostic, type DiagnosticCode } from './diagnostics';
import { checkClaims, type CheckContext, type ClaimCheckOptions } from './numeric/check';
import * as D from './shapes/dim';
import type { SymbolInfo } from './shapes/infer';
import { shapeToString, type Shape } from './shapes/shape';
import { children, type Expr, type ShapeSpec, type Statement } from './syntax/ast';
import type { Span } from './syntax/span';

/** A claim's verdict: its diagnostic's code and message, or null when it passed (or is not checked). */
export type ClaimVerdict = { readonly code: DiagnosticCode; readonly message: string } | null;

export type ClaimMemo = ReadonlyMap<string, ClaimVerdict>;

const shapeText = new WeakMap<Shape, string>();

function shapeKey(s: Shape | undefined): string {
  if (!s) return '-';
  let t = shapeText.get(s);
  if (t === undefined) {
    t = shapeToString(s);
    shapeText.set(s, t);
  }
  return t;
}

type Claim = Extract<Statement, { kind: 'claim' }>;

/** The statement that starts at an offset (statements are in document order). */
function statementAt(statements: readonly Statement[], start: number): Statement | undefined {
  let lo = 0;
  let hi = statements.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const at = statements[mid]!.span.start;
    if (at === start) return statements[mid];
    if (at < start) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}

/**
 * The part of the document a claim's check reads: its symbols, in document order, and their sizes, in the order of
 * their first use (the orders in which the check draws them). A size keeps only its uses written in the statements
 * involved (the message names those sizes): in a long note a size is used everywhere, and the check would go through
 * all of its uses for every claim.
 */
function involved(ctx: CheckContext & Pick<Analysis, 'statements'>, s: Claim): { symbols: Map<string, SymbolInfo>; sizes: Map<string, SizeSymbol> } {
  const symbols: SymbolInfo[] = [];
  const sizes: SizeSymbol[] = [];
  const symbolNames = new Set<string>();
  const written = new Map<string, Span[]>();
  const addSize = (name: string, at?: Span): void => {
    const z = ctx.sizes.get(name);
    if (!z) return;
    let uses = written.get(name);
    if (!uses) {
      written.set(name, (uses = []));
      sizes.push(z);
      if (z.value) for (const x of D.symbolsOf(z.value)) addSize(x);
    }
    if (at) uses.push(at);
  };
  const addShape = (sh: Shape | undefined): void => {
    if (!sh) return;
    for (const x of D.symbolsOf(sh.rows)) addSize(x);
    for (const x of D.symbolsOf(sh.cols)) addSize(x);
  };
  const visit = (e: Expr): void => {
    if (e.kind === 'name') {
      addSize(e.name, e.span);
      const sym = ctx.symbols.get(e.name);
      if (sym && !symbolNames.has(e.name)) {
        symbolNames.add(e.name);
        symbols.push(sym);
        addShape(sym.shape);
        // The sizes written in its declaration too: a fact (n = 7) makes the shape 7×7, but the message names n.
        const declared = statementAt(ctx.statements, sym.statementSpan.start);
        if (declared?.kind === 'declaration') namesIn(declared.shape, addSize);
        if (sym.value) visit(sym.value);
      }
    }
    addShape(ctx.shapes.get(e));
    for (const c of children(e)) visit(c);
  };
  for (const name of [s.of.name, s.wrt.name]) visit({ kind: 'name', name, span: s.span });
  visit(s.value);
  symbols.sort((a, b) => a.nameSpan.start - b.nameSpan.start);
  sizes.sort((a, b) => (a.uses[0]?.start ?? 0) - (b.uses[0]?.start ?? 0));
  return {
    symbols: new Map(symbols.map((x) => [x.name, x])),
    sizes: new Map(sizes.map((z) => [z.name, { name: z.name, uses: written.get(z.name)!, ...(z.value ? { value: z.value } : {}) }])),
  };
}

/** Every name written in a declaration's shape. */
function namesIn(spec: ShapeSpec, add: (name: string, at: Span) => void): void {
  const walk = (e: Expr): void => {
    if (e.kind === 'name') add(e.name, e.span);
    for (const c of children(e)) walk(c);
  };
  if (spec.kind === 'matrix') { walk(spec.rows); walk(spec.cols); }
  else if (spec.kind === 'vector') walk(spec.size);
}

/** Everything a claim's check reads from the part of the document it involves. */
function claimKey(ctx: CheckContext, s: Claim, part: ReturnType<typeof involved>): string {
  const overlaps = (a: { start: number; end: number }): boolean => a.start < s.span.end && s.span.start < a.end;
  const parts: string[] = [
    ctx.diagnostics.some((d) => d.severity === 'error' && overlaps(d.span)) ? 'error' : '',
    s.of.name, s.wrt.name, ctx.text.slice(s.span.start, s.span.end), ctx.quote?.(s.value) ?? '', shapeKey(ctx.shapes.get(s.value)),
  ];
  for (const z of part.sizes.values()) parts.push(`${z.name}=${z.value ? D.dimToString(z.value) : ''}${z.uses.length ? '' : ' unwritten'}`);
  for (const sym of part.symbols.values()) {
    parts.push(`${sym.name}|${sym.kind}|${shapeKey(sym.shape)}|${sym.properties.join(',')}|${ctx.text.slice(sym.statementSpan.start, sym.statementSpan.end)}`);
    if (sym.value) parts.push(ctx.quote?.(sym.value) ?? '');
  }
  return parts.join('\u0001');
}

/**
 * The claims' checks (W401, I402, as checkClaims gives them, each over the part of the document it involves), with the
 * verdicts of the previous analysis reused where a claim's key is unchanged; and the verdicts for the next analysis.
 */
export function checkClaimsRemembered(
  ctx: CheckContext & Pick<Analysis, 'statements'>, options: ClaimCheckOptions, previous: ClaimMemo | undefined,
): { diagnostics: Diagnostic[]; memo: Map<string, ClaimVerdict> } {
  const memo = new Map<string, ClaimVerdict>();
  const diagnostics: Diagnostic[] = [];
  for (const s of ctx.statements) {
    if (s.kind !== 'claim') continue;
    const part = involved(ctx, s);
    const key = claimKey(ctx, s, part);
    let verdict = memo.has(key) ? memo.get(key) : previous?.get(key);
    if (verdict === undefined) {
      const d = checkClaims({ ...ctx, ...part, statements: [s] }, options)[0];
      verdict = d ? { code: d.code, message: d.message } : null;
    }
    memo.set(key, verdict);
    if (verdict) diagnostics.push(diagnostic(verdict.code, s.span, verdict.message));
  }
  return { diagnostics, memo };
}
