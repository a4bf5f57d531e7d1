// Shapes of the trees the calculus builds, by the same rules as the document's (shapes/infer.ts).
import type { Analysis } from '../analysis';
import { ExprInference, type InferEnv, type SymbolInfo } from '../shapes/infer';
import type { Shape } from '../shapes/shape';
import type { Expr } from '../syntax/ast';

const NOSPAN = { start: 0, end: 0 };

export class Typer {
  private readonly inference: ExprInference;
  /** Symbols that exist only in derived trees (the differentials dX of the derivation steps). */
  private readonly extra = new Map<string, SymbolInfo>();

  constructor(readonly analysis: Analysis) {
    const env: InferEnv = {
      text: '',
      lookup: (name) => analysis.symbols.get(name) ?? this.extra.get(name),
      isSizeSymbol: (name) => analysis.sizes.has(name),
      normalize: (d) => d,
      useSize: () => undefined,
      useSymbol: () => undefined,
    };
    this.inference = new ExprInference(env, analysis.shapes);
  }

  /** Makes `name` a symbol of the given shape for derived trees. */
  declare(name: string, shape: Shape): void {
    this.extra.set(name, { name, kind: 'declared', shape, nameSpan: NOSPAN, statementSpan: NOSPAN, properties: [] });
  }

  /** The shape of a tree the calculus built; such trees are well-typed by construction. */
  shape(e: Expr): Shape {
    const s = this.inference.infer(e);
    if (!s) throw new Error(`internal: an ill-typed derivative (${this.inference.diagnostics.at(-1)?.message ?? e.kind})`);
    return s;
  }
}
