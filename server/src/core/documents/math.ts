// LaTeX math in Markdown: reads each formula (math-spans.ts finds them) into mcalc statements with the LaTeX lexer
// and the mcalc parser, and decides which of them join the document's one scope, and when (docs/language.md,
// "LaTeX math in Markdown"). Only math that speaks of declared symbols is checked; all other math stays silent.
import { append } from '../arrays';
import type { Diagnostic, Fix } from '../diagnostics';
import { assertNever, children, type Expr, type ShapeSpec, type Statement } from '../syntax/ast';
import { RESERVED } from '../syntax/functions';
import { GREEK, own } from '../syntax/latex-commands';
import { lexLatex } from '../syntax/latex-lexer';
import { printMcalc } from '../print/mcalc';
import { parseExpressionTokens, parseTokens, type ParseResult } from '../syntax/parser';
import { shiftDiagnostic, shiftStatement, shiftToken } from '../incremental/shift';
import type { TextLike } from '../incremental/piece-text';
import type { Span } from '../syntax/span';
import type { Token } from '../syntax/tokens';
import { lineStarts, type ProseBlock, type LineStarts } from './markdown';
import { blockSource, formulaAt, moveMath, scanBlock, type MathSpan } from './math-spans';

export { findMath, formulaAt, type MathSpan } from './math-spans';

export interface MathFormula extends MathSpan {
  /** The statements of this formula that joined the scope (none for ordinary math). */
  readonly statements: readonly Statement[];
  /**
   * The formula's tokens as the reader made them (names resolved to the document's spellings), when some of its
   * statements joined; none for ordinary math. The editor's queries read them (functions, keywords).
   */
  readonly tokens: readonly Token[];
}

export interface MathReading {
  readonly formulas: readonly MathFormula[];
  /** The fences' statements and the math statements that joined the scope, in document order. */
  readonly statements: readonly Statement[];
  readonly mathStatements: ReadonlySet<Statement>;
  /**
   * The statements in the order the scope reads them: `statements`, except that a math statement that used a name
   * before the text gave it comes right after the statement that brought that name.
   */
  readonly scopeOrder: readonly Statement[];
  /** The parser's hints (H501) on the math statements that joined. */
  readonly diagnostics: readonly Diagnostic[];
}

// ---------------------------------------------------------------------------------------------------------------
// Names: LaTeX spells a name differently from mcalc (W_{1} for W₁ or W1, \lambda for λ or lambda).

const VARIANTS: Readonly<Record<string, readonly string[]>> = {
  ε: ['ϵ'], ϵ: ['ε'], φ: ['ϕ'], ϕ: ['φ'], θ: ['ϑ'], ϑ: ['θ'], ρ: ['ϱ'], ϱ: ['ρ'], π: ['ϖ'], ϖ: ['π'], σ: ['ς'], ς: ['σ'],
};
const WORDS = new Map<string, string[]>();
for (const [word, ch] of Object.entries(GREEK)) WORDS.set(ch, [...(WORDS.get(ch) ?? []), word]);

/** The mcalc spellings a LaTeX name may stand for, the LaTeX reading first. */
function spellings(name: string): string[] {
  const us = name.indexOf('_');
  const base = us > 0 ? name.slice(0, us) : name;
  const sub = us > 0 ? name.slice(us + 1) : undefined;
  const variants = own(VARIANTS, base) ?? [];
  const bases = [base, ...variants, ...(WORDS.get(base) ?? []), ...variants.flatMap((v) => WORDS.get(v) ?? [])];
  // A subscript has the spellings of a name (long_{name_{2}} may be long_name2), and digits may be glued (W1, W₁).
  const subs = sub === undefined ? [''] : [
    ...spellings(sub).map((x) => `_${x}`),
    ...(/^[0-9]+$/.test(sub) ? [sub, sub.replace(/[0-9]/g, (d) => '₀₁₂₃₄₅₆₇₈₉'[Number(d)]!)] : []),
  ];
  return bases.flatMap((b) => subs.map((x) => b + x));
}

/**
 * Each name as the document spells it: the first spelling that is known, else the LaTeX one; `I_n` resolves its
 * size; `σ(` is the sigmoid unless σ names a symbol.
 */
