// What a numeric check of ∂f/∂X involves: f, X, the gradient, every definition these reach, and the sizes of all of
// them. A check sees only that part of the document, so its random sizes and points are drawn for it alone: a
// declaration elsewhere in a long note neither changes its verdict nor makes it slower.
import type { SizeSymbol } from '../analysis';
import * as D from '../shapes/dim';
import type { SymbolInfo } from '../shapes/infer';
import type { Shape } from '../shapes/shape';
import { children, shapeSizeNames, type Expr, type Statement } from '../syntax/ast';
import type { Span } from '../syntax/span';
import type { CheckContext } from './check';

/** The statement that starts at an offset (statements are in document order). */
function statementAt(statements: readonly Statement[], start: number): Statement | undefined {
  let lo = 0;
  let hi = statements.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const at = statements[mid]!.start;
    if (at === start) return statements[mid];
    if (at < start) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}

/**
 * The part of the document a check of ∂f/∂X reads: the symbols that `names` and `exprs` (f and X; the claimed or
 * derived gradient) reach through definitions, in document order, and their sizes, in the order the part's
 * declarations first write them (the orders in which the check draws them). `at` stands for where f and X are
 * written (a claim's span).
 * A size keeps only its uses written in the statements involved (the message names those sizes): in a long note a
 * size is used everywhere, and the check would go through all of its uses for every claim.
 */
export function involvedPart(
  ctx: CheckContext, names: readonly string[], exprs: readonly Expr[], at: Span,
): { symbols: Map<string, SymbolInfo>; sizes: Map<string, SizeSymbol> } {
  const symbols: SymbolInfo[] = [];
  const sizes: SizeSymbol[] = [];
  const symbolNames = new Set<string>();
  const written = new Map<string, Span[]>();
  /** Where the part's declarations first write each name of their shapes. */
  const declaredAt = new Map<string, number>();
  const addSize = (name: string, at?: Span): void => {
    const z = ctx.sizes.get(name);
    if (!z) return;
    let uses = written.get(name);
    if (!uses) {
      written.set(name, (uses = []));
      sizes.push(z);
      if (z.value) for (const x of D.symbolsOf(z.value)) addSize(x);
    }
    if (at) uses.push(at);
  };
  const addShape = (sh: Shape | undefined): void => {
    if (!sh) return;
    for (const x of D.symbolsOf(sh.rows)) addSize(x);
    for (const x of D.symbolsOf(sh.cols)) addSize(x);
  };
  // Depth first, with a stack rather than recursion: definitions are followed through, and a chain of them may be
  // thousands long. A node's work, in order: its name (and the definition it names, whole), its shape, its children.
  const stack: ({ readonly visit: Expr } | { readonly shapeOf: Expr })[] = [];
  const schedule = (e: Expr): void => {
    const kids = children(e);
    for (let k = kids.length - 1; k >= 0; k--) stack.push({ visit: kids[k]! });
    stack.push({ shapeOf: e });
    if (e.kind !== 'name') return;
    addSize(e.name, e);
    const sym = ctx.symbols.get(e.name);
    if (!sym || symbolNames.has(e.name)) return;
    symbolNames.add(e.name);
    symbols.push(sym);
    addShape(sym.shape);
    // The sizes written in its declaration too: a fact (n = 7) makes the shape 7×7, but the message names n.
    const declared = statementAt(ctx.statements, sym.statementSpan.start);
    if (declared?.kind === 'declaration') {
      for (const size of shapeSizeNames(declared.shape)) {
        addSize(size.name, size);
        if (!(declaredAt.get(size.name)! <= size.start)) declaredAt.set(size.name, size.start);
      }
    }
    if (sym.value) stack.push({ visit: sym.value });
  };
  const roots: Expr[] = [...names.map((name): Expr => ({ kind: 'name', name, start: at.start, end: at.end })), ...exprs];
  for (let r = roots.length - 1; r >= 0; r--) stack.push({ visit: roots[r]! });
  for (let task = stack.pop(); task; task = stack.pop()) {
    if ('visit' in task) schedule(task.visit);
    else addShape(ctx.shapes.get(task.shapeOf));
  }
  symbols.sort((a, b) => a.nameSpan.start - b.nameSpan.start);
  // By where the part's declarations first write them, then by the part's other uses (a derived gradient's nodes
  // may carry no place), then as reached (a fact's value): never by a use elsewhere in the document, which an edit
  // far away can move, and which would change the sizes the check draws.
  const key = (z: SizeSymbol): number => {
    const declared = declaredAt.get(z.name);
    if (declared !== undefined) return declared;
    let at = 2 ** 32;
    for (const u of written.get(z.name)!) if (2 ** 31 + u.start < at) at = 2 ** 31 + u.start;
    return at;
  };
  const order = new Map(sizes.map((z) => [z, key(z)]));
  sizes.sort((a, b) => order.get(a)! - order.get(b)!);
  return {
    symbols: new Map(symbols.map((x) => [x.name, x])),
    sizes: new Map(sizes.map((z) => [z.name, { name: z.name, uses: written.get(z.name)!, ...(z.value ? { value: z.value } : {}) }])),
  };
}
