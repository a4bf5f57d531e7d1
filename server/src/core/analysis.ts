// analyze(text, languageId): the whole pipeline from text to statements, scope, shapes and diagnostics.
import { append } from './arrays';
import { diagnostic, type Diagnostic } from './diagnostics';
import { checkClaimsRemembered, type ClaimMemo } from './claims-memo';
import { References } from './references';
import { RegionMap } from './region-map';
import { lineStarts, scanMarkdown, regionSource, type Region, type LineStarts } from './documents/markdown';
import { mathDiagnostics, mathQuoter, readMath, type MathFormula, type MathReading } from './documents/math';
import * as D from './shapes/dim';
import { ExprInference, type InferEnv, type SymbolInfo } from './shapes/infer';
import { isScalar, isSquare, sameShape, shape, shapeToString, SCALAR, type Shape } from './shapes/shape';
import { children, shapeSizeNames, type Expr, type Ident, type ShapeSpec, type Statement } from './syntax/ast';
import type { Property } from './syntax/functions';
import { parse, type ParseResult } from './syntax/parser';
import {
  record, RecordingEnv, replay, sameBindings, sameNames, type InferenceRecord, type InferenceRoot, type Move, type ScopeMemo,
} from './scope-memo';
import type { Span } from './syntax/span';
import type { TextLike } from './incremental/piece-text';

export type LanguageId = 'mcalc' | 'markdown';

export interface SizeSymbol {
  readonly name: string;
  /** Every place the size symbol is written, first use first. */
  readonly uses: Span[];
  /** The value given by a size fact, normalised (e.g. 3, or another size symbol). */
  value?: D.Dim;
}

export interface Analysis {
  readonly text: string;
  readonly languageId: LanguageId;
  /** The offset at which each line of the text starts. */
  readonly lineStarts: LineStarts;
  /** Markdown: the mcalc fences; mcalc: one region covering the file. */
  readonly regions: readonly Region[] | null;
  /** Every statement, in document order: the fences' and the math statements that joined the scope. */
  readonly statements: readonly Statement[];
  /** Markdown: the `$…$` / `$$…$$` formulas, each with the statements it contributed (often none). */
  readonly math: readonly MathFormula[];
  /** The statements read from LaTeX math (the server writes LaTeX, not mcalc, there). */
  readonly mathStatements: ReadonlySet<Statement>;
  /** Declared and defined matrix symbols, by name. */
  readonly symbols: ReadonlyMap<string, SymbolInfo>;
  readonly sizes: ReadonlyMap<string, SizeSymbol>;
  /** Size facts (`n = 3`, `m = n`), which are definitions syntactically. */
  readonly sizeFacts: ReadonlySet<Statement>;
  /** The shape of every well-typed expression node, sizes normalised by the facts. */
  readonly shapes: ReadonlyMap<Expr, Shape>;
  /** Every written use of a matrix symbol (declaration, definition, uses, grad and claim names). */
  readonly references: ReadonlyMap<string, Span[]>;
  readonly diagnostics: readonly Diagnostic[];
  /**
   * How messages quote a node when not as its source text: LaTeX math is quoted as mcalc (`B ⊗ A`, not
   * `B\bigotimes A`), so that every message reads the same wherever the math was written.
   */
  readonly quote?: (e: Expr) => string | undefined;
}

export function analyze(
  text: string,
  languageId: LanguageId = 'mcalc',
  options?: AnalysisOptions,
): Analysis {
  return analyzeParts(readParts(text, languageId), options ?? {}).analysis;
}

export interface AnalysisOptions {
  readonly checkClaims?: boolean;
  readonly seed?: number;
  readonly tolerance?: number;
  /** How a claim on a symmetric variable is judged: as the unconstrained gradient (default) or within symmetric matrices. */
  readonly symmetric?: 'unconstrained' | 'symmetric';
}

