// The finite-difference check: textbook gradients accepted, near-misses rejected (W401), trouble reported (I402).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { analyze, checkGradient, type Analysis, type Diagnostic } from '../../server/src/core';
import { CASES } from './numeric-cases';

/** The diagnostics whose range starts on the line that reads exactly `line`. */
function onLine(text: string, diagnostics: readonly Diagnostic[], line: string): Diagnostic[] {
  const at = `\n${text}`.indexOf(`\n${line}\n`);
  assert.ok(at >= 0, `the line '${line}' is in the text`);
  return diagnostics.filter((d) => d.span.start >= at && d.span.start < at + line.length);
}

/** The claim statement of a document (the first, or the one for ∂of/∂wrt). */
function claimOf(a: Analysis, wrt?: string) {
  const s = a.statements.find((x) => x.kind === 'claim' && (!wrt || x.wrt.name === wrt));
  assert.ok(s && s.kind === 'claim');
  return s;
}

test('the acceptance case: 2 A x is flagged once, with the relative error; (A + Aᵀ) x is not', () => {
  const base = "A : n × n\nx : vector n\nf = x' * A * x\n";
  const wrong = `${base}∂f/∂x = 2 A x\n`;
  const a = analyze(wrong);
  assert.equal(a.diagnostics.length, 1);
  const d = a.diagnostics[0]!;
  assert.equal(d.code, 'W401');
  assert.equal(d.severity, 'warning');
  assert.equal(wrong.slice(d.span.start, d.span.end), '∂f/∂x = 2 A x');
  assert.match(d.message, /^∂f\/∂x = 2 A x disagrees with the numbers: relative error \d\.\d+ at sizes n = [2-5] \(seed 1\)$/);
  assert.deepEqual(analyze(`${base}∂f/∂x = (A + A') x\n`).diagnostics, []);
  assert.deepEqual(analyze(`${base}∂f/∂x = (A + Aᵀ) x\n`).diagnostics, []);
});

test(`at least 30 textbook cases`, () => {
  assert.ok(CASES.length >= 30, `${CASES.length} cases`);
  assert.ok(CASES.reduce((n, c) => n + c.wrong.length, 0) >= 60);
});

for (const c of CASES) {
  test(`textbook: ${c.name}`, () => {
    const text = `${c.doc}\n${[...c.right, ...c.wrong].join('\n')}\n`;
    const a = analyze(text);
    assert.deepEqual(a.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message), [], 'the document is well-typed');
    for (const claim of c.right) {
      assert.deepEqual(onLine(text, a.diagnostics, claim).map((d) => d.message), [], `right: ${claim}`);
    }
    for (const claim of c.wrong) {
      const ds = onLine(text, a.diagnostics, claim);
      assert.deepEqual(ds.map((d) => d.code), ['W401'], `wrong: ${claim}`);
    }
  });
}

test('a claim that is an identity of one size fails: checked at sizes where every free size differs', () => {
  const base = 'X : n × n\nf = det(X)\n';
  // Cayley–Hamilton at n = 2 (adj X = tr(X) I − X), and at n = 3 (adj X = X² − tr(X) X + ½(tr(X)² − tr(X²)) I).
  const at2 = '∂f/∂X = tr(X) I - Xᵀ';
  const at3 = '∂f/∂X = (X² - tr(X) X + (tr(X)^2 - tr(X²))/2 I)ᵀ';
  const right = '∂f/∂X = det(X) inv(X)ᵀ';
  for (let seed = 1; seed <= 20; seed++) {
    for (const claim of [at2, at3]) {
      const ds = analyze(`${base}${claim}\n`, 'mcalc', { seed }).diagnostics;
      assert.deepEqual(ds.map((d) => d.code), ['W401'], `${claim} at seed ${seed}`);
      assert.doesNotMatch(ds[0]!.message, claim === at2 ? /n = 2\b/ : /n = 3\b/);
    }
    assert.deepEqual(analyze(`${base}${right}\n`, 'mcalc', { seed }).diagnostics, [], `seed ${seed}`);
  }
  // Where one larger does not fit a shape (m − 2n entries; at 2…5 only m = 5, n = 2 do), other sizes are found.
  const narrow = 'A : m × n\nz : vector (m - 2 n)\nX : n × n\nf = det(X) + ‖A‖^2 + ‖z‖^2\n';
  for (let seed = 1; seed <= 10; seed++) {
    assert.deepEqual(analyze(`${narrow}${at2}\n`, 'mcalc', { seed }).diagnostics.map((d) => d.code), ['W401'], `seed ${seed}`);
  }
  // Where the author fixes the size, the identity is right and is not flagged.
  assert.deepEqual(analyze(`n = 2\n${base}${at2}\n`).diagnostics, []);
  assert.deepEqual(analyze(`n = 3\n${base}${at3}\n`).diagnostics, []);
});

