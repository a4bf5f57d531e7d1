// One gradient, whole: derive ∂f/∂X, simplify it, check it by finite differences, and print it as
// mcalc, LaTeX and NumPy with the derivation steps. What the CLI, the server and the panel show.
import type { Analysis } from '../analysis';
import { checkGradient, type CheckResult } from '../numeric/check';
import { printLatex } from '../print/latex';
import { printMcalc } from '../print/mcalc';
import { printNumpy } from '../print/numpy';
import { shapeToString } from '../shapes/shape';
import type { Expr } from '../syntax/ast';
import { DeriveError, derive, DEFAULT_NODE_BUDGET } from './derive';
import { derivationSteps, type Step } from './steps';
import { simplify } from './simplify';

export interface GradientOptions {
  /** Run the finite-difference check (default true). */
  readonly check?: boolean;
  readonly seed?: number;
  readonly tolerance?: number;
  /** Work limit for the derivation. */
  readonly budget?: number;
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
  readonly steps: readonly Step[];
  /** Absent when the check was not asked for. */
  readonly check?: CheckResult;
}

export type GradientOutcome =
  | { readonly ok: true; readonly result: GradientResult }
  | { readonly ok: false; readonly message: string };

export function gradient(analysis: Analysis, of: string, wrt: string, options: GradientOptions = {}): GradientOutcome {
  try {
    const g = derive(analysis, of, wrt, options.budget ?? DEFAULT_NODE_BUDGET);
    const b = g.builder;
    const expr = g.expr ? simplify(b, g.expr) : b.zeros(g.shape);
    const shapeOf = (e: Expr) => b.shape(e);
    const check = options.check === false ? undefined : checkGradient(analysis, of, wrt, expr, {
      shapeOf,
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
        steps: derivationSteps(analysis, g, expr),
        ...(check ? { check } : {}),
      },
    };
  } catch (e) {
    if (e instanceof DeriveError) return { ok: false, message: e.message };
    throw e;
  }
}

/** The gradient requests of a document: `grad f wrt A, B` lines, in order. */
export function gradRequests(analysis: Analysis): { of: string; wrt: string }[] {
  const out: { of: string; wrt: string }[] = [];
  for (const s of analysis.statements) if (s.kind === 'grad') for (const w of s.wrt) out.push({ of: s.of.name, wrt: w.name });
  return out;
}
