// What the fuzzer found (test/fuzz), kept as plain cases: each crashed the calculus or hung the shape inference.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze, gradient } from '../../server/src/core';

const DECLS = 'X : n × n\nY : m × m\nA : n × m\nB : m × n\ns : scalar, positive\nK : (n·m) × (n·m)\n';

/** ∂f/∂wrt is derived, and the numbers confirm it or cannot be had; never a throw, never a wrong verdict. */
function derives(f: string, wrt: string, expect: 'checked' | 'unavailable'): void {
  const a = analyze(`${DECLS}f = ${f}\n`);
  assert.deepEqual(a.diagnostics.map((d) => d.message), [], f);
  const out = gradient(a, 'f', wrt);
  assert.ok(out.ok, `${f}: ${out.ok ? '' : out.message}`);
  const c = out.result.check!;
  if (expect === 'checked') assert.ok(c.kind === 'checked' && c.passed, `∂(${f})/∂${wrt} = ${out.result.mcalc}: ${JSON.stringify(c)}`);
  else assert.ok(c.kind === 'domain' || c.kind === 'unstable', `∂(${f})/∂${wrt} = ${out.result.mcalc}: ${c.kind}`);
}

test('tr(P ⊗ Q) is not split into tr(P) tr(Q) when P and Q are not square', () => {
  derives('tr((X A) ⊗ (B ⊗ s))', 'X', 'checked');
});

test('(P ⊗ Q)⁻¹ is not split into P⁻¹ ⊗ Q⁻¹ when P and Q are not square', () => {
  derives('tr(inv(3 I(n·m) + (A ⊗ B) (A ⊗ B)ᵀ))', 'A', 'checked');
  // A ⊗ B of an n×m A and an m×n B is square but singular: the check says so, the derivation does not crash.
  derives('logdet(A ⊗ B)', 'A', 'unavailable');
});

test('unvec(vec(B), n, m) of an m×n B is a reshape, not B', () => {
  derives('tr(K ((unvec(vec(B), n, m) B) ⊗ Yᵀ))', 'Y', 'checked');
  derives('tr(K ((unvec(vec(B), n, m) B) ⊗ Yᵀ))', 'B', 'checked');
});

test('a square-only property on a non-square matrix is reported and not used', () => {
  const a = analyze('A : m x n, symmetric\nB : p x q\nw = sum(A ⊗ B)\nv = sum(Aᵀ ⊗ B)\n');
  assert.deepEqual(a.diagnostics.map((d) => d.code), ['E106']);
  assert.deepEqual(a.symbols.get('A')?.properties, []);
  for (const [of, wrt] of [['w', 'B'], ['v', 'A'], ['v', 'B']] as const) {
    const out = gradient(a, of, wrt);
    assert.ok(out.ok && out.result.check?.kind === 'checked' && out.result.check.passed, `∂${of}/∂${wrt}`);
  }
});

test('sizes that would grow without bound are refused with E213, not computed', () => {
  const codes = (text: string): string[] => analyze(text).diagnostics.map((d) => d.code);
  // t to the 33,333rd: once a loop of 33,333 ever longer products.
  assert.deepEqual(codes('A : n × t³³³³³\n'), ['E213']);
  assert.deepEqual(codes('A : 2^2000 x 1\n'), ['E213']);
  // Twelve Kronecker factors of size a+…+f: thousands of terms, once minutes of work.
  assert.deepEqual(codes(`A : (a+b+c+d+e+f) x 1\nK = ${Array(13).fill('A').join(' ⊗ ')}\n`), ['E213']);
  assert.deepEqual(codes(`A : (a+b+c+d+e+f) x (a+b)\nv = vec(${Array(12).fill('A').join(' ⊗ ')})\n`), ['E213']);
  // Within the limits, large sizes are still sizes.
  assert.deepEqual(codes('X : (m*n*p*q*r*s)^8 x 1\nA : (m+n)^20 x 2^60\n'), []);
});

test('a size that can be negative ((a - b)×1) gets sizes that make it positive, or an unavailable check — never a crash', () => {
  const check = (text: string) => {
    const a = analyze(text);
    assert.deepEqual(a.diagnostics, []);
    const out = gradient(a, 'f', 's');
    assert.ok(out.ok);
    return out.result.check!;
  };
  const positive = check('y : vector (a - b)\ns : scalar\nf = s yᵀ y\n');
  assert.ok(positive.kind === 'checked' && positive.passed && positive.sizes.a! > positive.sizes.b!);
  assert.equal(check('y : vector (a - b - c - d - e)\ns : scalar\nf = s yᵀ y\n').kind, 'domain');
  assert.equal(check('s : scalar\nf = s tr(I(a - b))\n').kind, 'domain');
});
