// The diagnostics after an edit inside a few statements (typing in a block or in a line of a .mcalc file, the common
// case): the previous diagnostics, moved, with those of the statements read again in place of theirs. Only those
// statements go through the scope, with the statements the edit changes the meaning of; the rest of the analysis is
// made when something reads it (analyzer.ts).
//
// What the rest of the document sees of a run of statements is: the names they declare and define, in order, with
// each symbol's kind, shape, properties and (for a definition) value; the size symbols of their declarations; size
// facts; claims (checked numerically against the definitions). When a symbol's shape, properties or value changes,
// the statements that read it are read again (and what reads theirs, in turn). In a .mcalc file the names and sizes
// may change too: a name that comes or goes (a rename, a redefinition that now counts or no longer does) is read again
// wherever it is written, after the edit, and a size symbol that comes or goes wherever it is written, before the edit
// too (sizes hold for the whole file). Facts and claims are never read locally, nor, in a note, a change of names or
// sizes (the math of the prose is read by the names of the blocks). test/unit/incremental.test.ts compares the result
// with a full analysis over random edits, and over typing in names and sizes.
import type { Analysis } from '../analysis';
import { localScope, type OuterScope } from '../analysis';
import type { Diagnostic } from '../diagnostics';
import type * as D from '../shapes/dim';
import type { SymbolInfo } from '../shapes/infer';
import { sameShape } from '../scope-memo';
import { children, shapeSizeNames, type Expr, type Statement } from '../syntax/ast';
import { append } from '../arrays';
import type { Span } from '../syntax/span';
import type { ReparsedWindow } from './region-parse';
import { mapDiagnostic, shiftExpr, shiftSpan, shiftStatement } from './shift';
import type { TextLike } from './piece-text';

/** The previous analysis, with the order its scope read the statements in (document order but for math's `where`). */
export interface LocalBase {
  readonly text: string;
  readonly analysis: Analysis;
  readonly scopeOrder: readonly Statement[];
  /** The size symbols of the declarations, and the size facts: the scope's, before it read the statements. */
  readonly sizes: ReadonlySet<string>;
  readonly bound: ReadonlyMap<string, D.Dim>;
}

/** Each statement's place in the scope's order, by where it starts. Made once per analysis. */
const placesOf = new WeakMap<readonly Statement[], Map<number, number>>();

function places(order: readonly Statement[]): Map<number, number> {
  let out = placesOf.get(order);
  if (!out) {
    out = new Map();
    for (let i = 0; i < order.length; i++) out.set(order[i]!.start, i);
    placesOf.set(order, out);
  }
  return out;
}

/** The size symbols a declaration brings, in order (what the scope's collectSizeSymbols reads). */
function sizeNames(s: Statement): string[] {
  return s.kind === 'declaration' ? shapeSizeNames(s.shape).map((n) => n.name) : [];
}

/** The names a statement brings into scope, as the scope and the math reader see them. */
function brings(s: Statement): string[] {
  if (s.kind === 'declaration') return s.names.map((n) => n.name);
  return s.kind === 'definition' ? [s.target.name] : [];
}

/** The same strings in the same order (names, sizes, properties). */
const sameList = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** Whether the old and new statements bring the same names and sizes, one statement for one. */
function sameFrame(old: readonly Statement[], now: readonly Statement[]): boolean {
  if (old.length !== now.length) return false;
  for (let i = 0; i < old.length; i++) {
    const a = old[i]!;
    const b = now[i]!;
    if (a.kind !== b.kind || !sameList(brings(a), brings(b)) || !sameList(sizeNames(a), sizeNames(b))) return false;
  }
  return true;
}

/** What the rest of the document sees change when the window's statements are read again. */
interface Frame {
  /** The size symbols of the declarations and facts after the edit. */
  readonly sizes: { has(name: string): boolean };
  /** The size symbols the edit brought or took away. */
  readonly resized: readonly string[];
  /** Whether the statements may bring other names than before (then what writes those names is read again). */
  readonly renames: boolean;
}

