// The derivation steps a person writes by hand: f = …, df = …, df = Ḡ : dS, dS = …, df = G : dX,
// hence ∂f/∂X = G — each as LaTeX with a short label of the rule used.
import type { Analysis } from '../analysis';
import { latexName, printLatex } from '../print/latex';
import { printMcalc } from '../print/mcalc';
import type { Expr } from '../syntax/ast';
import type { Gradient } from './derive';
import { Differentials, differentialName } from './differential';
import { simplify } from './simplify';

export interface Step {
  /** What was done, e.g. "differentiate f = tr(Sᵀ L S)". */
  readonly label: string;
  readonly latex: string;
}

export function derivationSteps(analysis: Analysis, g: Gradient, result: Expr): Step[] {
  const b = g.builder;
  const varies = new Set([g.wrt, ...g.through.map((t) => t.name)]);
  const diff = new Differentials(b, (name) => varies.has(name));
  const markers = [...varies];
  const tex = (e: Expr): string => {
    let s = printLatex(e);
    // Differentials are names only to the printer; typeset them as d followed by the symbol.
    for (const m of markers) s = s.split(latexName(differentialName(m))).join(`\\mathrm{d}${latexName(m)}`);
    return s;
  };
  const d = (name: string): string => `\\mathrm{d}${latexName(name)}`;
  const f = latexName(g.of);
  const steps: Step[] = [];
  g.through.forEach(({ name, adjoint }, i) => {
    const value = analysis.symbols.get(name)!.value!;
    if (i === 0) steps.push({ label: 'the function', latex: `${f} = ${tex(value)}` });
    else steps.push({ label: `collect the terms in d${name}`, latex: `${d(g.of)} = ${frob(tex(simplify(b, adjoint)), d(name))}` });
    const dv = diff.of(value);
    if (dv) {
      const lhs = i === 0 ? d(g.of) : d(name);
      steps.push({ label: `differentiate ${name} = ${printMcalc(value)}`, latex: `${lhs} = ${tex(simplify(b, dv))}` });
    }
  });
  steps.push({ label: `collect the terms in d${g.wrt}`, latex: `${d(g.of)} = ${frob(tex(result), d(g.wrt))}` });
  steps.push({
    label: 'hence, in denominator layout (the shape of the variable)',
    latex: `\\frac{\\partial ${f}}{\\partial ${latexName(g.wrt)}} = ${tex(result)}`,
  });
  return steps;
}

function frob(a: string, b: string): string {
  return `\\left\\langle ${a},\\, ${b} \\right\\rangle`;
}
