// The analysis of one document, kept up to date edit by edit (docs/language-server.md, "Incremental analysis").
//
// Each update finds the one range in which the text changed and redoes only what that range can affect: the Markdown
// scan re-reads the lines around it (documents/markdown-rescan.ts), a region is re-parsed around it
// (region-parse.ts), a prose block's math is read again only if the block changed; everything else is kept, moved by
// the edit's length. The scope runs over all statements, but replays the inference of every statement that came
// again unchanged and sees the same symbols (scope-memo.ts), and a claim's numeric check is redone only when
// something it reads changed (claims-memo.ts).
//
// An edit in a note's prose that leaves every block and formula as it was (typing text, the common case) does not
// even do that: the analysis is the previous one moved (moved-analysis.ts), its diagnostics at once and the rest when
// read, and the kept state is moved only when an edit that matters comes.
//
// The result is always the analysis analyze() gives for the same text: test/unit/incremental.test.ts compares the two
// over random edits.
import { analyzeParts, type Analysis, type AnalysisMemo, type AnalysisOptions, type LanguageId, type TextParts } from '../analysis';
import { lineStarts, regionSource, scanMarkdown, type MarkdownScan, type ProseBlock, type Region, type LineStarts } from '../documents/markdown';
import { rescanMarkdown, type Rescan } from '../documents/markdown-rescan';
import { mergeMath, moveReading, readBlock, type FormulaReading, type MathMemo } from '../documents/math';
import type { InferenceRoot } from '../scope-memo';
import type { Statement } from '../syntax/ast';
import type { Token } from '../syntax/tokens';
import { parse, type ParseResult } from '../syntax/parser';
import { movedAnalysis } from './moved-analysis';
import { Moves } from './moves';
import { reparseRegion } from './region-parse';
import { shiftDiagnostic, shiftStatement } from './shift';
import { diffText, lineAt, mapOffset, updateLineStarts, type TextChange } from './text-change';

type ReadingOrigin = { readonly reading: FormulaReading; readonly shift: number };

/** Everything kept from one version of the document for the next. */
interface Concrete {
  readonly kind: 'concrete';
  readonly text: string;
  readonly lines: LineStarts;
  readonly scan: MarkdownScan | null;
  /** Markdown: each region's parse; mcalc: the one parse, under the key `null`. */
  readonly parses: ReadonlyMap<Region | null, ParseResult>;
  readonly readings: ReadonlyMap<ProseBlock, readonly FormulaReading[]>;
  readonly mathMemo: MathMemo | undefined;
  readonly memo: AnalysisMemo;
  readonly analysis: Analysis;
  /**
   * When the parses and readings were moved here from an earlier version (materialize()): where the memos' offsets,
   * roots and formulas are in this one. Absent, they are this version's own.
   */
  readonly memoMove?: (x: number) => number;
  readonly rootOrigins?: ReadonlyMap<InferenceRoot, InferenceRoot>;
  readonly readingOrigins?: ReadonlyMap<FormulaReading, ReadingOrigin>;
}

/** A note after prose edits only: `base` moved by `moves`, with the scan of the text now. */
interface Moved {
  readonly kind: 'moved';
  readonly base: Concrete;
  readonly moves: Moves;
  readonly text: string;
  readonly lines: LineStarts;
  readonly scan: MarkdownScan;
  readonly analysis: Analysis;
}

/** The statement's root of inference (what the scope's records are kept by). */
function rootOf(s: Statement): InferenceRoot | undefined {
  return s.kind === 'declaration' ? s.shape : s.kind === 'definition' || s.kind === 'claim' ? s.value : undefined;
}

export class DocumentAnalyzer {
  private state: Concrete | Moved | undefined;

  constructor(readonly languageId: LanguageId, readonly options: AnalysisOptions = {}) {}

  /** The analysis of `text`, the document's new version: identical to analyze(text, languageId, options). */
  update(text: string): Analysis {
    const prev = this.state;
    if (prev && prev.text === text) return prev.analysis;
    const change = prev && diffText(prev.text, text);
    if (!prev || !change) {
      this.state = this.fresh(text);
      return this.state.analysis;
    }
    const lines = updateLineStarts(prev.lines, text, change);
    if (this.languageId === 'mcalc') {
      this.state = this.again(prev as Concrete, text, change, lines, undefined);
      return this.state.analysis;
    }
    const rescan = rescanMarkdown(prev.scan!, prev.lines, text, lines, change);
    if (onlyMoved(prev, text, lines, change, rescan)) {
      const base = prev.kind === 'moved' ? prev.base : prev;
      const moves = (prev.kind === 'moved' ? prev.moves : Moves.none).then(change);
      const analysis = movedAnalysis(base.analysis, moves, { text, lineStarts: lines, regions: rescan.scan.regions, prose: rescan.scan.prose });
      this.state = { kind: 'moved', base, moves, text, lines, scan: rescan.scan, analysis };
    } else {
      this.state = this.again(prev.kind === 'moved' ? materialize(prev) : prev, text, change, lines, rescan);
    }
    return this.state.analysis;
  }

