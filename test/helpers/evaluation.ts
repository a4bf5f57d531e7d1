// What the evaluator's tests share: one set of declarations to evaluate against, and a document's definitions in the
// form EvalEnv takes them.
import type { Analysis, Expr } from '../../server/src/core';

/** Declarations of every kind of value the evaluator meets: square and not, vectors, a scalar. */
export const DECLARATIONS = `n = 2
A, B, C : n × n
x, y : vector n
s : scalar
R : 1 × 3
T : 3 × 3
`;

/** The defined names of an analysis and their values (EvalEnv.definitions). */
export function definitionsOf(a: Pick<Analysis, 'symbols'>): Map<string, Expr> {
  return new Map([...a.symbols.values()].flatMap((s) => (s.value ? [[s.name, s.value] as const] : [])));
}
