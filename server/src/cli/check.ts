// `mcalc check FILE…`: diagnostics as text (1-based) or JSON (0-based LSP ranges).
import { append } from '../core/arrays';
import { readFileSync } from 'node:fs';
import { analyze, LineIndex, type Diagnostic, type LanguageId } from '../core';

export interface JsonDiagnostic {
  file: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity: Diagnostic['severity'];
  code: string;
  message: string;
}

export function languageOf(file: string): LanguageId {
  return /\.(md|markdown|mdown|mkd)$/i.test(file) ? 'markdown' : 'mcalc';
}

export function readDocument(file: string): string | undefined {
  try {
    // A byte order mark is not text: editors do not show it or count it in columns (and VS Code never passes it to
    // the server). Left in, it was an "unexpected character" before line 1's first name, and before a fence it hid
    // the block from the Markdown scan.
    return readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'is a directory' : err.message;
    process.stderr.write(`mcalc: cannot read ${file}: ${why}\n`);
    return undefined;
  }
}

export function toJsonDiagnostics(file: string, text: string, diagnostics: readonly Diagnostic[]): JsonDiagnostic[] {
  const index = new LineIndex(text);
  return diagnostics.map((d) => ({
    file,
    range: { start: index.position(d.span.start), end: index.position(d.span.end) },
    severity: d.severity,
    code: d.code,
    message: d.message,
  }));
}

/** FILE:LINE:COL: severity: message [CODE], 1-based. */
export function formatDiagnostic(d: JsonDiagnostic): string {
  const { line, character } = d.range.start;
  return `${d.file}:${line + 1}:${character + 1}: ${d.severity}: ${d.message} [${d.code}]\n`;
}

export function reportDiagnostics(file: string, text: string, diagnostics: readonly Diagnostic[], out: NodeJS.WritableStream): void {
  for (const d of toJsonDiagnostics(file, text, diagnostics)) out.write(formatDiagnostic(d));
}

export function runCheck(files: string[], options: { json: boolean }): number {
  if (files.length === 0) {
    process.stderr.write("mcalc check: name at least one file (mcalc check FILE…)\n");
    return 2;
  }
  const all: JsonDiagnostic[] = [];
  let unreadable = false;
  for (const file of files) {
    const text = readDocument(file);
    if (text === undefined) {
      unreadable = true;
      continue;
    }
    append(all, toJsonDiagnostics(file, text, analyze(text, languageOf(file)).diagnostics));
  }
  if (options.json) process.stdout.write(`${JSON.stringify(all, null, 2)}\n`);
  else {
    for (const d of all) process.stdout.write(formatDiagnostic(d));
    const errors = all.filter((d) => d.severity === 'error').length;
    const warnings = all.filter((d) => d.severity === 'warning').length;
    if (all.length > 0) {
      process.stderr.write(`${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'} in ${files.length} file${files.length === 1 ? '' : 's'}\n`);
    }
  }
  if (unreadable) return 2;
  return all.some((d) => d.severity === 'error') ? 1 : 0;
}
