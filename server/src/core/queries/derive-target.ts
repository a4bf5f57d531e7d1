// deriveTargetsAt: what "Derive ∂f/∂X" offers on a line — a scalar definition, a `grad` line or a claim — and where it writes.
import type { Analysis } from '../analysis';
import type { Statement } from '../syntax/ast';
import type { Span } from '../syntax/span';
import { context, lineOf, type QueryContext } from './context';
import { isScalarDefinition, variablesOf } from './variables';

/** What "Derive ∂f/∂X" offers at an offset: on a scalar definition, a `grad` line or a claim. */
export interface DeriveTarget {
  readonly of: string;
  /** A definition: the declared symbols f depends on, in declaration order; a grad line: as listed; a claim: its X. */
  readonly wrt: string[];
  readonly statementSpan: Span;
  /**
   * Where `∂f/∂X = …` is inserted: the start of the line after the statement — in Markdown still inside the
   * block (the line after the block's last statement is its closing fence). At the end of a text without a
   * final line break it is text.length, and `needsNewline` is true.
   */
  readonly insertOffset: number;
  /** The inserted text must begin with a line break (insertOffset is the end of a last line). */
  readonly needsNewline: boolean;
  /** The statement line's leading white space and Markdown container prefix (`> `), to start the inserted lines with. */
  readonly indent: string;
}

/** The target of the statement on the offset's line(s), or null; f must be a defined scalar. */
export function deriveTargetsAt(a: Analysis, offset: number): DeriveTarget | null {
  if (!(offset >= 0 && offset <= a.text.length)) return null;
  const ctx = context(a);
  const line = lineOf(ctx, offset);
  const s = a.statements.find((st) => lineOf(ctx, st.span.start) <= line && line <= lastLine(ctx, st));
  if (!s) return null;
  const found = targetOf(a, s);
  if (!found) return null;
  const next = lastLine(ctx, s) + 1;
  const atEnd = next >= ctx.starts.length;
  const first = ctx.starts[lineOf(ctx, s.span.start)]!;
  return {
    ...found,
    statementSpan: s.span,
    insertOffset: atEnd ? a.text.length : ctx.starts[next]!,
    needsNewline: atEnd,
    indent: /^[ \t>]*/.exec(a.text.slice(first, s.span.start))![0],
  };
}

/** The statement's last line; a span that ends just past a line break (an error at the end of a line) does not reach the next. */
function lastLine(ctx: QueryContext, s: Statement): number {
  return lineOf(ctx, Math.max(s.span.start, s.span.end - 1));
}

function targetOf(a: Analysis, s: Statement): { of: string; wrt: string[] } | undefined {
  switch (s.kind) {
    case 'definition': {
      const sym = a.symbols.get(s.target.name);
      if (a.sizeFacts.has(s) || !isScalarDefinition(sym) || sym.nameSpan.start !== s.target.span.start) return undefined;
      const wrt = variablesOf(a, sym.name);
      return wrt.length ? { of: sym.name, wrt } : undefined;
    }
    case 'grad':
      return isScalarDefinition(a.symbols.get(s.of.name)) ? { of: s.of.name, wrt: s.wrt.map((w) => w.name) } : undefined;
    case 'claim':
      return isScalarDefinition(a.symbols.get(s.of.name)) ? { of: s.of.name, wrt: [s.wrt.name] } : undefined;
    case 'declaration':
      return undefined;
  }
}
