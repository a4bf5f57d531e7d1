// Evaluator.plan against evaluate(): a planned expression, run at many values of one variable, must give the same
// numbers bit for bit and the same errors as evaluating the tree afresh at each (the finite-difference check's
// verdicts depend on it). Values are moved into domain trouble on purpose: singular, negative, zero, overflowing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../server/src/core';
import { children, type Expr } from '../../server/src/core/syntax/ast';
import { Evaluator, type EvalEnv, type EvalResult } from '../../server/src/core/numeric/evaluate';
import * as M from '../../server/src/core/numeric/matrix';
import { Random, sample } from '../../server/src/core/numeric/random';
import { DECLARATIONS as EVAL_DECLARATIONS, definitionsOf } from '../helpers/evaluation';

/** The evaluator tests' declarations, and a vector for unvec. */
const DECLARATIONS = `${EVAL_DECLARATIONS}v : vector 6\n`;

const SIZES: Record<string, [number, number]> = { A: [2, 2], B: [2, 2], C: [2, 2], x: [2, 1], y: [2, 1], s: [1, 1], R: [1, 3], T: [3, 3], v: [6, 1] };

/** Definitions and a value `res`: every node kind, literal zeros in sums, chains of definitions, parts that vary and parts that do not. */
const CASES: readonly string[] = [
  'S = A B\nres = tr(S) + tr(S)',
  'S = A B\nP = S S\nres = tr(P) + sum(B ⊙ C)',
  "S = A B\nres = tr(S' S) + x' x",
  "res = -A + A' - inv(A) + A^2 + A^-1 + A^0 + A.^2 + A.^-1 + 2 A + A s + s A + A / s + A / 2",
  'res = s^0.5 + s^-1 + s^3 + (s - 1)^-1',
  'res = A ⊗ B + kron(x, y\') ⊗ B ⊗ 1 - (B ⊗ A)',
  'res = A ⊙ B + A .* C + A ./ C + B ./ A',
  'res = 0 + A - 0 + (0 - A) + (0 + B)',
  'res = (A : B) + ⟨A, C⟩ + tr(A) + det(A) + logdet(A) + logdet(C) + norm(A) + ‖B‖ + sum(A) + sum(x)',
  "res = vec(A) + vec(B') + exp(vec(A)) + log(vec(A)) + sin(vec(B)) + cos(vec(B)) + tanh(vec(A)) + sigmoid(vec(A)) + sqrt(vec(A))",
  'res = diag(x) + diag(diag(A)) + A + I + eye(n) + I(2) + zeros(2, 2) + ones(n, n)',
  'res = tr_1(A ⊗ B, 2) + tr_2(A ⊗ B, 2) + unvec(v, 2, 3) unvec(v, 3, 2)',
  "res = tr(inv(A + x x') ⊗ T ⊗ I(2) ⊗ I(1) ⊗ ones(1, 1) ⊗ 1) + 0 * tr(T)",
  'res = log(sum(exp(A ⊗ B))) + exp(1000 s) + sum(A ./ C) + sum(A) / s',
  'Q = x yᵀ\nW = Q + A\nZ = W W\nres = tr(Z) + tr(Q) + tr(inv(Z)) + logdet(Z ⊙ Z + I)',
  'res = sqrt(x) + log(x) + y',
];

/** The names a node and the definitions it reaches use. */
function namesIn(e: Expr, out = new Set<string>()): Set<string> {
  if (e.kind === 'name') out.add(e.name);
  for (const c of children(e)) namesIn(c, out);
  return out;
}

/** Moves of a variable's value: small steps (as the check makes), sign flips, zeros, huge and tiny entries. */
function moves(base: M.Matrix, rng: Random): M.Matrix[] {
  const out: M.Matrix[] = [];
  for (const h of [1e-4, -1e-4, 5e-5, 1e-1, 1]) out.push(M.map(base, (z) => z + h * rng.normal()));
  out.push(M.map(base, (z) => -z), M.matrix(base.rows, base.cols), M.map(base, (z) => z * 1e300), M.map(base, (z) => z * 1e-300));
  const one = M.copyOf(base.data);
  one[0] = 0;
  out.push(M.matrix(base.rows, base.cols, one));
  return out;
}

const same = (a: EvalResult, b: EvalResult, what: string): void => {
  if (a.ok && b.ok) {
    assert.equal(a.value.rows, b.value.rows, what);
    assert.equal(a.value.cols, b.value.cols, what);
    // Bit for bit: the same numbers, NaN and signed zeros included.
    assert.ok([...a.value.data].every((z, k) => Object.is(z, b.value.data[k])), `${what}: ${[...a.value.data]} ≠ ${[...b.value.data]}`);
  } else {
    assert.deepEqual(a, b, what);
  }
};

