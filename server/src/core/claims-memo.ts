// The numeric check of the author's claims (∂f/∂X = …), each against only what it involves, and remembered between
// analyses of a document: a claim whose check would read exactly what it read last time gets last time's verdict.
//
// A claim involves f, X, its value, every definition these reach, and the sizes of all of them (with the size facts
// those depend on). Its check sees only that part of the document: the random sizes and points are drawn for it
// alone, so a declaration elsewhere in a long note neither changes its verdict nor makes it slower (the check costs
// what the claim involves, not the size of the note). What the check reads goes into the key; the verdict is the
// diagnostic's code and message (its range is the claim's).
import type { Analysis } from './analysis';
import { diagnostic, type Diagnostic, type DiagnosticCode } from './diagnostics';
import { checkClaims, type CheckContext, type ClaimCheckOptions } from './numeric/check';
import { involvedPart } from './numeric/involved';
import * as D from './shapes/dim';
import { shapeToString, type Shape } from './shapes/shape';
import type { Statement } from './syntax/ast';

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

/** Everything a claim's check reads from the part of the document it involves. */
function claimKey(ctx: CheckContext, s: Claim, part: ReturnType<typeof involvedPart>): string {
  const overlaps = (a: { start: number; end: number }): boolean => a.start < s.end && s.start < a.end;
  const parts: string[] = [
    ctx.diagnostics.some((d) => d.severity === 'error' && overlaps(d.span)) ? 'error' : '',
    s.of.name, s.wrt.name, ctx.text.slice(s.start, s.end), ctx.quote?.(s.value) ?? '', shapeKey(ctx.shapes.get(s.value)),
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
  for (let i = 0; i < ctx.statements.length; i++) { // indexed: see Scope.run (analysis.ts)
    const s = ctx.statements[i]!;
    if (s.kind !== 'claim') continue;
    const part = involvedPart(ctx, [s.of.name, s.wrt.name], [s.value], s);
    const key = claimKey(ctx, s, part);
    let verdict = memo.has(key) ? memo.get(key) : previous?.get(key);
    if (verdict === undefined) {
      const d = checkClaims({ ...ctx, ...part, statements: [s] }, options)[0];
      verdict = d ? { code: d.code, message: d.message } : null;
    }
    memo.set(key, verdict);
    if (verdict) diagnostics.push(diagnostic(verdict.code, s, verdict.message));
  }
  return { diagnostics, memo };
}
