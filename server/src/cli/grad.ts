// `mcalc grad FILE [--of f] --wrt X [--to mcalc|latex|numpy|json]`: gradients with their numeric check.
import { analyze, gradients, gradRequests, latexName, type Analysis, type CheckResult, type Diagnostic, type GradientResult, type GradientSet } from '../core';
import { involvedPart } from '../core/numeric/involved';
import { isScalar } from '../core/shapes/shape';
import { languageOf, parseSeed, parseSymmetric, parseTolerance, readDocument, reportDiagnostics } from './check';
import { checkLine } from '../core/numeric/check-text';

export type GradFormat = 'text' | 'mcalc' | 'latex' | 'numpy' | 'json';
const FORMATS: readonly GradFormat[] = ['text', 'mcalc', 'latex', 'numpy', 'json'];

export interface GradOptions {
  readonly of?: string;
  readonly wrt: readonly string[];
  readonly to?: string;
  readonly seed?: string;
  readonly tolerance?: string;
  readonly check: boolean;
  readonly symmetric?: string;
}

export function runGrad(files: string[], options: GradOptions): number {
  if (files.length !== 1) {
    process.stderr.write('mcalc grad: name one file (mcalc grad FILE --wrt X)\n');
    return 2;
  }
  const format = (options.to ?? 'text') as GradFormat;
  if (!FORMATS.includes(format)) {
    process.stderr.write(`mcalc grad: --to must be one of mcalc, latex, numpy, json (not '${options.to}')\n`);
    return 2;
  }
  const seed = parseSeed('grad', options.seed);
  const tolerance = parseTolerance('grad', options.tolerance);
  const symmetric = parseSymmetric('grad', options.symmetric);
  if (seed === null || tolerance === null || symmetric === null) return 2;
  const file = files[0]!;
  const text = readDocument(file);
  if (text === undefined) return 2;
  const analysis = analyze(text, languageOf(file));
  const errors = analysis.diagnostics.filter((d) => d.severity === 'error');
  const requests = resolveRequests(analysis, options);
  // Errors in what the gradients read stop them; an error elsewhere in the file (a claim about another f) does not.
  const reads = typeof requests === 'string' ? [] : requests.map((r) => readBy(analysis, r));
  const blocking = typeof requests === 'string' ? errors : errors.filter((d) => reads.some((inside) => inside(d)));
  if (blocking.length > 0) {
    reportDiagnostics(file, text, blocking, process.stderr);
    process.stderr.write('mcalc grad: fix the errors above first\n');
    return 1;
  }
  if (typeof requests === 'string') {
    process.stderr.write(`mcalc grad: ${requests}\n`);
    return 2;
  }
  if (errors.length > 0) {
    process.stderr.write(`mcalc grad: ${errors.length} error${errors.length === 1 ? '' : 's'} elsewhere in ${file} (mcalc check ${file} lists them)\n`);
  }
  const set = gradients(analysis, requests, {
    check: options.check,
    // Only the JSON output carries the derivation steps.
    steps: format === 'json',
    ...(seed !== undefined ? { seed } : {}),
    ...(tolerance !== undefined ? { tolerance } : {}),
    ...(symmetric !== undefined ? { symmetric } : {}),
  });
  let failed = false;
  for (const item of set.items) {
    if (!item.outcome.ok) {
      process.stderr.write(`mcalc grad: ∂${item.of}/∂${item.wrt}: ${item.outcome.message}\n`);
      failed = true;
    } else if (item.outcome.result.check && !(item.outcome.result.check.kind === 'checked' && item.outcome.result.check.passed)) {
      failed = true;
    }
  }
  process.stdout.write(render(set, format));
  return failed ? 1 : 0;
}

/**
 * Whether an error is in what ∂of/∂wrt reads: in a statement that declares or defines a name it reaches (the one in
 * scope, or another that redeclares or redefines it: E102) or a size it reaches (a fact such as n = 0), or any size
 * fact's conflict. Errors in claims and in statements about other names are not. The part it reads is found once.
 */
function readBy(analysis: Analysis, r: { of: string; wrt: string }): (d: Diagnostic) => boolean {
  const at = analysis.symbols.get(r.of)?.nameSpan ?? { start: 0, end: 0 };
  const part = involvedPart(analysis, [r.of, r.wrt], [], at);
  const reached = (name: string): boolean => part.symbols.has(name) || name === r.of || name === r.wrt;
  return (d) => {
    if (d.code === 'E304') return true;
    const overlaps = (s: { start: number; end: number }): boolean => d.span.start < s.end && s.start < d.span.end;
    if ([...part.symbols.values()].some((s) => overlaps(s.statementSpan))) return true;
    return analysis.statements.some((s) => overlaps(s) && (
      (s.kind === 'declaration' && s.names.some((n) => reached(n.name)))
      || (s.kind === 'definition' && (reached(s.target.name) || part.sizes.has(s.target.name)))
    ));
  };
}

