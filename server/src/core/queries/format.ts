// Text helpers of the queries: shape labels, source snippets, and Markdown that user text cannot break out of.
import { isColumn, isScalar, shapeToString, type Shape } from '../shapes/shape';
import type { Span } from '../syntax/span';
import { printStatement } from '../print/mcalc';
import type { Expr, ShapeSpec } from '../syntax/ast';
import { formulaOf, type QueryContext } from './context';

/** `scalar` for 1×1, else `(p·m)×k`: how a shape reads in hovers, hints and the outline. */
export function shapeLabel(sh: Shape | undefined): string {
  if (!sh) return 'shape unknown';
  return isScalar(sh) ? 'scalar' : shapeToString(sh);
}

/** What a shape is called: the classes of the semantic tokens and the outline. */
export function shapeClass(sh: Shape | undefined): 'matrix' | 'vector' | 'scalar' {
  if (!sh) return 'matrix';
  if (isScalar(sh)) return 'scalar';
  return isColumn(sh) ? 'vector' : 'matrix';
}

/**
 * The source of a span on one line: comments dropped, white space collapsed, long text cut in the middle
 * (hovers and outline details stay readable). Read from the parsed source, so Markdown's `> ` prefixes are gone.
 */
export function snippet(ctx: QueryContext, span: Span, max = 80): string {
  return shorten(ctx.source.slice(span.start, span.end).replace(/#[^\n]*/g, ' ').replace(/\s+/g, ' ').trim(), max);
}

/**
 * How hovers and the outline quote an expression: as written, or — for LaTeX math — in mcalc (`B ⊗ A` for
 * `B\bigotimes A`), as the diagnostics' messages do (analysis.quote), so that one notation reads everywhere.
 */
export function quote(ctx: QueryContext, e: Expr, max = 80): string {
  const q = ctx.analysis.quote?.(e);
  return q === undefined ? snippet(ctx, e, max) : shorten(q, max);
}

/** A shape as written (`m x n`), or in mcalc for LaTeX math (`m × n` for `\mathbb{R}^{m \times n}`). */
export function quoteShape(ctx: QueryContext, spec: ShapeSpec, max = 80): string {
  if (!formulaOf(ctx, spec)) return snippet(ctx, spec, max);
  const printed = printStatement({ kind: 'declaration', names: [], shape: spec, properties: [], start: spec.start, end: spec.end });
  return shorten(printed.slice(printed.indexOf(':') + 1).trim(), max);
}

function shorten(raw: string, max: number): string {
  if (raw.length <= max) return raw;
  const half = Math.floor((max - 1) / 2);
  return `${raw.slice(0, half)}…${raw.slice(raw.length - half)}`;
}

/** A fenced code block whose fence is longer than any run of backticks inside, so the text cannot close it. */
export function codeBlock(code: string, language = 'mcalc'): string {
  const longest = Math.max(0, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${language}\n${code}\n${fence}`;
}

/** Inline code that holds any text (CommonMark: a longer backtick string, padded when the text touches a backtick). */
export function inlineCode(text: string): string {
  const flat = text.replace(/[\r\n]+/g, ' ');
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${flat}${pad}${ticks}`;
}

/** Prose from elsewhere (messages of the calculus) with Markdown's punctuation escaped and no raw HTML. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>#|~]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, ' ');
}


/** "A, B and C". */
export function listing(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** One-based line number, as prose shows it. */
export function lineNumber(ctx: QueryContext, offset: number): number {
  return ctx.lines.position(offset).line + 1;
}
