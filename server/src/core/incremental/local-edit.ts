// The diagnostics after an edit inside a few statements that leaves what they give the rest of the document as it was
// (typing in a block or in a line of a .mcalc file, the common case): the previous diagnostics, moved, with those of
// the statements read again in place of theirs. Only those statements go through the scope; the rest of the analysis
// is made when something reads it (analyzer.ts).
//
// What the rest of the document sees of a run of statements is: the names they declare and define, in order, with
// each symbol's kind, shape, properties and (for a definition) value; the size symbols of their declarations; size
// facts; claims (checked numerically against the definitions). When the new statements declare and define the same
// names, one statement for one, with symbols that are the same but for where they are, have the same size symbols,
// and neither they nor the old ones are size facts or claims, every other statement reads the scope exactly as before:
// its shapes and diagnostics are the previous ones, moved. test/unit/incremental.test.ts compares the result with a
// full analysis over random edits.
import type { Analysis } from '../analysis';
import { localScope, shapeSizeNames, type OuterScope } from '../analysis';
import type { Diagnostic } from '../diagnostics';
import type * as D from '../shapes/dim';
import type { SymbolInfo } from '../shapes/infer';
import { sameShape } from '../scope-memo';
import { children, type Expr, type Statement } from '../syntax/ast';
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
    for (let i = 0; i < order.length; i++) out.set(order[i]!.span.start, i);
    placesOf.set(order, out);
  }
  return out;
}

/** The size symbols a declaration brings, in order (what the scope's collectSizeSymbols reads). */
function sizeNames(s: Statement): string {
  return s.kind === 'declaration' ? shapeSizeNames(s.shape).map((n) => n.name).join(' ') : '';
}

/** The names a statement brings into scope, as the scope and the math reader see them. */
function brings(s: Statement): string {
  if (s.kind === 'declaration') return s.names.map((n) => n.name).join(' ');
  return s.kind === 'definition' ? s.target.name : '';
}

/** Whether the old and new statements bring the same names, one statement for one, and none is a fact or a claim. */
function sameFrame(old: readonly Statement[], now: readonly Statement[], sizes: { has(name: string): boolean }): boolean {
  if (old.length !== now.length) return false;
  for (let i = 0; i < old.length; i++) {
    const a = old[i]!;
    const b = now[i]!;
    if (a.kind !== b.kind || a.kind === 'claim' || brings(a) !== brings(b) || sizeNames(a) !== sizeNames(b)) return false;
    if (a.kind === 'definition' && sizes.has(a.target.name)) return false;
  }
  return true;
}

function sameProperties(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((p, i) => p === b[i]);
}

/** Whether two symbols are the same to every other statement (their places aside). */
function sameSymbol(a: SymbolInfo, aText: TextLike, b: SymbolInfo, bText: TextLike): boolean {
  if (a.kind !== b.kind || !sameShape(a.shape, b.shape) || !sameProperties(a.properties, b.properties)) return false;
  if (!a.value || !b.value) return a.value === b.value;
  return aText.slice(a.value.span.start, a.value.span.end) === bText.slice(b.value.span.start, b.value.span.end);
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
    if (statements[mid]!.span.start <= at) lo = mid;
    else hi = mid - 1;
  }
  const s = statements[lo];
  return s && s.span.start <= at && at <= s.span.end ? s : undefined;
}

/** Past this many statements to read again after the window, the whole replay is the better way. */
const MAX_RERUNS = 200;

/**
 * The diagnostics of the new text, when the edit is local: `w` is the window of the region's parse read again
 * (old statements `old` replaced by `w.statements`), `d` the edit's length change, `text` the new text (as the parser
 * reads it), `parseDiagnostics(s)` the old parse's diagnostics of a statement. Statements after the window that read a
 * symbol whose shape, properties or value changed are read again too (at most MAX_RERUNS). Undefined when the edit
 * may change more than that.
 */
