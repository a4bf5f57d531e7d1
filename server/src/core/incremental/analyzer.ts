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
// read, and the kept state is moved only when an edit that matters comes. An edit inside a few statements that bring
// the same names (typing in a definition or a grad line) reads only them and what depends on what they changed
// (local-edit.ts): the diagnostics at once, the rest by the way above when read, and the next edit from the same base.
//
// The result is always the analysis analyze() gives for the same text: test/unit/incremental.test.ts compares the two
// over random edits.
import { analyzeParts, type Analysis, type AnalysisMemo, type AnalysisOptions, type LanguageId, type TextParts } from '../analysis';
import { lineStarts, regionSource, scanMarkdown, type MarkdownScan, type ProseBlock, type Region, type LineStarts } from '../documents/markdown';
import { rescanMarkdown, type Rescan } from '../documents/markdown-rescan';
import { formulaStatements, mergeMath, moveReading, readBlock, type FormulaReading, type MathMemo } from '../documents/math';
import type { Diagnostic } from '../diagnostics';
import type { Span } from '../syntax/span';
import { RESERVED } from '../syntax/functions';
import type { InferenceRoot } from '../scope-memo';
import type { Statement } from '../syntax/ast';
import type { Token } from '../syntax/tokens';
import { parse, type ParseResult } from '../syntax/parser';
import { movedAnalysis } from './moved-analysis';
import { Moves } from './moves';
import { reparseRegion, reparseWindow } from './region-parse';
import { mapDiagnostic, shiftDiagnostic, shiftStatement } from './shift';
import { lazyAnalysis } from './lazy-analysis';
import { flat, PieceText, type TextLike } from './piece-text';
import { localDiagnostics } from './local-edit';
import { composeChanges, diffText, lineAt, mapOffset, updateLineStarts, type TextChange } from './text-change';

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
  /** The statements in the order the scope read them; absent for a state moved here from an earlier version. */
  readonly scopeOrder?: readonly Statement[];
}

/** A note after prose edits only: `base` moved by `moves`, with the scan of the text now. */
interface Moved {
  readonly kind: 'moved';
  readonly base: Concrete;
  readonly moves: Moves;
  readonly text: TextLike;
  readonly lines: LineStarts;
  readonly scan: MarkdownScan;
  readonly analysis: Analysis;
}

/**
 * A version after edits inside a few statements (local-edit.ts): its diagnostics, made from `base`'s; the rest of its
 * analysis is made from `base` by the whole replay the first time something reads it (`whole`).
 */
interface Patched {
  readonly kind: 'patched';
  readonly base: Concrete | Moved;
  /** From the base's text to this one. */
  readonly change: TextChange;
  readonly text: TextLike;
  readonly lines: LineStarts;
  readonly analysis: Analysis;
  /** This version made concrete by the whole replay (once; its analysis is what `analysis` reads lazily). */
  readonly whole: () => Concrete;
}

/** The statement's root of inference (what the scope's records are kept by). */
function rootOf(s: Statement): InferenceRoot | undefined {
  return s.kind === 'definition' || s.kind === 'claim' ? s.value : undefined;
}

export class DocumentAnalyzer {
  private state: Concrete | Moved | Patched | undefined;
  /** The text of the last update, as given (a concrete state keeps it as one string; pieces know what changed). */
  private given: TextLike | undefined;

  constructor(readonly languageId: LanguageId, readonly options: AnalysisOptions = {}) {}

  /** The analysis of `text`, the document's new version: identical to analyze(text, languageId, options). */
  update(text: TextLike): Analysis {
    const given = this.given;
    if (this.state && given === text) return this.state.analysis;
    // Unset while the work is done: if it fails, the next update starts afresh rather than from a stale text.
    this.given = undefined;
    const analysis = this.advance(given, text);
    this.given = text;
    return analysis;
  }

  private advance(given: TextLike | undefined, text: TextLike): Analysis {
    const prev = this.state;
    if (!prev || !given) {
      this.state = this.fresh(text);
      return this.state.analysis;
    }
    const step = changeOf(given, text);
    if (!step) return prev.analysis;
    if (prev.kind !== 'patched') {
      this.state = this.next(prev, text, step, false)!;
      return this.state.analysis;
    }
    // After a local edit, the next edit is taken from the same base while it stays local (typing on in a line).
    const change = composeChanges(prev.change, step);
    if (change.start === change.oldEnd && change.oldEnd === change.newEnd) {
      // Back to the base's text (a character typed and deleted again).
      this.state = prev.base;
      return prev.base.analysis;
    }
    // An edit elsewhere: from the previous version, made whole (its lazy part), so that the edits after it are local.
    this.state = this.next(prev.base, text, change, true) ?? this.next(prev.whole(), text, step, false)!;
    return this.state.analysis;
  }

