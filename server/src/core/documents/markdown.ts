// Finds the mcalc regions of a Markdown document (```mcalc and ~~~mcalc fences) and the prose blocks that may hold
// LaTeX math, in one markdown-it pass, located by line.
import MarkdownIt from 'markdown-it';
import type { Span } from '../syntax/span';
import type { TextLike } from '../incremental/piece-text';

export interface Region {
  /** From the start of the first content line to the end of the last one, in the document's offsets. */
  readonly span: Span;
  /** Zero-based line of the opening fence. */
  readonly fenceLine: number;
  /** Zero-based line of the first content line. */
  readonly firstLine: number;
  /** Per content line, how many leading characters belong to the container (indentation, `> `). */
  readonly prefixes: readonly number[];
  readonly closed: boolean;
}

/** Block structure only: what the scan reads is each block's lines and raw content, never the inline parse. */
let md: MarkdownIt | undefined;

function blockParser(): MarkdownIt {
  if (!md) {
    md = new MarkdownIt('commonmark');
    md.core.ruler.disable(['inline', 'text_join']);
  }
  return md;
}

/** Whether a fence's info string marks it as mcalc (```mcalc, ~~~ mcalc {…}). */
export function isMcalcInfo(info: string): boolean {
  return (info.trim().split(/[\s{]/)[0] ?? '').toLowerCase() === 'mcalc';
}

/**
 * Offsets at which each line starts. A typed array: a long note has 100,000 lines and every edit makes a new table;
 * a typed array's memory comes from the allocator, which reuses it, where an array of that size is fresh heap
 * memory each time (page faults cost more than the copy on the machines we measure on: BENCHMARKS.md).
 */
export type LineStarts = ArrayLike<number>;

export function lineStarts(text: string): Uint32Array {
  let count = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count++;
  const starts = new Uint32Array(count);
  let k = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts[k++] = i + 1;
  return starts;
}

function lineText(text: TextLike, starts: LineStarts, line: number): string {
  const start = starts[line] ?? text.length;
  const end = line + 1 < starts.length ? starts[line + 1]! - 1 : text.length;
  return text.slice(start, end).replace(/\r$/, '');
}

/** A block of inline text (paragraph, heading, list item's paragraph): where `$…$` math may stand. */
export interface ProseBlock {
  /** Zero-based first line. */
  readonly firstLine: number;
  /** Per line, how many leading characters belong to the container or the block's marker (`> `, `- `, `# `). */
  readonly prefixes: readonly number[];
}

export interface MarkdownScan {
  readonly regions: Region[];
  /** In document order. Fences, indented code and HTML blocks are not prose. */
  readonly prose: ProseBlock[];
  /**
   * Line ranges [first, end) of the blocks that may run over blank lines — every fence, indented code block and HTML
   * block — in document order: a re-scan never starts or stops inside one (documents/markdown-rescan.ts).
   */
  readonly leaves: LineRange[];
  /**
   * Set when blocks nest nearly as deep as markdown-it allows (\`maxNesting\`: ten lists in one another). At the limit
   * it stops reading, to the end of what it was given, so blocks after it depend on where the text read began: such a
   * scan is made in one pass from the start of a part, never put together from parts (here and in the re-scan).
   */
  readonly deep?: true;
}

export type LineRange = readonly [first: number, end: number];

/**
 * How many leading characters of a source line are not the block's own text: markdown-it strips the container
 * prefix (and normalises CRLF), so a content line is a suffix of its source line. A tab that markdown-it expanded
 * breaks that; then the prefix is the leading run of whitespace and `>`.
 */
function prefixOf(source: string, content: string): number {
  const s = source.trimEnd();
  const c = content.trimEnd();
  return c !== '' && s.endsWith(c) ? s.length - c.length : (/^[\s>]*/.exec(source)?.[0].length ?? 0);
}

/** A scan being put together from parts. */
type ScanInParts = { -readonly [K in keyof MarkdownScan]: MarkdownScan[K] };

/**
 * Past 1.5 times this many lines a note is scanned a part at a time, each part ending at a cut: markdown-it's time on
 * one string grows faster than the string (10× the lines of the benchmark note took it 23× the time: its collector, on
 * copies of a text of megabytes). Parts of 5,000 lines still showed it: scanning the 10,000- and 100,000-line notes
 * took 10 and 111 ms, against 6 and 65 ms in parts of 1,000 (and about the same in parts of 500).
 */
const SCAN_LINES = 1000;

/**
 * The mcalc fences, mapped by line, and the prose blocks in which math is looked for: one markdown-it pass, or one per
 * part of a long note (`partLines`: tests make them small). The same scan either way.
 */
export function scanMarkdown(text: string, starts: LineStarts = lineStarts(text), partLines = SCAN_LINES): MarkdownScan {
  const n = starts.length;
  if (n <= partLines * 1.5) return scanLines(text, starts, 0, n);
  const out: ScanInParts = { regions: [], prose: [], leaves: [] };
  for (let first = 0, size = partLines; first < n;) {
    const end = first + size;
    if (n - first <= size * 1.5) return joinScan(out, scanLines(text, starts, first, n), n);
    const scan = scanLines(text, starts, first, end);
    if (scan.deep) return joinScan(out, scanLines(text, starts, first, n), n);
    // The last cut in the part's second half, by the part's own leaves: a block that runs past the cut in the whole
    // note runs past it in the part too (what ends it lies before the cut), so the blocks before the cut are the note's.
    let cut = end - 1;
    while (cut > first + (size >> 1) && !isCut(text, starts, scan.leaves, cut)) cut--;
    if (cut <= first + (size >> 1)) {
      // None (a fence, list or comment longer than half the part): the same part again, twice as long.
      size *= 2;
      continue;
    }
    joinScan(out, scan, cut);
    first = cut;
    size = partLines;
  }
  return out;
}

/** Appends the blocks of `scan` that start before line `before`. */
function joinScan(out: ScanInParts, scan: MarkdownScan, before: number): MarkdownScan {
  if (scan.deep) out.deep = true;
  for (const r of scan.regions) if (r.fenceLine < before) out.regions.push(r);
  for (const p of scan.prose) if (p.firstLine < before) out.prose.push(p);
  for (const l of scan.leaves) if (l[0] < before) out.leaves.push(l);
  return out;
}

function isBlank(text: TextLike, starts: LineStarts, line: number): boolean {
  const end = line + 1 < starts.length ? starts[line + 1]! : text.length;
  for (let i = starts[line]!; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return false;
  }
  return true;
}

/** A line that starts at column 0 with something other than whitespace. */
function startsFlush(text: TextLike, starts: LineStarts, line: number): boolean {
  if (line >= starts.length) return false;
  const at = starts[line]!;
  if (at >= text.length) return false;
  const c = text.charCodeAt(at);
  return c !== 32 && c !== 9 && c !== 10 && c !== 13;
}

/** Whether one of the (sorted) leaf ranges holds the line. */
export function covered(leaves: readonly LineRange[], line: number): boolean {
  let lo = 0;
  let hi = leaves.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [a, b] = leaves[mid]!;
    if (line < a) hi = mid - 1;
    else if (line >= b) lo = mid + 1;
    else return true;
  }
  return false;
}

