// The invariants every fuzz input is held to: nothing throws out of analyze, the editor queries or gradient();
// no single call runs past a time bound; every span a call returns lies inside the document (for Markdown, inside
// an mcalc block or a math formula); and a derived gradient never gets a wrong verdict from its numeric check.
import { analyze, gradient, type Analysis, type GradientOutcome, type LanguageId, type Span } from '../../server/src/core';
import {
  completionsAt, definitionAt, deriveTargetsAt, documentSymbols, foldingRanges, gradientInsertion, hoverAt, inlayHints, insertFormats,
  prepareRenameAt, referencesAt, renameAt, semanticTokens, signatureHelpAt, type DeriveTarget, type GradientTexts,
} from '../../server/src/core/queries';

export interface Limits {
  /** A single call (one analyze, one query, one gradient) that takes longer than this fails the input. */
  readonly maxCallMs: number;
  /** At most this many offsets get the per-offset queries (evenly spread, plus every statement start). */
  readonly offsets: number;
  /** At most this many gradient() calls (derive targets of the statements, first ones first). */
  readonly gradients: number;
}

export const DEFAULT_LIMITS: Limits = { maxCallMs: 2000, offsets: 64, gradients: 6 };

/** A broken invariant: the message says which call, on which offset, and what was wrong. */
export class FuzzViolation extends Error {
  override readonly name = 'FuzzViolation';
}

function fail(message: string): never {
  throw new FuzzViolation(message);
}

/** Runs one call, failing the input when it throws (with the call named) or overruns the time bound. */
export function timed<T>(limits: Limits, what: string, call: () => T): T {
  const start = performance.now();
  let out: T;
  try {
    out = call();
  } catch (e) {
    if (e instanceof FuzzViolation) throw e;
    const err = e instanceof Error ? e : new Error(String(e));
    throw new FuzzViolation(`${what} threw ${err.name}: ${err.message}\n${err.stack ?? ''}`);
  }
  const ms = performance.now() - start;
  if (ms > limits.maxCallMs) fail(`${what} took ${ms.toFixed(0)} ms (bound ${limits.maxCallMs} ms)`);
  return out;
}

/** 0 ≤ start ≤ end ≤ text.length, in integers. */
export function assertInside(text: string, s: Span, what: string): void {
  const ok = Number.isInteger(s.start) && Number.isInteger(s.end) && 0 <= s.start && s.start <= s.end && s.end <= text.length;
  if (!ok) fail(`${what}: span ${JSON.stringify({ start: s.start, end: s.end })} outside a text of ${text.length}`);
}

/**
 * In Markdown, a diagnostic belongs to mcalc: its span lies within an mcalc block (from the opening fence line to
 * the end of the last content line) or within a `$…$` / `$$…$$` formula. Prose never gets a squiggle.
 */
