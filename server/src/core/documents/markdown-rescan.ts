// The Markdown scan after an edit, without reading the whole note again: markdown-it re-reads only the lines between
// two cuts around the edit, and the blocks outside keep what the previous scan found (moved by the edit's length).
//
// A cut is a place where CommonMark starts afresh: a blank line followed by a line that starts at column 0. There every
// container has ended (a blank line ends a quote, and a list item's text needs indentation), no paragraph goes on, and
// what the blank line does not lie in — a fence, an HTML block or indented code, the only blocks that run over blank
// lines — cannot reach further. So the blocks after the cut read the same as in a document of their own.
import { append } from '../arrays';
import type { TextChange } from '../incremental/text-change';
import { lineAt } from '../incremental/text-change';
import type { TextLike } from '../incremental/piece-text';
import { covered, isCut, scanLines, type LineRange, type MarkdownScan, type ProseBlock, type Region, type LineStarts } from './markdown';

/** The new scan, and which of its regions and prose blocks are the previous scan's (moved by `shift`, or the same). */
export interface Rescan {
  readonly scan: MarkdownScan;
  /** For each new region: the previous region it is (same text), or undefined for one read afresh. */
  readonly regionOrigins: readonly (Region | undefined)[];
  readonly proseOrigins: readonly (ProseBlock | undefined)[];
  /** Lines of the new text that markdown-it read again: [first, end). */
  readonly lines: LineRange;
  /** The lines of the old text they replace: [first, end). */
  readonly oldLines: LineRange;
}

/**
 * The scan of `after`, given the scan of the text before the change and what changed. Lines are those of each text
 * (`beforeStarts`, `afterStarts`). It is the scan a full pass would give (test/unit/incremental-*.test.ts).
 */
export function rescanMarkdown(
  previous: MarkdownScan, beforeStarts: LineStarts, after: TextLike, afterStarts: LineStarts, change: TextChange,
): Rescan {
  const firstChanged = lineAt(beforeStarts, change.start);
  const lastChangedBefore = lineAt(beforeStarts, change.oldEnd);
  const lastChangedAfter = lineAt(afterStarts, change.newEnd);
  const lineShift = lastChangedAfter - lastChangedBefore;
  const shift = change.newEnd - change.oldEnd;
  const lineCount = afterStarts.length;
  // Blocks nested to markdown-it's limit: the scan is exact only read in one pass (markdown.ts, \`deep\`).
  const whole = (): Rescan => assemble(previous, scanLines(after, afterStarts, 0, lineCount), 0, lineCount, lineShift, shift);
  if (previous.deep) return whole();

  // The start: the last cut whose blank line and first line both lie before the change (they are the same text then).
  let first = firstChanged - 1;
  while (first > 0 && !(beforeStarts[first + 1]! <= change.start && isCut(after, afterStarts, previous.leaves, first))) first--;
  if (first < 0) first = 0;

  // The end: a cut after the change in the new text, that was a cut in the old one too (its blank line in no old leaf),
  // and where the re-read lines do not run on into (a fence or HTML block left open). Each miss doubles the reach.
  let end = lastChangedAfter + 2;
  let reach = 1;
  for (;;) {
    while (end < lineCount && !(isCut(after, afterStarts, [], end) && !covered(previous.leaves, end - 1 - lineShift))) end++;
    if (end >= lineCount) {
      end = lineCount;
      break;
    }
    const scan = scanLines(after, afterStarts, first, end);
    if (scan.deep) return whole();
    if (!scan.leaves.some(([, b]) => b > end - 1)) return assemble(previous, scan, first, end, lineShift, shift);
    end += reach;
    reach *= 2;
  }
  const last = scanLines(after, afterStarts, first, end);
  return last.deep ? whole() : assemble(previous, last, first, end, lineShift, shift);
}

/** The previous scan's blocks before line `first` and from `end` on (moved), with the re-read ones between. */
function assemble(previous: MarkdownScan, middle: MarkdownScan, first: number, end: number, lineShift: number, shift: number): Rescan {
  const oldEnd = end - lineShift;
  const { items: regions, origins: regionOrigins } = splice(previous.regions, middle.regions, (r) => r.fenceLine, first, oldEnd,
    (r) => (lineShift === 0 && shift === 0 ? r : {
      span: { start: r.span.start + shift, end: r.span.end + shift }, fenceLine: r.fenceLine + lineShift,
      firstLine: r.firstLine + lineShift, prefixes: r.prefixes, closed: r.closed,
    }));
  const { items: prose, origins: proseOrigins } = splice(previous.prose, middle.prose, (b) => b.firstLine, first, oldEnd,
    (b) => (lineShift === 0 ? b : { firstLine: b.firstLine + lineShift, prefixes: b.prefixes }));
  const leaves: LineRange[] = [];
  for (const l of previous.leaves) if (l[1] <= first) leaves.push(l);
  append(leaves, middle.leaves);
  for (const l of previous.leaves) if (l[0] >= oldEnd) leaves.push(lineShift === 0 ? l : [l[0] + lineShift, l[1] + lineShift]);
  const scan: MarkdownScan = middle.deep ? { regions, prose, leaves, deep: true } : { regions, prose, leaves };
  return { scan, regionOrigins, proseOrigins, lines: [first, end], oldLines: [first, oldEnd] };
}

/**
 * The previous blocks that start before line `first` (as they were), the re-read ones, and the previous ones that
 * start at `oldEnd` or later (moved); each with the previous block it came from, undefined for a re-read one.
 */
function splice<T>(
  previous: readonly T[], middle: readonly T[], lineOf: (x: T) => number, first: number, oldEnd: number, move: (x: T) => T,
): { items: T[]; origins: (T | undefined)[] } {
  const items: T[] = [];
  const origins: (T | undefined)[] = [];
  for (const x of previous) {
    if (lineOf(x) >= first) break;
    items.push(x);
    origins.push(x);
  }
  for (const x of middle) {
    items.push(x);
    origins.push(undefined);
  }
  for (const x of previous) {
    if (lineOf(x) < oldEnd) continue;
    items.push(move(x));
    origins.push(x);
  }
  return { items, origins };
}
