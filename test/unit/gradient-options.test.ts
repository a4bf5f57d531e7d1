// The symmetric-gradient convention and the `where` bindings of gradient sets.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { analyze, checkGradient, gradient, gradients, gradRequests, parseExpression } from '../../server/src/core';

const SYM = 'X : n × n, symmetric\nA : n × n\nf = tr(A X)\n';

test('symmetric X: the default is the unconstrained gradient, and says so', () => {
  const out = gradient(analyze(SYM), 'f', 'X');
  assert.ok(out.ok);
  assert.equal(out.result.mcalc, 'Aᵀ');
  assert.match(out.result.convention ?? '', /unconstrained gradient/);
  assert.ok(out.result.check?.kind === 'checked' && out.result.check.passed);
});

test('symmetric X with the symmetric convention: sym(G) = (G + Gᵀ)/2, checked along symmetric directions', () => {
  const out = gradient(analyze(SYM), 'f', 'X', { symmetric: 'symmetric' });
  assert.ok(out.ok);
  assert.equal(out.result.mcalc, '(A + Aᵀ) / 2');
  assert.match(out.result.convention ?? '', /within symmetric matrices/);
  assert.ok(out.result.check?.kind === 'checked' && out.result.check.passed);
});

test('the two conventions are different claims: sym(G) is not the unconstrained gradient, and not G + Gᵀ − G ∘ I', () => {
  const a = analyze(SYM);
  const symG = parseExpression('(A + Aᵀ) / 2').expr;
  const unconstrained = checkGradient(a, 'f', 'X', symG, { shapeOf: () => undefined });
  assert.ok(unconstrained.kind === 'checked' && !unconstrained.passed, 'sym(G) fails as an unconstrained gradient');
  const a2 = analyze(`${SYM}∂f/∂X = (A + Aᵀ) / 2\n`);
  assert.equal(a2.diagnostics.filter((d) => d.code === 'W401').length, 1);
});

test('a symmetric gradient that is already symmetric stays as it is', () => {
  const out = gradient(analyze('X : n × n, spd\nf = logdet(X)\n'), 'f', 'X', { symmetric: 'symmetric' });
  assert.ok(out.ok);
  assert.equal(out.result.mcalc, 'X⁻¹');
});

test('the Kronecker example names its shared factor once: where G = (L + Lᵀ) S Hᵀ', () => {
  const a = analyze(readFileSync('examples/kronecker-trace.mcalc', 'utf8'));
  const set = gradients(a, gradRequests(a));
  assert.deepEqual(set.where.map((w) => `${w.name} = ${w.mcalc} : ${w.shape}`), ['G = (L + Lᵀ) S Hᵀ : (p·m)×(q·n)']);
  assert.deepEqual(set.items.map((i) => i.shown?.mcalc), ['tr₁((Bᵀ ⊗ I_m) G, q)', 'tr₂(G (I_q ⊗ Aᵀ), m)']);
  // The insertable form stays whole.
  assert.ok(set.items[0]!.outcome.ok && set.items[0]!.outcome.result.mcalc.includes('(L + Lᵀ) S Hᵀ'));
});

test('results with nothing in common get no where bindings', () => {
  const a = analyze(readFileSync('examples/least-squares.mcalc', 'utf8'));
  assert.deepEqual(gradients(a, gradRequests(a)).where, []);
});

test('the check of a gradient reads only what ∂f/∂X involves: other symbols change neither its sizes nor its verdict', () => {
  const own = 'A : m × n\nB : n × p\nf = tr((A B)ᵀ A B)\n';
  const alone = gradient(analyze(own), 'f', 'A');
  // Symbols before and after, with sizes of their own and one whose shape is empty at every size (k − k rows): a
  // check over the whole document would draw k and q too, and could not run at all.
  const noisy = `q = 1\nZ : (k - k) × q\nW : q × k\n${own}V : k × k\ng = tr(V)\n`;
  const among = gradient(analyze(noisy), 'f', 'A');
  assert.ok(alone.ok && among.ok);
  assert.equal(alone.result.check?.kind, 'checked');
  assert.deepEqual(among.result.check, alone.result.check);
  assert.deepEqual(Object.keys(among.result.check!.sizes).sort(), ['m', 'n', 'p']);
});