export function resolveNames(tokens: readonly Token[], known: (name: string) => boolean): Token[] {
  const resolve = (n: string): string => spellings(n).find(known) ?? n;
  return tokens.map((t, k) => {
    if (t.kind !== 'name') return t;
    const next = tokens[k + 1];
    if (t.text === 'σ' && next?.kind === 'lparen' && !next.spaceBefore && !spellings('σ').some(known)) return { ...t, text: 'sigmoid' };
    const text = t.text.startsWith('I_') ? `I_${resolve(t.text.slice(2))}` : resolve(t.text);
    return text === t.text ? t : { ...t, text };
  });
}

/** One formula → an expression (for tools and tests), or null when it is not an mcalc expression. */
export function parseLatexExpression(latex: string, known: (name: string) => boolean = () => false): Expr | null {
  const tokens = lexLatex(latex);
  if (!tokens) return null;
  const { expr, diagnostics } = parseExpressionTokens(resolveNames(tokens, known));
  return diagnostics.some((d) => d.severity === 'error') || tokens.length === 1 ? null : expr;
}

// ---------------------------------------------------------------------------------------------------------------
// Which math statements join the scope.

/** Names by where they stand: as values, or as sizes (of I_n, zeros(m, n), tr₁(M, c), unvec(v, m, n)). */
function namesIn(e: Expr, out: { values: string[]; sizes: string[] }, asSize = false): void {
  if (e.kind === 'name') (asSize ? out.sizes : out.values).push(e.name);
  else if (e.kind === 'identity') { if (e.size) namesIn(e.size, out, true); }
  else if (e.kind === 'constant') { namesIn(e.rows, out, true); if (e.cols) namesIn(e.cols, out, true); }
  else if (e.kind === 'ptrace') { namesIn(e.arg, out, asSize); namesIn(e.block, out, true); }
  else if (e.kind === 'unvec') { namesIn(e.arg, out, asSize); namesIn(e.rows, out, true); namesIn(e.cols, out, true); }
  else for (const c of children(e)) namesIn(c, out, asSize);
}

function shapeNames(spec: ShapeSpec): string[] {
  const out = { values: [] as string[], sizes: [] as string[] };
  if (spec.kind === 'matrix') { namesIn(spec.rows, out); namesIn(spec.cols, out); }
  else if (spec.kind === 'vector') namesIn(spec.size, out);
  return out.values;
}

/** The names a statement declares or defines (not a size fact's: its target is a size). */
function introduced(s: Statement, sizes: ReadonlySet<string>): string[] {
  if (s.kind === 'declaration') return s.names.map((n) => n.name);
  if (s.kind === 'definition' && !sizes.has(s.target.name)) return [s.target.name];
  return [];
}

/**
 * Decides which math statements join the scope, and in which order the scope reads them. Statements come in document
 * order; a math definition or claim that names something not yet in scope waits for it (a `where` clause:
 * `$f = \mathrm{Tr}(S^T L S)$, where $S = …$`), and joins right after the statement that brings its last missing name.
 * One that waits for ever (a name nothing declares) stays silent. Fences never wait: in a block, as in a `.mcalc` file,
 * a name is used after its declaration or definition.
 */
class Merger {
  readonly accepted = new Set<Statement>();
  /** Every statement that joined, fences' and math's, in the order the scope reads them. */
  readonly order: Statement[] = [];
  private readonly kinds = new Map<string, 'declared' | 'defined'>();
  /** Math statements waiting for a name, by that name. */
  private readonly waiting = new Map<string, Statement[]>();

  /**
   * @param taken names the fences declare or define anywhere: the fences win, math restating them is silent.
   * @param allSizes size symbols of every declaration (fences and math): never the target of a math statement.
   * @param sizes size symbols in scope (the fences', and those of math declarations that joined).
   */
  constructor(
    private readonly taken: ReadonlySet<string>, private readonly allSizes: ReadonlySet<string>, private readonly sizes: Set<string>,
    /** Fence definitions that are size facts because math sizes by their target (mergeMath). */
    private readonly facts: ReadonlySet<string> = new Set(),
  ) {}

  fence(s: Statement): void {
    this.order.push(s);
    this.take(s);
    this.drain();
  }

  math(s: Statement): void {
    this.consider(s);
    this.drain();
  }