/**
 * Whether a fresh start at `line` (after the blank line before it) is a cut: a place where CommonMark starts afresh —
 * a blank line followed by a line that starts at column 0. There every container has ended (a blank line ends a
 * quote, and a list item's text needs indentation), no paragraph goes on, and what the blank line does not lie in —
 * one of `leaves`: a fence, an HTML block or indented code, the only blocks that run over blank lines — cannot reach
 * further. So the blocks after a cut read the same as in a document of their own.
 */
export function isCut(text: TextLike, starts: LineStarts, leaves: readonly LineRange[], line: number): boolean {
  return line === 0 || (isBlank(text, starts, line - 1) && startsFlush(text, starts, line) && !covered(leaves, line - 1));
}

/**
 * scanMarkdown over the lines [first, end) of the text alone, as if they were a document of their own; lines and
 * offsets in the result are the whole text's. (The re-scan after an edit reads only the lines around it.)
 */
export function scanLines(text: TextLike, starts: LineStarts, first: number, end: number): MarkdownScan {
  const from = starts[first] ?? text.length;
  const to = end < starts.length ? starts[end]! : text.length;
  const slice = typeof text === 'string' && first === 0 && to === text.length ? text : text.slice(from, to);
  // markdown-it breaks lines at a lone CR too; the core's lines (and so the maps here) break at LF only.
  const parser = blockParser();
  const tokens = parser.parse(slice.includes('\r') ? slice.replace(/\r(?!\n)/g, ' ') : slice, {});
  const regions: Region[] = [];
  const prose: ProseBlock[] = [];
  const leaves: LineRange[] = [];
  let deep = false;
  const nearLimit = ((parser.options as { maxNesting?: number }).maxNesting ?? 20) - 4;
  for (const tok of tokens) {
    if (tok.level >= nearLimit) deep = true;
    if (!tok.map) continue;
    if (tok.type === 'inline') {
      // A setext heading's map also covers its underline, which the content lacks: only content lines count.
      const firstLine = tok.map[0] + first;
      const prefixes = tok.content.split('\n').map((c, i) => prefixOf(lineText(text, starts, firstLine + i), c));
      prose.push({ firstLine, prefixes });
      continue;
    }
    if (tok.type === 'fence' || tok.type === 'code_block' || tok.type === 'html_block') leaves.push([tok.map[0] + first, tok.map[1] + first]);
    if (tok.type !== 'fence' || !isMcalcInfo(tok.info)) continue;
    const open = tok.map[0] + first;
    const endLine = tok.map[1] + first;
    const content = tok.content.split('\n');
    if (content.at(-1) === '') content.pop();
    const firstLine = open + 1;
    const prefixes = content.map((c, i) => {
      const source = lineText(text, starts, firstLine + i);
      return source.endsWith(c) ? source.length - c.length : (/^[\s>]*/.exec(source)?.[0].length ?? 0);
    });
    const start = starts[firstLine] ?? text.length;
    const last = firstLine + content.length - 1;
    const regionEnd = content.length === 0 ? start : (starts[last] ?? text.length) + lineText(text, starts, last).length;
    regions.push({ span: { start, end: regionEnd }, fenceLine: open, firstLine, prefixes, closed: endLine - firstLine > content.length });
  }
  return deep ? { regions, prose, leaves, deep } : { regions, prose, leaves };
}

