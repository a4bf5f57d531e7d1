// foldingRanges: each mcalc block of a Markdown note (fence to fence), and statements written over several lines.
import type { Analysis } from '../analysis';
import type { Span } from '../syntax/span';
import { context, lineOf, lineSpan } from './context';

/** Sorted by start. A block runs from its opening fence line to the end of its closing fence line (or its last line). */
export function foldingRanges(a: Analysis): Span[] {
  const ctx = context(a);
  const out: Span[] = [];
  for (const r of a.regions ?? []) {
    const start = ctx.starts[r.fenceLine] ?? r.span.start;
    const closing = r.firstLine + r.prefixes.length;
    const end = r.closed && closing < ctx.starts.length ? lineSpan(ctx, closing).end : r.span.end;
    if (end > start) out.push({ start, end });
  }
  for (const s of a.statements) {
    if (lineOf(ctx, s.end) > lineOf(ctx, s.start)) out.push(s);
  }
  return out.sort((x, y) => x.start - y.start || y.end - x.end);
}