function assertInMcalc(a: Analysis, s: Span, what: string): void {
  const starts = lineStartsOf(a.text);
  const blocks = (a.regions ?? []).map((r) => ({ start: starts[r.fenceLine] ?? 0, end: r.span.end }));
  const within = (o: Span): boolean => o.start <= s.start && s.end <= o.end;
  if (!blocks.some(within) && !a.math.some((m) => within(m.span))) {
    fail(`${what}: span ${JSON.stringify({ start: s.start, end: s.end })} (${JSON.stringify(a.text.slice(s.start, s.end))}) is in neither an mcalc block nor a formula`);
  }
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

/** Diagnostics, their related information and their quick fixes all point into the document. */
export function checkDiagnostics(a: Analysis): void {
  const t = a.text;
  a.diagnostics.forEach((d, i) => {
    const what = `diagnostic ${i} (${d.code} ${JSON.stringify(d.message.slice(0, 80))})`;
    if (typeof d.message !== 'string' || d.message.length === 0) fail(`${what}: empty message`);
    assertInside(t, d.span, what);
    if (a.languageId === 'markdown') assertInMcalc(a, d.span, what);
    for (const r of d.related ?? []) assertInside(t, r.span, `${what} related`);
    for (const f of d.fixes ?? []) for (const e of f.edits) assertInside(t, e.span, `${what} fix ${JSON.stringify(f.title)}`);
  });
}

/** The document-wide queries: inlay hints, outline, semantic tokens, folding. */
export function checkDocumentQueries(a: Analysis, limits: Limits): void {
  const t = a.text;
  for (const h of timed(limits, 'inlayHints', () => inlayHints(a))) {
    if (!(Number.isInteger(h.offset) && h.offset >= 0 && h.offset <= t.length)) fail(`inlay hint at ${h.offset} outside a text of ${t.length}`);
  }
  for (const d of timed(limits, 'documentSymbols', () => documentSymbols(a))) {
    assertInside(t, d.span, `symbol ${d.name}`);
    assertInside(t, d.selectionSpan, `symbol ${d.name} selection`);
    if (!(d.span.start <= d.selectionSpan.start && d.selectionSpan.end <= d.span.end)) fail(`symbol ${d.name}: selection outside its span`);
  }
  const tokens = timed(limits, 'semanticTokens', () => semanticTokens(a));
  tokens.forEach((k, i) => {
    assertInside(t, k.span, `semantic token ${i}`);
    if (/[\r\n]/.test(t.slice(k.span.start, k.span.end))) fail(`semantic token ${i} spans a line break`);
    if (i > 0 && tokens[i - 1]!.span.end > k.span.start) fail(`semantic tokens ${i - 1} and ${i} overlap or are out of order`);
  });
  for (const r of timed(limits, 'foldingRanges', () => foldingRanges(a))) assertInside(t, r, 'folding range');
}

/** The queries at one offset; hover without derivations (those run once per statement, in checkStatements). */
export function checkOffsetQueries(a: Analysis, o: number, limits: Limits): void {
  const t = a.text;
  const at = (q: string): string => `${q} at ${o}`;
  const h = timed(limits, at('hoverAt'), () => hoverAt(a, o, { gradients: false }));
  if (h) assertInside(t, h.span, at('hover'));
  const d = timed(limits, at('definitionAt'), () => definitionAt(a, o));
  if (d) {
    assertInside(t, d.span, at('definition'));
    assertInside(t, d.nameSpan, at('definition name'));
  }
  for (const r of timed(limits, at('referencesAt'), () => referencesAt(a, o, true))) assertInside(t, r, at('reference'));
  const p = timed(limits, at('prepareRenameAt'), () => prepareRenameAt(a, o));
  if (p) assertInside(t, p.span, at('prepareRename'));
  const r = timed(limits, at('renameAt'), () => renameAt(a, o, 'Zz'));
  if ('edits' in r) for (const e of r.edits) assertInside(t, e.span, at('rename edit'));
  for (const c of timed(limits, at('completionsAt'), () => completionsAt(a, o))) if (c.replaceSpan) assertInside(t, c.replaceSpan, at('completion'));
  const s = timed(limits, at('signatureHelpAt'), () => signatureHelpAt(a, o));
  if (s && !(s.activeParameter >= 0)) fail(`${at('signatureHelp')}: active parameter ${s.activeParameter}`);
  const dt = timed(limits, at('deriveTargetsAt'), () => deriveTargetsAt(a, o));
  if (dt) {
    assertInside(t, dt.statementSpan, at('derive target'));
    if (!(dt.insertOffset >= dt.statementSpan.end && dt.insertOffset <= t.length)) fail(`${at('derive target')}: insert offset ${dt.insertOffset}`);
  }
}

/** The offsets that get the per-offset queries: both ends, every statement start, and an even spread. */
export function probeOffsets(a: Analysis, count: number): number[] {
  const n = a.text.length;
  const set = new Set<number>([-1, 0, n, n + 1]);
  for (const s of a.statements.slice(0, count)) {
    set.add(s.start);
    set.add(s.end);
  }
  const step = Math.max(1, Math.floor(n / Math.max(1, count)));
  for (let o = 0; o <= n; o += step) set.add(o);
  return [...set].sort((x, y) => x - y);
}

/**
 * A gradient's verdict: an error-free derivation is either confirmed by the numbers or reported as not checkable
 * ('domain', 'unstable', 'budget'). A failed check, or a check that finds the derived tree unusable ('invalid'), is
 * a wrong answer from the calculus or the checker.
 */
export function checkVerdict(out: GradientOutcome, what: string): 'refused' | 'checked' | 'unavailable' {
  if (!out.ok) {
    if (typeof out.message !== 'string' || out.message.length === 0) fail(`${what}: refused without a message`);
    return 'refused';
  }
  const r = out.result;
  for (const k of ['mcalc', 'latex', 'numpy'] as const) if (typeof r[k] !== 'string' || r[k].length === 0) fail(`${what}: empty ${k}`);
  const c = r.check;
  if (!c) fail(`${what}: no numeric check`);
  if (c.kind === 'checked' && !c.passed) fail(`${what} = ${r.mcalc}: the numeric check says wrong (relative error ${c.relError}, seed ${c.seed}, sizes ${JSON.stringify(c.sizes)})`);
  if (c.kind === 'invalid') fail(`${what} = ${r.mcalc}: the check found the derived tree unusable: ${c.message}`);
  return c.kind === 'checked' ? 'checked' : 'unavailable';
}

/**
 * "Derive ∂f/∂X" writes the gradient in every format the place takes: each edit is an insertion inside the document
 * (the user's text is never replaced), and the document with it analyses within the invariants. Returns the
 * documents with the insertions, for callers that hold them to more.
 */
export function checkInsertions(a: Analysis, at: DeriveTarget, wrt: string, g: GradientTexts, limits: Limits): Array<{ format: string; text: string; after: Analysis }> {
  const out: Array<{ format: string; text: string; after: Analysis }> = [];
  for (const format of insertFormats(at)) {
    const what = `gradientInsertion ∂${at.of}/∂${wrt} as ${format}`;
    const r = timed(limits, what, () => gradientInsertion(a, at, at.of, wrt, format, g));
    if ('error' in r) continue;
    assertInside(a.text, r.edit.span, what);
    if (r.edit.span.start !== r.edit.span.end) fail(`${what}: replaces ${JSON.stringify(a.text.slice(r.edit.span.start, r.edit.span.end))} instead of inserting`);
    const text = a.text.slice(0, r.edit.span.start) + r.edit.newText + a.text.slice(r.edit.span.end);
    const after = timed(limits, `analyze after ${what}`, () => analyze(text, a.languageId));
    checkDiagnostics(after);
    out.push({ format, text, after });
  }
  return out;
}

/**
 * Hover with derivations on every grad line and claim, and gradient() for the derive targets of the statements.
 * Returns how many gradients the numbers confirmed.
 */
export function checkStatements(a: Analysis, limits: Limits): number {
  let confirmed = 0;
  let budget = limits.gradients;
  for (const s of a.statements) {
    if (budget <= 0) break;
    if (s.kind === 'grad' || s.kind === 'claim') {
      budget--;
      const h = timed(limits, `hoverAt ${s.start} with gradients`, () => hoverAt(a, s.start, { seed: 3 }));
      if (h) assertInside(a.text, h.span, 'hover with gradients');
    }
    const target = timed(limits, `deriveTargetsAt ${s.start}`, () => deriveTargetsAt(a, s.start));
    for (const wrt of target?.wrt ?? []) {
      if (budget-- <= 0) break;
      const what = `∂${target!.of}/∂${wrt}`;
      const out = timed(limits, `gradient ${what}`, () => gradient(a, target!.of, wrt, { seed: 5 }));
      if (checkVerdict(out, what) === 'checked') confirmed++;
      // Writing it back costs analyses of its own: the first gradient of a document is enough.
      if (out.ok && confirmed === 1) checkInsertions(a, target!, wrt, out.result, limits);
    }
  }
  return confirmed;
}

/**
 * Every invariant on one document: the pipeline, every query, the derivations. Returns what kind of input it
 * turned out to be, for the statistics: no statements, statements only, or gradients the numbers confirmed.
 */
export function checkDocument(text: string, languageId: LanguageId, limits: Limits = DEFAULT_LIMITS): string {
  const a = timed(limits, `analyze (${languageId})`, () => analyze(text, languageId));
  checkDiagnostics(a);
  checkDocumentQueries(a, limits);
  for (const o of probeOffsets(a, limits.offsets)) checkOffsetQueries(a, o, limits);
  const confirmed = checkStatements(a, limits);
  if (a.statements.length === 0) return 'no statements';
  return confirmed > 0 ? 'gradients confirmed' : 'statements';
}