  /** The state after `change` of `from`'s text to `text`; with `localOnly`, undefined where the whole replay is needed. */
  private next(from: Concrete | Moved, text: TextLike, given: TextChange, localOnly: boolean): Concrete | Moved | Patched | undefined {
    const change = this.languageId === 'markdown' ? beforeFormula(given, text) : given;
    const lines = updateLineStarts(from.lines, text, change);
    const whole = (rescan: Rescan | undefined): Concrete | undefined =>
      (localOnly ? undefined : this.again(from.kind === 'moved' ? materialize(from) : from, text, change, lines, rescan));
    if (this.languageId === 'mcalc') return this.local(from as Concrete, text, change, lines, undefined) ?? whole(undefined);
    const rescan = rescanMarkdown(from.scan!, from.lines, text, lines, change);
    const edited = editedRegion(from, text, lines, change, rescan);
    if (edited === 'math') return this.inertMath(from, text, change, lines, rescan) ?? whole(rescan);
    if (edited === 'none') {
      const base = from.kind === 'moved' ? from.base : from;
      const moves = (from.kind === 'moved' ? from.moves : Moves.none).then(change);
      const analysis = movedAnalysis(base.analysis, moves, { text, lineStarts: lines, regions: rescan.scan.regions, prose: rescan.scan.prose });
      return { kind: 'moved', base, moves, text, lines, scan: rescan.scan, analysis };
    }
    return (edited && from.kind === 'concrete' ? this.local(from, text, change, lines, rescan, edited) : undefined) ?? whole(rescan);
  }

  /**
   * The version after an edit inside one formula that joins the scope neither before nor after it (ordinary math, or
   * math restating a block's symbol): the diagnostics are the previous ones, moved; the rest is made when read.
   */
  private inertMath(from: Concrete | Moved, text: TextLike, change: TextChange, lines: LineStarts, rescan: Rescan): Patched | undefined {
    const d = change.newEnd - change.oldEnd;
    const move = (s: Span): Span => {
      if (s.end < change.start) return s;
      if (s.start > change.oldEnd) return { start: s.start + d, end: s.end + d };
      throw new RangeError('a diagnostic at the edit');
    };
    let diagnostics: Diagnostic[];
    try {
      diagnostics = from.analysis.diagnostics.map((g) => mapDiagnostic(g, move));
    } catch (e) {
      if (e instanceof RangeError) return undefined;
      throw e;
    }
    return this.patched(from, text, change, lines, rescan, diagnostics);
  }

  /** A version whose diagnostics are made; the rest of its analysis is made from `base` when first read. */
  private patched(base: Concrete | Moved, text: TextLike, change: TextChange, lines: LineStarts, rescan: Rescan | undefined, diagnostics: Diagnostic[]): Patched {
    let made: Concrete | undefined;
    const whole = (): Concrete => {
      if (!made) {
        made = this.again(base.kind === 'moved' ? materialize(base) : base, text, change, lines, rescan);
        if (this.state === patched) this.state = made;
      }
      return made;
    };
    // (Whether there is a quote is read off the last concrete analysis: a moved one makes its quote only when read.)
    const hasQuote = (base.kind === 'moved' ? base.base : base).analysis.quote !== undefined;
    const patched: Patched = {
      kind: 'patched', base, change, text, lines, whole,
      analysis: lazyAnalysis({ text, languageId: this.languageId, lineStarts: lines, regions: rescan?.scan.regions ?? null, diagnostics }, () => whole().analysis, hasQuote),
    };
    return patched;
  }

  /**
   * The version after an edit inside a few statements of one region, when only they and the statements reading what
   * they changed need reading again (local-edit.ts); undefined for any other edit.
   */
  private local(base: Concrete, text: TextLike, change: TextChange, lines: LineStarts, rescan: Rescan | undefined, edited?: EditedRegion): Patched | undefined {
    if (!base.scopeOrder) return undefined;
    const parse = base.parses.get(edited ? edited.old : null)!;
    const span = edited ? edited.now.span : { start: 0, end: text.length };
    // A region without container prefixes reads as the note's own text (the parser's source blanks only prefixes).
    const w = reparseWindow(parse, text, lines, span, change);
    const old = parse.statements.slice(w.from, w.to);
    const regionOf = (s: Statement): ParseResult | undefined => {
      if (!base.scan) return base.parses.get(null);
      const r = base.scan.regions.find((g) => g.span.start <= s.start && s.end <= g.span.end);
      return r && base.parses.get(r);
    };
    const parseDiagnostics = (s: Statement) => (regionOf(s)?.diagnostics ?? []).filter((g) => s.start <= g.span.start && g.span.start <= s.end);
    const diagnostics = localDiagnostics(
      { text: base.text, analysis: base.analysis, scopeOrder: base.scopeOrder, sizes: base.memo.scope.sizes, bound: base.memo.scope.bound },
      text, old, w, change.newEnd - change.oldEnd, parseDiagnostics,
    );
    if (!diagnostics) return undefined;
    return this.patched(base, text, change, lines, rescan, diagnostics);
  }

