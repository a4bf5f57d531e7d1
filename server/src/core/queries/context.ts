// What every query needs from one analysis, computed once: the parsed source, lines, and every classified name.
import type { Analysis } from '../analysis';
import { maskOutsideRegions, regionSource, type LineStarts } from '../documents/markdown';
import { formulaAt, type MathFormula } from '../documents/math';
import { LineIndex } from '../positions';
import type { Statement } from '../syntax/ast';
import { FUNCTIONS } from '../syntax/functions';
import { lex } from '../syntax/lexer';
import type { Span } from '../syntax/span';
import type { Token } from '../syntax/tokens';

/**
 * A classified name in the text. `symbol` and `size` come from the analysis (so they are resolved names);
 * the rest are read from the tokens, so they are found on lines that did not parse too.
 */
export type OccurrenceKind = 'symbol' | 'size' | 'function' | 'identity' | 'property' | 'keyword';

export interface Occurrence {
  readonly kind: OccurrenceKind;
  readonly name: string;
  readonly span: Span;
  /** The symbol's declaration or definition; for a size, the place definitionAt goes to. */
  readonly declaration: boolean;
}

export interface QueryContext {
  readonly analysis: Analysis;
  /** The text the parser read: for Markdown, everything outside mcalc blocks blanked (offsets unchanged). */
  readonly source: string;
  readonly lines: LineIndex;
  /** Offset of the start of each line. */
  readonly starts: LineStarts;
  /** The mcalc parts of the text: one span for a .mcalc file, the blocks' content for Markdown. */
  readonly regions: readonly Span[];
  /** Sorted by offset, non-overlapping. */
  readonly occurrences: readonly Occurrence[];
  /**
   * The tokens of every region and of every formula of LaTeX math that joined the scope, in order (for completion,
   * signature help and names). A formula's tokens are the LaTeX reader's: mcalc texts with spans into the LaTeX.
   */
  readonly tokens: readonly Token[];
}

/** Queries may be asked many times of one analysis (hover, then tokens, then hints): share the work. */
const cache = new WeakMap<Analysis, QueryContext>();

export function context(a: Analysis): QueryContext {
  let ctx = cache.get(a);
  if (!ctx) {
    ctx = build(a);
    cache.set(a, ctx);
  }
  return ctx;
}

function build(a: Analysis): QueryContext {
  const regions = a.regions ? a.regions.map((r) => r.span) : [{ start: 0, end: a.text.length }];
  // The lexer reads only inside the regions, so the parser's text will do (the same as the masked one there).
  const parsed = a.regions ? regionSource(a.text, a.regions) : a.text;
  // Block by block and formula by formula: within a formula the reader's order is kept (unvec's sizes, written in
  // its subscript, come after its argument), and the blocks and formulas do not overlap.
  const groups = [
    ...regions.map((r) => ({ at: r.start, tokens: lex(parsed, r.start, r.end).filter((t) => t.kind !== 'eof') })),
    ...a.math.filter((f) => f.tokens.length).map((f) => ({ at: f.content.start, tokens: f.tokens })),
  ].sort((x, y) => x.at - y.at);
  const tokens = groups.flatMap((g) => g.tokens);
  const resolved = resolvedOccurrences(a);
  const occurrences = [...resolved, ...tokenOccurrences(a, tokens, resolved)];
  occurrences.sort((x, y) => x.span.start - y.span.start || rank(x) - rank(y));
  const kept: Occurrence[] = [];
  for (const o of occurrences) {
    const last = kept.at(-1);
    if (o.span.end <= o.span.start || (last && o.span.start < last.span.end)) continue;
    kept.push(o);
  }
  // The masked text is a copy of the whole note: made only for the queries that read it (completion, signatures).
  let masked: string | undefined;
  const regionList = a.regions;
  return {
    analysis: a,
    get source(): string {
      masked ??= regionList ? maskOutsideRegions(a.text, regionList) : a.text;
      return masked;
    },
    lines: new LineIndex(a.text, a.lineStarts), starts: a.lineStarts, regions, occurrences: kept, tokens,
  };
}

/** At one offset, a resolved name wins over a token reading. */
const rank = (o: Occurrence): number => (o.kind === 'symbol' || o.kind === 'size' ? 0 : 1);

/** The place a size symbol is "defined": its size fact (`n = 3`) if it has one, else its first use. */
export function sizeDefinition(a: Analysis, name: string): Span | undefined {
  for (const s of a.sizeFacts) if (s.kind === 'definition' && s.target.name === name) return s.target;
  const uses = a.sizes.get(name)?.uses ?? [];
  return [...uses].sort((x, y) => x.start - y.start)[0];
}

