// `mcalc check FILE…`: diagnostics as text (1-based) or JSON (0-based LSP ranges).
import { append } from '../core/arrays';
import { readFileSync } from 'node:fs';
import { analyze, gradient, LineIndex, type Analysis, type AnalysisOptions, type Diagnostic, type LanguageId } from '../core';
import { checkable } from '../core/numeric/check';

export interface JsonDiagnostic {
  file: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity: Diagnostic['severity'];
  code: string;
  message: string;
  /** On a claim the numbers contradict (W401): mcalc's own ∂f/∂X, when it can be derived. */
  derived?: string;
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

export function toJsonDiagnostics(
  file: string, text: string, diagnostics: readonly Diagnostic[], analysis?: Analysis, symmetric?: 'unconstrained' | 'symmetric',
): JsonDiagnostic[] {
  const index = new LineIndex(text);
  return diagnostics.map((d) => {
    const derived = d.code === 'W401' && analysis ? derivedFor(analysis, d, symmetric) : undefined;
    return {
      file,
      range: { start: index.position(d.span.start), end: index.position(d.span.end) },
      severity: d.severity,
      code: d.code,
      message: d.message,
      ...(derived ? { derived } : {}),
    };
  });
}

/** What mcalc derives for the claim a W401 is on: the answer to put beside the one the numbers contradict. */
function derivedFor(analysis: Analysis, d: Diagnostic, symmetric?: 'unconstrained' | 'symmetric'): string | undefined {
  const claim = analysis.statements.find((s) => s.kind === 'claim' && s.start === d.span.start);
  if (claim?.kind !== 'claim') return undefined;
  const g = gradient(analysis, claim.of.name, claim.wrt.name, { check: false, ...(symmetric ? { symmetric } : {}) });
  return g.ok ? `∂${claim.of.name}/∂${claim.wrt.name} = ${g.result.mcalc}` : undefined;
}

/** FILE:LINE:COL: severity: message [CODE], 1-based; a W401's derived gradient as a note on the next line. */
export function formatDiagnostic(d: JsonDiagnostic): string {
  const { line, character } = d.range.start;
  const at = `${d.file}:${line + 1}:${character + 1}`;
  return `${at}: ${d.severity}: ${d.message} [${d.code}]\n${d.derived ? `${at}: note: mcalc derives ${d.derived}\n` : ''}`;
}

/** --seed: a whole number written as one (not '' or 1e3, which Number() takes), safe as a double; null after a message. */
export function parseSeed(command: string, text: string | undefined): number | undefined | null {
  if (text === undefined) return undefined;
  const seed = Number(text);
  if (/^[+-]?\d+$/.test(text.trim()) && Number.isSafeInteger(seed)) return seed;
  process.stderr.write(`mcalc ${command}: --seed must be a whole number (not '${text}')\n`);
  return null;
}

/** --symmetric: which gradient of a symmetric variable (as setting mcalc.gradient.symmetric); null after a message. */
export function parseSymmetric(command: string, text: string | undefined): 'unconstrained' | 'symmetric' | undefined | null {
  if (text === undefined || text === 'unconstrained' || text === 'symmetric') return text;
  process.stderr.write(`mcalc ${command}: --symmetric must be unconstrained or symmetric (not '${text}')\n`);
  return null;
}

/** --tolerance: a relative tolerance strictly between 0 and 1; null after a message. */
export function parseTolerance(command: string, text: string | undefined): number | undefined | null {
  if (text === undefined) return undefined;
  const tolerance = Number(text);
  if (text.trim() !== '' && tolerance > 0 && tolerance < 1) return tolerance;
  process.stderr.write(`mcalc ${command}: --tolerance must be a number between 0 and 1 (not '${text}')\n`);
  return null;
}

/** How the document's claimed derivatives fared: agreeing with the numbers, contradicted (W401), or not checked. */
function countClaims(analysis: Analysis, into: { agree: number; disagree: number; unchecked: number }): void {
  for (const s of analysis.statements) {
    if (s.kind !== 'claim') continue;
    const verdict = analysis.diagnostics.find((d) => d.span.start === s.start && (d.code === 'W401' || d.code === 'I402'));
    if (verdict?.code === 'W401') into.disagree++;
    else if (verdict || !checkable(analysis, s)) into.unchecked++;
    else into.agree++;
  }
}

/** "3 claims: 2 agree with the numbers, 1 disagrees", "2 claims agree with the numbers"; '' without claims. */
function claimsText(c: { agree: number; disagree: number; unchecked: number }): string {
  const total = c.agree + c.disagree + c.unchecked;
  if (total === 0) return '';
  if (c.agree === total) return `${total} claim${total === 1 ? ' agrees' : 's agree'} with the numbers`;
  const parts = [
    c.agree ? `${c.agree} agree${c.agree === 1 ? 's' : ''} with the numbers` : '',
    c.disagree ? `${c.disagree} disagree${c.disagree === 1 ? 's' : ''}` : '',
    c.unchecked ? `${c.unchecked} not checked` : '',
  ].filter(Boolean);
  return `${total} claim${total === 1 ? '' : 's'}: ${parts.join(', ')}`;
}

/** A claim the numbers contradict fails a check as an error does: CI should not pass a wrong derivative. */
const fails = (d: JsonDiagnostic): boolean => d.severity === 'error' || d.code === 'W401';

export function reportDiagnostics(file: string, text: string, diagnostics: readonly Diagnostic[], out: NodeJS.WritableStream): void {
  for (const d of toJsonDiagnostics(file, text, diagnostics)) out.write(formatDiagnostic(d));
}

export function runCheck(files: string[], options: { json: boolean; symmetric?: string; seed?: string; tolerance?: string }): number {
  if (files.length === 0) {
    process.stderr.write("mcalc check: name at least one file (mcalc check FILE…)\n");
    return 2;
  }
  const symmetric = parseSymmetric('check', options.symmetric);
  const seed = parseSeed('check', options.seed);
  const tolerance = parseTolerance('check', options.tolerance);
  if (symmetric === null || seed === null || tolerance === null) return 2;
  const analysisOptions: AnalysisOptions = {
    ...(symmetric ? { symmetric } : {}), ...(seed !== undefined ? { seed } : {}), ...(tolerance !== undefined ? { tolerance } : {}),
  };
  const all: JsonDiagnostic[] = [];
  const claims = { agree: 0, disagree: 0, unchecked: 0 };
  let unreadable = false;
  let read = 0;
  for (const file of files) {
    const text = readDocument(file);
    if (text === undefined) {
      unreadable = true;
      continue;
    }
    read++;
    const analysis = analyze(text, languageOf(file), analysisOptions);
    append(all, toJsonDiagnostics(file, text, analysis.diagnostics, analysis, analysisOptions.symmetric));
    countClaims(analysis, claims);
  }
  if (options.json) process.stdout.write(`${JSON.stringify(all, null, 2)}\n`);
  else {
    for (const d of all) process.stdout.write(formatDiagnostic(d));
    const errors = all.filter((d) => d.severity === 'error').length;
    const warnings = all.filter((d) => d.severity === 'warning').length;
    const inFiles = `in ${read} file${read === 1 ? '' : 's'}`;
    // A clean run with claims says so: silence alone cannot tell a claim that agrees from one that was never read.
    const told = claimsText(claims);
    if (all.length > 0) {
      process.stderr.write(`${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}${told ? ` (${told})` : ''} ${inFiles}\n`);
    } else if (told) process.stderr.write(`${told} ${inFiles}\n`);
  }
  if (unreadable) return 2;
  return all.some(fails) ? 1 : 0;
}
