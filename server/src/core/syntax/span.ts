// Source spans: half-open [start, end) offsets into the analysed text. Only lsp/ turns them into lines.
export interface Span {
  readonly start: number;
  readonly end: number;
}

export function span(start: number, end: number): Span {
  return { start, end };
}

export function cover(a: Span, b: Span): Span {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

export function contains(outer: Span, offset: number): boolean {
  return outer.start <= offset && offset <= outer.end;
}