export function localDiagnostics(
  base: LocalBase, text: TextLike, old: readonly Statement[], w: ReparsedWindow, d: number,
  parseDiagnostics: (s: Statement) => readonly Diagnostic[],
): Diagnostic[] | undefined {
  const now = w.statements;
  const { analysis } = base;
  // A size symbol brought by a use (`I_q`) holds from there on: where one is, the sizes are not the same everywhere.
  if (analysis.sizes.size !== base.sizes.size || !sameFrame(old, now, analysis.sizes)) return undefined;
  const place = places(base.scopeOrder);
  // The old statements must follow one another in the scope (no math `where` statement read between them).
  const first = old.length ? place.get(old[0]!.span.start) : 0;
  if (first === undefined) return undefined;
  for (let i = 1; i < old.length; i++) if (place.get(old[i]!.span.start) !== first + i) return undefined;

  const placeOf = (info: SymbolInfo): number => {
    const p = place.get(info.statementSpan.start);
    if (p === undefined) throw new Unmovable();
    return p;
  };
  // The symbols of the statements read again, as they are now.
  const renewed = new Map<string, SymbolInfo>();
  // Before the window in the scope's order, every statement lies before it in the text too: their spans stand. After
  // it, they moved with the edit.
  const outerAt = (at: number): OuterScope => ({
    lookup: (name) => {
      const again = renewed.get(name);
      if (again) return again;
      const info = analysis.symbols.get(name);
      if (!info) return undefined;
      if (placeOf(info) >= at) return undefined;
      // Read before `at`; where it stands in the text says whether the edit moved it (a math \`where\` statement is
      // read after the window although it is written before it).
      return info.statementSpan.start >= w.yOld ? movedSymbol(info, d) : info;
    },
    sizes: base.sizes,
    bound: base.bound,
  });
  const claimed = claimNames(analysis);
  const scoped = (ss: readonly Statement[], at: number, was: readonly Statement[], wasText: string): { diagnostics: readonly Diagnostic[]; changed: string[] } => {
    const local = localScope(text, ss, outerAt(at));
    if (local.newSizes) throw new Unmovable();
    const changed: string[] = [];
    let given = 0;
    for (const s of was) {
      for (const name of brings(s).split(' ')) {
        const info = name ? analysis.symbols.get(name) : undefined;
        if (!info || info.statementSpan.start !== s.span.start) continue;
        given++;
        const again = local.symbols.get(name);
        if (!again) throw new Unmovable();
        renewed.set(name, again);
        if (!sameSymbol(info, wasText, again, text)) {
          // A claim reads the value, not only the shape: its check would change.
          if (claimed.has(name)) throw new Unmovable();
          changed.push(name);
        }
      }
    }
    if (given !== local.symbols.size) throw new Unmovable();
    return { diagnostics: local.diagnostics, changed };
  };
  try {
    const window = scoped(now, first, old, base.text);
    const fresh: Diagnostic[] = [...w.diagnostics, ...window.diagnostics];
    /** Each statement read again after the window, with the parser's diagnostics it keeps (the parse is the same). */
    const reruns = new Map<Statement, ReadonlySet<Diagnostic>>();
    // The statements after the window that read a changed symbol, in the scope's order: read again, one at a time.
    const waiting = new Map<number, Statement>();
    const wake = (names: readonly string[], after: number): void => {
      for (const name of names) {
        for (const use of analysis.references.get(name) ?? []) {
          if (use.start >= w.x && use.start < w.yOld) continue;
          const s = ownerAt(analysis.statements, use.start);
          const p = s && place.get(s.span.start);
          if (p === undefined) throw new Unmovable();
          // Nothing before the statement that changed the name read it (its own uses included).
          if (p <= after) continue;
          // A math statement (its diagnostics are read in LaTeX's terms) or a claim (checked numerically): not here.
          if (analysis.mathStatements.has(s!) || s!.kind === 'claim') throw new Unmovable();
          // In a quote or a list item the parser reads the block with its prefixes blanked, not the note's text.
          const region = analysis.regions?.find((r) => r.span.start <= s!.span.start && s!.span.start <= r.span.end);
          if (region && region.prefixes.some((k) => k > 0)) throw new Unmovable();
          waiting.set(p, s!);
          if (waiting.size + reruns.size > MAX_RERUNS) throw new Unmovable();
        }
      }
    };
    wake(window.changed, first + old.length - 1);
    while (waiting.size) {
      const p = Math.min(...waiting.keys());
      const s = waiting.get(p)!;
      waiting.delete(p);
      const moved = shiftStatement(s, d);
      const again = scoped([moved], p, [s], base.text);
      reruns.set(s, new Set(parseDiagnostics(s)));
      fresh.push(...again.diagnostics);
      wake(again.changed, p);
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