/**
 * What an analysis reads off the text before the scope: the Markdown scan, each region's parse, the LaTeX math.
 * analyze() reads them afresh; incremental/analyzer.ts keeps them up to date edit by edit.
 */
export interface TextParts {
  readonly text: string;
  readonly languageId: LanguageId;
  readonly lineStarts: LineStarts;
  /** Markdown: the mcalc fences; mcalc: null (one region covering the file). */
  readonly regions: readonly Region[] | null;
  /** The text the parser reads: for Markdown, container prefixes of region lines blanked (documents/markdown.ts). */
  readonly source: string;
  /** Each region's parse, in order (one for a .mcalc file). */
  readonly parses: readonly ParseResult[];
  readonly math: MathReading | null;
}

export function readParts(text: string, languageId: LanguageId): TextParts {
  const lines = lineStarts(text);
  const scan = languageId === 'markdown' ? scanMarkdown(text, lines) : null;
  const regions = scan ? scan.regions : null;
  const source = regions ? regionSource(text, regions) : text;
  const parses = (regions ?? [{ span: { start: 0, end: text.length } }]).map((r) => parse(source, r.span.start, r.span.end));
  // The LaTeX math of the prose joins the same scope (documents/math.ts decides which of it speaks of the symbols).
  const math = scan ? readMath(text, scan.prose, parses.flatMap((p) => p.statements), lines) : null;
  return { text, languageId, lineStarts: lines, regions, source, parses, math };
}

/** What an analysis leaves for the next analysis of the same document (incremental/analyzer.ts). */
export interface AnalysisMemo {
  readonly scope: ScopeMemo;
  readonly claims: ClaimMemo;
}

/** The previous analysis's memo, and how its positions and statements map to this one's. */
export interface PreviousAnalysis {
  readonly memo: AnalysisMemo;
  readonly move: Move;
  readonly origin: (root: InferenceRoot) => InferenceRoot | undefined;
}

/**
 * What an analysis leaves for the next one of the same document: nothing (analyze()); its frame — the size symbols
 * and facts, the claims' verdicts — which an edit read locally needs (incremental/local-edit.ts); or the frame and a
 * record of every inference, which the whole replay reuses (scope-memo.ts). Recording costs a sixth of a long file's
 * analysis, so a document's first analysis leaves the frame only and its first whole replay records.
 */
export type Remember = 'nothing' | 'frame' | 'records';

/**
 * From the parts to the analysis: the scope (shapes, symbols, sizes), the claims' numeric checks, the diagnostics.
 * With `remember`, also what the next analysis may reuse; with `previous`, reuses what the last one left (and records).
 */
export function analyzeParts(
  parts: TextParts, options: AnalysisOptions, previous?: PreviousAnalysis, remember: Remember = 'nothing',
): { analysis: Analysis; memo: AnalysisMemo | undefined } {
  const { text, languageId, regions, source, math } = parts;
  const fenceStatements = parts.parses.length === 1 ? parts.parses[0]!.statements : parts.parses.flatMap((p) => p.statements);
  let diagnostics: Diagnostic[] = parts.parses.length === 1 ? [...parts.parses[0]!.diagnostics] : parts.parses.flatMap((p) => p.diagnostics);
  const statements = math ? math.statements : fenceStatements;
  if (math) append(diagnostics, math.diagnostics);
  const quote = math?.mathStatements.size ? mathQuoter(math.formulas) : undefined;
  // The scope reads math's `where` clauses (f = tr(Sᵀ L S), where S = …) after what they use: math.scopeOrder.
  const replayable = previous && { memo: previous.memo.scope, move: previous.move, origin: previous.origin };
  const scope = new Scope(source, math ? math.scopeOrder : statements, quote, replayable, remember === 'records' || previous !== undefined);
  scope.run();
  append(diagnostics, scope.diagnostics);
  let claims: ClaimMemo = new Map();
  if (options.checkClaims !== false) {
    // The author's ∂f/∂X = … claims are checked against finite differences (W401, I402).
    const { symbols, sizes, shapes } = scope;
    const ctx = { text: source, statements, symbols, sizes, shapes, diagnostics, quote };
    const checked = checkClaimsRemembered(ctx, options, previous?.memo.claims);
    append(diagnostics, checked.diagnostics);
    claims = checked.memo;
  }
  if (math?.mathStatements.size) {
    const scalar = (name: string): boolean => {
      const sh = scope.symbols.get(name)?.shape;
      return !sh || isScalar(sh);
    };
    diagnostics = mathDiagnostics(diagnostics, math.formulas, scalar);
  }
  diagnostics.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  const analysis: Analysis = {
    text, languageId, lineStarts: parts.lineStarts, regions, statements, math: math?.formulas ?? [], mathStatements: math?.mathStatements ?? new Set(),
    symbols: scope.symbols, sizes: scope.sizes, sizeFacts: scope.sizeFacts, shapes: scope.shapes,
    references: scope.references, diagnostics, ...(quote ? { quote } : {}),
  };
  return { analysis, memo: remember !== 'nothing' || previous ? { scope: scope.memo(), claims } : undefined };
}

