// One gradient, whole: derive ∂f/∂X, simplify it, check it by finite differences, and print it as
// mcalc, LaTeX and NumPy with the derivation steps. What the CLI, the server and the panel show.
import type { Analysis } from '../analysis';
import { checkGradient, symmetricVariable, type CheckResult } from '../numeric/check';
import { involvedPart } from '../numeric/involved';
import { printLatex } from '../print/latex';
import { printMcalc } from '../print/mcalc';
import { printNumpy } from '../print/numpy';
import { shapeToString } from '../shapes/shape';
import type { Expr } from '../syntax/ast';
import { Builder, num } from './build';
import { DeriveError, derive, DEFAULT_NODE_BUDGET } from './derive';
import { derivationSteps, type Step } from './steps';
import { trimKeys } from './key';
import { simplify } from './simplify';
import { Typer } from './typer';
import { whereBindings } from './where';

export interface GradientOptions {
  /** Run the finite-difference check (default true). */
  readonly check?: boolean;
  readonly seed?: number;
  readonly tolerance?: number;
  /** Work limit for the derivation. */
  readonly budget?: number;
  /**
   * For a symmetric variable: 'unconstrained' (default) treats its entries as independent and gives G;
   * 'symmetric' gives the gradient within symmetric matrices, sym(G) = (G + Gᵀ)/2.
   */
  readonly symmetric?: 'unconstrained' | 'symmetric';
  /**
   * Also the derivation steps (what the panel shows). Default false: each step simplifies an intermediate
   * differential again, which costs several times the derivation itself.
   */
  readonly steps?: boolean;
}

export interface GradientResult {
  readonly of: string;
  readonly wrt: string;
  /** X's shape, e.g. "m×n" — also the gradient's. */
  readonly shape: string;
  /** The simplified gradient; a zero gradient is the zero matrix of X's shape. */
  readonly expr: Expr;
  readonly mcalc: string;
  readonly latex: string;
  readonly numpy: string;
  /** Absent when not asked for (options.steps). */
  readonly steps?: readonly Step[];
  /** For a symmetric variable, which gradient this is (both conventions are stated). */
  readonly convention?: string;
  /** Absent when the check was not asked for. */
  readonly check?: CheckResult;
}

export type GradientOutcome =
  | { readonly ok: true; readonly result: GradientResult }
  | { readonly ok: false; readonly message: string };

export function gradient(analysis: Analysis, of: string, wrt: string, options: GradientOptions = {}): GradientOutcome {
  trimKeys();
  try {
    const g = derive(analysis, of, wrt, options.budget ?? DEFAULT_NODE_BUDGET);
    const b = g.builder;
    const unconstrained = g.expr ? simplify(b, g.expr) : b.zeros(g.shape);
    const isSymmetric = symmetricVariable(analysis, wrt);
    const symmetric = isSymmetric && options.symmetric === 'symmetric';
    // sym(G) = (G + Gᵀ)/2: the gradient within symmetric matrices (not G + Gᵀ − G ∘ I, which is the
    // derivative with respect to the independent entries of the upper triangle).
    const expr = symmetric ? simplify(b, b.div(b.add(unconstrained, b.transpose(unconstrained)), num(2))) : unconstrained;
    const shapeOf = (e: Expr) => b.shape(e);
    // The check reads only what ∂f/∂X involves (as a claim's check does): in a long note its cost, its random sizes and
    // its verdict do not depend on the symbols the gradient has nothing to do with.
    const at = analysis.symbols.get(of)?.nameSpan ?? { start: 0, end: 0 };
    const ctx = options.check === false ? undefined : { ...analysis, ...involvedPart(analysis, [of, wrt], [expr], at) };
    const check = ctx && checkGradient(ctx, of, wrt, expr, {
      shapeOf,
      symmetric,
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      ...(options.tolerance !== undefined ? { tolerance: options.tolerance } : {}),
    });
    return {
      ok: true,
      result: {
        of, wrt, shape: shapeToString(g.shape), expr,
        mcalc: printMcalc(expr),
        latex: printLatex(expr),
        numpy: printNumpy({ analysis, of, wrt, gradient: g.expr ? expr : null, shapeOf }),
        ...(options.steps ? { steps: derivationSteps(analysis, g, expr) } : {}),
        ...(isSymmetric ? { convention: conventionNote(wrt, symmetric) } : {}),
        ...(check ? { check } : {}),
      },
    };
  } catch (e) {
    if (e instanceof DeriveError) return { ok: false, message: e.message };
    throw e;
  }
}

function conventionNote(x: string, symmetric: boolean): string {
  // No letter for the gradient (a `where G = …` may name one) and no way to switch: that is the editor's setting or the
  // CLI's --symmetric, which each front end names.
  return symmetric
    ? `${x} is symmetric: this is the gradient within symmetric matrices, the symmetric part (the average with its transpose) of the unconstrained one`
    : `${x} is symmetric: this is the unconstrained gradient, ${x}'s entries taken as independent; within symmetric matrices the gradient is its symmetric part (the average with its transpose)`;
}

/** The gradient requests of a document: `grad f wrt A, B` lines, in order. */
export function gradRequests(analysis: Analysis): { of: string; wrt: string }[] {
  const out: { of: string; wrt: string }[] = [];
  for (const s of analysis.statements) if (s.kind === 'grad') for (const w of s.wrt) out.push({ of: s.of.name, wrt: w.name });
  return out;
}

export interface WhereBinding {
  readonly name: string;
  readonly mcalc: string;
  readonly latex: string;
  readonly shape: string;
}

export interface GradientSet {
  /** One per request, in order; `shown` is the result written with the `where` names, when any apply. */
  readonly items: ReadonlyArray<{ readonly of: string; readonly wrt: string; readonly outcome: GradientOutcome; readonly shown?: { readonly mcalc: string; readonly latex: string } }>;
  /** Sub-expressions the results share (or repeat), named for display: ∂f/∂A = tr₁((Bᵀ ⊗ I_m) G, q) where G = …. */
  readonly where: readonly WhereBinding[];
}

/** Several gradients at once, for display: each as gradient() gives it, and their shared parts named. */
export function gradients(analysis: Analysis, requests: ReadonlyArray<{ of: string; wrt: string }>, options: GradientOptions = {}): GradientSet {
  const outcomes = requests.map((r) => ({ ...r, outcome: gradient(analysis, r.of, r.wrt, options) }));
  const done = outcomes.flatMap((o) => (o.outcome.ok ? [o.outcome.result.expr] : []));
  const b = new Builder(new Typer(analysis));
  const taken = (name: string): boolean => analysis.symbols.has(name) || analysis.sizes.has(name);
  const { exprs, bindings } = whereBindings(b, done, taken);
  if (bindings.length === 0) return { items: outcomes, where: [] };
  let k = 0;
  const items = outcomes.map((o) => {
    if (!o.outcome.ok) return o;
    const e = exprs[k++]!;
    return { ...o, shown: { mcalc: printMcalc(e), latex: printLatex(e) } };
  });
  const where = bindings.map((x) => ({ name: x.name, mcalc: printMcalc(x.expr), latex: printLatex(x.expr), shape: shapeToString(b.shape(x.expr)) }));
  return { items, where };
}
