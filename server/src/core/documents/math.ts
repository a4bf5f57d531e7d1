// LaTeX math in Markdown: finds `$…$` and `$$…$$` in the prose, reads each formula into mcalc statements with the
// LaTeX lexer and the mcalc parser, and decides which of them join the document's one scope (docs/language.md,
// "LaTeX math in Markdown"). Only math that speaks of declared symbols is checked; all other math stays silent.
import type { Diagnostic, Fix } from '../diagnostics';
import { assertNever, children, type Expr, type ShapeSpec, type Statement } from '../syntax/ast';
import { RESERVED } from '../syntax/functions';
import { GREEK, own } from '../syntax/latex-commands';
import { lexLatex } from '../syntax/latex-lexer';
import { parseExpressionTokens, parseTokens } from '../syntax/parser';
import type { Span } from '../syntax/span';
import type { Token } from '../syntax/tokens';
import { lineStarts, type ProseBlock } from './markdown';

export interface MathSpan {
  /** The formula with its delimiters, in the Markdown file's offsets. */
  readonly span: Span;
  /** Between the delimiters. */
  readonly content: Span;
  /** `$$…$$` rather than `$…$`. */
  readonly display: boolean;
}

export interface MathFormula extends MathSpan {
  /** The statements of this formula that joined the scope (none for ordinary math). */
  readonly statements: readonly Statement[];
}

export interface MathReading {
  readonly formulas: readonly MathFormula[];
  /** The fences' statements and the math statements that joined the scope, in document order (the scope's order). */
  readonly statements: readonly Statement[];
  readonly mathStatements: ReadonlySet<Statement>;
  /** The parser's hints (H501) on the math statements that joined. */
  readonly diagnostics: readonly Diagnostic[];
}

// ---------------------------------------------------------------------------------------------------------------
// Finding the formulas.

/**
 * The `$…$` and `$$…$$` of the prose blocks, and the text to read them from: the document with the container
 * prefixes (`> `) of prose lines blanked, so that a formula running over lines of a quote reads without them.
 * Rules (those of VS Code's preview, @vscode/markdown-it-katex): a backslash escapes the next character (`\$`), code
 * spans are skipped, an inline `$` opens only before a non-space, and the next `$` closes it only after a non-space
 * and before a non-digit — otherwise the first is a dollar sign, so "costs $5 and $10" holds no math.
 */