/** An InferEnv that does not record size uses (a declaration's: collectSizeSymbols has them). One object, not a copy. */
class WithoutSizeUses implements InferEnv {
  constructor(private readonly env: InferEnv) {}
  get text(): TextLike { return this.env.text; }
  lookup(n: string): SymbolInfo | undefined { return this.env.lookup(n); }
  isSizeSymbol(n: string): boolean { return this.env.isSizeSymbol(n); }
  normalize(d: D.Dim): D.Dim { return this.env.normalize(d); }
  useSize(): void {}
  useSymbol(n: string, sp: Span): void { this.env.useSymbol(n, sp); }
  quote(e: Expr): string | undefined { return this.env.quote?.(e); }
}

/** The previous analysis's scope records, and how to find the statements they were made for. */
export interface ReplayInput {
  readonly memo: ScopeMemo;
  /** Where an offset of the previous analysis is now. */
  readonly move: Move;
  /** The root a moved copy was made from (a statement after the edit); undefined for one that is the same object. */
  readonly origin: (root: InferenceRoot) => InferenceRoot | undefined;
}

/**
 * The scope as it stands before some statements, for reading those statements alone (incremental/local-edit.ts):
 * the symbols they may see, and the document's size symbols and facts.
 */
export interface OuterScope {
  readonly lookup: (name: string) => SymbolInfo | undefined;
  readonly sizes: { has(name: string): boolean };
  readonly bound: ReadonlyMap<string, D.Dim>;
}

/** What statements read against an outer scope give: the symbols they bring, in order, and their diagnostics. */
export interface LocalScope {
  readonly symbols: ReadonlyMap<string, SymbolInfo>;
  readonly diagnostics: readonly Diagnostic[];
  /** Whether they made a name a size symbol by using it as one (`I_q`): then later statements read `q` otherwise. */
  readonly newSizes: boolean;
}

/** Runs the scope over `statements` alone, as the whole document's scope would run them after what `outer` holds. */
export function localScope(text: TextLike, statements: readonly Statement[], outer: OuterScope): LocalScope {
  const scope = new Scope(text, statements, undefined, undefined, false, outer);
  scope.run();
  return { symbols: scope.symbols, diagnostics: scope.diagnostics, newSizes: [...scope.sizes.keys()].some((n) => !outer.sizes.has(n)) };
}

const SQUARE_PROPERTIES: readonly Property[] = ['symmetric', 'spd', 'diagonal', 'orthogonal', 'invertible'];
/** Shared by the declarations without properties (most of them): one array, not one each. */
const NO_PROPERTIES: readonly Property[] = Object.freeze([]);

/** A map of node shapes for a whole document: small tables, by where a node starts (region-map.ts). */
export function nodeShapeMap(): Map<Expr, Shape> {
  return new RegionMap<Expr, Shape>(nodeStart);
}

