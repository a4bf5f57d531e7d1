// Gradients judged by numbers: every case is derived, checked by finite differences, pasted back as a
// claimed derivative and checked again, and typeset by KaTeX; cookbook identities also keep their compact form.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import katex from 'katex';
import { analyze, gradient, gradRequests, type GradientResult } from '../../server/src/core';
import { COOKBOOK, RULES, type DeriveCase } from './derive-cases';

function derived(c: DeriveCase, seed = 1): GradientResult {
  const a = analyze(c.text);
  assert.deepEqual(a.diagnostics.map((d) => `${d.code} ${d.message}`), [], 'the case itself checks clean');
  const out = gradient(a, c.of, c.wrt, { seed, steps: true });
  assert.ok(out.ok, out.ok ? '' : out.message);
  return out.result;
}

function assertChecked(r: GradientResult): void {
  assert.ok(r.check, 'a check was made');
  assert.equal(r.check.kind, 'checked', r.check.kind === 'checked' ? '' : r.check.message);
  assert.ok(r.check.kind === 'checked' && r.check.passed, `∂${r.of}/∂${r.wrt} = ${r.mcalc} fails: ${JSON.stringify(r.check)}`);
}

/** The result, written back as ∂f/∂X = …, parses, shape-checks and passes the claim check. */
function assertClaimRoundTrip(c: DeriveCase, r: GradientResult): void {
  const text = `${c.text}∂${c.of}/∂${c.wrt} = ${r.mcalc}\n`;
  const a = analyze(text, 'mcalc', { seed: 7 });
  assert.deepEqual(a.diagnostics.map((d) => `${d.code} ${d.message}`), [], `claim round trip of ${r.mcalc}`);
}

function assertTypesets(r: GradientResult): void {
  for (const tex of [r.latex, ...(r.steps ?? []).map((s) => s.latex)]) {
    assert.doesNotThrow(() => katex.renderToString(tex, { throwOnError: true, strict: 'error' }), tex);
  }
}

for (const [title, cases] of [['Matrix Cookbook identities', COOKBOOK], ['every rule', RULES]] as const) {
  describe(title, () => {
    for (const c of cases) {
      test(`${c.name}: ∂${c.of}/∂${c.wrt}`, () => {
        const r = derived(c);
        assertChecked(r);
        if (c.expect !== undefined) assert.equal(r.mcalc, c.expect);
        assertClaimRoundTrip(c, r);
        assertTypesets(r);
      });
    }
  });
}

test('a right gradient is right at every seed (no flaky checks)', () => {
  for (const c of [COOKBOOK[8]!, RULES.find((r) => r.name === '⊗: left factor')!]) {
    for (let seed = 1; seed <= 25; seed++) assertChecked(derived(c, seed));
  }
});

describe('the examples', () => {
  for (const file of ['kronecker-trace.mcalc', 'gaussian-likelihood.mcalc', 'least-squares.mcalc']) {
    test(file, () => {
      const a = analyze(readFileSync(`examples/${file}`, 'utf8'));
      const requests = gradRequests(a);
      assert.ok(requests.length > 0);
      for (const { of, wrt } of requests) {
        const out = gradient(a, of, wrt);
        assert.ok(out.ok);
        assertChecked(out.result);
        assertTypesets(out.result);
      }
    });
  }

  test('the motivating case in closed form, with its steps', () => {
    const a = analyze(readFileSync('examples/kronecker-trace.mcalc', 'utf8'));
    const gA = gradient(a, 'f', 'A', { steps: true });
    const gB = gradient(a, 'f', 'B');
    assert.ok(gA.ok && gB.ok);
    assert.equal(gA.result.mcalc, 'tr₁((Bᵀ ⊗ I_m) (L + Lᵀ) S Hᵀ, q)');
    assert.equal(gB.result.mcalc, 'tr₂((L + Lᵀ) S Hᵀ (I_q ⊗ Aᵀ), m)');
    assert.equal(gB.result.steps, undefined, 'the steps only when asked for');
    assert.deepEqual(gA.result.steps?.map((s) => s.label), [
      'the function',
      'differentiate f = tr(Sᵀ L S)',
      'collect the terms in dS',
      'differentiate S = (B ⊗ A) H',
      'collect the terms in dA',
      'hence, in denominator layout (the shape of the variable)',
    ]);
    assert.match(gA.result.steps?.[3]?.latex ?? '', /\\mathrm\{d\}S = \\left\(B \\otimes \\mathrm\{d\}A\\right\) H/);
  });
});

test('a derivation that outgrows its budget stops with a message', () => {
  const a = analyze('X : n × n\nf = tr(X^60)\n');
  const out = gradient(a, 'f', 'X', { budget: 50 });
  assert.equal(out.ok, false);
  assert.match(out.ok ? '' : out.message, /grew beyond 50 steps/);
});

test('a long sum, written term after term, derives and collects in order (its terms are read in one pass)', () => {
  // `A X B + Xᵀ C + 3 X + …` parses as a chain as deep as it is long (up to the parser's cap of 300): simplify reads
  // its terms into one list.
  const term = (t: number): string => (t % 3 === 0 ? 'A X B' : t % 3 === 1 ? 'Xᵀ C' : `${t + 1} X`);
  const terms = Array.from({ length: 240 }, (_, t) => term(t));
  const a = analyze(`A : n × n\nB : n × n\nC : n × n\nX : n × n\nM = ${terms.join(' + ')}\nf = tr(M)\ngrad f wrt X\n`);
  assert.deepEqual(a.diagnostics.map((d) => d.message), []);
  const out = gradient(a, 'f', 'X', { seed: 3 });
  assert.ok(out.ok, out.ok ? '' : out.message);
  // 80 of each: Aᵀ Bᵀ from A X B, C from Xᵀ C, and Σ (t + 1) = 9,720 over t ≡ 2 (mod 3) of the identity; 40 in common.
  assert.equal(out.result.mcalc, '40 (2 C + 243 I_n + 2 Aᵀ Bᵀ)');
  assertChecked(out.result);
});