test('right claims pass at 200 seeds (no flakiness), wrong ones fail at each', () => {
  const picks: [string, string, string][] = [
    ["A : n × n\nx : vector n\nf = x' A x\n∂f/∂x = (A + A') x", 'x', "∂f/∂x = 2 A x"],
    ["X : n × n, invertible\nf = logdet(X)\n∂f/∂X = inv(X)'", 'X', '∂f/∂X = inv(X)'],
    ["A : n × n\nX : n × n, invertible\nf = tr(inv(X) A)\n∂f/∂X = -inv(X)' A' inv(X)'", 'X', '∂f/∂X = -inv(X) A inv(X)'],
    ["Σ : n × n, spd\nx : vector n\nf = logdet(Σ) + x' inv(Σ) x\n∂f/∂Σ = inv(Σ) - inv(Σ) x x' inv(Σ)", 'Σ', '∂f/∂Σ = inv(Σ)'],
    ["A : m × n\nB : p × q\nH : (q·n) × k\nL : (p·m) × (p·m)\nS = (B ⊗ A) H\nf = tr(Sᵀ L S)\n∂f/∂A = tr_1((B' ⊗ I(m)) (L + L') S H', q)",
      'A', "∂f/∂A = tr_1((B' ⊗ I(m)) L S H', q)"],
  ];
  for (const [doc, wrt, wrongClaim] of picks) {
    const right = analyze(doc, 'mcalc', { checkClaims: false });
    const wrong = analyze(doc.replace(/\n∂[^\n]*$/, `\n${wrongClaim}`), 'mcalc', { checkClaims: false });
    const g = claimOf(right, wrt).value;
    const h = claimOf(wrong, wrt).value;
    for (let seed = 1; seed <= 200; seed++) {
      const r = checkGradient(right, 'f', wrt, g, { seed });
      assert.ok(r.kind === 'checked' && r.passed, `${doc.split('\n').at(-1)} at seed ${seed}: ${JSON.stringify(r)}`);
      if (seed <= 50) {
        const w = checkGradient(wrong, 'f', wrt, h, { seed });
        assert.ok(w.kind === 'checked' && !w.passed, `${wrongClaim} at seed ${seed}: ${JSON.stringify(w)}`);
      }
    }
  }
});

test('the result: passed, relError, sizes, seed, evaluations; the same seed gives the same result', () => {
  const a = analyze("A : m × n\nx : vector n\nb : vector m\nf = norm(A x - b)^2\n∂f/∂x = 2 A'(A x - b)\n", 'mcalc', { checkClaims: false });
  const g = claimOf(a).value;
  const r = checkGradient(a, 'f', 'x', g, { seed: 9 });
  assert.ok(r.kind === 'checked');
  assert.equal(r.passed, true);
  assert.ok(r.relError < 1e-8);
  assert.deepEqual(Object.keys(r.sizes).sort(), ['m', 'n']);
  assert.equal(r.seed, 9);
  assert.equal(r.mode, 'entries');
  // Two evaluations at the point, four per entry (x ± h, x ± h/2).
  assert.equal(r.evaluations, 2 + 4 * r.sizes.n!);
  assert.deepEqual(checkGradient(a, 'f', 'x', g, { seed: 9 }), r);
});

