// Re-parsing a region (a .mcalc file, or one Markdown block) after an edit inside it: only the statements around the
// edit are parsed again; those before it are kept and those after it are moved.
//
// The parser reads one statement per line and starts each at the first token of a line (parser.ts). A statement start
// is a fresh state: what follows it depends only on the tokens from there on. So the old parse holds up to the last
// statement whose line lies wholly before the edit (the parser's look-ahead from before it reaches no further than
// that line), and from the first statement after the edit at which the new parse starts a statement too: the window
// between is parsed again, with the next statement's line in it so that the look-ahead sees what the whole parse sees.
import { append } from '../arrays';
import type { Diagnostic } from '../diagnostics';
import type { Statement } from '../syntax/ast';
import { parse, type ParseResult } from '../syntax/parser';
import type { Span } from '../syntax/span';
import { shiftDiagnostic, shiftStatement } from './shift';
import { lineAt, type TextChange } from './text-change';
import type { LineStarts } from '../documents/markdown';
import type { TextLike } from './piece-text';

/** A window's text parsed on its own, its offsets those of the document (the window starts at `at`). */
function parseSlice(text: string, at: number): ParseResult {
  const p = parse(text);
  return { statements: p.statements.map((s) => shiftStatement(s, at)), diagnostics: p.diagnostics.map((g) => shiftDiagnostic(g, at)) };
}

/** The first index whose statement starts at or after `offset`. */
function firstFrom(statements: readonly Statement[], offset: number): number {
  let lo = 0;
  let hi = statements.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (statements[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The statements around an edit, parsed again: old statements [from, to) (from `x` up to `yOld` in the old text) are
 * replaced by `statements` (from `x` up to `y` in the new text, with the parser's `diagnostics` there); the statements
 * before are kept as they are, and those from `to` on are the same moved by the edit's length.
 */
export interface ReparsedWindow {
  readonly from: number;
  readonly to: number;
  readonly x: number;
  readonly yOld: number;
  readonly y: number;
  /** Whether the window runs to the region's end (then a diagnostic at its very end, `yOld`, is the window's too). */
  readonly tail: boolean;
  readonly statements: readonly Statement[];
  readonly diagnostics: readonly Diagnostic[];
}

/** The window of `region` (the new text's, in `source`) that `change` makes the parser read again. */
export function reparseWindow(before: ParseResult, source: TextLike, starts: LineStarts, region: Span, change: TextChange): ReparsedWindow {
  // Pieces of a text are read a window at a time: the parser reads a string, and then the window alone.
  const parseRange = (a: number, b: number): ParseResult => (typeof source === 'string' ? parse(source, a, b) : parseSlice(source.slice(a, b), a));
  const old = before.statements;
  const d = change.newEnd - change.oldEnd;
  // The restart: the last statement whose whole line (with its line break) comes before the change.
  let xi = firstFrom(old, change.start) - 1;
  while (xi >= 0) {
    const line = lineAt(starts, old[xi]!.start);
    if ((starts[line + 1] ?? Infinity) <= change.start) break;
    xi--;
  }
  const x = xi >= 0 ? old[xi]!.start : region.start;
  const from = Math.max(0, xi);
  let yi = firstFrom(old, change.oldEnd);
  let step = 1;
  for (;;) {
    if (yi >= old.length) {
      const p = parseRange(x, region.end);
      return { from, to: old.length, x, yOld: region.end - d, y: region.end, tail: true, statements: p.statements, diagnostics: p.diagnostics };
    }
    const yOld = old[yi]!.start;
    const y = yOld + d;
    const windowEnd = Math.min(region.end, starts[lineAt(starts, y) + 1] ?? source.length);
    const p = parseRange(x, windowEnd);
    const k = p.statements.findIndex((s) => s.start >= y);
    if (k >= 0 && p.statements[k]!.start === y) {
      return { from, to: yi, x, yOld, y, tail: false, statements: p.statements.slice(0, k), diagnostics: p.diagnostics.filter((g) => g.span.start < y) };
    }
    yi += step;
    step *= 2;
  }
}

/**
 * The parse of `region` (the new text's, in `source`) after `change`, from its parse before the change. `starts` are
 * the new text's line starts. `moved` is told of every statement reused after the edit, as it was and as it is now.
 */
export function reparseRegion(
  before: ParseResult, source: string, starts: LineStarts, region: Span, change: TextChange,
  moved: (was: Statement, now: Statement) => void,
): ParseResult {
  const w = reparseWindow(before, source, starts, region, change);
  const old = before.statements;
  const d = change.newEnd - change.oldEnd;
  const statements = old.slice(0, w.from);
  append(statements, w.statements);
  for (let i = w.to; i < old.length; i++) {
    const was = old[i]!;
    const now = shiftStatement(was, d);
    if (now !== was) moved(was, now);
    statements.push(now);
  }
  const diagnostics = before.diagnostics.filter((g) => g.span.start < w.x);
  append(diagnostics, w.diagnostics);
  for (const g of before.diagnostics) if (g.span.start >= w.yOld && w.to < old.length) diagnostics.push(shiftDiagnostic(g, d));
  return { statements, diagnostics };
}
