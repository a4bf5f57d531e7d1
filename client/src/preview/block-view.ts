// What the Markdown preview shows for each mcalc fence, read from one analysis of the whole note: per statement its
// LaTeX (or its source, when it cannot be typeset), its inferred shape and its diagnostics; comment lines apart.
import {
  analyze, LineIndex, printStatementLatex, type Analysis, type Diagnostic, type Severity, type Statement,
} from '../../../server/src/core';
import { shapeLabel } from '../../../server/src/core/queries/format';
import { assertNever, children, type Expr } from '../../../server/src/core/syntax/ast';

export interface PreviewLimits {
  /** Past this many characters the note is left to the default fence rendering: the preview must stay responsive. */
  readonly noteLength: number;
  /** Past this many statements in one note, the rest are shown as source text rather than typeset. */
  readonly typeset: number;
}

export const PREVIEW_LIMITS: PreviewLimits = { noteLength: 1_000_000, typeset: 2_000 };

export interface DiagnosticView {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  /** The source the diagnostic points at, when it is a short part of the statement (e.g. the operands `C Aᵀ`). */
  readonly at?: string;
}

export type ItemView =
  | {
      readonly kind: Statement['kind'] | 'size-fact' | 'unparsed';
      /** Zero-based line of the note on which the statement starts. */
      readonly line: number;
      /** LaTeX to typeset, or undefined to show `source` instead (syntax errors, lines that are no statement). */
      readonly latex?: string;
      /** The statement's source lines, container prefixes and comments removed. */
      readonly source: string;
      /** The inferred shape beside a well-typed definition or claim, e.g. `(p·m)×k`. */
      readonly shape?: string;
      /** A comment at the end of the statement's line, without its `#`. */
      readonly comment?: string;
      readonly diagnostics: readonly DiagnosticView[];
    }
  | { readonly kind: 'comment'; readonly line: number; readonly text: string };

export interface BlockView {
  /** Zero-based line of the opening fence: the key to find the fence token again (token.map[0]). */
  readonly fenceLine: number;
  readonly items: readonly ItemView[];
  /** Diagnostics on no statement's lines (rare: e.g. on a comment line inside a continued statement). */
  readonly diagnostics: readonly DiagnosticView[];
}

/** The blocks of a Markdown note by fence line, or an empty map when the note is too large to analyse here. */
export function blockViews(text: string, limits: PreviewLimits = PREVIEW_LIMITS): Map<number, BlockView> {
  const views = new Map<number, BlockView>();
  if (text.length > limits.noteLength) return views;
  // The numeric claim check evaluates matrices: too slow for every keystroke of the preview, and the editor shows it.
  const analysis = analyze(text, 'markdown', { checkClaims: false });
  const reader = new NoteReader(analysis, limits.typeset);
  for (const r of analysis.regions ?? []) views.set(r.fenceLine, reader.block(r));
  return views;
}

type Region = NonNullable<Analysis['regions']>[number];

class NoteReader {
  private readonly lines: LineIndex;
  private readonly statements: Statement[];
  private readonly diagnostics: Diagnostic[];
  private typeset = 0;

  constructor(private readonly a: Analysis, private readonly maxTypeset: number) {
    this.lines = new LineIndex(a.text);
    this.statements = a.statements.filter((s) => !a.mathStatements.has(s)).sort((x, y) => x.start - y.start);
    this.diagnostics = [...a.diagnostics].sort((x, y) => x.span.start - y.span.start);
  }

  /** Blocks are read in document order, and so are statements and diagnostics: one pass over each for the note. */
  private nextStatement = 0;
  private nextDiagnostic = 0;

  block(r: Region): BlockView {
    const statements = this.take(this.statements, 'nextStatement', r, (s) => s.start);
    const diagnostics = this.take(this.diagnostics, 'nextDiagnostic', r, (d) => d.span.start);
    const lastLine = r.firstLine + r.prefixes.length - 1;
    const items: ItemView[] = [];
    const orphans: Diagnostic[] = [];
    let d = 0;
    /** The diagnostics that start on lines from..to; those passed over belong to no item. */
    const on = (from: number, to: number): Diagnostic[] => {
      for (; d < diagnostics.length && this.lineOf(diagnostics[d]!.span.start) < from; d++) orphans.push(diagnostics[d]!);
      const found: Diagnostic[] = [];
      for (; d < diagnostics.length && this.lineOf(diagnostics[d]!.span.start) <= to; d++) found.push(diagnostics[d]!);
      return found;
    };
    let next = 0;
    for (let line = r.firstLine; line <= lastLine; line++) {
      const { code, comment } = this.splitLine(r, line);
      const starting: Statement[] = [];
      while (next < statements.length && this.lineOf(statements[next]!.start) <= line) starting.push(statements[next++]!);
      if (starting.length > 0) {
        // A statement may continue over several lines (an open bracket, a trailing operator): its item covers them all.
        const endLine = Math.min(lastLine, Math.max(...starting.map((s) => this.lineOf(s.end))));
        const own = on(line, endLine);
        const source = this.sourceLines(r, line, endLine);
        const endComment = this.splitLine(r, endLine).comment;
        for (const s of starting) items.push(this.statement(s, line, starting.length === 1 ? source : this.slice(s), endComment, own));
        line = endLine;
      } else if (code.trim() !== '') {
        // Text the parser could not read as any statement: shown as written, with what went wrong.
        const own = on(line, line);
        items.push({ kind: 'unparsed', line, source: code.trim(), comment, diagnostics: own.map((x) => this.diagnostic(x, code)) });
      } else if (comment !== undefined) {
        items.push({ kind: 'comment', line, text: comment });
      }
    }
    orphans.push(...diagnostics.slice(d));
    return { fenceLine: r.fenceLine, items, diagnostics: orphans.map((x) => this.diagnostic(x, '')) };
  }

