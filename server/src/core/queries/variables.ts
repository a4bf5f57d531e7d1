// What a defined scalar can be differentiated with respect to: the declared symbols it depends on.
import type { Analysis } from '../analysis';
import { isScalar } from '../shapes/shape';
import type { SymbolInfo } from '../shapes/infer';
import { children, type Expr } from '../syntax/ast';

/** The declared symbols `name` depends on through its definitions, in declaration order. */
export function variablesOf(a: Analysis, name: string): string[] {
  const found = new Set<string>();
  const visited = new Set<string>();
  const visit = (e: Expr): void => {
    if (e.kind === 'name') {
      const sym = a.symbols.get(e.name);
      if (sym?.kind === 'declared') found.add(sym.name);
      else if (sym?.value && !visited.has(sym.name)) {
        visited.add(sym.name);
        visit(sym.value);
      }
    }
    for (const c of children(e)) visit(c);
  };
  visit({ kind: 'name', name, start: 0, end: 0 });
  return [...found]
    .map((n) => a.symbols.get(n)!)
    .sort((x, y) => x.statementSpan.start - y.statementSpan.start || x.nameSpan.start - y.nameSpan.start)
    .map((s) => s.name);
}

/** A defined symbol with a known scalar shape: something a gradient can be taken of. */
export function isScalarDefinition(sym: SymbolInfo | undefined): sym is SymbolInfo {
  return sym?.kind === 'defined' && sym.shape !== undefined && isScalar(sym.shape);
}
