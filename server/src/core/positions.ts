// Offsets ↔ zero-based line/character (UTF-16 code units, as LSP counts by default).
import { lineStarts, type LineStarts } from './documents/markdown';
import { flat, type TextLike } from './incremental/piece-text';

export interface Position {
  readonly line: number;
  readonly character: number;
}

export class LineIndex {
  private readonly starts: LineStarts;

  /** `starts`, when the caller has them (Analysis.lineStarts), saves a pass over the text (and reading it at all). */
  constructor(private readonly text: TextLike, starts?: LineStarts) {
    this.starts = starts ?? lineStarts(flat(text));
  }

  position(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo]! };
  }

  offset(p: Position): number {
    if (p.line >= this.starts.length) return this.text.length;
    const start = this.starts[Math.max(0, p.line)]!;
    const next = p.line + 1 < this.starts.length ? this.starts[p.line + 1]! - 1 : this.text.length;
    return Math.min(start + Math.max(0, p.character), next);
  }

  get lineCount(): number {
    return this.starts.length;
  }
}