const nodeStart = (e: Expr): number => e.start;

/** Resolves names in order over all statements (all mcalc blocks of a Markdown note share one scope). */
class Scope implements InferEnv {
  readonly symbols = new Map<string, SymbolInfo>();
  readonly sizes = new Map<string, SizeSymbol>();
  readonly sizeFacts = new Set<Statement>();
  /** Tens of thousands of nodes in a long document: in small tables, so that filing them stays cheap. */
  readonly shapes = nodeShapeMap();
  readonly references = new References();
  readonly diagnostics: Diagnostic[] = [];
  private readonly bound = new Map<string, D.Dim>();
  /** The inference records of this run, for the next analysis of the document (scope-memo.ts). */
  readonly records = new Map<InferenceRoot, InferenceRecord>();
  /** Size symbols once the declarations and facts are read, before the statements: part of what a record depends on. */
  private sizesBefore: ReadonlySet<string> = new Set();
  /** The previous analysis's records, when they may be replayed (same sizes and facts). */
  private previous: ReplayInput | undefined;

  constructor(
    readonly text: TextLike, private readonly statements: readonly Statement[], readonly quote?: (e: Expr) => string | undefined,
    private readonly replayInput?: ReplayInput,
    /** Whether to record the inferences for a next analysis (an analysis made once need not). */
    private readonly remember = false,
    /** For statements read alone: what the document's scope holds before them (its sizes and facts included). */
    private readonly outer?: OuterScope,
  ) {}

  run(): void {
    if (this.outer) {
      for (const [k, v] of this.outer.bound) this.bound.set(k, v);
      for (let i = 0; i < this.statements.length; i++) this.statement(this.statements[i]!);
      return;
    }
    this.collectSizeSymbols();
    this.applySizeFacts();
    this.sizesBefore = new Set(this.sizes.keys());
    const p = this.replayInput;
    if (p && sameNames(p.memo.sizes, this.sizesBefore) && sameBindings(p.memo.bound, this.bound)) this.previous = p;
    // Indexed loops over the statements: they run once per analysis, often before the optimiser has seen them, and
    // an unoptimised for…of makes an iterator result per statement (tens of thousands in a long document).
    for (let i = 0; i < this.statements.length; i++) this.statement(this.statements[i]!);
  }

  /** What the next analysis of the document may replay. */
  memo(): ScopeMemo {
    return { records: this.records, sizes: this.sizesBefore, bound: this.bound };
  }

  /**
   * Runs `infer` (an inference of `root` against this scope) — or replays what it did last time, when `root` is a
   * statement that came again unchanged and the scope answers its lookups as before — and records it.
   */
  private inferred<T extends Shape | undefined>(
    root: InferenceRoot, expected: Shape | undefined, infer: (env: InferEnv) => { result: T; inference: ExprInference },
  ): T {
    if (!this.remember) return infer(this).result;
    const p = this.previous;
    const before = p && p.memo.records.get(p.origin(root) ?? root);
    if (p && before) {
      const again = replay(before, root, this, p.move, expected);
      if (again) {
        this.records.set(root, again);
        return again.result as T;
      }
    }
    const env = new RecordingEnv(this);
    const { result, inference } = infer(env);
    const rec = record(root, env, inference, result, expected);
    if (rec) this.records.set(root, rec);
    return result;
  }

  lookup(name: string): SymbolInfo | undefined {
    return this.symbols.get(name) ?? this.outer?.lookup(name);
  }

  isSizeSymbol(name: string): boolean {
    return this.sizes.has(name) || this.outer?.sizes.has(name) === true;
  }

  normalize(d: D.Dim): D.Dim {
    const bound = this.bound;
    return bound.size ? D.substitute(d, (s) => bound.get(s)) : d;
  }

  // Every use is recorded once: each node is visited once, but for a declaration's sizes, which collectSizeSymbols
  // records and shapeOf reads again (without recording: see there).
  useSize(name: string, span: Span): void {
    const s = this.sizes.get(name);
    if (s) s.uses.push(span);
    else this.sizes.set(name, { name, uses: [span] });
  }

