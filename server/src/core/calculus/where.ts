// `where` bindings for display: a sub-expression repeated across results (or within one) is named once,
// e.g. ∂f/∂A = tr₁((Bᵀ ⊗ I_m) G, q), ∂f/∂B = tr₂(G (I_q ⊗ Aᵀ), m), where G = (L + Lᵀ) S Hᵀ.
// Product chains are searched by their contiguous runs of factors, since (L + Lᵀ) S Hᵀ is a run of
// the chain (Bᵀ ⊗ I_m) (L + Lᵀ) S Hᵀ but not one of its subtrees.
import { children, type Expr } from '../syntax/ast';
import { productChain, type Builder } from './build';
import { keyOf } from './key';

export interface Binding {
  readonly name: string;
  readonly expr: Expr;
}

/** Smallest tree worth naming, in nodes. */
const MIN_SIZE = 5;
const MAX_BINDINGS = 3;

function size(e: Expr): number {
  return 1 + children(e).reduce((n, c) => n + size(c), 0);
}

/** A left-leaning product of factors, built as the parser would (no simplification). */
function chainOf(factors: readonly Expr[]): Expr {
  return factors.reduce((l, r) => ({ kind: 'binary', op: 'matmul', left: l, right: r, opStart: 0, opEnd: 0, start: 0, end: 0 }));
}

export function whereBindings(b: Builder, exprs: readonly Expr[], taken: (name: string) => boolean): { exprs: Expr[]; bindings: Binding[] } {
  let current = [...exprs];
  const bindings: Binding[] = [];
  for (let i = 0; i < MAX_BINDINGS; i++) {
    const best = mostRepeated(current);
    if (!best) break;
    const name = freshName(taken, bindings);
    b.typer.declare(name, b.shape(best));
    const key = keyOf(best);
    const ref: Expr = { kind: 'name', name, start: 0, end: 0 };
    current = current.map((e) => replace(e, key, productChain(best).length, ref));
    bindings.push({ name, expr: best });
  }
  return { exprs: current, bindings };
}

function freshName(taken: (name: string) => boolean, bindings: readonly Binding[]): string {
  for (const n of ['G', 'H', 'M', 'W', 'Z']) {
    for (const candidate of [n, `${n}₁`, `${n}₂`]) {
      if (!taken(candidate) && !bindings.some((x) => x.name === candidate)) return candidate;
    }
  }
  return `G${bindings.length + 10}`;
}

/** The candidate with the largest saving (size × extra occurrences), if any occurs twice. */
function mostRepeated(exprs: readonly Expr[]): Expr | undefined {
  const seen = new Map<string, { expr: Expr; count: number; size: number }>();
  const note = (e: Expr): void => {
    const k = keyOf(e);
    const entry = seen.get(k);
    if (entry) entry.count++;
    else seen.set(k, { expr: e, count: 1, size: size(e) });
  };
  const visit = (e: Expr, inChain: boolean): void => {
    if (e.kind === 'name' || e.kind === 'number' || e.kind === 'identity' || e.kind === 'constant') return;
    if (e.kind === 'binary' && e.op === 'matmul') {
      if (!inChain) {
        const factors = productChain(e);
        for (let i = 0; i < factors.length; i++) {
          for (let j = i + 2; j <= factors.length; j++) note(chainOf(factors.slice(i, j)));
        }
        factors.forEach((f) => visit(f, false));
      }
      return;
    }
    note(e);
    children(e).forEach((c) => visit(c, false));
  };
  exprs.forEach((e) => visit(e, false));
  let best: { expr: Expr; count: number; size: number } | undefined;
  for (const c of seen.values()) {
    if (c.count < 2 || c.size < MIN_SIZE) continue;
    if (!best || c.size * (c.count - 1) > best.size * (best.count - 1)) best = c;
  }
  return best?.expr;
}

/** Replaces every occurrence of the tree with key `key` (a run of `length` factors, for a chain) by `ref`. */
function replace(e: Expr, key: string, length: number, ref: Expr): Expr {
  if (keyOf(e) === key) return ref;
  if (e.kind === 'binary' && e.op === 'matmul') {
    const factors = productChain(e).map((f) => replace(f, key, length, ref));
    if (length > 1) {
      for (let i = 0; i + length <= factors.length; i++) {
        if (keyOf(chainOf(factors.slice(i, i + length))) === key) factors.splice(i, length, ref);
      }
    }
    return chainOf(factors);
  }
  switch (e.kind) {
    case 'neg': case 'transpose': case 'inverse': case 'power': case 'epower':
      return { ...e, operand: replace(e.operand, key, length, ref) };
    case 'binary':
      return { ...e, left: replace(e.left, key, length, ref), right: replace(e.right, key, length, ref) };
    case 'call': case 'ptrace': case 'unvec':
      return { ...e, arg: replace(e.arg, key, length, ref) } as Expr;
    default:
      return e;
  }
}
