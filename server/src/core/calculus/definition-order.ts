// The definitions some expressions use, each after the definitions it uses. A Markdown note may state a definition
// before the one it uses ("$f = \mathrm{Tr}(S^T L S)$, where $S = (B \otimes A) H$"), so text order is not enough.
import type { SymbolInfo } from '../shapes/infer';
import { children, type Expr } from '../syntax/ast';

/** The defined names an expression mentions (through no definition). */
function definedNamesIn(e: Expr, symbols: ReadonlyMap<string, SymbolInfo>, out: Set<string>): Set<string> {
  if (e.kind === 'name' && symbols.get(e.name)?.value) out.add(e.name);
  for (const c of children(e)) definedNamesIn(c, symbols, out);
  return out;
}

/**
 * Every definition reachable from `roots`, dependencies first. Where the text order already is such an order (always
 * in a `.mcalc` file, whose names are used only after their definitions), it is the text order; otherwise, of the
 * definitions free to come next, the earliest in the text comes first.
 */
export function dependencyOrder(symbols: ReadonlyMap<string, SymbolInfo>, roots: readonly Expr[]): string[] {
  const uses = new Map<string, Set<string>>();
  const todo = [...roots.reduce((s, r) => definedNamesIn(r, symbols, s), new Set<string>())];
  // Iteratively: a chain of definitions can be far longer than the stack is deep.
  while (todo.length) {
    const name = todo.pop()!;
    if (uses.has(name)) continue;
    const mine = definedNamesIn(symbols.get(name)!.value!, symbols, new Set());
    mine.delete(name);
    uses.set(name, mine);
    for (const n of mine) if (!uses.has(n)) todo.push(n);
  }
  const byText = [...uses.keys()].sort((a, b) => symbols.get(a)!.statementSpan.start - symbols.get(b)!.statementSpan.start);
  const index = new Map(byText.map((n, i) => [n, i]));
  if (byText.every((n, i) => [...uses.get(n)!].every((u) => index.get(u)! < i))) return byText;
  const out: string[] = [];
  const placed = new Set<string>();
  let rest = byText;
  while (rest.length) {
    const k = rest.findIndex((n) => [...uses.get(n)!].every((u) => placed.has(u)));
    // A cycle cannot pass the analysis (a name is in scope only after its definition); keep the rest in text order.
    if (k < 0) return [...out, ...rest];
    out.push(rest[k]!);
    placed.add(rest[k]!);
    rest = [...rest.slice(0, k), ...rest.slice(k + 1)];
  }
  return out;
}