function resolvedOccurrences(a: Analysis): Occurrence[] {
  const out: Occurrence[] = [];
  for (const [name, spans] of a.references) {
    const sym = a.symbols.get(name);
    for (const span of spans) out.push({ kind: 'symbol', name, span, declaration: sym?.nameSpan.start === span.start });
  }
  for (const [name, size] of a.sizes) {
    const def = sizeDefinition(a, name);
    for (const span of size.uses) out.push({ kind: 'size', name, span, declaration: def?.start === span.start });
  }
  return out;
}

/** Words that are keywords where they stand: in a shape (`vector n`, `m x n`, `ℝ^n`) or a claim (`d f / d X`). */
const SHAPE_WORDS = new Set(['scalar', 'vector', 'x', 'by', 'R', 'ℝ']);

function tokenOccurrences(a: Analysis, tokens: readonly Token[], resolved: readonly Occurrence[]): Occurrence[] {
  const taken = new Set(resolved.map((o) => o.span.start));
  const out: Occurrence[] = [];
  const add = (kind: OccurrenceKind, t: Token, span: Span = t.span): void => {
    out.push({ kind, name: t.text.slice(span.start - t.span.start, span.end - t.span.start), span, declaration: false });
  };
  for (const s of a.statements) {
    if (s.kind === 'declaration') for (const p of s.properties) out.push({ kind: 'property', name: p.name, span: p, declaration: false });
  }
  let k = 0;
  tokens.forEach((t, i) => {
    if (t.kind !== 'name' || taken.has(t.span.start)) return;
    while (k < a.statements.length && a.statements[k]!.end <= t.span.start) k++;
    const s: Statement | undefined = a.statements[k] && a.statements[k]!.start <= t.span.start ? a.statements[k] : undefined;
    const next = tokens[i + 1];
    const call = next?.kind === 'lparen' && (t.text !== 'I' || !next.spaceBefore);
    if (call && FUNCTIONS.has(t.text)) return add('function', t);
    if (t.text === 'I') return add('identity', t);
    if (t.text.startsWith('I_')) {
      // I_n: the `n` is a size use of its own (a resolved occurrence), so only `I_` is the identity's.
      const sizeInside = taken.has(t.span.start + 2);
      return add('identity', t, sizeInside ? { start: t.span.start, end: t.span.start + 2 } : t.span);
    }
    if (t.text === 'grad' || t.text === 'wrt') return add('keyword', t);
    if (s?.kind === 'declaration' && t.span.start >= s.shape.start && SHAPE_WORDS.has(t.text)) return add('keyword', t);
    if (s?.kind === 'claim' && t.span.end <= s.value.start && t.text.startsWith('d')) {
      // `d f / d X`, or `df/dX`, whose name after the d is a resolved occurrence one character in.
      if (t.text === 'd') return add('keyword', t);
      if (taken.has(t.span.start + 1)) return add('keyword', t, { start: t.span.start, end: t.span.start + 1 });
    }
    return undefined;
  });
  return out;
}

/** The formula of LaTeX math (one that joined the scope) holding a span, if any. */
export function formulaOf(ctx: QueryContext, span: Span): MathFormula | undefined {
  const f = formulaAt(ctx.analysis.math, span);
  return f && f.statements.length ? f : undefined;
}

/** The resolved or read name at an offset: the one under it, else the one that ends at it (the cursor after a word). */
export function occurrenceAt(ctx: QueryContext, offset: number): Occurrence | undefined {
  let touching: Occurrence | undefined;
  for (const o of ctx.occurrences) {
    if (o.span.start > offset) break;
    if (offset < o.span.end) return o;
    if (offset === o.span.end) touching = o;
  }
  return touching;
}

/** The statement whose span holds the offset; `inclusive` also counts the offset right after its end. */
export function statementAt(a: Analysis, offset: number, inclusive = false): Statement | undefined {
  return a.statements.find((s) => s.start <= offset && (offset < s.end || (inclusive && offset === s.end)));
}

/** The zero-based line of an offset. */
export function lineOf(ctx: QueryContext, offset: number): number {
  return ctx.lines.position(offset).line;
}

/** [start, end) of a line without its line break. */
export function lineSpan(ctx: QueryContext, line: number): Span {
  const text = ctx.analysis.text;
  const start = ctx.starts[line] ?? text.length;
  let end = line + 1 < ctx.starts.length ? ctx.starts[line + 1]! - 1 : text.length;
  if (end > start && text[end - 1] === '\r') end--;
  return { start, end: Math.max(start, end) };
}

/** The region (mcalc file, or Markdown block) holding an offset, its end included. */
export function regionAt(ctx: QueryContext, offset: number): Span | undefined {
  return ctx.regions.find((r) => r.start <= offset && offset <= r.end);
}