/**
 * The frame of an edit that may be read locally; undefined when it cannot: it touches a claim (checked numerically
 * against the whole document) or a size fact (it holds everywhere), or, in a note, changes the names or sizes the
 * statements bring (the math of the prose is read by the names of the blocks: documents/math.ts).
 */
function frameOf(base: LocalBase, old: readonly Statement[], now: readonly Statement[], w: ReparsedWindow): Frame | undefined {
  const { analysis } = base;
  const fact = (s: Statement, sizes: { has(name: string): boolean }): boolean => s.kind === 'definition' && sizes.has(s.target.name);
  if (old.some((s) => s.kind === 'claim' || fact(s, analysis.sizes)) || now.some((s) => s.kind === 'claim')) return undefined;
  if (sameFrame(old, now)) return now.some((s) => fact(s, analysis.sizes)) ? undefined : { sizes: base.sizes, resized: [], renames: false };
  if (analysis.languageId !== 'mcalc') return undefined;
  const before = new Set(old.flatMap(sizeNames));
  const after = new Set(now.flatMap(sizeNames));
  // A size symbol stays one while a declaration outside the window writes it in its shape.
  const declaredElsewhere = (name: string): boolean => (analysis.sizes.get(name)?.uses ?? []).some((u) =>
    (u.start < w.x || u.start >= w.yOld) && ownerAt(analysis.statements, u.start)?.kind === 'declaration');
  const resized = [
    ...[...after].filter((n) => !base.sizes.has(n)),
    ...[...before].filter((n) => !after.has(n) && !declaredElsewhere(n)),
  ];
  // Facts relate sizes to one another (n = m): a size that comes or goes may change what they bind.
  if (resized.length && base.bound.size) return undefined;
  let sizes: { has(name: string): boolean } = base.sizes;
  if (resized.length) {
    const s = new Set(base.sizes);
    for (const n of resized) if (after.has(n)) s.add(n); else s.delete(n);
    sizes = s;
  }
  if (now.some((s) => fact(s, sizes))) return undefined;
  return { sizes, resized, renames: true };
}

/** Every offset at which `name` is written in `text`, inside longer names too (a reader found too many is read for nothing). */
function mentions(text: string, name: string): number[] {
  const out: number[] = [];
  if (!name) return out;
  for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + 1)) out.push(i);
  return out;
}

/** Whether two symbols are the same to every other statement (their places aside). */
function sameSymbol(a: SymbolInfo, aText: TextLike, b: SymbolInfo, bText: TextLike): boolean {
  if (a.kind !== b.kind || !sameShape(a.shape, b.shape) || !sameList(a.properties, b.properties)) return false;
  if (!a.value || !b.value) return a.value === b.value;
  return aText.slice(a.value.start, a.value.end) === bText.slice(b.value.start, b.value.end);
}

class Unmovable extends Error {}

/** A symbol of a statement after the edit, where it is now. */
function movedSymbol(info: SymbolInfo, d: number): SymbolInfo {
  return {
    ...info, nameSpan: shiftSpan(info.nameSpan, d), statementSpan: shiftSpan(info.statementSpan, d),
    ...(info.value ? { value: shiftExpr(info.value, d) } : {}),
  };
}

/** Every name a document's claims read: their own, and through the values of the definitions they use, transitively. */
const claimNamesOf = new WeakMap<Analysis, Set<string>>();

function claimNames(analysis: Analysis): Set<string> {
  let out = claimNamesOf.get(analysis);
  if (out) return out;
  out = new Set();
  const stack: Expr[] = [];
  const take = (name: string): void => {
    if (out!.has(name)) return;
    out!.add(name);
    const v = analysis.symbols.get(name)?.value;
    if (v) stack.push(v);
  };
  for (const s of analysis.statements) {
    if (s.kind !== 'claim') continue;
    take(s.of.name);
    take(s.wrt.name);
    stack.push(s.value);
    while (stack.length) {
      const e = stack.pop()!;
      if (e.kind === 'name') take(e.name);
      else stack.push(...children(e));
    }
  }
  claimNamesOf.set(analysis, out);
  return out;
}