  useSymbol(name: string, span: Span): void {
    this.references.add(name, span);
  }

  private error(d: Diagnostic): void {
    this.diagnostics.push(d);
  }

  /** Size symbols are declared by use in shapes, anywhere in the document. */
  private collectSizeSymbols(): void {
    for (let i = 0; i < this.statements.length; i++) {
      const s = this.statements[i]!;
      if (s.kind === 'declaration') for (const n of shapeSizeNames(s.shape)) this.useSize(n.name, n);
    }
  }

  /** `n = 3`, `m = n`: definitions whose target is a size symbol. They hold for the whole document. */
  private applySizeFacts(): void {
    const inference = new ExprInference(this);
    // Facts are read before any declaration, so a matrix on the right (`n = A`) is recognised by name: a declared one,
    // or one defined by a definition that is not a fact (`k = 3` where k is in no shape defines a scalar k).
    // Made at the first fact: most documents have none, and a long one has thousands of names.
    let matrices: Map<string, 'declared' | 'defined'> | undefined;
    /** The fact that first gave each size its value: where to report a value that later facts make below 1. */
    const givenBy = new Map<string, Extract<Statement, { kind: 'definition' }>>();
    const matrixNames = (): Map<string, 'declared' | 'defined'> => {
      const out = new Map<string, 'declared' | 'defined'>();
      for (const s of this.statements) {
        if (s.kind === 'declaration') for (const n of s.names) out.set(n.name, 'declared');
        else if (s.kind === 'definition' && !this.sizes.has(s.target.name) && !out.has(s.target.name)) out.set(s.target.name, 'defined');
      }
      return out;
    };
    const matrixIn = (e: Expr): Expr | undefined => (e.kind === 'name' && matrices!.has(e.name) ? e : children(e).map(matrixIn).find(Boolean));
    for (let i = 0; i < this.statements.length; i++) {
      const s = this.statements[i]!;
      if (s.kind !== 'definition' || !this.sizes.has(s.target.name)) continue;
      matrices ??= matrixNames();
      this.sizeFacts.add(s);
      this.useSize(s.target.name, s.target);
      const matrix = matrixIn(s.value);
      if (matrix?.kind === 'name') {
        const why = matrices.get(matrix.name) === 'defined'
          ? `${matrix.name} is a matrix, not a size: ${matrix.name} = … defines a matrix, as ${matrix.name} is in no shape (a size is a name used in a shape)`
          : `${matrix.name} is a matrix, not a size`;
        this.error(diagnostic('E213', matrix, why));
        continue;
      }
      const before = inference.diagnostics.length;
      const rhs = inference.dim(s.value);
      append(this.diagnostics, inference.diagnostics.slice(before));
      if (!rhs) continue;
      const lhs = this.normalize(D.symbol(s.target.name));
      const value = this.normalize(rhs);
      // n = k - k is n = 0 (n = 0 itself is E210 from the number): no matrix has a size below 1.
      const fixed = D.constantValue(value);
      if (fixed !== undefined && fixed < 1) {
        this.error(diagnostic('E210', s.value, `a size must be a positive whole number, but ${this.text.slice(s.value.start, s.value.end)} is ${fixed}`));
        continue;
      }
      if (D.equal(lhs, value)) continue;
      const a = D.soleSymbol(lhs);
      const b = D.soleSymbol(value);
      const target = a && !D.symbolsOf(value).has(a) ? a : b && !D.symbolsOf(lhs).has(b) ? b : undefined;
      if (target) {
        D.bindResolved(this.bound, target, target === a ? value : lhs);
        if (!givenBy.has(target)) givenBy.set(target, s);
        continue;
      }
      this.error(diagnostic('E304', s,
        `size fact ${this.text.slice(s.start, s.end)} conflicts with the earlier facts: with them it means ${D.dimToString(lhs)} = ${D.dimToString(value)}`));
    }
    for (const [name, size] of this.sizes) {
      const v = this.bound.get(name);
      if (!v) continue;
      // n = k − p, then k = p: only the later fact makes n 0.
      const fixed = D.constantValue(v);
      const by = givenBy.get(name);
      if (fixed !== undefined && fixed < 1 && by) {
        this.error(diagnostic('E210', by.value, `a size must be a positive whole number, but with the facts ${name} is ${fixed}`));
        // Reported once, here: the shapes that use the size read it as free, not as the number again.
        this.bound.delete(name);
        continue;
      }
      size.value = v;
    }
  }

