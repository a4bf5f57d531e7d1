// Diagnostic fixtures: mcalc text with `# ^^^ E201` marks under the expected ranges, and the one check() that compares.
//
// The format follows rust-analyzer's annotated fixtures:
//
//     S = (B ⊗ A) H
//     #   ^^^^^^^^^ E201 needs q·n rows
//
// - A mark line is a comment line: `#`, spaces, a run of carets, a diagnostic code, and optionally a
//   fragment of the expected message (the message must contain it, verbatim).
// - The carets stand under the columns [start, end) of the range on the nearest line above that is not a
//   mark line; several mark lines may follow one line of code. Columns count UTF-16 code units, as the
//   editor does (every character used in mcalc fixtures is one unit).
// - A range that starts in column 0, under the `#` itself, is marked with the carets glued to the `#`
//   and read as shifted left by one: `#^ E102` marks column 0, `#^^^` columns 0, 1 and 2. So a range that starts
//   in column 1 cannot be marked (it would read as column 0); fixtures avoid those (indent the line).
// - A range that does not end on its first line — a multi-line range, or the line break alone — is marked
//   on its first line only, from its start through the line break, which counts as one column past the
//   line's last character. So `S = A +` followed by a new statement is marked `#      ^ E001` (column 7).
// - An empty range (only at the very end of a file) cannot be marked: test it directly.
// - The comparison is exact, as a set of (line, start column, end column, code): every diagnostic counts,
//   hints included, and a file without marks must produce none. The marks are comments, so they do not
//   change how the code parses.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyze, LineIndex, type Analysis, type Diagnostic } from '../../server/src/core';

export interface Mark {
  /** Zero-based line of the range's start. */
  readonly line: number;
  readonly start: number;
  readonly end: number;
  readonly code: string;
  /** Expected: a fragment of the message. Actual: the whole message. */
  readonly message?: string;
}

const MARK_LINE = /^(\s*)#( *)(\^+)(?:\s+([EWIH]\d{3})\b\s*(.*))?$/;

/** Whether a line is a mark line (so it is skipped when finding the line a mark refers to). */
export function isMarkLine(line: string): boolean {
  return MARK_LINE.test(line);
}

/** The marks of a fixture. Throws on a malformed mark (one without a code, or above any code). */
export function parseMarks(text: string): Mark[] {
  const lines = text.split('\n');
  const marks: Mark[] = [];
  let target = -1;
  lines.forEach((line, i) => {
    const m = MARK_LINE.exec(line);
    if (!m) {
      target = i;
      return;
    }
    const [, indent = '', gap = '', carets = '', code, fragment] = m;
    if (!code) throw new Error(`line ${i + 1}: a mark needs a code after the carets: ${line}`);
    if (target < 0) throw new Error(`line ${i + 1}: a mark needs a line of code above it`);
    const start = gap === '' ? indent.length : indent.length + 1 + gap.length;
    marks.push({ line: target, start, end: start + carets.length, code, ...(fragment?.trim() ? { message: fragment.trim() } : {}) });
  });
  return marks;
}

/** The diagnostics as marks, by the rules in the header. */
export function actualMarks(text: string, diagnostics: readonly Diagnostic[]): Mark[] {
  const index = new LineIndex(text);
  const lines = text.split('\n');
  return diagnostics.map((d) => {
    const s = index.position(d.span.start);
    const e = index.position(d.span.end);
    const end = e.line === s.line ? e.character : (lines[s.line]?.length ?? 0) + 1;
    return { line: s.line, start: s.character, end, code: d.code, message: d.message };
  });
}

/** 1-based line (as an editor shows it), half-open 0-based columns. */
const key = (m: Mark): string => `line ${m.line + 1}, columns [${m.start}, ${m.end}): ${m.code}`;

function markText(m: Mark): string {
  const width = Math.max(1, m.end - m.start);
  const note = m.end === m.start ? ' (an empty range: cannot be marked)' : m.start === 1 ? ' (starts in column 1: cannot be marked)' : '';
  const marks = `#${' '.repeat(Math.max(0, m.start - 1))}${'^'.repeat(width)}`;
  return `${marks} ${m.code} ${m.message ?? ''}${note}`.trimEnd();
}

/** The fixture as it would read with the actual diagnostics as marks (printed when a check fails). */
export function annotate(text: string, diagnostics: readonly Diagnostic[]): string {
  const byLine = new Map<number, Mark[]>();
  for (const m of actualMarks(text, diagnostics)) byLine.set(m.line, [...(byLine.get(m.line) ?? []), m]);
  const out: string[] = [];
  text.split('\n').forEach((line, i) => {
    if (isMarkLine(line)) return;
    out.push(line);
    for (const m of byLine.get(i) ?? []) out.push(markText(m));
  });
  return out.join('\n');
}

/**
 * Analyses a fixture and asserts that its diagnostics are exactly its marks, and that each message
 * contains its mark's fragment. Returns the analysis for further assertions.
 */
export function check(text: string, name = 'fixture'): Analysis {
  const expected = parseMarks(text);
  const analysis = analyze(text, 'mcalc');
  const actual = actualMarks(text, analysis.diagnostics);
  const sorted = (ms: Mark[]): string[] => ms.map(key).sort();
  assert.deepEqual(sorted(actual), sorted(expected),
    `${name}: the diagnostics differ from the marks. With the actual diagnostics the fixture reads:\n\n${annotate(text, analysis.diagnostics)}\n`);
  for (const want of expected) {
    if (!want.message) continue;
    const got = actual.find((a) => key(a) === key(want))!;
    assert.ok(got.message!.includes(want.message),
      `${name}, ${key(want)}: the message should contain "${want.message}" but is "${got.message}"`);
  }
  return analysis;
}

export function checkFile(path: string): Analysis {
  return check(readFileSync(path, 'utf8'), path);
}