  /** Math statements whose name came into scope, to be considered again (a loop, not recursion: chains can be long). */
  private readonly woken: Statement[] = [];

  private drain(): void {
    for (let k = 0; k < this.woken.length; k++) this.consider(this.woken[k]!);
    this.woken.length = 0;
  }

  private consider(s: Statement): void {
    const v = this.verdict(s);
    if (v.kind === 'waits') {
      const list = this.waiting.get(v.name);
      if (list) list.push(s);
      else this.waiting.set(v.name, [s]);
      return;
    }
    if (v.kind === 'silent') return;
    this.accepted.add(v.statement);
    this.order.push(v.statement);
    this.take(v.statement);
  }

  /** Brings names into scope, and lets in what waited for them. */
  private take(s: Statement): void {
    const names: string[] = [];
    if (s.kind === 'declaration') {
      for (const n of s.names) { this.kinds.set(n.name, 'declared'); names.push(n.name); }
      for (const n of shapeNames(s.shape)) { this.sizes.add(n); names.push(n); }
    } else if (s.kind === 'definition' && !this.sizes.has(s.target.name) && !this.facts.has(s.target.name)) {
      this.kinds.set(s.target.name, 'defined');
      names.push(s.target.name);
    }
    for (const n of names) {
      const list = this.waiting.get(n);
      if (!list) continue;
      this.waiting.delete(n);
      append(this.woken, list);
    }
  }

  private free(name: string): boolean {
    return !this.kinds.has(name) && !this.taken.has(name) && !this.allSizes.has(name) && !RESERVED.has(name) && !/^I(_|$)/.test(name);
  }

  /** Whether every name of a value is in scope (else the first missing one), and whether one of them is a symbol. */
  private resolved(e: Expr): { missing: string } | 'yes' | 'none' {
    const names = { values: [] as string[], sizes: [] as string[] };
    namesIn(e, names);
    const missing = names.values.find((n) => !this.kinds.has(n) && !this.sizes.has(n)) ?? names.sizes.find((n) => !this.sizes.has(n));
    if (missing !== undefined) return { missing };
    return names.values.some((n) => this.kinds.has(n)) ? 'yes' : 'none';
  }

  /** The statement as it joins (a declaration keeps only its new names), the name it waits for, or silence. */
  private verdict(s: Statement): { kind: 'joins'; statement: Statement } | { kind: 'waits'; name: string } | { kind: 'silent' } {
    const joins = (statement: Statement) => ({ kind: 'joins', statement }) as const;
    const silent = { kind: 'silent' } as const;
    switch (s.kind) {
      case 'declaration': {
        const names = s.names.filter((n) => this.free(n.name));
        if (names.length === 0 || shapeNames(s.shape).some((n) => this.kinds.has(n) || this.taken.has(n))) return silent;
        return joins(names.length === s.names.length ? s : { ...s, names });
      }
      case 'definition': {
        // A restatement, a size fact, or math that names no symbol (x = 2) is silent.
        if (!this.free(s.target.name)) return silent;
        const r = this.resolved(s.value);
        // Waiting for itself (x = x + 1) would be for ever.
        if (typeof r === 'object') return r.missing === s.target.name ? silent : { kind: 'waits', name: r.missing };
        return r === 'yes' ? joins(s) : silent;
      }
      case 'claim': {
        const of = this.kinds.get(s.of.name);
        const wrt = this.kinds.get(s.wrt.name);
        if ((of && of !== 'defined') || (wrt && wrt !== 'declared')) return silent;
        if (!of || !wrt) return { kind: 'waits', name: of ? s.wrt.name : s.of.name };
        const r = this.resolved(s.value);
        return typeof r === 'object' ? { kind: 'waits', name: r.missing } : joins(s);
      }
      case 'grad':
        return silent;
      default:
        return assertNever(s);
    }
  }
}

/** One formula read on its own (from its block's text alone): where it is, its LaTeX tokens, the names it gives. */
export interface FormulaReading {
  readonly math: MathSpan;
  /** The LaTeX reader's tokens, in the document's offsets; null when the formula is not mcalc. */
  readonly lexed: readonly Token[] | null;
  /** The names the formula spells as it defines or declares them: S in `S = …`, A in `A \in …` (not X in `\partial X =`). */
  readonly gives: readonly string[];
}

