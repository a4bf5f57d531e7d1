// deriveTargetsAt: what "Derive ∂f/∂X" offers on a line — a scalar definition, a `grad` line or a claim — and where it writes.
import type { Analysis } from '../analysis';
import { containerPrefix } from '../documents/markdown';
import type { Statement } from '../syntax/ast';
import type { Span } from '../syntax/span';
import { context, formulaOf, lineOf, lineSpan, type QueryContext } from './context';
import { isScalarDefinition, variablesOf } from './variables';

/** What "Derive ∂f/∂X" offers at an offset: on a scalar definition, a `grad` line or a claim. */
export interface DeriveTarget {
  readonly of: string;
  /** A definition: the declared symbols f depends on, in declaration order; a grad line: as listed; a claim: its X. */
  readonly wrt: string[];
  readonly statementSpan: Span;
  /** Where the statement is written: a `.mcalc` file, an mcalc block of a Markdown note, or LaTeX math in one. */
  readonly place: 'mcalc' | 'fence' | 'math';
  /**
   * Where an mcalc line `∂f/∂X = …` goes: the start of the line after the statement — in Markdown still inside the
   * block (the line after the block's last statement is its closing fence). At the end of a text without a final
   * line break it is text.length, and `needsNewline` is true. For math, the same as `after` (a line in a paragraph
   * of prose is no place for mcalc).
   */
  readonly insertOffset: number;
  /** The inserted text must begin with a line break (insertOffset is the end of a last line). */
  readonly needsNewline: boolean;
  /** The statement line's leading white space and Markdown container prefix (`> `), to start the inserted lines with. */
  readonly indent: string;
  /**
   * In Markdown: where a paragraph of its own (`$$…$$`, a fenced block) goes — after the mcalc block's closing fence,
   * or after the paragraph that holds the math. Null in a `.mcalc` file, and after a block that is never closed.
   */
  readonly after: ParagraphPlacement | null;
}

/** A new paragraph after a block, in the block's container (a list item, a quote). */
export interface ParagraphPlacement {
  /** The start of the line after the block, or text.length. */
  readonly offset: number;
  /** The text ends on the block's last line, without a line break: the insertion must begin with one. */
  readonly needsNewline: boolean;
  /** What starts each inserted line: the container's prefix (`> `, list indentation). */
  readonly prefix: string;
  /** The line after the block is not blank: the insertion must end with a blank line, to stay a paragraph of its own. */
  readonly blankAfter: boolean;
}

/**
 * The target of a statement on the offset's line(s), or null; f must be a defined scalar. The statement under the
 * cursor is tried first, then the others on its line (a line of prose may hold several formulas).
 */
export function deriveTargetsAt(a: Analysis, offset: number): DeriveTarget | null {
  if (!(offset >= 0 && offset <= a.text.length)) return null;
  const ctx = context(a);
  const line = lineOf(ctx, offset);
  const onLine: Statement[] = [];
  for (const st of a.statements) {
    // In document order: past the line, nothing more can be on it.
    if (lineOf(ctx, st.start) > line) break;
    if (line <= lastLine(ctx, st)) onLine.push(st);
  }
  const under = onLine.find((st) => st.start <= offset && offset <= st.end);
  for (const s of under ? [under, ...onLine.filter((st) => st !== under)] : onLine) {
    const found = targetOf(a, s);
    if (found) return placed(ctx, s, found);
  }
  return null;
}

function placed(ctx: QueryContext, s: Statement, found: { of: string; wrt: string[] }): DeriveTarget {
  const a = ctx.analysis;
  const formula = formulaOf(ctx, s);
  if (formula) {
    const { block } = formula;
    const first = ctx.starts[block.firstLine]!;
    const after = paragraphAfter(ctx, block.firstLine + block.prefixes.length - 1, a.text.slice(first, first + (block.prefixes[0] ?? 0)));
    return {
      ...found, statementSpan: s, place: 'math',
      insertOffset: after.offset, needsNewline: after.needsNewline, indent: after.prefix, after,
    };
  }
  const next = lastLine(ctx, s) + 1;
  const atEnd = next >= ctx.starts.length;
  const first = ctx.starts[lineOf(ctx, s.start)]!;
  return {
    ...found,
    statementSpan: s,
    place: a.regions ? 'fence' : 'mcalc',
    insertOffset: atEnd ? a.text.length : ctx.starts[next]!,
    needsNewline: atEnd,
    indent: /^[ \t>]*/.exec(a.text.slice(first, s.start))![0],
    after: a.regions ? afterFence(ctx, s) : null,
  };
}

/** After the closing fence of the block that holds the statement; null when the block is never closed. */
function afterFence(ctx: QueryContext, s: Statement): ParagraphPlacement | null {
  const r = ctx.analysis.regions?.find((x) => x.span.start <= s.start && s.start <= x.span.end);
  if (!r?.closed) return null;
  const fence = lineSpan(ctx, r.fenceLine);
  const lead = /^(.*?)(?=```|~~~)/.exec(ctx.analysis.text.slice(fence.start, fence.end))?.[1] ?? '';
  return paragraphAfter(ctx, r.firstLine + r.prefixes.length, lead);
}

/** A paragraph after the block whose last line is `last`, in the container whose first line began with `lead`. */
function paragraphAfter(ctx: QueryContext, last: number, lead: string): ParagraphPlacement {
  const text = ctx.analysis.text;
  const next = last + 1;
  const prefix = containerPrefix(lead);
  if (next >= ctx.starts.length) return { offset: text.length, needsNewline: true, prefix, blankAfter: false };
  const following = lineSpan(ctx, next);
  return { offset: ctx.starts[next]!, needsNewline: false, prefix, blankAfter: !/^[\s>]*$/.test(text.slice(following.start, following.end)) };
}

/** The statement's last line; a span that ends just past a line break (an error at the end of a line) does not reach the next. */
function lastLine(ctx: QueryContext, s: Statement): number {
  return lineOf(ctx, Math.max(s.start, s.end - 1));
}

function targetOf(a: Analysis, s: Statement): { of: string; wrt: string[] } | undefined {
  switch (s.kind) {
    case 'definition': {
      const sym = a.symbols.get(s.target.name);
      if (a.sizeFacts.has(s) || !isScalarDefinition(sym) || sym.nameSpan.start !== s.target.start) return undefined;
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