test('beyond 36 entries the check goes along random directions', () => {
  const doc = "n = 7\nA, X : n × n\nf = tr(X' A X)\n∂f/∂X = (A + A') X\n";
  const a = analyze(doc, 'mcalc', { checkClaims: false });
  const r = checkGradient(a, 'f', 'X', claimOf(a).value, { seed: 2 });
  assert.ok(r.kind === 'checked' && r.passed && r.mode === 'directions', JSON.stringify(r));
  assert.equal(r.evaluations, 2 + 4 * 8);
  const w = analyze(doc.replace("(A + A') X", '2 A X'));
  assert.deepEqual(w.diagnostics.map((d) => d.code), ['W401']);
  assert.match(w.diagnostics[0]!.message, /at sizes n = 7 \(seed 1\)/);
  assert.deepEqual(analyze(doc).diagnostics, []);
});

test('the tolerance and the seed reach the check through analyze; checkClaims: false turns it off', () => {
  const doc = "A : n × n\nx : vector n\nf = x' A x\n∂f/∂x = 2 A x\n";
  assert.deepEqual(analyze(doc, 'mcalc', { checkClaims: false }).diagnostics, []);
  assert.deepEqual(analyze(doc, 'mcalc', { tolerance: 100 }).diagnostics, []);
  assert.match(analyze(doc, 'mcalc', { seed: 17 }).diagnostics[0]!.message, /\(seed 17\)$/);
});

test('domain trouble at every point is I402 with the reason, not W401', () => {
  const doc = 'x : vector n\nf = sum(log(-exp(x)))\n∂f/∂x = ones(n)\n';
  const a = analyze(doc);
  assert.deepEqual(a.diagnostics.map((d) => d.code), ['I402']);
  assert.equal(a.diagnostics[0]!.severity, 'information');
  assert.match(a.diagnostics[0]!.message, /^∂f\/∂x = ones\(n\) could not be checked numerically: log\(-exp\(x\)\): a non-positive entry .* at every random point tried/);
  const r = checkGradient(a, 'f', 'x', claimOf(a).value);
  assert.equal(r.kind, 'domain');
  assert.ok(r.kind === 'domain' && r.point && Array.isArray(r.point.x), 'the point is reported');
});

test('a log of an undeclared-positive vector is still checked (at tame points)', () => {
  const doc = 'x : vector n\nf = sum(log(x))\n';
  assert.deepEqual(analyze(`${doc}∂f/∂x = ones(n) ./ x\n`).diagnostics, []);
  assert.deepEqual(analyze(`${doc}∂f/∂x = x\n`).diagnostics.map((d) => d.code), ['W401']);
});

test('claims with errors are not checked numerically', () => {
  const doc = "A : n × n\nx : vector n\nf = x' A x\n";
  assert.deepEqual(analyze(`${doc}∂f/∂x = A\n`).diagnostics.map((d) => d.code), ['E303']);
  assert.deepEqual(analyze(`${doc}∂g/∂x = 2 A x\n`).diagnostics.map((d) => d.code), ['E101']);
  assert.deepEqual(analyze(`${doc}∂f/∂x = 2 A y\n`).diagnostics.map((d) => d.code), ['E101']);
  const bad = analyze("A : m × n\nx : vector n\nS = A A\nf = tr(S)\n∂f/∂A = A'\n");
  assert.ok(!bad.diagnostics.some((d) => d.code === 'W401' || d.code === 'I402'));
});

test('a zero claim is the zero matrix of the variable', () => {
  const doc = 'A : m × n\nB : n × n\nf = tr(B)\n';
  assert.deepEqual(analyze(`${doc}∂f/∂A = 0\n`).diagnostics, []);
  assert.deepEqual(analyze(`${doc}∂f/∂B = 0\n`).diagnostics.map((d) => d.code), ['W401']);
});