export function findMath(text: string, prose: readonly ProseBlock[]): { source: string; spans: MathSpan[] } {
  const starts = lineStarts(text);
  const blanks: Array<[number, number]> = [];
  for (const b of prose) {
    b.prefixes.forEach((p, i) => {
      const at = starts[b.firstLine + i];
      if (p > 0 && at !== undefined && /\S/.test(text.slice(at, at + p))) blanks.push([at, at + p]);
    });
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
  const spans: MathSpan[] = [];
  for (const b of prose) {
    const start = starts[b.firstLine] ?? text.length;
    const next = starts[b.firstLine + b.prefixes.length];
    scanBlock(source, start, next === undefined ? text.length : next - 1, spans);
  }
  return { source, spans };
}

function scanBlock(s: string, start: number, end: number, out: MathSpan[]): void {
  let i = start;
  while (i < end) {
    const ch = s[i];
    if (ch === '\\') {
      i += 2;
    } else if (ch === '`') {
      const n = run(s, i, end);
      const close = closingRun(s, i + n, end, n);
      i = close < 0 ? i + n : close + n;
    } else if (ch === '$' && s[i + 1] === '$') {
      const close = closing(s, i + 2, end, (j) => s.startsWith('$$', j));
      if (close < 0) i += 2;
      else {
        out.push({ span: { start: i, end: close + 2 }, content: { start: i + 2, end: close }, display: true });
        i = close + 2;
      }
    } else if (ch === '$' && i + 1 < end && !/[ \t]/.test(s[i + 1]!)) {
      // The first unescaped `$` closes, if it can; if not, this `$` is a dollar sign (as the preview has it).
      const close = closing(s, i + 1, end, (j) => s[j] === '$');
      if (close < 0 || /[ \t]/.test(s[close - 1]!) || /[0-9]/.test(s[close + 1] ?? '')) i++;
      else {
        out.push({ span: { start: i, end: close + 1 }, content: { start: i + 1, end: close }, display: false });
        i = close + 1;
      }
    } else i++;
  }
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
 * Decides, in document order, which math statements join the scope. Strictly in order: a `where` clause
 * (`f = \mathrm{Tr}(S^T L S)`, where `S = …`) leaves f unread, because the calculus (derive.ts) and the NumPy
 * export take a definition's place in the text as its place in the dependency order.
 */
class Merger {
  readonly accepted = new Set<Statement>();
  private readonly kinds = new Map<string, 'declared' | 'defined'>();

  /**
   * @param taken names the fences declare or define anywhere: the fences win, math restating them is silent.
   * @param allSizes size symbols of every declaration (fences and math): never the target of a math statement.
   * @param sizes size symbols in scope (the fences', and those of math declarations that joined).
   */
  constructor(private readonly taken: ReadonlySet<string>, private readonly allSizes: ReadonlySet<string>, private readonly sizes: Set<string>) {}

  fence(s: Statement): void {
    this.take(s);
  }

  math(s: Statement): void {
    const joined = this.verdict(s);
    if (!joined) return;
    this.accepted.add(joined);
    this.take(joined);
  }

  private take(s: Statement): void {
    if (s.kind === 'declaration') {
      for (const n of s.names) this.kinds.set(n.name, 'declared');
      for (const n of shapeNames(s.shape)) this.sizes.add(n);
    } else if (s.kind === 'definition' && !this.sizes.has(s.target.name)) this.kinds.set(s.target.name, 'defined');
  }

  private free(name: string): boolean {
    return !this.kinds.has(name) && !this.taken.has(name) && !this.allSizes.has(name) && !RESERVED.has(name) && !/^I(_|$)/.test(name);
  }

  /** Whether every name of a value is in scope, and at least one of them is a symbol. */
  private resolved(e: Expr): 'yes' | 'no' | 'none' {
    const names = { values: [] as string[], sizes: [] as string[] };
    namesIn(e, names);
    if (!names.values.every((n) => this.kinds.has(n) || this.sizes.has(n)) || !names.sizes.every((n) => this.sizes.has(n))) return 'no';
    return names.values.some((n) => this.kinds.has(n)) ? 'yes' : 'none';
  }

  /** The statement as it joins (a declaration keeps only its new names), or undefined when it stays silent. */
  private verdict(s: Statement): Statement | undefined {
    switch (s.kind) {
      case 'declaration': {
        const names = s.names.filter((n) => this.free(n.name));
        if (names.length === 0 || shapeNames(s.shape).some((n) => this.kinds.has(n) || this.taken.has(n))) return undefined;
        return names.length === s.names.length ? s : { ...s, names };
      }
      case 'definition':
        // A restatement, a size fact, a value with an unknown name, or math that names no symbol (x = 2).
        return this.free(s.target.name) && this.resolved(s.value) === 'yes' ? s : undefined;
      case 'claim':
        return this.kinds.get(s.of.name) === 'defined' && this.kinds.get(s.wrt.name) === 'declared' && this.resolved(s.value) !== 'no' ? s : undefined;
      case 'grad':
        return undefined;
      default:
        return assertNever(s);
    }
  }
}

/** Reads the formulas and merges their statements with the fences' (`fenceStatements`, in document order). */
export function readMath(text: string, prose: readonly ProseBlock[], fenceStatements: readonly Statement[]): MathReading {
  const { source, spans } = findMath(text, prose);
  const fenceSizes = new Set<string>();
  const taken = new Set<string>();
  for (const s of fenceStatements) if (s.kind === 'declaration') shapeNames(s.shape).forEach((n) => fenceSizes.add(n));
  for (const s of fenceStatements) introduced(s, fenceSizes).forEach((n) => taken.add(n));
  const lexed = spans.map((m) => lexLatex(source, m.content.start, m.content.end));
  // Spellings the document uses, so that W_{1} is the fences' W₁; math declarations keep their own spelling.
  const spelled = new Set([...taken, ...fenceSizes]);
  for (const ts of lexed) ts?.forEach((t, k) => { if (t.kind === 'name' && (ts[k + 1]?.kind === 'in' || ts[k + 1]?.kind === 'equals')) spelled.add(t.text); });
  const parsed = lexed.map((ts) => {
    if (!ts) return undefined;
    const p = parseTokens(resolveNames(ts, (n) => spelled.has(n)));
    // A formula the parser rejects is ordinary math, not a mistake in mcalc: it is ignored whole.
    return p.diagnostics.some((d) => d.severity === 'error') ? undefined : p;
  });
  const allSizes = new Set(fenceSizes);
  for (const p of parsed) p?.statements.forEach((s) => { if (s.kind === 'declaration') shapeNames(s.shape).forEach((n) => allSizes.add(n)); });

  const merger = new Merger(taken, allSizes, new Set(fenceSizes));
  const items = [...fenceStatements.map((s) => ({ s, fence: true })), ...parsed.flatMap((p) => p?.statements.map((s) => ({ s, fence: false })) ?? [])];
  items.sort((a, b) => a.s.span.start - b.s.span.start);
  for (const { s, fence } of items) {
    if (fence) merger.fence(s);
    else merger.math(s);
  }

  // In document order, as the formulas are: each takes the run of statements inside it.
  const joined = [...merger.accepted];
  let next = 0;
  const formulas = spans.map((m) => {
    while (next < joined.length && joined[next]!.span.start < m.content.start) next++;
    const first = next;
    while (next < joined.length && joined[next]!.span.end <= m.content.end) next++;
    return { ...m, statements: joined.slice(first, next) };
  });
  const hints = parsed.flatMap((p) => p?.diagnostics ?? []).filter((d) => joined.some((s) => s.span.start <= d.span.start && d.span.end <= s.span.end));
  const statements = [...fenceStatements, ...joined].sort((a, b) => a.span.start - b.span.start);
  return { formulas, statements, mathStatements: merger.accepted, diagnostics: hints };
}

/**
 * Diagnostics on math, in the math's terms: a quick fix writes LaTeX (`A^{\top}`, not `Aᵀ`) or is dropped (ones(…)
 * has no LaTeX spelling a reader would want). A claim ∂S/∂A of a matrix S (`isScalar` says no) is a Jacobian, which
 * mcalc does not check: nothing is said about it (no E301, no E303).
 */
export function mathDiagnostics(diagnostics: readonly Diagnostic[], formulas: readonly MathFormula[], isScalar: (name: string) => boolean): Diagnostic[] {
  const jacobians = formulas.flatMap((f) => f.statements.filter((s) => s.kind === 'claim' && !isScalar(s.of.name)).map((s) => s.span));
  const inJacobian = (sp: Span): boolean => jacobians.some((j) => j.start <= sp.start && sp.end <= j.end);
  const inMath = (sp: Span): boolean => {
    // The formulas are in document order: the last one starting at or before sp decides.
    let lo = 0;
    let hi = formulas.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (formulas[mid]!.content.start <= sp.start) lo = mid;
      else hi = mid - 1;
    }
    const f = formulas[lo];
    return !!f && f.content.start <= sp.start && sp.end <= f.content.end;
  };
  return diagnostics.flatMap((d): Diagnostic[] => {
    if (!inMath(d.span)) return [d];
    if (inJacobian(d.span)) return [];
    if (!d.fixes) return [d];
    const fixes = d.fixes.flatMap((f): Fix[] => {
      if (f.edits.some((e) => /ones\(/.test(e.newText))) return [];
      const edits = f.edits.map((e) => ({ ...e, newText: e.newText.replace(/^\((.*)\)ᵀ$/s, '\\left($1\\right)^{\\top}').replace(/ᵀ$/, '^{\\top}') }));
      return [{ title: f.title.replace(/ᵀ/g, '^{\\top}'), edits }];
    });
    return [{ code: d.code, severity: d.severity, message: d.message, span: d.span, ...(d.related ? { related: d.related } : {}), ...(fixes.length ? { fixes } : {}) }];
  });
}
