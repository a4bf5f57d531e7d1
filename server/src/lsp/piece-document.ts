// The server's open documents: vscode-languageserver-textdocument's TextDocument, but with the text kept as pieces
// (core/incremental/piece-text.ts). That library makes each version as `before + change + after`, and the first read
// of it copies the whole document into a new string — for a long note, most of a keystroke's round trip. Here an edit
// only splits pieces; the analysis of a prose edit reads the lines around it, and the whole text is made when a
// request asks for it (getText()). Lines and positions are counted as that library counts them (test/unit/piece-text.test.ts),
// but for ranges past the document's last line, where the library's line table goes wrong and this one does not.
import type { TextDocumentContentChangeEvent, TextDocumentsConfiguration } from 'vscode-languageserver';
import type { Position, Range, TextDocument } from 'vscode-languageserver-textdocument';
import { PieceText } from '../core/incremental/piece-text';

/** Where each line starts in `text`, the first at `offset`; with `first`, the text's start is a line start too. */
function lineStartsOf(text: string, offset: number, first: boolean): number[] {
  const out = first ? [offset] : [];
  if (!text.includes('\r')) {
    // Most texts have LF breaks only: indexOf finds them natively, several times faster than a loop over the
    // characters (a 10,000-line file is opened in a few tenths of a millisecond less).
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) out.push(offset + i + 1);
    return out;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 || c === 10) {
      if (c === 13 && i + 1 < text.length && text.charCodeAt(i + 1) === 10) i++;
      out.push(offset + i + 1);
    }
  }
  return out;
}

export class PieceDocument implements TextDocument {
  constructor(
    readonly uri: string,
    readonly languageId: string,
    public version: number,
    public content: PieceText,
    /** Where each line starts (LSP lines: a line break is CR, LF or CRLF). */
    private lines: number[],
  ) {}

  static create(uri: string, languageId: string, version: number, text: string): PieceDocument {
    return new PieceDocument(uri, languageId, version, PieceText.of(text), lineStartsOf(text, 0, true));
  }

  get lineCount(): number {
    return this.lines.length;
  }

  getText(range?: Range): string {
    if (!range) return this.content.toString();
    const a = this.offsetAt(range.start);
    const b = this.offsetAt(range.end);
    // As String.prototype.substring (the library's): a range given backwards reads the same text.
    return this.content.slice(Math.min(a, b), Math.max(a, b));
  }

  /** As vscode-languageserver-textdocument counts: never past the line's end, nor inside its line break. */
  offsetAt(position: Position): number {
    if (position.line >= this.lines.length) return this.content.length;
    if (position.line < 0) return 0;
    const start = this.lines[position.line]!;
    if (position.character <= 0) return start;
    return this.beforeBreak(Math.min(start + position.character, this.nextLine(position.line)), start);
  }

  getLineRange(line: number): Range {
    if (line >= this.lines.length) {
      const last = this.lines.length - 1;
      return { start: { line: last, character: 0 }, end: { line: last, character: this.content.length - this.lines[last]! } };
    }
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const start = this.lines[line]!;
    return { start: { line, character: 0 }, end: { line, character: this.beforeBreak(this.nextLine(line), start) - start } };
  }

  getEOLCharacters(line: number): string {
    if (line < 0 || line >= this.lines.length) return '';
    const next = this.nextLine(line);
    return this.content.slice(this.beforeBreak(next, this.lines[line]!), next);
  }

  private nextLine(line: number): number {
    return line + 1 < this.lines.length ? this.lines[line + 1]! : this.content.length;
  }

  private beforeBreak(offset: number, lineStart: number): number {
    let at = offset;
    while (at > lineStart && (this.content.charCodeAt(at - 1) === 10 || this.content.charCodeAt(at - 1) === 13)) at--;
    return at;
  }

  positionAt(offset: number): Position {
    const at = Math.max(Math.min(offset, this.content.length), 0);
    let lo = 0;
    let hi = this.lines.length;
    if (hi === 0) return { line: 0, character: at };
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.lines[mid]! > at) hi = mid;
      else lo = mid + 1;
    }
    const line = lo - 1;
    return { line, character: this.beforeBreak(at, this.lines[line]!) - this.lines[line]! };
  }

  /** Applies the changes of one `didChange`, in order (each in the offsets the one before left). */
  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      if (!('range' in change)) {
        this.content = PieceText.of(change.text);
        this.lines = lineStartsOf(change.text, 0, true);
        continue;
      }
      const range = ordered(change.range);
      const start = this.offsetAt(range.start);
      const end = this.offsetAt(range.end);
      const startLine = Math.max(0, Math.min(range.start.line, this.lines.length - 1));
      const endLine = Math.max(startLine, Math.min(range.end.line, this.lines.length - 1));
      this.content = this.content.edit(start, end, change.text);
      // The lines that started inside the replaced range give way to those of the inserted text; the rest move.
      const added = lineStartsOf(change.text, start, false);
      const d = change.text.length - (end - start);
      const lines = this.lines;
      if (added.length === endLine - startLine) for (let i = 0; i < added.length; i++) lines[startLine + 1 + i] = added[i]!;
      else if (added.length < 10_000) lines.splice(startLine + 1, endLine - startLine, ...added);
      else this.lines = [...lines.slice(0, startLine + 1), ...added, ...lines.slice(endLine + 1)];
      if (d !== 0) for (let i = startLine + 1 + added.length; i < this.lines.length; i++) this.lines[i]! += d;
      // A CR just before the edit, or a CR it ends with just before an LF, may have joined or parted a CRLF break:
      // then the lines are counted again (rare: the whole text is made for it).
      const endsInCR = change.text.charCodeAt(change.text.length - 1) === 13 && this.content.charCodeAt(start + change.text.length) === 10;
      if (this.content.charCodeAt(start - 1) === 13 || endsInCR) this.lines = lineStartsOf(this.content.toString(), 0, true);
    }
    this.version = version;
  }
}

function ordered(r: Range): Range {
  const before = r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character);
  return before ? r : { start: r.end, end: r.start };
}

/** For vscode-languageserver's TextDocuments. */
export const pieceDocuments: TextDocumentsConfiguration<PieceDocument> = {
  create: (uri, languageId, version, content) => PieceDocument.create(uri, languageId, version, content),
  update: (document, changes, version) => {
    document.update(changes, version);
    return document;
  },
};
