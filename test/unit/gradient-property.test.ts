// Property test: random well-typed scalar functions — products, sums, transposes, Hadamard and entry-wise
// functions, inverses, traces, log-determinants and Kronecker chains — have gradients the numbers confirm.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { analyze, gradient } from '../../server/src/core';

const DECLS = [
  'X : n × n', 'A : n × n', 'B : n × n', 'S : n × n, spd', 'x : vector n', 'y : vector n',
  'C : (n·n) × (n·n)', 'c : vector (n·n)', 's : scalar, positive',
].join('\n');

/** n×n matrix expressions, by depth. */
const matrix: fc.Memo<string> = fc.memo((depth) => {
  const leaf = fc.constantFrom('X', 'A', 'B', 'S', 'I_n', 'X', 'x yᵀ');
  if (depth <= 1) return leaf;
  const m = matrix(depth - 1);
  return fc.oneof(
    { weight: 2, arbitrary: leaf },
    fc.tuple(m, m).map(([a, b]) => `(${a}) (${b})`),
    fc.tuple(m, m).map(([a, b]) => `(${a}) + (${b})`),
    fc.tuple(m, m).map(([a, b]) => `(${a}) - 2 (${b})`),
    m.map((a) => `(${a})ᵀ`),
    fc.tuple(m, m).map(([a, b]) => `(${a}) ⊙ (${b})`),
    m.map((a) => `tanh(${a})`),
    m.map((a) => `s (${a})`),
    m.map((a) => `inv(S + (${a}) (${a})ᵀ)`),
  );
});

/** Scalars built from matrix expressions, including Kronecker chains. */
const scalar = fc.tuple(matrix(3), matrix(3)).chain(([a, b]) => fc.constantFrom(
  `tr(${a})`, `yᵀ (${a}) x`, `norm(${a})^2`, `sum((${a}) ⊙ (${b}))`, `tr(Cᵀ ((${a}) ⊗ (${b})))`,
  `cᵀ ((${a}) ⊗ (${b})) c`, `tr((${a}) ⊗ (${b}))`, `logdet(S + (${a})ᵀ (${a}))`, `⟨${a}, ${b}⟩`,
));

test('random functions: every gradient passes the finite-difference check', () => {
  let judged = 0;
  let runs = 0;
  fc.assert(fc.property(scalar, fc.constantFrom('X', 'A', 'S', 'x', 's'), (f, wrt) => {
    const a = analyze(`${DECLS}\nf = ${f}\n`);
    assert.deepEqual(a.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message), [], f);
    runs++;
    const out = gradient(a, 'f', wrt);
    assert.ok(out.ok, `${f}: ${out.ok ? '' : out.message}`);
    const check = out.result.check!;
    if (check.kind !== 'checked') return; // a point outside the domain (rare): nothing to judge there
    judged++;
    assert.ok(check.passed, `∂(${f})/∂${wrt} = ${out.result.mcalc}: relative error ${check.relError}`);
  }), { numRuns: 150, seed: 20261124 });
  // The property is not vacuous: nearly every function was judged by the numbers.
  assert.ok(judged >= 0.9 * runs, `only ${judged} of ${runs} random functions could be checked`);
});
