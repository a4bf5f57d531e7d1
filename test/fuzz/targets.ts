// The fuzz targets — one generator each, held to the invariants of invariants.ts — and the runner that
// npm test (test/unit/fuzz.test.ts) and npm run fuzz (test/fuzz/main.ts) share.
import fc from 'fast-check';
import { analyze, gradient, parseExpression, printLatex, type Analysis, type LanguageId } from '../../server/src/core';
import { children, type Expr } from '../../server/src/core/syntax/ast';
import { deriveTargetsAt, variablesOf } from '../../server/src/core/queries';
import { isScalar } from '../../server/src/core/shapes/shape';
import {
  checkDiagnostics, checkDocument, checkDocumentQueries, checkInsertions, checkOffsetQueries, checkVerdict, DEFAULT_LIMITS, FuzzViolation,
  probeOffsets, timed, type Limits,
} from './invariants';
import { loadSeeds, mutatedFixture, type Seed } from './mutate';
import { markdownText, mcalcText } from './text';
import { DECLARATIONS, SYMBOLS, typedInput, type TypedInput } from './typed';

export interface FuzzTarget<T> {
  readonly name: string;
  /** The share of the inputs this target gets (cheap targets get more). */
  readonly weight: number;
  readonly arbitrary: fc.Arbitrary<T>;
  /** Throws a FuzzViolation when an invariant breaks; else says what kind of input it was (for the statistics). */
  readonly run: (input: T, limits: Limits) => string;
}

// ---------------------------------------------------------------------------------------------------------------
// (c) Well-typed functions: written as mcalc, in a Markdown fence, or as LaTeX math in a Markdown note.

export interface TypedDocument {
  readonly text: string;
  readonly languageId: LanguageId;
  /** Appends the claim ∂f/∂X = G (G in mcalc; the claim is written as the document writes f). */
  readonly withClaim: (wrt: string, mcalc: string, latex: string) => string;
}

export function typedDocument(input: TypedInput): TypedDocument {
  const decls = DECLARATIONS.join('\n');
  switch (input.form) {
    case 'mcalc': {
      const text = `# generated\n${decls}\n\nf = ${input.f}\n`;
      return { text, languageId: 'mcalc', withClaim: (x, g) => `${text}∂f/∂${x} = ${g}\n` };
    }
    case 'markdown-fence': {
      const text = `# A generated function\n\nThe symbols:\n\n\`\`\`mcalc\n${decls}\n\`\`\`\n\nand $f$, a scalar:\n\n> \`\`\`mcalc\n> f = ${input.f}\n> \`\`\`\n`;
      return { text, languageId: 'markdown', withClaim: (x, g) => `${text}\nThe claim:\n\n\`\`\`mcalc\n∂f/∂${x} = ${g}\n\`\`\`\n` };
    }
    case 'markdown-math': {
      const { expr } = parseExpression(input.f);
      const text = `# A generated function\n\n\`\`\`mcalc\n${decls}\n\`\`\`\n\nLet\n$$\nf = ${printLatex(expr)}\n$$\nwhere $s > 0$.\n`;
      return { text, languageId: 'markdown', withClaim: (x, _g, latex) => `${text}\nThen $\\frac{\\partial f}{\\partial ${x}} = ${latex}$.\n` };
    }
  }
}

function namesIn(e: Expr): string[] {
  return e.kind === 'name' ? [e.name] : children(e).flatMap(namesIn);
}

function problems(a: Analysis): string[] {
  return a.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning').map((d) => `${d.code} ${d.message}`);
}

/**
 * A well-typed function: analysed without errors; f is a scalar; ∂f/∂X is derived (or refused by the budget, with a
 * message) and its numeric check confirms it or says why it cannot; the result, written back as a claim, is not
 * contradicted by the claim checker; and the queries hold on the document.
 */
