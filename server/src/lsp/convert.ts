// The edge between the core's offsets and LSP's line/character: ranges, diagnostics with their fixes, edits.
import {
  DiagnosticSeverity,
  type Diagnostic as LspDiagnostic,
  type Position,
  type Range,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { Diagnostic, Fix, LineIndex, Severity, Span, TextEdit } from '../core';

/** What an LSP diagnostic carries in `data`: its quick fixes, already in LSP terms, and the version they apply to. */
export interface DiagnosticData {
  readonly version: number;
  readonly fixes: readonly { readonly title: string; readonly edits: readonly LspTextEdit[] }[];
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Converts for one analysed text (one document version). */
export class Converter {
  constructor(readonly uri: string, readonly lines: LineIndex) {}

  position(offset: number): Position {
    return this.lines.position(offset);
  }

  range(span: Span): Range {
    return { start: this.lines.position(span.start), end: this.lines.position(span.end) };
  }

  offset(position: Position): number {
    return this.lines.offset(position);
  }

  span(range: Range): Span {
    return { start: this.lines.offset(range.start), end: this.lines.offset(range.end) };
  }

  textEdit(edit: TextEdit): LspTextEdit {
    return { range: this.range(edit.span), newText: edit.newText };
  }

  fix(fix: Fix): DiagnosticData['fixes'][number] {
    return { title: fix.title, edits: fix.edits.map((e) => this.textEdit(e)) };
  }

  diagnostic(d: Diagnostic, version: number): LspDiagnostic {
    const out: LspDiagnostic = {
      range: this.range(d.span),
      severity: SEVERITY[d.severity],
      code: d.code,
      source: 'mcalc',
      message: d.message,
    };
    if (d.related?.length) {
      out.relatedInformation = d.related.map((r) => ({ location: { uri: this.uri, range: this.range(r.span) }, message: r.message }));
    }
    if (d.fixes?.length) {
      const data: DiagnosticData = { version, fixes: d.fixes.map((f) => this.fix(f)) };
      out.data = data;
    }
    return out;
  }
}

/** `data` of a diagnostic the client sends back with a code action request, if it is ours and well formed. */
export function diagnosticData(data: unknown): DiagnosticData | undefined {
  if (!data || typeof data !== 'object') return undefined;
  const d = data as Partial<DiagnosticData>;
  return typeof d.version === 'number' && Array.isArray(d.fixes) ? (d as DiagnosticData) : undefined;
}

/**
 * A WorkspaceEdit of one document. With documentChanges the edit names the version it was computed for, so the
 * client refuses it if the document has changed since; clients without documentChanges get a plain `changes` map.
 */
export function documentEdit(uri: string, version: number, edits: LspTextEdit[], documentChanges: boolean): WorkspaceEdit {
  return documentChanges
    ? { documentChanges: [{ textDocument: { uri, version }, edits }] }
    : { changes: { [uri]: edits } };
}