/**
 * The mcalc fences of a Markdown text, mapped by line: markdown-it normalises CRLF and strips each
 * content line's container prefix, so a content line is a suffix of its source line.
 */
export function findMcalcRegions(text: string): Region[] {
  return scanMarkdown(text).regions;
}

/** Spaces for every character but line breaks, so offsets and lines stay the same. */
function blank(segment: string): string {
  return segment.replace(/[^\r\n]+/g, (run) => ' '.repeat(run.length));
}

/** The container prefixes of region lines (`> ` of a quote, list indentation) that are not already blank. */
function prefixSpans(text: string, regions: readonly Region[]): Array<[number, number]> {
  if (!regions.some((r) => r.prefixes.some((p) => p > 0))) return [];
  const starts = lineStarts(text);
  const spans: Array<[number, number]> = [];
  for (const r of regions) {
    r.prefixes.forEach((prefix, i) => {
      const at = starts[r.firstLine + i]!;
      if (prefix > 0 && /\S/.test(text.slice(at, at + prefix))) spans.push([at, at + prefix]);
    });
  }
  return spans;
}

/**
 * The text the parser reads for a Markdown document: the document itself, with the container prefixes
 * of region lines blanked. The parser reads only inside the regions, so nothing else needs copying —
 * for a note without quoted fences this is the document unchanged (no copy of a 2 MB file per keystroke).
 */
export function regionSource(text: string, regions: readonly Region[]): string {
  const spans = prefixSpans(text, regions);
  if (spans.length === 0) return text;
  const pieces: string[] = [];
  let pos = 0;
  for (const [a, b] of spans) {
    pieces.push(text.slice(pos, a), ' '.repeat(b - a));
    pos = b;
  }
  pieces.push(text.slice(pos));
  return pieces.join('');
}

/**
 * The document with everything but the regions' mcalc text blanked to spaces (newlines kept), so
 * that reading it anywhere sees only mcalc, at offsets that are the Markdown file's own.
 */
export function maskOutsideRegions(text: string, regions: readonly Region[]): string {
  const pieces: string[] = [];
  let pos = 0;
  const source = regionSource(text, regions);
  for (const r of regions) {
    pieces.push(blank(source.slice(pos, r.span.start)), source.slice(r.span.start, r.span.end));
    pos = r.span.end;
  }
  pieces.push(blank(source.slice(pos)));
  return pieces.join('');
}

/**
 * The prefix that puts a new line in the same container as a block whose first line begins with `lead` (the part
 * before the block's own text): quotes (`>`) and indentation are kept, a list item's marker becomes as many spaces
 * (`> - ` → `>   `), and a heading's `#` marks go (a paragraph after a heading is no heading).
 */
export function containerPrefix(lead: string): string {
  return lead
    .replace(/(^|[\s>])([-*+]|[0-9]{1,9}[.)])(?=\s|$)/g, (_, before: string, marker: string) => before + ' '.repeat(marker.length))
    .replace(/#{1,6}(?:[ \t]+|$)$/, '');
}