  private statement(s: Statement): void {
    switch (s.kind) {
      case 'declaration': return this.declaration(s);
      case 'definition': return this.sizeFacts.has(s) ? undefined : this.definition(s);
      case 'grad': return this.grad(s);
      case 'claim': return this.claim(s);
    }
  }

  /**
   * A declaration's shape. Read afresh every analysis, never recorded for replay: `m × n` is a few lookups, cheaper
   * than checking a record of them (and a long document has thousands of declarations).
   */
  private shapeOf(spec: ShapeSpec): Shape | undefined {
    if (spec.kind === 'scalar') return SCALAR;
    // Its size symbols' uses are recorded already (collectSizeSymbols walks the same names the dims read).
    const inference = new ExprInference(new WithoutSizeUses(this), undefined, this.shapes);
    let result: Shape | undefined;
    // A size the facts make a number below 1 ((n − m) × n with m = n): no matrix has that shape.
    const positive = (d: D.Dim | undefined, e: Expr): D.Dim | undefined => {
      const v = d && D.constantValue(d);
      if (v === undefined || v >= 1) return d;
      this.error(diagnostic('E210', e, `a size must be a positive whole number, but with the facts ${this.text.slice(e.start, e.end)} is ${v}`));
      return undefined;
    };
    if (spec.kind === 'vector') {
      const n = positive(inference.dim(spec.size), spec.size);
      result = n && shape(n, D.ONE);
    } else {
      const r = positive(inference.dim(spec.rows), spec.rows);
      const c = positive(inference.dim(spec.cols), spec.cols);
      result = r && c && shape(r, c);
    }
    append(this.diagnostics, inference.diagnostics);
    return result;
  }

  private redefinition(id: Ident): boolean {
    const prev = this.lookup(id.name);
    if (!prev) return false;
    this.error(diagnostic('E102', id, `${id.name} is already ${prev.kind}`, {
      related: [{ span: prev.statementSpan, message: `${id.name} is ${prev.kind} here` }],
    }));
    return true;
  }

  private declaration(s: Extract<Statement, { kind: 'declaration' }>): void {
    const sh = this.shapeOf(s.shape);
    // A square-only property on a matrix that is not square is reported (E106) and not kept: the calculus and the
    // numeric check would take a symmetric m×n matrix at its word (Aᵀ = A) and build ill-typed trees.
    const fits = (p: Property): boolean => !(sh && !isSquare(sh) && SQUARE_PROPERTIES.includes(p));
    const properties = s.properties.length ? s.properties.map((p) => p.name as Property).filter(fits) : NO_PROPERTIES;
    if (sh && !isSquare(sh)) {
      for (const p of s.properties) {
        if (SQUARE_PROPERTIES.includes(p.name as Property)) {
          this.error(diagnostic('E106', p, `${p.name} needs a square matrix, but the shape is ${shapeToString(sh)}`));
        }
      }
    }
    for (const id of s.names) {
      if (this.isSizeSymbol(id.name)) {
        this.error(diagnostic('E105', id, `${id.name} is already a size symbol (used in a shape), so it cannot name a matrix`));
        continue;
      }
      if (this.redefinition(id)) continue;
      this.symbols.set(id.name, {
        name: id.name, kind: 'declared', shape: sh, nameSpan: id, statementSpan: s, properties,
      });
      this.useSymbol(id.name, id);
    }
  }

