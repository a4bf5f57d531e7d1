// The evaluator against hand-computed values, for every node kind and function, and its typed domain errors.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../server/src/core';
import { Evaluator, type EvalResult } from '../../server/src/core/numeric/evaluate';
import { fromRows, toRows } from '../../server/src/core/numeric/matrix';
import { Random, sample } from '../../server/src/core/numeric/random';
import { DECLARATIONS, definitionsOf } from '../helpers/evaluation';

type Rows = number[][];

const VALUES: Record<string, Rows> = {
  A: [[1, 2], [3, 4]],
  B: [[0, 1], [1, 1]],
  C: [[2, 1], [1, 2]],
  x: [[1], [2]],
  y: [[3], [-1]],
  s: [[2]],
  R: [[1, 2, 3]],
  T: [[2, 0, 1], [1, 3, 2], [1, 1, 2]],
};


/** Evaluates `res = EXPR` (after optional definitions) at the values above, or at overrides. */
function run(expr: string, options: { defs?: string; values?: Record<string, Rows> } = {}): EvalResult {
  const text = `${DECLARATIONS}${options.defs ?? ''}res = ${expr}\n`;
  const a = analyze(text, 'mcalc', { checkClaims: false });
  assert.deepEqual(a.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message), [], `${expr} is well-typed`);
  const definitions = definitionsOf(a);
  const values = new Map(Object.entries({ ...VALUES, ...options.values }).map(([k, v]) => [k, fromRows(v)]));
  const ev = new Evaluator({ sizes: new Map([['n', 2]]), values, definitions, shapeOf: (e) => a.shapes.get(e) });
  return ev.evaluateName('res');
}

function value(expr: string, options?: Parameters<typeof run>[1]): Rows {
  const r = run(expr, options);
  if (!r.ok) assert.fail(`${expr}: ${r.error.kind}: ${r.error.message}`);
  return toRows(r.value);
}

function close(actual: Rows, expected: Rows, tol = 1e-12): void {
  assert.equal(actual.length, expected.length, 'rows');
  actual.forEach((row, i) => {
    assert.equal(row.length, expected[i]!.length, 'cols');
    row.forEach((v, j) => assert.ok(Math.abs(v - expected[i]![j]!) <= tol * Math.max(1, Math.abs(expected[i]![j]!)),
      `entry (${i}, ${j}): ${v} ≠ ${expected[i]![j]}`));
  });
}

/** Expected values, computed by hand. Exact where the arithmetic is exact. */
const EXACT: readonly [string, Rows][] = [
  ['3', [[3]]],
  ['A', [[1, 2], [3, 4]]],
  ['I(2)', [[1, 0], [0, 1]]],
  ['eye(n)', [[1, 0], [0, 1]]],
  ['A + I', [[2, 2], [3, 5]]],
  ['zeros(2, 3)', [[0, 0, 0], [0, 0, 0]]],
  ['ones(n)', [[1], [1]]],
  ['ones(1, 3)', [[1, 1, 1]]],
  ['-A', [[-1, -2], [-3, -4]]],
  ["A'", [[1, 3], [2, 4]]],
  ['Rᵀ', [[1], [2], [3]]],
  ['A^2', [[7, 10], [15, 22]]],
  ['A^3', [[37, 54], [81, 118]]],
  ['s^3', [[8]]],
  ['A.^2', [[1, 4], [9, 16]]],
  ['A B', [[2, 3], [4, 7]]],
  ['A * B', [[2, 3], [4, 7]]],
  ['A · B', [[2, 3], [4, 7]]],
  ['s A', [[2, 4], [6, 8]]],
  ['A s', [[2, 4], [6, 8]]],
  ['3 A', [[3, 6], [9, 12]]],
  ["x' y", [[1]]],
  ["x y'", [[3, -1], [6, -2]]],
  ['A ⊗ B', [[0, 1, 0, 2], [1, 1, 2, 2], [0, 3, 0, 4], [3, 3, 4, 4]]],
  ["x' ⊗ A", [[1, 2, 2, 4], [3, 4, 6, 8]]],
  ["kron(A, x')", [[1, 2, 2, 4], [3, 6, 4, 8]]],
  ['R ⊗ y', [[3, 6, 9], [-1, -2, -3]]],
  ['A ⊙ B', [[0, 2], [3, 4]]],
  ['A .* C', [[2, 2], [3, 8]]],
  ['A ./ C', [[0.5, 2], [3, 2]]],
  ['A / 2', [[0.5, 1], [1.5, 2]]],
  ['A / s', [[0.5, 1], [1.5, 2]]],
  ['A + B', [[1, 3], [4, 5]]],
  ['A - B', [[1, 1], [2, 3]]],
  ['0 + A', [[1, 2], [3, 4]]],
  ['A - 0', [[1, 2], [3, 4]]],
  ['0 - A', [[-1, -2], [-3, -4]]],
  ['A : B', [[9]]],
  ['⟨A, C⟩', [[15]]],
  ['tr(A)', [[5]]],
  ['Tr(T)', [[7]]],
  ['vec(A)', [[1], [3], [2], [4]]],
  ['vec(R)', [[1], [2], [3]]],
  ['diag(x)', [[1, 0], [0, 2]]],
  ['diag(R)', [[1, 0, 0], [0, 2, 0], [0, 0, 3]]],
  ['diag(A)', [[1], [4]]],
  ['sum(A)', [[10]]],
  ['sum(x)', [[3]]],
  ['tr_1(A ⊗ B, 2)', [[0, 5], [5, 5]]],
  ['tr_2(A ⊗ B, 2)', [[1, 2], [3, 4]]],
  ['tr_1(C ⊗ R, 2)', [[4, 8, 12]]],
  ['tr_2(R ⊗ C, 2)', [[4, 8, 12]]],
];