test('several claims in one Markdown note are each checked', () => {
  const md = "# Notes\n\n```mcalc\nA : n × n\nx : vector n\nf = x' A x\n```\n\nText.\n\n```mcalc\n∂f/∂x = 2 A x\n∂f/∂A = x x'\n```\n";
  const a = analyze(md, 'markdown');
  assert.deepEqual(a.diagnostics.map((d) => [d.code, md.slice(d.span.start, d.span.end)]), [['W401', '∂f/∂x = 2 A x']]);
});

test('the Kronecker example: a zero claim for ∂f/∂A is rejected, the partial-trace one accepted', () => {
  const base = readFileSync('examples/kronecker-trace.mcalc', 'utf8');
  const zero = analyze(`${base}∂f/∂A = zeros(m, n)\n`);
  assert.deepEqual(zero.diagnostics.map((d) => d.code), ['W401']);
  assert.match(zero.diagnostics[0]!.message, /relative error 1 at sizes m = \d, n = \d, p = \d, q = \d, k = \d \(seed 1\)$/);
  assert.deepEqual(analyze(`${base}∂f/∂A = tr_1((B' ⊗ I(m)) (L + L') S H', q)\n`).diagnostics, []);
});

test('sizes too large for the numeric check are I402, not a long wait or an exhausted memory', () => {
  const big = analyze("n = 2000\nX : n × n\nf = tr(X)\n∂f/∂X = I(n)\n");
  assert.deepEqual(big.diagnostics.map((d) => d.code), ['I402']);
  assert.match(big.diagnostics[0]!.message, /too large for a numeric check \(X would have 4000000 entries\)/);
  const kron = analyze('n = 40\nA, B : n × n\nf = tr((A ⊗ B) ⊗ A)\n∂f/∂A = 0\n');
  assert.deepEqual(kron.diagnostics.map((d) => d.code), ['I402']);
  assert.match(kron.diagnostics[0]!.message, /could not be checked numerically: \(A ⊗ B\) would be 1600×1600, more than 1000000 entries/);
});

test('a claim on a symmetric variable that is right within symmetric matrices: W401 says so', () => {
  const base = 'A : n × n\nX : n × n, symmetric\nf = tr(A X)\n';
  const within = analyze(`${base}∂f/∂X = (A + Aᵀ) / 2\n`).diagnostics;
  assert.deepEqual(within.map((d) => d.code), ['W401']);
  assert.match(within[0]!.message, /\. It agrees along symmetric directions: it is a gradient within symmetric matrices, but a claim is checked as the unconstrained gradient, X's entries taken as independent$/);
  // The unconstrained gradient passes; a claim wrong either way gets no such note.
  assert.deepEqual(analyze(`${base}∂f/∂X = Aᵀ\n`).diagnostics, []);
  // (A itself is right within symmetric matrices too: its symmetric part is Aᵀ's. 2 A is right in neither sense.)
  assert.match(analyze(`${base}∂f/∂X = A\n`).diagnostics[0]!.message, /It agrees along symmetric directions/);
  // With the symmetric convention (setting mcalc.gradient.symmetric, check --symmetric), such a claim agrees.
  assert.deepEqual(analyze(`${base}∂f/∂X = (A + Aᵀ) / 2\n`, 'mcalc', { symmetric: 'symmetric' }).diagnostics, []);
  const twice = analyze(`${base}∂f/∂X = 2 A\n`, 'mcalc', { symmetric: 'symmetric' }).diagnostics;
  assert.match(twice[0]!.message, /, checked within symmetric matrices$/);
  const wrong = analyze(`${base}∂f/∂X = 2 A\n`).diagnostics;
  assert.deepEqual(wrong.map((d) => d.code), ['W401']);
  assert.doesNotMatch(wrong[0]!.message, /symmetric/);
});