  private fresh(text: string): Concrete {
    const lines = lineStarts(text);
    if (this.languageId === 'mcalc') {
      const p = parse(text);
      const parts: TextParts = { text, languageId: 'mcalc', lineStarts: lines, regions: null, source: text, parses: [p], math: null };
      const { analysis, memo } = analyzeParts(parts, this.options, undefined, true);
      return { kind: 'concrete', text, lines, scan: null, parses: new Map([[null, p]]), readings: new Map(), mathMemo: undefined, memo: memo!, analysis };
    }
    const scan = scanMarkdown(text, lines);
    const source = regionSource(text, scan.regions);
    const parses = scan.regions.map((r) => parse(source, r.span.start, r.span.end));
    const perBlock = scan.prose.map((b) => readBlock(text, lines, b));
    const fence = parses.flatMap((p) => p.statements);
    const math = mergeMath(perBlock.flat(), fence);
    const parts: TextParts = { text, languageId: 'markdown', lineStarts: lines, regions: scan.regions, source, parses, math: math.reading };
    const { analysis, memo } = analyzeParts(parts, this.options, undefined, true);
    return {
      kind: 'concrete', text, lines, scan, parses: new Map(scan.regions.map((r, i) => [r, parses[i]!])),
      readings: new Map(scan.prose.map((b, i) => [b, perBlock[i]!])), mathMemo: math.memo, memo: memo!, analysis,
    };
  }

  private again(prev: Concrete, text: string, change: TextChange, lines: LineStarts, rescan: Rescan | undefined): Concrete {
    // The roots of statements reused after the edit, moved: where the scope finds what it recorded for them.
    const origins = new Map<InferenceRoot, InferenceRoot>();
    const moved = (was: Statement, now: Statement): void => {
      const a = rootOf(was);
      const b = rootOf(now);
      if (a && b) origins.set(b, a);
    };
    const memoMove = prev.memoMove;
    const previous = {
      memo: prev.memo,
      move: (x: number) => mapOffset(change, memoMove ? memoMove(x) : x),
      origin: (r: InferenceRoot) => {
        const o = origins.get(r) ?? r;
        return prev.rootOrigins?.get(o) ?? o;
      },
    };

    if (this.languageId === 'mcalc') {
      const p = reparseRegion(prev.parses.get(null)!, text, lines, { start: 0, end: text.length }, change, moved);
      const parts: TextParts = { text, languageId: 'mcalc', lineStarts: lines, regions: null, source: text, parses: [p], math: null };
      const { analysis, memo } = analyzeParts(parts, this.options, previous, true);
      return { kind: 'concrete', text, lines, scan: null, parses: new Map([[null, p]]), readings: new Map(), mathMemo: undefined, memo: memo!, analysis };
    }

    const { scan } = rescan!;
    const source = regionSource(text, scan.regions);
    const d = change.newEnd - change.oldEnd;
    const parses = scan.regions.map((r, i) => {
      const origin = rescan!.regionOrigins[i];
      if (origin) return moveParse(prev.parses.get(origin)!, r.span.start - origin.span.start, moved);
      // A region read again: if it held the edit and is otherwise the same, only the lines around the edit are parsed.
      const was = prev.scan!.regions.find((o) => o.span.start === r.span.start && o.span.start <= change.start
        && change.oldEnd <= o.span.end && o.span.end + d === r.span.end);
      return was ? reparseRegion(prev.parses.get(was)!, source, lines, r.span, change, moved) : parse(source, r.span.start, r.span.end);
    });

    const readingOrigins = new Map<FormulaReading, ReadingOrigin>();
    const perBlock = scan.prose.map((b, i) => {
      const origin = rescan!.proseOrigins[i];
      if (!origin) return readBlock(text, lines, b);
      const shift = lines[b.firstLine]! - prev.lines[origin.firstLine]!;
      return prev.readings.get(origin)!.map((r) => {
        const now = moveReading(r, shift, b);
        if (now !== r) readingOrigins.set(now, { reading: r, shift });
        return now;
      });
    });
    const math = mergeMath(perBlock.flat(), parses.flatMap((p) => p.statements), {
      memo: prev.mathMemo!,
      origin: (r) => {
        const o = readingOrigins.get(r) ?? { reading: r, shift: 0 };
        const b = prev.readingOrigins?.get(o.reading);
        return b ? { reading: b.reading, shift: b.shift + o.shift } : o;
      },
      moved,
    });
    const parts: TextParts = { text, languageId: 'markdown', lineStarts: lines, regions: scan.regions, source, parses, math: math.reading };
    const { analysis, memo } = analyzeParts(parts, this.options, previous, true);
    return {
      kind: 'concrete', text, lines, scan, parses: new Map(scan.regions.map((r, i) => [r, parses[i]!])),
      readings: new Map(scan.prose.map((b, i) => [b, perBlock[i]!])), mathMemo: math.memo, memo: memo!, analysis,
    };
  }
}