  private fresh(whole: TextLike): Concrete {
    const text = flat(whole);
    const lines = lineStarts(text);
    if (this.languageId === 'mcalc') {
      const p = parse(text);
      const parts: TextParts = { text, languageId: 'mcalc', lineStarts: lines, regions: null, source: text, parses: [p], math: null };
      const { analysis, memo } = analyzeParts(parts, this.options, undefined, 'frame');
      return { kind: 'concrete', text, lines, scan: null, parses: new Map([[null, p]]), readings: new Map(), mathMemo: undefined, memo: memo!, analysis, scopeOrder: p.statements };
    }
    const scan = scanMarkdown(text, lines);
    const source = regionSource(text, scan.regions);
    const parses = scan.regions.map((r) => parse(source, r.span.start, r.span.end));
    const perBlock = scan.prose.map((b) => readBlock(text, lines, b));
    const fence = parses.flatMap((p) => p.statements);
    const math = mergeMath(perBlock.flat(), fence);
    const parts: TextParts = { text, languageId: 'markdown', lineStarts: lines, regions: scan.regions, source, parses, math: math.reading };
    const { analysis, memo } = analyzeParts(parts, this.options, undefined, 'frame');
    return {
      kind: 'concrete', text, lines, scan, parses: new Map(scan.regions.map((r, i) => [r, parses[i]!])),
      readings: new Map(scan.prose.map((b, i) => [b, perBlock[i]!])), mathMemo: math.memo, memo: memo!, analysis,
      scopeOrder: math.reading.scopeOrder,
    };
  }

  private again(prev: Concrete, whole: TextLike, change: TextChange, lines: LineStarts, rescan: Rescan | undefined): Concrete {
    const text = flat(whole);
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
      const { analysis, memo } = analyzeParts(parts, this.options, previous, 'records');
      return { kind: 'concrete', text, lines, scan: null, parses: new Map([[null, p]]), readings: new Map(), mathMemo: undefined, memo: memo!, analysis, scopeOrder: p.statements };
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
    const { analysis, memo } = analyzeParts(parts, this.options, previous, 'records');
    return {
      kind: 'concrete', text, lines, scan, parses: new Map(scan.regions.map((r, i) => [r, parses[i]!])),
      readings: new Map(scan.prose.map((b, i) => [b, perBlock[i]!])), mathMemo: math.memo, memo: memo!, analysis,
      scopeOrder: math.reading.scopeOrder,
    };
  }
}