/**
 * The statement of `statements` (in document order) that owns what is at `at`: the last one starting at or before it
 * (a statement ending in an operator runs up to the next one's start), if it reaches that far.
 */
function ownerAt(statements: readonly Statement[], at: number): Statement | undefined {
  let lo = 0;
  let hi = statements.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (statements[mid]!.start <= at) lo = mid;
    else hi = mid - 1;
  }
  const s = statements[lo];
  return s && s.start <= at && at <= s.end ? s : undefined;
}

/** Past this many statements to read again after the window, the whole replay is the better way. */
const MAX_RERUNS = 200;

/**
 * The diagnostics of the new text, when the edit is local: `w` is the window of the region's parse read again
 * (old statements `old` replaced by `w.statements`), `d` the edit's length change, `text` the new text (as the parser
 * reads it), `parseDiagnostics(s)` the old parse's diagnostics of a statement. Statements that read a symbol whose
 * shape, properties or value changed are read again too, and in a .mcalc file also those that write a name the edit
 * brought or took away, or a size symbol it did (at most MAX_RERUNS in all). Undefined when the edit may change more.
 */
export function localDiagnostics(
  base: LocalBase, text: TextLike, old: readonly Statement[], w: ReparsedWindow, d: number,
  parseDiagnostics: (s: Statement) => readonly Diagnostic[],
): Diagnostic[] | undefined {
  const now = w.statements;
  const { analysis } = base;
  // A size symbol brought by a use (`I_q`) holds from there on: where one is, the sizes are not the same everywhere.
  if (analysis.sizes.size !== base.sizes.size) return undefined;
  const frame = frameOf(base, old, now, w);
  if (!frame) return undefined;
  const place = places(base.scopeOrder);
  // The old statements must follow one another in the scope (no math `where` statement read between them).
  // With no old statement, the window's place is where the parse would put them: in a .mcalc file the parse's order
  // is the scope's; in a note the frame is then the same, so the window is empty before and after.
  const first = old.length ? place.get(old[0]!.start) : w.from;
  if (first === undefined) return undefined;
  for (let i = 1; i < old.length; i++) if (place.get(old[i]!.start) !== first + i) return undefined;
  const last = first + old.length - 1;

  const placeOf = (info: SymbolInfo): number => {
    const p = place.get(info.statementSpan.start);
    if (p === undefined) throw new Unmovable();
    return p;
  };
  // What the statements read again bring, as they are now: null for a name they no longer bring (nor does any
  // statement read again before). The statements are read in the scope's order, so every entry comes from before.
  const renewed = new Map<string, SymbolInfo | null>();
  // Before the window in the scope's order, every statement lies before it in the text too: their spans stand. After
  // it, they moved with the edit.
  const outerAt = (at: number): OuterScope => ({
    lookup: (name) => {
      const again = renewed.get(name);
      if (again !== undefined) return again ?? undefined;
      const info = analysis.symbols.get(name);
      if (!info) return undefined;
      if (placeOf(info) >= at) return undefined;
      // Read before `at`; where it stands in the text says whether the edit moved it (a math \`where\` statement is
      // read after the window although it is written before it).
      return info.statementSpan.start >= w.yOld ? movedSymbol(info, d) : info;
    },
    sizes: frame.sizes,
    bound: base.bound,
  });
  const claimed = claimNames(analysis);
  // Size facts read the whole file: whether a name on the right is a matrix (declared or defined anywhere), and an
  // unknown name there becomes a size. A fact that writes a name whose meaning the edit changes is not read locally.
  const factTexts = frame.renames && analysis.sizeFacts.size ? [...analysis.sizeFacts].map((s) => base.text.slice(s.start, s.end)) : [];
  const factsRead = (names: readonly string[]): void => {
    for (const name of names) if (factTexts.some((t) => t.includes(name))) throw new Unmovable();
  };
  /** Reads statements again at place `at` (they were `was`); which names now mean something else after them. */
  const scoped = (ss: readonly Statement[], at: number, was: readonly Statement[], wasText: string): { diagnostics: readonly Diagnostic[]; changed: string[]; rebound: string[] } => {
    const local = localScope(text, ss, outerAt(at));
    if (local.newSizes) throw new Unmovable();
    const changed: string[] = [];
    const rebound: string[] = [];
    const seen = new Set<string>();
    for (const s of was) {
      for (const name of brings(s)) {
        const info = analysis.symbols.get(name);
        if (!info || info.statementSpan.start !== s.start || seen.has(name)) continue;
        seen.add(name);
        const again = local.symbols.get(name);
        // A claim reads the value, not only the shape: its check would change.
        if (claimed.has(name) && !(again && sameSymbol(info, wasText, again, text))) throw new Unmovable();
        if (!again) {
          // No longer brought here (renamed, or now a redefinition): whoever writes it after reads it otherwise.
          // (A redefinition's E102 names the first statement's span: kept, it lies in the window, and spliced()
          // gives up on it; so a statement that redefines a name needs no reference list to be found.)
          if (!frame.renames) throw new Unmovable();
          if (!renewed.has(name)) renewed.set(name, null);
          rebound.push(name);
          continue;
        }
        renewed.set(name, again);
        if (!sameSymbol(info, wasText, again, text)) changed.push(name);
      }
    }
    for (const [name, again] of local.symbols) {
      if (seen.has(name)) continue;
      // A name brought here that was not before: only where a frame may change (a .mcalc file).
      if (!frame.renames || claimed.has(name)) throw new Unmovable();
      renewed.set(name, again);
      rebound.push(name);
    }
    return { diagnostics: local.diagnostics, changed, rebound };
  };
  try {
    const fresh: Diagnostic[] = [...w.diagnostics];
    /** Each statement read again outside the window, with the parser's diagnostics it keeps (the parse is the same). */
    const reruns = new Map<Statement, ReadonlySet<Diagnostic>>();
    // The statements outside the window to read again, by their place in the scope's order: one at a time, in order.
    const waiting = new Map<number, Statement>();
    const wait = (s: Statement | undefined, after: number): void => {
      const p = s && place.get(s.start);
      if (p === undefined) throw new Unmovable();
      // Nothing before the statement that changed the name read it (its own uses included); the window is read anyway.
      if (p <= after || (p >= first && p <= last)) return;
      // A math statement (its diagnostics are read in LaTeX's terms), a claim (checked numerically) or a size fact
      // (read before every statement, in a scope of its own): not here.
      if (analysis.mathStatements.has(s!) || s!.kind === 'claim' || analysis.sizeFacts.has(s!)) throw new Unmovable();
      // A definition of a size symbol that came or went is a size fact that came or went: it holds everywhere.
      if (s!.kind === 'definition' && frame.resized.includes(s!.target.name)) throw new Unmovable();
      // In a quote or a list item the parser reads the block with its prefixes blanked, not the note's text.
      const region = analysis.regions?.find((r) => r.span.start <= s!.start && s!.start <= r.span.end);
      if (region && region.prefixes.some((k) => k > 0)) throw new Unmovable();
      waiting.set(p, s!);
      if (waiting.size + reruns.size > MAX_RERUNS) throw new Unmovable();
    };
    /** The statements that read a symbol whose shape, properties or value changed. */
    const wakeReaders = (names: readonly string[], after: number): void => {
      factsRead(names);
      for (const name of names) {
        for (const use of analysis.references.get(name) ?? []) {
          if (use.start >= w.x && use.start < w.yOld) continue;
          wait(ownerAt(analysis.statements, use.start), after);
        }
      }
    };
    /** The statements that write a name at all (resolved or not: a name that came or went changes what both mean). */
    const wakeWriters = (names: readonly string[], after: number): void => {
      factsRead(names);
      for (const name of names) {
        for (const at of mentions(base.text, name)) {
          if (at >= w.x && at < w.yOld) continue;
          const s = ownerAt(analysis.statements, at);
          if (s) wait(s, after);
        }
      }
    };
    factsRead([...old, ...now].flatMap(brings));
    // A size symbol that came or went changes what its name means everywhere, before the window too.
    wakeWriters(frame.resized, -1);
    let windowRead = false;
    for (;;) {
      let p = Infinity;
      for (const k of waiting.keys()) if (k < p) p = k;
      if (!windowRead && first <= p) {
        windowRead = true;
        const window = scoped(now, first, old, base.text);
        append(fresh, window.diagnostics);
        wakeReaders(window.changed, last);
        wakeWriters(window.rebound, last);
        continue;
      }
      if (p === Infinity) break;
      const s = waiting.get(p)!;
      waiting.delete(p);
      const moved = s.start >= w.yOld ? shiftStatement(s, d) : s;
      const again = scoped([moved], p, [s], base.text);
      reruns.set(s, new Set(parseDiagnostics(s)));
      append(fresh, again.diagnostics);
      wakeReaders(again.changed, p);
      wakeWriters(again.rebound, p);
    }
    const rerunOf = (g: Diagnostic): ReadonlySet<Diagnostic> | undefined => {
      if (reruns.size === 0) return undefined;
      const s = ownerAt(analysis.statements, g.span.start);
      return s && reruns.get(s);
    };
    return spliced(analysis.diagnostics, fresh, w, d, rerunOf);
  } catch (e) {
    if (e instanceof Unmovable) return undefined;
    throw e;
  }
}