  /** The items of a sorted list that start inside the region (its end included: an error at the very end of the block). */
  private take<T>(list: readonly T[], cursor: 'nextStatement' | 'nextDiagnostic', r: Region, startOf: (x: T) => number): T[] {
    let i = this[cursor];
    while (i < list.length && startOf(list[i]!) < r.span.start) i++;
    const first = i;
    while (i < list.length && startOf(list[i]!) <= r.span.end) i++;
    this[cursor] = i;
    return list.slice(first, i);
  }

  private statement(s: Statement, line: number, source: string, comment: string | undefined, own: Diagnostic[]): ItemView {
    const sizeFact = this.a.sizeFacts.has(s);
    const diagnostics = own.map((d) => this.diagnostic(d, source));
    // A syntax error (E0xx) leaves holes in the tree that LaTeX would print as `?`: the source says more.
    const broken = own.some((d) => d.code.startsWith('E0')) || statementExprs(s).some(hasErrorNode);
    const typeset = !broken && this.typeset < this.maxTypeset;
    if (typeset) this.typeset++;
    const hasError = own.some((d) => d.severity === 'error');
    return {
      kind: sizeFact ? 'size-fact' : s.kind,
      line,
      latex: typeset ? printStatementLatex(s) : undefined,
      source,
      // As the inlay hints do: no shape beside an error, where a shape guessed around it would mislead.
      shape: hasError || sizeFact ? undefined : this.shapeOf(s),
      comment,
      diagnostics,
    };
  }

  private shapeOf(s: Statement): string | undefined {
    if (s.kind === 'definition') {
      const sym = this.a.symbols.get(s.target.name);
      return sym?.shape && sym.nameSpan.start === s.target.start ? shapeLabel(sym.shape) : undefined;
    }
    if (s.kind === 'claim') {
      const sh = this.a.shapes.get(s.value);
      return sh ? shapeLabel(sh) : undefined;
    }
    return undefined;
  }

  private diagnostic(d: Diagnostic, statementSource: string): DiagnosticView {
    const at = this.a.text.slice(d.span.start, d.span.end).replace(/\s+/g, ' ').trim();
    // Only when it adds something: not the whole statement again, nor a name or character the message already quotes.
    const useful = at !== '' && at.length <= 60 && at !== statementSource.replace(/\s+/g, ' ').trim() && !d.message.includes(at);
    return { code: d.code, severity: d.severity, message: d.message, ...(useful ? { at } : {}) };
  }

  private lineOf(offset: number): number {
    return this.lines.position(offset).line;
  }

  /** A content line without its container prefix (`> `, list indentation), split at the comment sign. */
  private splitLine(r: Region, line: number): { code: string; comment?: string } {
    const lineStart = this.lines.offset({ line, character: 0 });
    const start = lineStart + (r.prefixes[line - r.firstLine] ?? 0);
    const text = this.a.text.slice(start, Math.max(start, this.lines.offset({ line, character: Infinity }))).replace(/\r$/, '');
    // mcalc has no strings: every `#` starts a comment (syntax/lexer.ts).
    const hash = text.indexOf('#');
    const comment = hash < 0 ? '' : text.slice(hash + 1).trim();
    return { code: hash < 0 ? text : text.slice(0, hash), ...(comment ? { comment } : {}) };
  }

  private sourceLines(r: Region, from: number, to: number): string {
    const lines: string[] = [];
    for (let line = from; line <= to; line++) lines.push(this.splitLine(r, line).code.trimEnd());
    return lines.join('\n').trim();
  }

  private slice(s: Statement): string {
    return this.a.text.slice(s.start, s.end).trim();
  }
}

function statementExprs(s: Statement): Expr[] {
  switch (s.kind) {
    case 'declaration': {
      const spec = s.shape;
      return spec.kind === 'matrix' ? [spec.rows, spec.cols] : spec.kind === 'vector' ? [spec.size] : [];
    }
    case 'definition':
    case 'claim':
      return [s.value];
    case 'grad':
      return [];
    default:
      return assertNever(s);
  }
}

function hasErrorNode(e: Expr): boolean {
  return e.kind === 'error' || children(e).some(hasErrorNode);
}
