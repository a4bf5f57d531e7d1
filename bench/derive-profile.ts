// Where a derivative's time goes: derive (reverse mode over the typed tree), simplify, print (mcalc, LaTeX, NumPy) —
// the phases gradient() (calculus/gradient.ts) runs, timed one by one — and the derivation steps, which gradient()
// makes only when asked (the panel shows them; hovers, edits and the CLI's text output do not).
import { analyze, printLatex, printMcalc, printNumpy } from '../server/src/core';
import { derive } from '../server/src/core/calculus/derive';
import { trimKeys } from '../server/src/core/calculus/key';
import { simplify } from '../server/src/core/calculus/simplify';
import { derivationSteps } from '../server/src/core/calculus/steps';
import type { Expr } from '../server/src/core';
import type { BenchCase } from './generate';
import { median } from './stats';

export interface PhaseTimes {
  readonly derive: number;
  readonly simplify: number;
  readonly print: number;
  readonly steps: number;
}

const now = (): number => Number(process.hrtime.bigint()) / 1e6;

/** Per case, the median time of each phase over `runs` runs (after one warm-up). */
export function phaseTimes(cases: readonly BenchCase[], runs = 9): Map<string, PhaseTimes> {
  const out = new Map<string, PhaseTimes>();
  for (const c of cases) {
    const a = analyze(c.text, 'mcalc', { checkClaims: false });
    const samples: PhaseTimes[] = [];
    for (let r = 0; r <= runs; r++) {
      trimKeys();
      let t = now();
      let g;
      try {
        g = derive(a, c.of, c.wrt);
      } catch {
        break; // a derivation error (measured in the main table as the time to report it)
      }
      const d = now() - t;
      t = now();
      const b = g.builder;
      const expr: Expr = g.expr ? simplify(b, g.expr) : b.zeros(g.shape);
      const s = now() - t;
      t = now();
      const shapeOf = (e: Expr) => b.shape(e);
      printMcalc(expr);
      printLatex(expr);
      printNumpy({ analysis: a, of: c.of, wrt: c.wrt, gradient: g.expr ? expr : null, shapeOf });
      const p = now() - t;
      t = now();
      derivationSteps(a, g, expr);
      const st = now() - t;
      if (r > 0) samples.push({ derive: d, simplify: s, print: p, steps: st });
    }
    if (samples.length) {
      out.set(c.name, {
        derive: median(samples.map((x) => x.derive)), simplify: median(samples.map((x) => x.simplify)), print: median(samples.map((x) => x.print)),
        steps: median(samples.map((x) => x.steps)),
      });
    }
  }
  return out;
}