test('the evaluator gives the hand-computed value of every operator', () => {
  for (const [expr, expected] of EXACT) assert.deepEqual(value(expr), expected, expr);
});

/** Expected values that go through division, LU or transcendental functions: compared to 1e-12. */
const APPROX: readonly [string, Rows][] = [
  ['inv(A)', [[-2, 1], [1.5, -0.5]]],
  ['A⁻¹', [[-2, 1], [1.5, -0.5]]],
  ['A^-1', [[-2, 1], [1.5, -0.5]]],
  ['A^-2', [[5.5, -2.5], [-3.75, 1.75]]],
  ['A.^-1', [[1, 0.5], [1 / 3, 0.25]]],
  ['s^0.5', [[Math.SQRT2]]],
  ['det(A)', [[-2]]],
  ['det(T)', [[6]]],
  ['logdet(C)', [[Math.log(3)]]],
  ['logdet(T)', [[Math.log(6)]]],
  ['norm(A)', [[Math.sqrt(30)]]],
  ['‖A‖', [[Math.sqrt(30)]]],
  ['norm(x)^2', [[5]]],
  ['exp(x)', [[Math.E], [Math.exp(2)]]],
  ['log(x)', [[0], [Math.LN2]]],
  ['sin(y)', [[Math.sin(3)], [Math.sin(-1)]]],
  ['cos(y)', [[Math.cos(3)], [Math.cos(-1)]]],
  ['tanh(y)', [[Math.tanh(3)], [Math.tanh(-1)]]],
  ['sigmoid(y)', [[1 / (1 + Math.exp(-3))], [1 / (1 + Math.E)]]],
  ['sqrt(x)', [[1], [Math.SQRT2]]],
];

test('inverses, determinants, norms and entry-wise functions match the hand-computed values', () => {
  for (const [expr, expected] of APPROX) close(value(expr), expected);
});

test('A^0 is the identity', () => {
  assert.deepEqual(value('A^0'), [[1, 0], [0, 1]]);
});

test('defined names are evaluated through their definitions, once per point', () => {
  assert.deepEqual(value('tr(S) + tr(S)', { defs: 'S = A B\nP = S S\n' }), [[18]]);
  assert.deepEqual(value('tr(P)', { defs: 'S = A B\nP = S S\n' }), [[2 * 2 + 3 * 4 + 4 * 3 + 7 * 7]]);
  const a = analyze(`${DECLARATIONS}S = A B\nres = tr(S) + sum(S)\n`, 'mcalc', { checkClaims: false });
  const definitions = definitionsOf(a);
  const values = new Map(Object.entries(VALUES).map(([k, v]) => [k, fromRows(v)]));
  const ev = new Evaluator({ sizes: new Map([['n', 2]]), values, definitions });
  const r = ev.evaluateName('res');
  assert.ok(r.ok);
  assert.deepEqual(toRows(r.value), [[9 + 16]]);
  const s = ev.computed.get('S');
  assert.ok(s, 'S is memoised');
  const again = ev.evaluateName('S');
  assert.ok(again.ok && again.value === s, 'the memoised value is reused');
});

/** Domain trouble comes back as a typed error, never as an exception. */
const DOMAIN: readonly [string, Record<string, Rows>, RegExp][] = [
  ['log(x - 2 ones(n))', {}, /log.*non-positive/],
  ['sqrt(-x)', {}, /sqrt.*negative/],
  ['logdet(A)', {}, /logdet.*determinant is not positive/],
  ['inv(A - A)', {}, /singular/],
  ['inv(B)', { B: [[1, 1], [1, 1 + 1e-13]] }, /ill-conditioned/],
  ['A^-1', { A: [[1, 2], [2, 4]] }, /singular/],
  ['A / (s - s)', {}, /division by zero/],
  ['A ./ (C - C)', {}, /division by a zero entry/],
  ['exp(1000 s)', {}, /not finite/],
  ['s^0.5', { s: [[-2]] }, /negative number/],
  ['(s - s)^-1', {}, /singular|zero/],
  ['A.^0.5', { A: [[1, -2], [3, 4]] }, /negative number/],
];