/** What changed from one version of the text to the next: undefined when nothing did. */
function changeOf(before: TextLike, after: TextLike): TextChange | undefined {
  const known = before instanceof PieceText && after instanceof PieceText ? after.changeSince(before) : undefined;
  // Unknown (a text given whole, or a chain of versions cut): the texts are compared, made whole.
  if (!known) return diffText(flat(before), flat(after));
  // Composed changes cover more than changed (a character typed and deleted): trimmed, as diffText would find it.
  let { start, oldEnd, newEnd } = known;
  while (start < oldEnd && start < newEnd && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  while (oldEnd > start && newEnd > start && before.charCodeAt(oldEnd - 1) === after.charCodeAt(newEnd - 1)) { oldEnd--; newEnd--; }
  return start === oldEnd && oldEnd === newEnd ? undefined : { start, oldEnd, newEnd };
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

/**
 * Typing right before a `$`: offsets at an insertion's start stay where they are, so the formula that starts there
 * would read as edited (and its note replayed whole). The same edit, described as replacing the character before the
 * insertion with itself and the insertion, leaves the formula after the change, moved by it.
 */
function beforeFormula(c: TextChange, text: TextLike): TextChange {
  const insertion = c.start === c.oldEnd && c.newEnd > c.start && c.start > 0;
  return insertion && text.charCodeAt(c.newEnd) === 36 ? { start: c.start - 1, oldEnd: c.oldEnd, newEnd: c.newEnd } : c;
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

/** The one region an edit changed: as it was and as it is. */
interface EditedRegion {
  readonly old: Region;
  readonly now: Region;
}

/** Whether a region is as the note's text reads it, with no container prefixes (quote markers, list indentation). */
const bare = (r: Region): boolean => r.prefixes.every((p) => p === 0);

/**
 * What the edit changed of the note's mcalc blocks and formulas: 'none' when the blocks and formulas markdown-it read
 * again hold the same text as those they replace and none of them touches the edited range (they only moved); the
 * region, when the edit lies inside one region's text and changed nothing else; 'math' when it lies inside one
 * formula that joins the scope neither before nor after it (inert) and changed nothing else; undefined otherwise.
 */
function editedRegion(prev: Concrete | Moved, text: TextLike, lines: LineStarts, c: TextChange, rescan: Rescan): 'none' | 'math' | EditedRegion | undefined {
  const [first, end] = rescan.oldLines;
  const oldRegions = prev.scan!.regions.filter((r) => r.fenceLine >= first && r.fenceLine < end);
  const newRegions = rescan.scan.regions.filter((_, i) => !rescan.regionOrigins[i]);
  if (oldRegions.length !== newRegions.length) return undefined;
  const d = c.newEnd - c.oldEnd;
  let edited: EditedRegion | undefined;
  for (let i = 0; i < oldRegions.length; i++) {
    const a = oldRegions[i]!;
    const b = newRegions[i]!;
    // The same text at the place the edit moved it to (a copy of a block elsewhere is another block).
    if (clear(a.span, c) && mapOffset(c, a.span.start) === b.span.start && a.closed === b.closed && a.prefixes.length === b.prefixes.length && a.prefixes.every((p, k) => p === b.prefixes[k])
      && prev.text.slice(a.span.start, a.span.end) === text.slice(b.span.start, b.span.end)) continue;
    const inside = a.span.start <= c.start && c.oldEnd <= a.span.end && b.span.start === a.span.start && b.span.end === a.span.end + d
      && a.fenceLine === b.fenceLine && a.closed === b.closed && bare(a) && bare(b);
    if (edited || !inside) return undefined;
    edited = { old: a, now: b };
  }
  const oldMath = prev.scan!.prose.filter((p) => p.firstLine >= first && p.firstLine < end).flatMap((p) => readBlock(prev.text, prev.lines, p));
  const newMath = rescan.scan.prose.filter((_, i) => !rescan.proseOrigins[i]).flatMap((p) => readBlock(text, lines, p));
  if (oldMath.length !== newMath.length) return undefined;
  let formula: [FormulaReading, FormulaReading] | undefined;
  for (let i = 0; i < oldMath.length; i++) {
    const a = oldMath[i]!;
    const b = newMath[i]!;
    if (clear(a.math.span, c) && mapOffset(c, a.math.span.start) === b.math.span.start && a.math.display === b.math.display
      && a.math.span.end - a.math.span.start === b.math.span.end - b.math.span.start
      && sameTokens(a.lexed, b.lexed, a.math.span.start, b.math.span.start)) continue;
    if (formula || edited) return undefined;
    formula = [a, b];
  }
  if (formula) return inert(prev, formula[0], formula[1], c) ? 'math' : undefined;
  return edited ?? 'none';
}

/**
 * Whether a formula the edit changed from `a` to `b`, inside its content, is ordinary math or restates a block's
 * symbol both before and after: then it joins the scope neither time, and gives the other formulas the same spellings
 * and sizes (documents/math.ts), so nothing else reads differently.
 */
function inert(prev: Concrete | Moved, a: FormulaReading, b: FormulaReading, c: TextChange): boolean {
  const d = c.newEnd - c.oldEnd;
  const m = a.math;
  const n = b.math;
  if (!(m.content.start <= c.start && c.oldEnd < m.content.end) || m.display !== n.display
    || n.span.start !== m.span.start || n.span.end !== m.span.end + d || n.content.start !== m.content.start || n.content.end !== m.content.end + d
    || a.gives.length !== b.gives.length || a.gives.some((g, i) => g !== b.gives[i])) return false;
  // The names and regions of the last concrete analysis: the same symbols, in its offsets (prose edits move nothing else).
  const base = prev.kind === 'moved' ? prev.base : prev;
  const { symbols, regions } = base.analysis;
  const spelled = base.mathMemo!.spelled;
  const inFence = (s: Span): boolean => (regions ?? []).some((r) => r.span.start <= s.start && s.end <= r.span.end);
  // A definition of a name some block brings is a restatement; reserved names and I_n are never the math's own.
  const restates = (name: string): boolean => {
    const sym = symbols.get(name);
    return (sym !== undefined && inFence(sym.statementSpan)) || RESERVED.has(name) || /^I(_|$)/.test(name);
  };
  const silent = (r: FormulaReading): boolean => formulaStatements(r, spelled).every((s) => s.kind === 'grad' || (s.kind === 'definition' && restates(s.target.name)));
  return silent(a) && silent(b);
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
    kind: 'concrete', text: flat(m.text), lines: m.lines, scan: m.scan, parses, readings, mathMemo: base.mathMemo, memo: base.memo,
    analysis: m.analysis, memoMove: (x) => moves.offset(baseMove ? baseMove(x) : x), rootOrigins, readingOrigins,
  };
}