/** A region's parse, for the region moved by `d` (the same parse when it did not move). */
function moveParse(p: ParseResult, d: number, moved: (was: Statement, now: Statement) => void): ParseResult {
  if (d === 0) return p;
  return {
    statements: p.statements.map((s) => {
      const now = shiftStatement(s, d);
      moved(s, now);
      return now;
    }),
    diagnostics: p.diagnostics.map((g) => shiftDiagnostic(g, d)),
  };
}

/** Whether a span of the old text is untouched by the change and moves with it as Moves says (an insertion at its start would move it). */
function clear(span: { start: number; end: number }, c: TextChange): boolean {
  return span.end <= c.start || (span.start >= c.oldEnd && span.start > c.start);
}

function sameTokens(a: readonly Token[] | null, b: readonly Token[] | null, da: number, db: number): boolean {
  if (!a || !b) return a === b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.kind !== y.kind || x.text !== y.text || x.spaceBefore !== y.spaceBefore
      || x.span.start - da !== y.span.start - db || x.span.end - da !== y.span.end - db) return false;
  }
  return true;
}

/**
 * Whether the edit left every mcalc block and every formula of the note as it was, only moved: the blocks and formulas
 * markdown-it read again hold the same text as those they replace, and none of them touches the edited range.
 */
function onlyMoved(prev: Concrete | Moved, text: string, lines: LineStarts, c: TextChange, rescan: Rescan): boolean {
  const [first, end] = rescan.oldLines;
  const oldRegions = prev.scan!.regions.filter((r) => r.fenceLine >= first && r.fenceLine < end);
  const newRegions = rescan.scan.regions.filter((_, i) => !rescan.regionOrigins[i]);
  if (oldRegions.length !== newRegions.length) return false;
  for (let i = 0; i < oldRegions.length; i++) {
    const a = oldRegions[i]!;
    const b = newRegions[i]!;
    if (!clear(a.span, c) || a.closed !== b.closed || a.prefixes.length !== b.prefixes.length || a.prefixes.some((p, k) => p !== b.prefixes[k])
      || prev.text.slice(a.span.start, a.span.end) !== text.slice(b.span.start, b.span.end)) return false;
  }
  const oldMath = prev.scan!.prose.filter((p) => p.firstLine >= first && p.firstLine < end).flatMap((p) => readBlock(prev.text, prev.lines, p));
  const newMath = rescan.scan.prose.filter((_, i) => !rescan.proseOrigins[i]).flatMap((p) => readBlock(text, lines, p));
  if (oldMath.length !== newMath.length) return false;
  for (let i = 0; i < oldMath.length; i++) {
    const a = oldMath[i]!;
    const b = newMath[i]!;
    if (!clear(a.math.span, c) || a.math.display !== b.math.display
      || a.math.span.end - a.math.span.start !== b.math.span.end - b.math.span.start
      || !sameTokens(a.lexed, b.lexed, a.math.span.start, b.math.span.start)) return false;
  }
  return true;
}

/** The state of a note after prose edits, made concrete: its parses and readings moved to where they are now. */
function materialize(m: Moved): Concrete {
  const { base, moves } = m;
  const rootOrigins = new Map<InferenceRoot, InferenceRoot>();
  const moved = (was: Statement, now: Statement): void => {
    const a = rootOf(was);
    const b = rootOf(now);
    if (a && b) rootOrigins.set(b, base.rootOrigins?.get(a) ?? a);
  };
  const baseRegions = base.scan!.regions;
  const parses = new Map<Region, ParseResult>();
  m.scan.regions.forEach((r, i) => {
    const b = baseRegions[i]!;
    parses.set(r, moveParse(base.parses.get(b)!, r.span.start - b.span.start, moved));
  });
  const readings = new Map<ProseBlock, FormulaReading[]>(m.scan.prose.map((p) => [p, []]));
  const readingOrigins = new Map<FormulaReading, ReadingOrigin>();
  const blockAt = (offset: number): ProseBlock => {
    const line = lineAt(m.lines, offset);
    const prose = m.scan.prose;
    let lo = 0;
    let hi = prose.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (prose[mid]!.firstLine <= line) lo = mid;
      else hi = mid - 1;
    }
    return prose[lo]!;
  };
  for (const b of base.scan!.prose) {
    for (const r of base.readings.get(b)!) {
      const at = moves.offset(r.math.span.start);
      const block = blockAt(at);
      const shift = at - r.math.span.start;
      const now = moveReading(r, shift, block);
      readings.get(block)!.push(now);
      const o = base.readingOrigins?.get(r);
      readingOrigins.set(now, o ? { reading: o.reading, shift: o.shift + shift } : { reading: r, shift });
    }
  }
  const baseMove = base.memoMove;
  return {
    kind: 'concrete', text: m.text, lines: m.lines, scan: m.scan, parses, readings, mathMemo: base.mathMemo, memo: base.memo,
    analysis: m.analysis, memoMove: (x) => moves.offset(baseMove ? baseMove(x) : x), rootOrigins, readingOrigins,
  };
}