/** --of defaults to the last scalar definition; without --wrt, the file's `grad` lines are used. */
function resolveRequests(analysis: Analysis, options: GradOptions): { of: string; wrt: string }[] | string {
  const wrt = options.wrt.flatMap((w) => w.split(',')).map((w) => w.trim()).filter(Boolean);
  const scalars = [...analysis.symbols.values()].filter((s) => s.kind === 'defined' && s.shape && isScalar(s.shape));
  if (wrt.length === 0) {
    const lines = gradRequests(analysis).filter((r) => !options.of || r.of === options.of);
    return lines.length > 0 ? lines : 'name a variable with --wrt X (the file has no grad line to take it from)';
  }
  const of = options.of ?? scalars.at(-1)?.name;
  if (!of) return 'the file defines no scalar to differentiate';
  const f = analysis.symbols.get(of);
  if (!f || f.kind !== 'defined') return `${of} is not defined in the file`;
  if (!f.shape || !isScalar(f.shape)) return `${of} is not a scalar`;
  for (const x of wrt) {
    const s = analysis.symbols.get(x);
    if (!s || s.kind !== 'declared') return `${x} is not a declared symbol of the file`;
  }
  return wrt.map((x) => ({ of, wrt: x }));
}

function render(set: GradientSet, format: GradFormat): string {
  const results = set.items.flatMap((i) => (i.outcome.ok ? [i.outcome.result] : []));
  switch (format) {
    case 'mcalc': return results.map((r) => `∂${r.of}/∂${r.wrt} = ${r.mcalc}\n`).join('');
    // Names as the LaTeX printer writes them (f1 → f_{1}, nll → \mathrm{nll}), so that the line reads back into a note
    // as a claim (written raw, \partial f1 and \partial nll were read as no claim at all, and a wrong one passed).
    case 'latex': return results.map((r) => `\\frac{\\partial ${latexName(r.of)}}{\\partial ${latexName(r.wrt)}} = ${r.latex}\n`).join('');
    case 'numpy': return mergePrograms(results.map((r) => r.numpy));
    case 'json': {
      const json = results.map((r) => ({ ...toJson(r), ...(set.where.length ? { where: set.where } : {}) }));
      return `${JSON.stringify(json.length === 1 ? json[0] : json, null, 2)}\n`;
    }
    case 'text': {
      const lines: string[] = [];
      for (const item of set.items) {
        if (!item.outcome.ok) continue;
        const r = item.outcome.result;
        lines.push(`∂${r.of}/∂${r.wrt} = ${item.shown?.mcalc ?? r.mcalc}    (${r.shape})`);
        if (r.convention) lines.push(`  ${r.convention} (${SWITCH})`);
        if (r.check) lines.push(`  ${checkLine(r.check)}`);
      }
      for (const w of set.where) lines.push(`where ${w.name} = ${w.mcalc}    (${w.shape})`);
      return lines.map((l) => `${l}\n`).join('');
    }
  }
}

export function toJson(r: GradientResult): object {
  return {
    of: r.of, wrt: r.wrt, shape: r.shape, mcalc: r.mcalc, latex: r.latex, numpy: r.numpy,
    steps: r.steps ?? [],
    ...(r.check ? { check: checkJson(r.check) } : {}),
  };
}

function checkJson(c: CheckResult): object {
  return c.kind === 'checked'
    ? { passed: c.passed, relError: c.relError, sizes: c.sizes, seed: c.seed, evaluations: c.evaluations }
    : { passed: null, relError: null, sizes: c.sizes, seed: c.seed, evaluations: c.evaluations, unavailable: c.message };
}

/** How to choose the other convention for a symmetric variable, after the core's note. */
const SWITCH = '--symmetric unconstrained|symmetric';

/** Several NumPy programs as one module: one import, each helper once, then the functions. */
function mergePrograms(programs: string[]): string {
  const helpers = new Map<string, string>();
  const functions: string[] = [];
  for (const p of programs) {
    const blocks = p.replace(/^import numpy as np\n/, '').split(/\n\n\n|\n\n(?=def )/).map((b) => b.trim()).filter(Boolean);
    for (const block of blocks) {
      const name = /^def (\w+)/.exec(block)?.[1] ?? block;
      if (name.startsWith('_')) helpers.set(name, block);
      else functions.push(block);
    }
  }
  return `import numpy as np\n\n\n${[...helpers.values(), ...functions].join('\n\n\n')}\n`;
}
