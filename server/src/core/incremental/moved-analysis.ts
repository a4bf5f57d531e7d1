// The analysis of a note after edits that changed none of its mcalc and math, only moved them (typing in the prose):
// the previous analysis with every offset moved. The diagnostics are moved at once — they are what the editor waits
// for after each keystroke; the rest (statements, shapes, symbols, …) is moved the first time something reads it.
import { nodeShapeMap, type Analysis, type SizeSymbol } from '../analysis';
import type { ProseBlock, Region, LineStarts } from '../documents/markdown';
import { mathQuoter, type MathFormula } from '../documents/math';
import type { SymbolInfo } from '../shapes/infer';
import type { Expr, Statement } from '../syntax/ast';
import { placeOf, type Span } from '../syntax/span';
import { lazyAnalysis, type LazyPart } from './lazy-analysis';
import type { TextLike } from './piece-text';
import type { Moves } from './moves';
import { mapDiagnostic, moveStatement, shiftToken } from './shift';
import { lineAt } from './text-change';

/** The text now, with its scan: the regions and prose blocks the moved analysis refers to. */
export interface Now {
  readonly text: TextLike;
  readonly lineStarts: LineStarts;
  readonly regions: readonly Region[];
  readonly prose: readonly ProseBlock[];
}

export function movedAnalysis(base: Analysis, moves: Moves, now: Now): Analysis {
  const span = (s: Span): Span => {
    const start = moves.offset(s.start);
    const end = moves.offset(s.end);
    return start === s.start && end === s.end ? s : { start, end };
  };
  const eager = {
    text: now.text, languageId: base.languageId, lineStarts: now.lineStarts, regions: now.regions,
    diagnostics: base.diagnostics.map((d) => mapDiagnostic(d, span)),
  };
  return lazyAnalysis(eager, () => materialize(base, span, now), base.quote !== undefined);
}

function materialize(base: Analysis, span: (s: Span) => Span, now: Now): LazyPart {
  const nodes = new Map<Expr, Expr>();
  const copies = new Map<Statement, Statement>();
  const statements = base.statements.map((s) => {
    const c = moveStatement(s, span, nodes);
    copies.set(s, c);
    return c;
  });
  const copy = (s: Statement): Statement => copies.get(s) ?? moveStatement(s, span, nodes);
  const node = (e: Expr): Expr => nodes.get(e) ?? e;
  const blockAt = (offset: number): ProseBlock => {
    const line = lineAt(now.lineStarts, offset);
    let lo = 0;
    let hi = now.prose.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (now.prose[mid]!.firstLine <= line) lo = mid;
      else hi = mid - 1;
    }
    return now.prose[lo]!;
  };
  const math: MathFormula[] = base.math.map((f) => {
    const s = span(f.span);
    const d = s.start - f.span.start;
    return {
      span: s, content: span(f.content), display: f.display, block: blockAt(s.start),
      statements: f.statements.map(copy), tokens: d === 0 ? f.tokens : f.tokens.map((t) => shiftToken(t, d)),
    };
  });
  const shapes = nodeShapeMap();
  for (const [e, sh] of base.shapes) shapes.set(node(e), sh);
  const symbols = new Map<string, SymbolInfo>();
  for (const [k, s] of base.symbols) {
    symbols.set(k, {
      // The statement's place, not the statement: in a fresh analysis it is the statement node itself, which the moved
      // analysis must not keep (it has its own copy), or a chain of moves would hold on to the first tree.
      ...s, nameSpan: span(s.nameSpan), statementSpan: placeOf(span(s.statementSpan)), ...(s.value ? { value: node(s.value) } : {}),
    });
  }
  const sizes = new Map<string, SizeSymbol>();
  for (const [k, z] of base.sizes) sizes.set(k, { ...z, uses: z.uses.map(span) });
  const references = new Map<string, Span[]>();
  for (const [k, list] of base.references) references.set(k, list.map(span));
  return {
    statements, math, mathStatements: new Set([...base.mathStatements].map(copy)), symbols, sizes,
    sizeFacts: new Set([...base.sizeFacts].map(copy)), shapes, references, ...(base.quote ? { quote: mathQuoter(math) } : {}),
  };
}
