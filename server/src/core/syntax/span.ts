// Source spans: half-open [start, end) offsets into the analysed text. Only lsp/ turns them into lines.
export interface Span {
  readonly start: number;
  readonly end: number;
}

/**
 * A span of its own with the offsets of `s`, for what keeps a place beyond the tree it was read from: every syntax node
 * is its own span (ast.ts), and a diagnostic, a hover or a moved analysis must not hold on to the node.
 */
export function placeOf(s: Span): Span {
  return { start: s.start, end: s.end };
}

export function cover(a: Span, b: Span): Span {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}
