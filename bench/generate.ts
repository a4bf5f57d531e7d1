// A seeded set of scalar functions across the operators, a third of them with Kronecker products.
import { mulberry32 } from '../server/src/core';

export interface BenchCase {
  readonly name: string;
  readonly text: string;
  readonly of: string;
  readonly wrt: string;
}

const DECLS = 'X : n × n\nA : n × n\nB : n × n\nS : n × n, spd\nx : vector n\ny : vector n\nC : (n·n) × (n·n)';

export function generatedCases(count = 60, seed = 7): BenchCase[] {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const matrix = (depth: number): string => {
    if (depth <= 0 || rnd() < 0.25) return pick(['X', 'A', 'B', 'S', 'X', 'x yᵀ']);
    const a = matrix(depth - 1);
    const b = matrix(depth - 1);
    return pick([`(${a}) (${b})`, `(${a}) + (${b})`, `(${a})ᵀ`, `(${a}) - (${b})`, `inv(S + (${a}) (${a})ᵀ)`, `(${a}) ⊙ (${b})`, `2 (${a})`]);
  };
  const cases: BenchCase[] = [];
  for (let i = 0; i < count; i++) {
    const kron = i % 3 === 0;
    const a = matrix(3);
    const b = matrix(2);
    const f = kron
      ? pick([`tr(Cᵀ ((${a}) ⊗ (${b})))`, `tr((${a}) ⊗ (${b}))`, `tr(C ((${a}) ⊗ X))`])
      : pick([`tr(${a})`, `tr((${a}) (${b}))`, `yᵀ (${a}) x`, `logdet(S + (${a})ᵀ (${a}))`, `norm(${a})^2`]);
    cases.push({ name: `generated ${i + 1}${kron ? ' (⊗)' : ''}`, text: `${DECLS}\nf = ${f}\n`, of: 'f', wrt: pick(['X', 'A', 'X']) });
  }
  return cases;
}