/**
 * The old diagnostics outside the window and the statements read again (moved), with the new ones in their place.
 * Every range of a kept diagnostic (its related ranges and fixes too) must lie wholly before or wholly after the window.
 */
function spliced(
  old: readonly Diagnostic[], fresh: readonly Diagnostic[], w: ReparsedWindow, d: number,
  rerunOf: (g: Diagnostic) => ReadonlySet<Diagnostic> | undefined,
): Diagnostic[] {
  const { x, yOld, y } = w;
  const inWindow = (at: number): boolean => at >= x && (at < yOld || (w.tail && at === yOld));
  const move = (s: Span): Span => {
    if (s.end <= x && s.start < x) return s;
    if (s.start >= yOld && !inWindow(s.start)) return { start: s.start + d, end: s.end + d };
    throw new Unmovable();
  };
  const kept: Diagnostic[] = [];
  const parsed = new Set<Diagnostic>();
  for (const g of old) {
    if (inWindow(g.span.start)) continue;
    const r = rerunOf(g);
    if (r && !r.has(g)) continue;
    const moved = mapDiagnostic(g, move);
    if (r) parsed.add(moved);
    kept.push(moved);
  }
  // In the window, the parser's before the scope's where they tie (a stable sort, as a whole analysis does).
  const news = [...fresh].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  for (const g of fresh.slice(0, w.diagnostics.length)) if (g.span.start < x || (g.span.start >= y && !(w.tail && g.span.start === y))) throw new Unmovable();
  const out: Diagnostic[] = [];
  let i = 0;
  let j = 0;
  while (i < kept.length || j < news.length) {
    const a = kept[i];
    const b = news[j];
    if (!b) { out.push(a!); i++; continue; }
    if (!a) { out.push(b); j++; continue; }
    const order = a.span.start - b.span.start || a.span.end - b.span.end;
    if (order === 0 && !parsed.has(a)) throw new Unmovable();
    if (order <= 0) { out.push(a); i++; } else { out.push(b); j++; }
  }
  return out;
}