/** The formulas of one prose block. */
export function readBlock(text: TextLike, starts: LineStarts, block: ProseBlock): FormulaReading[] {
  const local = blockSource(text, starts, block);
  return scanBlock(local.text, 0, local.end, block).map((m) => {
    const lexed = lexLatex(local.text, m.content.start, m.content.end);
    return {
      math: moveMath(m, local.at, block),
      lexed: lexed && (local.at === 0 ? lexed : lexed.map((t) => shiftToken(t, local.at))),
      gives: givenNames(lexed),
    };
  });
}

function givenNames(ts: readonly Token[] | null): string[] {
  const out: string[] = [];
  ts?.forEach((t, k) => {
    if (t.kind === 'name' && (ts[k + 1]?.kind === 'in' || ts[k + 1]?.kind === 'equals') && ts[k - 1]?.kind !== 'partial') out.push(t.text);
  });
  return out;
}

/** A formula read before, in a block that moved by `d` (and is now `block`). */
export function moveReading(r: FormulaReading, d: number, block: ProseBlock): FormulaReading {
  if (d === 0 && block === r.math.block) return r;
  return { math: moveMath(r.math, d, block), lexed: r.lexed && (d === 0 ? r.lexed : r.lexed.map((t) => shiftToken(t, d))), gives: r.gives };
}

/** A formula's names resolved to the document's spellings, and its parse. */
interface Resolution {
  /** The spellings the resolution asked about, with the answers: it holds while they hold. */
  readonly asked: readonly (readonly [string, boolean])[];
  readonly tokens: readonly Token[];
  /** Undefined when the parser rejects the formula: then it is ordinary math, not a mistake in mcalc (ignored whole). */
  readonly parsed: ParseResult | undefined;
}

/** What a reading of the math leaves for the next one (incremental/analyzer.ts). */
export interface MathMemo {
  readonly resolutions: ReadonlyMap<FormulaReading, Resolution>;
  /** The spellings the document used: while they are the same, every resolution still holds. */
  readonly spelled: ReadonlySet<string>;
}

/** The previous reading's memo, and where each formula read now was read before (a moved block's formulas). */
export interface PreviousMath {
  readonly memo: MathMemo;
  readonly origin: (r: FormulaReading) => { readonly reading: FormulaReading; readonly shift: number } | undefined;
  /** Told of each statement reused from before, moved (for the scope's records). */
  readonly moved: (before: Statement, now: Statement) => void;
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const x of b) if (!a.has(x)) return false;
  return true;
}

/**
 * Whether a span lies inside one of `statements` (in order of their starts). A note has thousands of math statements
 * and of parser hints: each hint looks only at the statements that start before it, from the nearest back, while one
 * of them may still reach past its end.
 */
function insideAny(statements: readonly Statement[], span: Span): boolean {
  let lo = 0;
  let hi = statements.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (statements[mid]!.start <= span.start) lo = mid + 1;
    else hi = mid;
  }
  for (let k = lo - 1; k >= 0; k--) {
    const s = statements[k]!;
    if (span.end <= s.end) return true;
    // Statements do not nest: one that ends before this span starts leaves none further back to contain it.
    if (s.end < span.start) return false;
  }
  return false;
}

/** Two lists of statements, each in document order, as one. */
function mergeByStart(a: readonly Statement[], b: readonly Statement[]): Statement[] {
  const out: Statement[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i]!.start <= b[j]!.start)) out.push(a[i++]!);
    else out.push(b[j++]!);
  }
  return out;
}

/** Reads the formulas and merges their statements with the fences' (`fenceStatements`, in document order). */
export function readMath(text: string, prose: readonly ProseBlock[], fenceStatements: readonly Statement[], starts = lineStarts(text)): MathReading {
  return mergeMath(prose.flatMap((b) => readBlock(text, starts, b)), fenceStatements).reading;
}

/** The statements a formula reads as (none for ordinary math), with the document's spellings `spelled`. */
export function formulaStatements(r: FormulaReading, spelled: ReadonlySet<string>): readonly Statement[] {
  return resolve(r, spelled)?.parsed?.statements ?? [];
}