export function runTyped(input: TypedInput & { readonly seed: number }, limits: Limits): string {
  const doc = typedDocument(input);
  const a = timed(limits, 'analyze', () => analyze(doc.text, doc.languageId));
  checkDiagnostics(a);
  const bad = problems(a);
  if (bad.length) throw new FuzzViolation(`a well-typed function drew diagnostics: ${bad.join('; ')}`);
  const f = a.symbols.get('f');
  // Math that names no declared symbol is ordinary math and stays out of the scope (docs/language.md).
  if (!f && input.form === 'markdown-math' && !namesIn(parseExpression(input.f).expr).some((n) => SYMBOLS.includes(n))) return 'ordinary math';
  if (!f?.shape || !isScalar(f.shape)) throw new FuzzViolation(`f has no scalar shape`);
  const vars = variablesOf(a, 'f');
  const wrt = (vars.length ? vars : SYMBOLS)[input.pick % (vars.length || SYMBOLS.length)]!;
  const out = timed(limits, `gradient ∂f/∂${wrt}`, () => gradient(a, 'f', wrt, { seed: input.seed }));
  const verdict = checkVerdict(out, `∂f/∂${wrt}`);
  if (!out.ok) {
    if (!/grew beyond/.test(out.message)) throw new FuzzViolation(`∂f/∂${wrt} refused: ${out.message}`);
    return 'over budget';
  }
  const claimed = timed(limits, 'analyze with the claim', () => analyze(doc.withClaim(wrt, out.result.mcalc, out.result.latex), doc.languageId, { seed: input.seed }));
  checkDiagnostics(claimed);
  const wrong = problems(claimed);
  if (wrong.length) throw new FuzzViolation(`the derived ∂f/∂${wrt} = ${out.result.mcalc}, claimed back, drew: ${wrong.join('; ')}`);
  // What "Derive ∂f/∂X" writes, in every format the place takes, reads back clean: the claim is not contradicted.
  const at = timed(limits, 'deriveTargetsAt f', () => deriveTargetsAt(a, f.statementSpan.start));
  // A function of no variable (tr(I_n)) offers nothing to derive; any other does, for each of its variables.
  if (vars.length > 0 && (at?.of !== 'f' || at.wrt.join() !== vars.join())) throw new FuzzViolation(`the derive target on f is ${JSON.stringify(at)}, not ∂f/∂{${vars.join(', ')}}`);
  if (at) for (const w of checkInsertions(a, at, wrt, out.result, limits)) {
    const bad = problems(w.after);
    if (bad.length) throw new FuzzViolation(`∂f/∂${wrt} inserted as ${w.format} drew: ${bad.join('; ')}\n${w.text}`);
  }
  checkDocumentQueries(a, limits);
  for (const o of probeOffsets(a, 8)) checkOffsetQueries(a, o, limits);
  return verdict;
}

// ---------------------------------------------------------------------------------------------------------------
// The targets.

export function fuzzTargets(seeds: readonly Seed[] = loadSeeds()): Array<FuzzTarget<unknown>> {
  const targets = [
    { name: 'text-mcalc', weight: 3, arbitrary: mcalcText, run: (t: string, l: Limits) => checkDocument(t, 'mcalc', l) },
    { name: 'text-markdown', weight: 3, arbitrary: markdownText, run: (t: string, l: Limits) => checkDocument(t, 'markdown', l) },
    {
      name: 'mutated-fixtures', weight: 2, arbitrary: mutatedFixture(seeds),
      run: (m: { text: string; languageId: LanguageId }, l: Limits) => checkDocument(m.text, m.languageId, l),
    },
    {
      name: 'typed-functions', weight: 2, arbitrary: fc.tuple(typedInput, fc.nat(10_000)).map(([t, seed]) => ({ ...t, seed })),
      run: runTyped,
    },
  ] as const;
  return targets as unknown as Array<FuzzTarget<unknown>>;
}

// ---------------------------------------------------------------------------------------------------------------
// The runner.

export interface TargetReport {
  readonly name: string;
  /** Inputs tried (before any shrinking). */
  readonly runs: number;
  readonly ms: number;
  readonly seed: number;
  /** How many inputs of each kind (what run() said), over the inputs tried. */
  readonly kinds: Readonly<Record<string, number>>;
  /** fast-check's report: the shrunk counterexample, the seed and the path to replay it, and the error. */
  readonly failure?: string;
}

export interface RunOptions {
  readonly runs: number;
  readonly seed: number;
  readonly limits?: Limits;
  /** To replay one counterexample (with the seed fast-check reported). */
  readonly path?: string;
  /** Called now and then with the inputs tried so far. */
  readonly progress?: (tried: number) => void;
}

/** Runs one target for `runs` inputs from `seed`; on a failure, shrinks it and reports how to replay it. */
export function runTarget(target: FuzzTarget<unknown>, options: RunOptions): TargetReport {
  const limits = options.limits ?? DEFAULT_LIMITS;
  let tried = 0;
  const kinds: Record<string, number> = {};
  const start = performance.now();
  const details = fc.check(fc.property(target.arbitrary, (input) => {
    tried++;
    if (options.progress && tried % 250 === 0) options.progress(tried);
    const kind = target.run(input, limits);
    kinds[kind] = (kinds[kind] ?? 0) + 1;
  }), { numRuns: options.runs, seed: options.seed, ...(options.path ? { path: options.path } : {}) });
  const ms = performance.now() - start;
  if (!details.failed) return { name: target.name, runs: details.numRuns, ms, seed: options.seed, kinds };
  const replay = `replay: node out/test/fuzz/main.js --target ${target.name} --seed ${details.seed} --path ${details.counterexamplePath ?? ''}`;
  return {
    name: target.name, runs: details.numRuns, ms, seed: options.seed, kinds,
    failure: `${fc.defaultReportMessage(details) ?? 'failed'}\n${errorText(details.errorInstance)}\n${replay}`,
  };
}

function errorText(e: unknown): string {
  return e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : `Error: ${String(e)}`;
}

/** Splits a total number of inputs over the targets by weight (each gets at least one). */
export function shareRuns(targets: ReadonlyArray<FuzzTarget<unknown>>, total: number): number[] {
  const sum = targets.reduce((s, t) => s + t.weight, 0);
  const shares = targets.map((t) => Math.max(1, Math.floor((total * t.weight) / sum)));
  shares[0]! += Math.max(0, total - shares.reduce((s, x) => s + x, 0));
  return shares;
}
