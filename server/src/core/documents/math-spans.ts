// Where the LaTeX math of a Markdown note is: the `$…$` and `$$…$$` of its prose blocks, as VS Code's preview finds
// them, and the formula holding a span.
import { append } from '../arrays';
import type { Span } from '../syntax/span';
import { lineStarts, type ProseBlock, type LineStarts } from './markdown';
import type { TextLike } from '../incremental/piece-text';

export interface MathSpan {
  /** The formula with its delimiters, in the Markdown file's offsets. */
  readonly span: Span;
  /** Between the delimiters. */
  readonly content: Span;
  /** `$$…$$` rather than `$…$`. */
  readonly display: boolean;
  /** The paragraph (or heading, list item's paragraph…) the formula stands in. */
  readonly block: ProseBlock;
}

/**
 * The `$…$` and `$$…$$` of the prose blocks, and the text to read them from: the document with the container
 * prefixes (`> `) of prose lines blanked, so that a formula running over lines of a quote reads without them.
 * Rules (those of VS Code's preview, @vscode/markdown-it-katex): a backslash escapes the next character (`\$`), code
 * spans are skipped, an inline `$` opens only before a non-space, and the next `$` closes it only after a non-space
 * and before a non-digit — otherwise the first is a dollar sign, so "costs $5 and $10" holds no math.
 */
export function findMath(text: string, prose: readonly ProseBlock[], starts: LineStarts = lineStarts(text)): { source: string; spans: MathSpan[] } {
  const spans: MathSpan[] = [];
  const blanks: Array<[number, number]> = [];
  for (const b of prose) {
    const local = blockSource(text, starts, b);
    for (const m of scanBlock(local.text, 0, local.end, b)) spans.push(moveMath(m, local.at, b));
    append(blanks, local.blanks);
  }
  let source = text;
  if (blanks.length) {
    const pieces: string[] = [];
    let pos = 0;
    for (const [a, z] of blanks) {
      pieces.push(text.slice(pos, a), ' '.repeat(z - a));
      pos = z;
    }
    source = pieces.join('') + text.slice(pos);
  }
  return { source, spans };
}

/**
 * A prose block's own text, to read its math from: from its first line to the end of its last, with the container
 * prefixes (`> `) of its lines blanked so that a formula running over lines of a quote reads without them, and the
 * character after it (a line break) so that a look one past the end sees what it would in the document.
 * Offsets in it are relative to `at`, the block's start in the document; `end` is where the block's text ends.
 */
export function blockSource(
  text: TextLike, starts: LineStarts, b: ProseBlock,
): { text: string; at: number; end: number; blanks: Array<[number, number]> } {
  const at = starts[b.firstLine] ?? text.length;
  const next = starts[b.firstLine + b.prefixes.length];
  const end = next === undefined ? text.length : next - 1;
  const blanks: Array<[number, number]> = [];
  b.prefixes.forEach((p, i) => {
    const from = starts[b.firstLine + i];
    if (p > 0 && from !== undefined && /\S/.test(text.slice(from, from + p))) blanks.push([from, from + p]);
  });
  let local = text.slice(at, end + 1);
  if (blanks.length) {
    const pieces: string[] = [];
    let pos = 0;
    for (const [a, z] of blanks) {
      pieces.push(local.slice(pos, a - at), ' '.repeat(z - a));
      pos = z - at;
    }
    local = pieces.join('') + local.slice(pos);
  }
  return { text: local, at, end: end - at, blanks };
}

/** A formula found in a block's own text (offsets relative to it), placed in the document. */
export function moveMath(m: MathSpan, d: number, block: ProseBlock): MathSpan {
  return {
    span: { start: m.span.start + d, end: m.span.end + d }, content: { start: m.content.start + d, end: m.content.end + d },
    display: m.display, block,
  };
}

/** Where scanning may stop: a backslash (escape), a backtick (code span) or a dollar. */
const SPECIAL = /[\\`$]/g;

/** The `$…$` and `$$…$$` of s[start, end), in order (rules: findMath). */
export function scanBlock(s: string, start: number, end: number, block: ProseBlock): MathSpan[] {
  const out: MathSpan[] = [];
  let i = start;
  while (i < end) {
    SPECIAL.lastIndex = i;
    const m = SPECIAL.exec(s);
    if (!m || m.index >= end) break;
    i = m.index;
    const ch = s[i];
    if (ch === '\\') {
      i += 2;
    } else if (ch === '`') {
      const n = run(s, i, end);
      const close = closingRun(s, i + n, end, n);
      i = close < 0 ? i + n : close + n;
    } else if (s[i + 1] === '$') {
      const close = closing(s, i + 2, end, (j) => s.startsWith('$$', j));
      if (close < 0) i += 2;
      else {
        out.push({ span: { start: i, end: close + 2 }, content: { start: i + 2, end: close }, display: true, block });
        i = close + 2;
      }
    } else if (i + 1 < end && !/[ \t]/.test(s[i + 1]!)) {
      // The first unescaped `$` closes, if it can; if not, this `$` is a dollar sign (as the preview has it).
      const close = closing(s, i + 1, end, (j) => s[j] === '$');
      if (close < 0 || /[ \t]/.test(s[close - 1]!) || /[0-9]/.test(s[close + 1] ?? '')) i++;
      else {
        out.push({ span: { start: i, end: close + 1 }, content: { start: i + 1, end: close }, display: false, block });
        i = close + 1;
      }
    } else i++;
  }
  return out;
}

function closing(s: string, from: number, end: number, isClose: (j: number) => boolean): number {
  for (let j = from; j < end; j++) {
    if (s[j] === '\\') j++;
    else if (isClose(j)) return j;
  }
  return -1;
}

/** How many backticks start at i. */
function run(s: string, i: number, end: number): number {
  let j = i;
  while (j < end && s[j] === '`') j++;
  return j - i;
}

/** The next run of exactly n backticks (a code span's end). */
function closingRun(s: string, from: number, end: number, n: number): number {
  for (let j = from; j < end; ) {
    if (s[j] !== '`') {
      j++;
      continue;
    }
    const m = run(s, j, end);
    if (m === n) return j;
    j += m;
  }
  return -1;
}

/** The formula whose content holds the span, if any. */
export function formulaAt<F extends MathSpan>(formulas: readonly F[], sp: Span): F | undefined {
  // The formulas are in document order: the last one starting at or before sp decides.
  let lo = 0;
  let hi = formulas.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (formulas[mid]!.content.start <= sp.start) lo = mid;
    else hi = mid - 1;
  }
  const f = formulas[lo];
  return f && f.content.start <= sp.start && sp.end <= f.content.end ? f : undefined;
}