function resolve(r: FormulaReading, spelled: ReadonlySet<string>): Resolution | undefined {
  if (!r.lexed) return undefined;
  const asked: [string, boolean][] = [];
  const tokens = resolveNames(r.lexed, (n) => {
    const a = spelled.has(n);
    asked.push([n, a]);
    return a;
  });
  const p = parseTokens(tokens);
  return { asked, tokens, parsed: p.diagnostics.some((d) => d.severity === 'error') ? undefined : p };
}

function moveResolution(r: Resolution, d: number, moved: PreviousMath['moved']): Resolution {
  if (d === 0) return r;
  const parsed = r.parsed && {
    statements: r.parsed.statements.map((s) => {
      const now = shiftStatement(s, d);
      moved(s, now);
      return now;
    }),
    diagnostics: r.parsed.diagnostics.map((x) => shiftDiagnostic(x, d)),
  };
  return { asked: r.asked, tokens: r.tokens.map((t) => shiftToken(t, d)), parsed };
}

/**
 * Merges the formulas' statements with the fences'. With `previous`, a formula read before whose resolution still
 * holds (its spellings answer as before) keeps its parse, moved with its block.
 */
export function mergeMath(
  readings: readonly FormulaReading[], fenceStatements: readonly Statement[], previous?: PreviousMath,
): { reading: MathReading; memo: MathMemo } {
  const fenceSizes = new Set<string>();
  const taken = new Set<string>();
  for (const s of fenceStatements) if (s.kind === 'declaration') shapeNames(s.shape).forEach((n) => fenceSizes.add(n));
  for (const s of fenceStatements) introduced(s, fenceSizes).forEach((n) => taken.add(n));
  // Spellings the document uses, so that W_{1} is the fences' W₁; math declarations and definitions keep their own
  // spelling. The X of a claim's `\partial X =` is no definition: it takes the spelling of the X it names.
  const spelled = new Set([...taken, ...fenceSizes]);
  for (const r of readings) for (const n of r.gives) spelled.add(n);
  const resolutions = new Map<FormulaReading, Resolution>();
  const sameSpellings = previous !== undefined && sameSet(previous.memo.spelled, spelled);
  const resolved = readings.map((r) => {
    if (!r.lexed) return undefined;
    const o = previous?.origin(r);
    const before = o && previous!.memo.resolutions.get(o.reading);
    const res = before && (sameSpellings || before.asked.every(([n, a]) => spelled.has(n) === a))
      ? moveResolution(before, o.shift, previous!.moved)
      : resolve(r, spelled);
    if (res) resolutions.set(r, res);
    return res;
  });
  const parsed = resolved.map((r) => r?.parsed);
  const allSizes = new Set(fenceSizes);
  for (const p of parsed) p?.statements.forEach((s) => { if (s.kind === 'declaration') shapeNames(s.shape).forEach((n) => allSizes.add(n)); });

  // A fence's `n = 3` or `n = k + 2` is a size fact when a math declaration sizes something by n
  // (`$X \in \mathbb{R}^{n \times n}$`), as it is in a .mcalc file with `X : n × n`: the fences then do not take n,
  // and the declaration joins. Not `n = tr(A)`, whose value is a matrix's: that n is a scalar, and the math is silent.
  const facts = new Set<string>();
  for (const st of fenceStatements) {
    if (st.kind !== 'definition' || !allSizes.has(st.target.name) || fenceSizes.has(st.target.name)) continue;
    const names = { values: [] as string[], sizes: [] as string[] };
    namesIn(st.value, names);
    if ([...names.values, ...names.sizes].every((n) => allSizes.has(n) || !taken.has(n))) facts.add(st.target.name);
  }
  const fenceTaken = facts.size ? new Set([...taken].filter((n) => !facts.has(n))) : taken;
  const merger = new Merger(fenceTaken, allSizes, new Set(fenceSizes), facts);
  // Fences' and formulas' statements, each list in document order: merged, the scope reads them in document order.
  const math = parsed.flatMap((p) => p?.statements ?? []);
  let f = 0;
  for (const s of math) {
    while (f < fenceStatements.length && fenceStatements[f]!.start <= s.start) merger.fence(fenceStatements[f++]!);
    merger.math(s);
  }
  while (f < fenceStatements.length) merger.fence(fenceStatements[f++]!);

  // In document order, as the formulas are: each takes the run of statements inside it.
  const joined = [...merger.accepted].sort((a, b) => a.start - b.start);
  let next = 0;
  const formulas = readings.map((r, i) => {
    const m = r.math;
    while (next < joined.length && joined[next]!.start < m.content.start) next++;
    const first = next;
    while (next < joined.length && joined[next]!.end <= m.content.end) next++;
    const statements = joined.slice(first, next);
    return { ...m, statements, tokens: statements.length ? (resolved[i]?.tokens ?? []).filter((t) => t.kind !== 'eof') : [] };
  });
  const hints = parsed.flatMap((p) => p?.diagnostics ?? []).filter((d) => insideAny(joined, d.span));
  const statements = joined.length ? mergeByStart(fenceStatements, joined) : [...fenceStatements];
  return {
    reading: { formulas, statements, mathStatements: merger.accepted, diagnostics: hints, scopeOrder: merger.order },
    memo: { resolutions, spelled },
  };
}