test('domain trouble is a typed domain error, not an exception', () => {
  for (const [expr, values, message] of DOMAIN) {
    const r = run(expr, { values });
    assert.ok(!r.ok, `${expr} should fail`);
    assert.equal(r.error.kind, 'domain', `${expr}: ${r.error.message}`);
    assert.match(r.error.message, message, expr);
  }
});

test('a domain error points at the offending node', () => {
  const text = `${DECLARATIONS}res = tr(A) + sum(log(x - 2 ones(n)))\n`;
  const a = analyze(text, 'mcalc', { checkClaims: false });
  const definitions = definitionsOf(a);
  const values = new Map(Object.entries(VALUES).map(([k, v]) => [k, fromRows(v)]));
  const r = new Evaluator({ sizes: new Map([['n', 2]]), values, definitions, describe: (e) => text.slice(e.start, e.end) })
    .evaluateName('res');
  assert.ok(!r.ok);
  assert.equal(text.slice(r.error.span.start, r.error.span.end), 'log(x - 2 ones(n))');
  assert.match(r.error.message, /^log\(x - 2 ones\(n\)\): a non-positive entry \(-1\)$/);
});

test('a missing value or size is an invalid-tree error, not an exception', () => {
  const a = analyze(`${DECLARATIONS}res = A + ones(n, n)\n`, 'mcalc', { checkClaims: false });
  const definitions = definitionsOf(a);
  const noValue = new Evaluator({ sizes: new Map([['n', 2]]), values: new Map(), definitions }).evaluateName('res');
  assert.ok(!noValue.ok && noValue.error.kind === 'invalid' && /A has no value/.test(noValue.error.message));
  const noSize = new Evaluator({ sizes: new Map(), values: new Map([['A', fromRows(VALUES.A!)]]), definitions }).evaluateName('res');
  assert.ok(!noSize.ok && noSize.error.kind === 'invalid' && /size n/.test(noSize.error.message));
});

test('Kronecker identities of KRONECKER.md hold at random points', () => {
  const text = `P : a × b
Q : c × d
X : d × b
P2 : b × e
Q2 : d × g
Sa : a × a
Sc : c × c
mixed = (P ⊗ Q) (P2 ⊗ Q2) - (P P2) ⊗ (Q Q2)
transposed = (P ⊗ Q)' - P' ⊗ Q'
vectrick = (P ⊗ Q) vec(X) - vec(Q X P')
traces = tr(Sa ⊗ Sc) - tr(Sa) tr(Sc)
dets = det(Sa ⊗ Sc) - det(Sa)^3 det(Sc)^2
inverses = inv(Sa ⊗ Sc) - inv(Sa) ⊗ inv(Sc)
`;
  const a = analyze(text, 'mcalc', { checkClaims: false });
  assert.deepEqual(a.diagnostics.filter((d) => d.severity === 'error'), []);
  const sizes = new Map([['a', 2], ['b', 4], ['c', 3], ['d', 5], ['e', 2], ['g', 3]]);
  const definitions = definitionsOf(a);
  for (let seed = 1; seed <= 20; seed++) {
    const rng = new Random(seed);
    const values = new Map([...a.symbols.values()].filter((s) => s.kind === 'declared').map((s) => {
      const rows = s.name === 'Sa' ? 2 : s.name === 'Sc' ? 3 : undefined;
      const dims: Record<string, [number, number]> = { P: [2, 4], Q: [3, 5], X: [5, 4], P2: [4, 2], Q2: [5, 3] };
      const [r, c] = rows ? [rows, rows] : dims[s.name]!;
      return [s.name, sample(r, c, new Set(rows ? ['invertible' as const] : []), rng)];
    }));
    const ev = new Evaluator({ sizes, values, definitions });
    for (const name of ['mixed', 'transposed', 'vectrick', 'traces', 'dets', 'inverses']) {
      const r = ev.evaluateName(name);
      assert.ok(r.ok, name);
      const worst = Math.max(...r.value.data.map(Math.abs));
      assert.ok(worst < 1e-10, `${name} at seed ${seed}: ${worst}`);
    }
  }
});

test('a matrix beyond the budget is refused before it is built', () => {
  const a = analyze(`${DECLARATIONS}res = A ⊗ B\n`, 'mcalc', { checkClaims: false });
  const definitions = definitionsOf(a);
  const values = new Map(Object.entries(VALUES).map(([k, v]) => [k, fromRows(v)]));
  const r = new Evaluator({ sizes: new Map([['n', 2]]), values, definitions, maxEntries: 10 }).evaluateName('res');
  assert.ok(!r.ok && r.error.kind === 'budget' && /4×4/.test(r.error.message));
});