  private definition(s: Extract<Statement, { kind: 'definition' }>): void {
    const sh = this.inferred(s.value, undefined, (env) => this.inferValue(env, s.value, undefined));
    if (this.redefinition(s.target)) return;
    this.symbols.set(s.target.name, {
      name: s.target.name, kind: 'defined', shape: sh, nameSpan: s.target, statementSpan: s, properties: NO_PROPERTIES, value: s.value,
    });
    this.useSymbol(s.target.name, s.target);
  }

  /** A definition's or claim's value (a claim's must have its variable's shape), typed into the scope's shapes. */
  private inferValue(env: InferEnv, value: Expr, expected: Shape | undefined): { result: Shape | undefined; inference: ExprInference } {
    const inference = new ExprInference(env, undefined, this.shapes);
    const result = inference.run(value, expected);
    append(this.diagnostics, inference.diagnostics);
    return { result, inference };
  }

  /** The function being differentiated: a defined scalar. */
  private checkOf(of: Ident): SymbolInfo | undefined {
    const f = this.lookup(of.name);
    if (!f) {
      this.error(diagnostic('E101', of, `'${of.name}' is not defined: define it (${of.name} = …) before asking for its gradient`));
      return undefined;
    }
    this.useSymbol(of.name, of);
    if (f.shape && !isScalar(f.shape)) {
      // A scalar to take instead: tr only of a square matrix; of a vector, its sum or its squared norm.
      const n = of.name;
      const instead = D.isOne(f.shape.cols) ? `sum(${n}) or ${n}ᵀ ${n}` : D.isOne(f.shape.rows) ? `sum(${n}) or ${n} ${n}ᵀ`
        : isSquare(f.shape) ? `tr(${n}) or sum(${n})` : `sum(${n})`;
      this.error(diagnostic('E301', of, `${n} is ${shapeToString(f.shape)}, not a scalar: gradients are of scalar functions (try ${instead})`, {
        related: [{ span: f.statementSpan, message: `${of.name} is ${f.kind} here` }],
      }));
      return undefined;
    }
    return f;
  }

  /** The variable: a declared symbol. */
  private checkWrt(x: Ident): SymbolInfo | undefined {
    const sym = this.lookup(x.name);
    if (sym?.kind === 'declared') {
      this.useSymbol(x.name, x);
      return sym;
    }
    if (sym) this.useSymbol(x.name, x);
    const why = sym ? `${x.name} is defined (${x.name} = …), not declared` : this.isSizeSymbol(x.name) ? `${x.name} is a size symbol` : `${x.name} is not declared`;
    this.error(diagnostic('E302', x, `cannot differentiate with respect to ${x.name}: ${why}; gradients are taken with respect to declared symbols`,
      sym ? { related: [{ span: sym.statementSpan, message: `${x.name} is defined here` }] } : {}));
    return undefined;
  }

  private grad(s: Extract<Statement, { kind: 'grad' }>): void {
    this.checkOf(s.of);
    for (const x of s.wrt) this.checkWrt(x);
  }

  private claim(s: Extract<Statement, { kind: 'claim' }>): void {
    this.checkOf(s.of);
    const x = this.checkWrt(s.wrt);
    const sh = this.inferred(s.value, x?.shape, (env) => this.inferValue(env, s.value, x?.shape));
    const zero = s.value.kind === 'number' && s.value.value === 0;
    if (x?.shape && sh && !zero && !sameShape(sh, x.shape)) {
      this.error(diagnostic('E303', s.value,
        `∂${s.of.name}/∂${s.wrt.name} must have the shape of ${s.wrt.name}, ${shapeToString(x.shape)}, but this is ${shapeToString(sh)}`, {
          related: [{ span: x.statementSpan, message: `${s.wrt.name} is ${shapeToString(x.shape)}` }],
        }));
    }
  }
}
