// A document's text kept as pieces — of the versions before it and of the texts inserted since — so that an edit
// makes no new copy of the whole text. Reading a range reads only the pieces in it; the whole text is made as one
// string only when something asks for it (a request, or an analysis that reads everything), and then kept.
//
// Why: a long note with characters beyond Latin-1 is a 4 MB string, and making a new one for every keystroke is most of
// an edit's round trip on a machine where fresh memory is slow (BENCHMARKS.md). The analysis of a prose edit only
// reads the lines around it (incremental/analyzer.ts).
import { composeChanges, type TextChange } from './text-change';

/** What the incremental analysis reads of a text: a string is one, and so is a PieceText. */
export interface TextLike {
  readonly length: number;
  charCodeAt(index: number): number;
  slice(start?: number, end?: number): string;
}

/** The whole text of a TextLike, as one string. */
export const flat = (t: TextLike): string => (typeof t === 'string' ? t : t.toString());

/** How a version came from the one before it: a chain the analysis walks to learn what changed since it last read. */
interface Link {
  readonly previous: Link | undefined;
  readonly change: TextChange | undefined;
  readonly depth: number;
}

/** Past this many pieces an edit joins them first (one whole copy, every so many edits). */
const MAX_PIECES = 256;
/** Past this many versions the chain is cut: the analysis then compares the texts themselves. */
const MAX_DEPTH = 512;

export class PieceText implements TextLike {
  /** The whole text, once made. */
  private whole: string | undefined;

  private constructor(
    private readonly pieces: readonly string[],
    /** Where each piece ends. */
    private readonly ends: readonly number[],
    readonly length: number,
    private readonly link: Link,
  ) {
    if (pieces.length === 1) this.whole = pieces[0];
  }

  static of(text: string): PieceText {
    return new PieceText([text], [text.length], text.length, { previous: undefined, change: undefined, depth: 0 });
  }

  /** This text with [start, end) replaced by `insert`. */
  edit(start: number, end: number, insert: string): PieceText {
    // Once the whole text is made, it is the one piece: the pieces (and the older texts they hold) can go.
    const joined = this.pieces.length > MAX_PIECES || (this.whole !== undefined && this.pieces.length > 1);
    const base = joined ? [this.toString()] : this.pieces;
    const ends = joined ? [this.length] : this.ends;
    const before: string[] = [];
    const after: string[] = [];
    for (let i = 0; i < base.length; i++) {
      const p = base[i]!;
      const from = i > 0 ? ends[i - 1]! : 0;
      if (from < start) before.push(p.slice(0, start - from));
      if (ends[i]! > end) after.push(p.slice(Math.max(0, end - from)));
    }
    const pieces = [...before, insert, ...after].filter((p) => p.length > 0);
    const out: number[] = [];
    let sum = 0;
    for (const p of pieces) out.push((sum += p.length));
    const change = { start, oldEnd: end, newEnd: start + insert.length };
    const depth = this.link.depth + 1;
    const link = depth > MAX_DEPTH ? { previous: undefined, change: undefined, depth: 0 } : { previous: this.link, change, depth };
    return new PieceText(pieces.length ? pieces : [''], pieces.length ? out : [0], sum, link);
  }

  /** The change from `older` (a version this one came from by edits) to this one; undefined when not known. */
  changeSince(older: PieceText): TextChange | undefined {
    const changes: TextChange[] = [];
    let l: Link | undefined = this.link;
    while (l && l !== older.link) {
      if (!l.change) return undefined;
      changes.push(l.change);
      l = l.previous;
    }
    if (!l) return undefined;
    if (changes.length === 0) return { start: 0, oldEnd: 0, newEnd: 0 };
    let out = changes[changes.length - 1]!;
    for (let i = changes.length - 2; i >= 0; i--) out = composeChanges(out, changes[i]!);
    return out;
  }

  private pieceAt(index: number): number {
    let lo = 0;
    let hi = this.ends.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.ends[mid]! <= index) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  charCodeAt(index: number): number {
    if (this.whole !== undefined) return this.whole.charCodeAt(index);
    if (index < 0 || index >= this.length) return NaN;
    const i = this.pieceAt(index);
    return this.pieces[i]!.charCodeAt(index - (i > 0 ? this.ends[i - 1]! : 0));
  }

  slice(start = 0, end = this.length): string {
    if (this.whole !== undefined) return this.whole.slice(start, end);
    const a = Math.max(0, Math.min(start < 0 ? this.length + start : start, this.length));
    const b = Math.max(a, Math.min(end < 0 ? this.length + end : end, this.length));
    if (a === b) return '';
    const out: string[] = [];
    for (let i = this.pieceAt(a); i < this.pieces.length; i++) {
      const from = i > 0 ? this.ends[i - 1]! : 0;
      if (from >= b) break;
      const p = this.pieces[i]!;
      out.push(p.slice(Math.max(0, a - from), Math.min(p.length, b - from)));
    }
    return out.join('');
  }

  toString(): string {
    return (this.whole ??= this.pieces.join(''));
  }
}