/**
 * Diagnostics on math, in the math's terms: a quick fix writes LaTeX (`A^{\top}`, not `Aᵀ`) or is dropped (ones(…)
 * has no LaTeX spelling a reader would want). A claim ∂S/∂A of a matrix S (`isScalar` says no) is a Jacobian, which
 * mcalc does not check: nothing is said about it (no E301, no E303).
 */
export function mathDiagnostics(diagnostics: readonly Diagnostic[], formulas: readonly MathFormula[], isScalar: (name: string) => boolean): Diagnostic[] {
  const jacobians = formulas.flatMap((f) => f.statements.filter((s) => s.kind === 'claim' && !isScalar(s.of.name)).map((s) => s));
  const inJacobian = (sp: Span): boolean => jacobians.some((j) => j.start <= sp.start && sp.end <= j.end);
  const inMath = (sp: Span): boolean => formulaAt(formulas, sp) !== undefined;
  return diagnostics.flatMap((d): Diagnostic[] => {
    if (!inMath(d.span)) return [d];
    if (inJacobian(d.span)) return [];
    if (!d.fixes) return [d];
    const fixes = d.fixes.flatMap((f): Fix[] => {
      if (f.edits.some((e) => /ones\(/.test(e.newText))) return [];
      const edits = f.edits.map((e) => ({ ...e, newText: latexTranspose(e.newText) }));
      return [{ title: f.title.replace(/ᵀ/g, '^{\\top}'), edits }];
    });
    return [{ code: d.code, severity: d.severity, message: d.message, span: d.span, ...(d.related ? { related: d.related } : {}), ...(fixes.length ? { fixes } : {}) }];
  });
}

/** One name as LaTeX writes it: `A`, `\alpha`, `\mathbf{A}`, `W_{1}`, `\boldsymbol{\Sigma}_1`. */
const LATEX_NAME = /^(?:[A-Za-z]|\\[A-Za-z]+(?:\s*\{[^{}]*\})?)(?:_(?:\{[^{}]*\}|[A-Za-z0-9]))?$/;

/**
 * A quick fix's transpose, written in LaTeX: `Aᵀ` → `A^{\top}`, `(\mathbf{A})ᵀ` → `\mathbf{A}^{\top}` (a name takes
 * the superscript as it is), `(A B)ᵀ` → `\left(A B\right)^{\top}`.
 */
function latexTranspose(mcalc: string): string {
  const bracketed = /^\((.*)\)ᵀ$/s.exec(mcalc);
  if (bracketed) return LATEX_NAME.test(bracketed[1]!.trim()) ? `${bracketed[1]!.trim()}^{\\top}` : `\\left(${bracketed[1]}\\right)^{\\top}`;
  return mcalc.replace(/ᵀ$/, '^{\\top}');
}

/**
 * Quotes a node of LaTeX math as mcalc (`B ⊗ A` for `B\bigotimes A`), for messages and hovers: one notation in
 * every message, compact and free of markup. Undefined for a node outside math (quoted as written).
 */
export function mathQuoter(formulas: readonly MathFormula[]): (e: Expr) => string | undefined {
  return (e) => (formulaAt(formulas, e) ? printMcalc(e) : undefined);
}