test('a plan gives what evaluate gives, numbers and errors, at every value of its variable', () => {
  let planned = 0;
  let failures = 0;
  for (const defs of CASES) {
    const a = analyze(`${DECLARATIONS}${defs}\n`, 'mcalc', { checkClaims: false });
    assert.deepEqual(a.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message), [], defs);
    const definitions = definitionsOf(a);
    const res: Expr = { kind: 'name', name: 'res', start: 0, end: 0 };
    for (let seed = 1; seed <= 4; seed++) {
      const rng = new Random(seed);
      const point = new Map(Object.entries(SIZES).map(([k, [r, c]]) => [k, sample(r, c, new Set(), rng)]));
      for (const variable of Object.keys(SIZES)) {
        // The definitions whose value depends on the variable, through other definitions too.
        const varying = new Set<string>();
        for (let grew = true; grew;) {
          grew = false;
          for (const [name, value] of definitions) {
            if (varying.has(name)) continue;
            const uses = namesIn(value);
            if (uses.has(variable) || [...uses].some((u) => varying.has(u))) grew = varying.add(name).size > 0;
          }
        }
        const values = new Map(point);
        const env: EvalEnv = { sizes: new Map([['n', 2]]), values, definitions, shapeOf: (e) => a.shapes.get(e), maxCondition: 1e8 };
        const at0 = new Evaluator(env);
        const order = at0.definitionOrder(res);
        if (!at0.evaluate(res, order).ok) continue; // the check gives up at such a point before it plans
        const known = new Map([...at0.computed].filter(([name]) => !varying.has(name)));
        const plan = new Evaluator(env, known).plan(res, order, variable, varying);
        assert.ok(plan, `${defs}: planned for ${variable}`);
        planned++;
        for (const moved of moves(point.get(variable)!, rng)) {
          values.set(variable, moved);
          const want = new Evaluator(env, known).evaluate(res, order);
          const got = plan.run();
          if (!want.ok) failures++;
          same(got, want, `${defs} at a move of ${variable} (seed ${seed})`);
        }
      }
    }
  }
  assert.ok(planned > 200, `planned ${planned}`);
  assert.ok(failures > 50, `errors compared: ${failures}`);
});

test("a plan's runs reuse their matrices, and nothing outside a run sees them change", () => {
  const a = analyze(`${DECLARATIONS}S = A B\nres = tr(S' S) + x' x\n`, 'mcalc', { checkClaims: false });
  const definitions = definitionsOf(a);
  const values = new Map(Object.entries(SIZES).map(([k, [r, c]]) => [k, M.filled(r, c, 1)]));
  const env: EvalEnv = { sizes: new Map([['n', 2]]), values, definitions };
  const res: Expr = { kind: 'name', name: 'res', start: 0, end: 0 };
  const ev = new Evaluator(env);
  const plan = ev.plan(res, ev.definitionOrder(res), 'A', new Set(['S', 'res']));
  assert.ok(plan);
  const first = plan.run();
  assert.ok(first.ok);
  assert.deepEqual([...first.value.data], [16 + 2]);
  // A matrix made outside a run is its own, even between runs.
  const outside = M.filled(2, 2, 7);
  values.set('A', M.filled(2, 2, 2));
  const second = plan.run();
  assert.ok(second.ok);
  assert.equal(second.value.data, first.value.data, 'the run reused the entries of the last one');
  assert.deepEqual([...second.value.data], [64 + 2]);
  assert.deepEqual([...outside.data], [7, 7, 7, 7]);
  assert.deepEqual([...M.matrix(1, 2).data], [0, 0], 'entries outside a run are new and zero');
});

test('a Scratch cannot be used inside its own use, and a plan made inside one keeps its constants', () => {
  const s = new M.Scratch();
  assert.throws(() => M.usingScratch(s, () => M.usingScratch(s, () => 0)), /inside its own use/);
  assert.equal(M.usingScratch(s, () => 1), 1, 'usable again after the refusal');
  const a = analyze(`${DECLARATIONS}S = B B\nres = tr(A S)\n`, 'mcalc', { checkClaims: false });
  const definitions = definitionsOf(a);
  const values = new Map(Object.entries(SIZES).map(([k, [r, c]]) => [k, M.filled(r, c, 1)]));
  const env: EvalEnv = { sizes: new Map([['n', 2]]), values, definitions };
  const res: Expr = { kind: 'name', name: 'res', start: 0, end: 0 };
  const ev = new Evaluator(env);
  const order = ev.definitionOrder(res);
  // S does not vary with A: planned inside another Scratch's use, its value must not come from that Scratch.
  const outer = new M.Scratch();
  const plan = M.usingScratch(outer, () => ev.plan(res, order, 'A', new Set(['res'])));
  assert.ok(plan);
  // The next use of that Scratch hands out its arrays again: a folded constant among them would be overwritten.
  M.usingScratch(outer, () => { for (let k = 0; k < 8; k++) M.filled(2, 2, 99); });
  const r = plan.run();
  assert.ok(r.ok);
  assert.deepEqual([...r.value.data], [8]);
});
