// Diagnostic fixtures (test/fixtures/diagnostics/*.mcalc), the shared examples, and exact messages of the key cases.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { analyze, DIAGNOSTIC_CODES, type Diagnostic, type TextEdit } from '../../server/src/core';
import { check, checkFile, parseMarks } from '../helpers/fixtures';

const FIXTURES = 'test/fixtures/diagnostics';
const fixtureFiles = readdirSync(FIXTURES).filter((f) => f.endsWith('.mcalc')).sort();

/** Codes no fixture can show: the numeric check's own (tested with the numeric engine). */
const NOT_IN_FIXTURES = new Set(['W401', 'I402']);

describe('diagnostic fixtures', () => {
  for (const file of fixtureFiles) test(file, () => void checkFile(join(FIXTURES, file)));
});

describe('the shared examples check clean', () => {
  for (const file of readdirSync('examples').filter((f) => f.endsWith('.mcalc')).sort()) {
    test(file, () => void checkFile(join('examples', file)));
  }
});

test('there are at least 60 fixtures, and clean ones among them', () => {
  assert.ok(fixtureFiles.length >= 60, `${fixtureFiles.length} fixtures`);
  assert.ok(fixtureFiles.filter((f) => f.startsWith('clean-')).length >= 20);
});

test('docs/language.md has a row for every diagnostic code of the table, and only those', () => {
  const rows = [...readFileSync('docs/language.md', 'utf8').matchAll(/^\| ([EWIH]\d{3}) \|/gm)].map((m) => m[1]);
  assert.deepEqual(rows, Object.keys(DIAGNOSTIC_CODES));
});

test('the fixtures mark every diagnostic code of the table, and only those', () => {
  const marked = new Set<string>();
  for (const file of fixtureFiles) {
    for (const m of parseMarks(readFileSync(join(FIXTURES, file), 'utf8'))) marked.add(m.code);
  }
  const table = Object.keys(DIAGNOSTIC_CODES);
  assert.deepEqual(table.filter((c) => !marked.has(c) && !NOT_IN_FIXTURES.has(c)), [], 'codes without a fixture');
  assert.deepEqual([...marked].filter((c) => !table.includes(c)), [], 'marked codes missing from the table');
});

describe('the fixture format', () => {
  test('marks: columns, glued marks at column 0, several marks per line, fragments', () => {
    const text = 'A B\n#^^^ E001 expected\nS = A +\n#      ^ E001\n#   ^ E101\n';
    assert.deepEqual(parseMarks(text), [
      { line: 0, start: 0, end: 3, code: 'E001', message: 'expected' },
      { line: 2, start: 7, end: 8, code: 'E001' },
      { line: 2, start: 4, end: 5, code: 'E101' },
    ]);
  });

  test('a mark without a code, or above any code, is an error in the fixture', () => {
    assert.throws(() => parseMarks('A : m x n\n#   ^^^\n'), /needs a code/);
    assert.throws(() => parseMarks('#^ E001\n'), /line of code above/);
  });

  test('check() fails on a missing, an extra or a misplaced diagnostic, and on a wrong fragment', () => {
    assert.throws(() => check('A : m x n\nB = C\n'), /columns \[4, 5\): E101/);
    assert.throws(() => check('A : m x n\n#   ^ E101\n'), /E101/);
    assert.throws(() => check('B = C\n#  ^ E101\n'), /E101/);
    assert.throws(() => check('B = C\n#   ^ E101 not defined\n'), /should contain "not defined"/);
    check('B = C\n#   ^ E101 not declared\n');
  });

  test('a range that runs past its line is marked through the line break', () => {
    check('A : m x n\nB : n x p\nC : q x p\nD = A B *\n#   ^^^^^^ E201\n    C\n');
  });
});

/** The text with the edits applied (edits in offsets of the original text, not overlapping). */
function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.span.start - a.span.start)) {
    out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  }
  return out;
}

function only(diagnostics: readonly Diagnostic[]): Diagnostic {
  assert.equal(diagnostics.length, 1, diagnostics.map((d) => `${d.code} ${d.message}`).join('\n'));
  return diagnostics[0]!;
}

describe('messages of the key cases', () => {
  test('kronecker-trace.mcalc with H : (p·n) × k: one error on the S line, with both shapes', () => {
    const source = readFileSync('examples/kronecker-trace.mcalc', 'utf8');
    const text = source.replace('H : (q·n) × k', 'H : (p·n) × k');
    assert.notEqual(text, source);
    const d = only(analyze(text).diagnostics);
    assert.equal(d.code, 'E201');
    assert.equal(d.severity, 'error');
    assert.equal(d.message, 'matrix product: B ⊗ A is (p·m)×(q·n) (B is p×q, A is m×n), so H needs q·n rows, but H is (p·n)×k');
    assert.equal(text.slice(d.span.start, d.span.end), '(B ⊗ A) H');
    assert.ok(text.slice(0, d.span.start).endsWith('\nS = '));
    assert.deepEqual(d.related?.map((r) => [text.slice(r.span.start, r.span.end), r.message]), [
      ['B : p × q', 'B is p×q (declared here)'],
      ['A : m × n', 'A is m×n (declared here)'],
      ['H : (p·n) × k', 'H is (p·n)×k (declared here)'],
    ]);
  });

  test('tr(Sᵀ L S) with a bad middle factor lists the shape of each factor', () => {
    const source = readFileSync('examples/kronecker-trace.mcalc', 'utf8');
    const text = source.replace('L : (p·m) × (p·m)', 'L : (p·n) × (p·n)');
    const d = only(analyze(text).diagnostics);
    assert.equal(d.code, 'E201');
    assert.equal(text.slice(d.span.start, d.span.end), 'Sᵀ L');
    assert.equal(d.message, 'matrix product: Sᵀ is k×(p·m), so L needs p·m rows, but L is (p·n)×(p·n); '
      + "the chain's factors are Sᵀ: k×(p·m), L: (p·n)×(p·n), S: (p·m)×k");
    assert.deepEqual(d.related?.map((r) => text.slice(r.span.start, r.span.end)), ['S = (B ⊗ A) H', 'L : (p·n) × (p·n)']);
  });

  test('1 + X: no broadcasting, and the fix writes ones(m, n)', () => {
    const text = 'X : m x n\nY = 1 + X\n';
    const d = only(analyze(text).diagnostics);
    assert.equal(d.code, 'E211');
    assert.equal(d.message, "'+' adds a scalar to m×n: there is no implicit broadcasting; write the scalar times ones(m, n)");
    assert.equal(text.slice(d.span.start, d.span.end), '+');
    const fix = d.fixes?.[0];
    assert.equal(fix?.title, 'Replace 1 with ones(m, n)');
    const fixed = applyEdits(text, fix!.edits);
    assert.equal(fixed, 'X : m x n\nY = ones(m, n) + X\n');
    check(fixed);
  });

  test('X - 2 and s + x: the fix keeps the scalar as a factor', () => {
    const text = 'X : m x n\nx : vector n\ns : scalar\nY = X - 2\nz = s + x\n';
    const ds = analyze(text).diagnostics;
    assert.deepEqual(ds.map((d) => d.fixes?.[0]?.title), ['Replace 2 with 2 * ones(m, n)', 'Replace s with s * ones(n)']);
    check(applyEdits(text, ds.flatMap((d) => d.fixes![0]!.edits)));
  });

  test('A ⊗ B C: the hint and its fix make the reading explicit', () => {
    const text = 'A : m x n\nB : p x q\nC : q x r\nK = A ⊗ B C\n';
    const d = only(analyze(text).diagnostics);
    assert.equal(d.code, 'H501');
    assert.equal(d.severity, 'hint');
    assert.equal(text.slice(d.span.start, d.span.end), 'B C');
    const fixed = applyEdits(text, d.fixes![0]!.edits);
    assert.ok(fixed.endsWith('K = A ⊗ (B C)\n'));
    check(fixed);
  });

  test('Z ⊙ X Y: the hint offers both readings, and each fix is clean where its shapes fit', () => {
    const text = 'Z : m x n\nX : m x n\nY : n x n\nK = Z ⊙ X Y\n';
    const d = only(analyze(text).diagnostics);
    assert.equal(d.code, 'H502');
    assert.equal(d.severity, 'hint');
    assert.equal(text.slice(d.span.start, d.span.end), 'Z ⊙ X Y');
    assert.deepEqual(d.fixes?.map((f) => f.title), ['Keep the reading: (… ⊙ …) …', 'Read it as … ⊙ (… …)']);
    const kept = applyEdits(text, d.fixes![0]!.edits);
    assert.ok(kept.endsWith('K = (Z ⊙ X) Y\n'));
    check(kept);
    const other = applyEdits(text, d.fixes![1]!.edits);
    assert.ok(other.endsWith('K = Z ⊙ (X Y)\n'));
    check(other);
    // Written the other way round, or bracketed, or ⊙ alone: nothing to say.
    for (const clean of ['X Y ⊙ Z', '(Z ⊙ X) Y', 'Z ⊙ (X Y)', 'Z ⊙ X ⊙ Z', 'Z ./ X ⊙ Z']) check(text.replace('Z ⊙ X Y', clean));
    // The entry-wise quotient and * read the same way.
    assert.deepEqual(analyze(text.replace('Z ⊙ X Y', 'Z ./ X * Y')).diagnostics.map((d) => d.code), ['H502']);
  });

  test('a product with mismatched inner sizes offers the transpose that fits', () => {
    const text = 'A : m x n\nB : m x p\nC = A B\n';
    const d = only(analyze(text).diagnostics);
    assert.deepEqual(d.fixes?.map((f) => f.title), ['Transpose A']);
    check(applyEdits(text, d.fixes![0]!.edits));
    const twice = 'A : m x n\nC = A A\n';
    const both = only(analyze(twice).diagnostics).fixes!;
    assert.deepEqual(both.map((f) => f.title), ['Transpose the right A', 'Transpose the left A']);
    for (const fix of both) check(applyEdits(twice, fix.edits));
  });

  test('redefinition points at the first definition', () => {
    const text = 'A : m x n\nA : n x n\n';
    const d = only(analyze(text).diagnostics);
    assert.equal(d.code, 'E102');
    assert.deepEqual(d.related?.map((r) => [text.slice(r.span.start, r.span.end), r.message]), [['A : m x n', 'A is declared here']]);
  });

  test('conflicting size facts say what they would mean', () => {
    const d = only(analyze('m = 4\nn = 3\nm = n\nA : m x n\n').diagnostics);
    assert.equal(d.code, 'E304');
    assert.equal(d.message, 'size fact m = n conflicts with the earlier facts: with them it means 4 = 3');
  });

  test('an undeclared name says how to declare it', () => {
    const d = only(analyze('S = A\nA : m x n\n').diagnostics);
    assert.equal(d.message, "'A' is not declared: declare it (A : m × n) or define it (A = …) before this line");
  });
});

test('an unknown function that is likely a known one: the message names it, and its quick fix makes the file clean', () => {
  const text = 'X : n x n\nf = logdett(X) + nrom(X)^2 + trase(X)\n';
  const a = analyze(text);
  assert.deepEqual(a.diagnostics.map((d) => d.message), [
    "unknown function 'logdett': did you mean logdet?",
    "unknown function 'nrom': did you mean norm?",
    "unknown function 'trase': did you mean tr?",
  ]);
  const fixed = applyEdits(text, a.diagnostics.flatMap((d) => d.fixes?.[0]?.edits ?? []));
  assert.equal(fixed, 'X : n x n\nf = logdet(X) + norm(X)^2 + tr(X)\n');
  assert.deepEqual(analyze(fixed).diagnostics, []);
  // A short name must match but for case; a name of no function gets no guess.
  assert.deepEqual(analyze('X : n x n\na = foo(X)\nb = softmax(X)\n').diagnostics.map((d) => [d.message, d.fixes]), [
    ["unknown function 'foo'", undefined],
    ["unknown function 'softmax'", undefined],
  ]);
});

test("NumPy's X.T, at the top or inside brackets: one E005 on the '.', and its quick fix writes Xᵀ", () => {
  const text = 'A : m x n\nB = A.T A\nf = tr(A.T A) + norm((A.T) A)^2\n';
  const a = analyze(text);
  assert.deepEqual(a.diagnostics.map((d) => [d.code, text.slice(d.span.start, d.span.end + 1)]), [
    ['E005', '.T'], ['E005', '.T'], ['E005', '.T'],
  ]);
  const fixed = applyEdits(text, a.diagnostics.flatMap((d) => d.fixes?.[0]?.edits ?? []));
  assert.equal(fixed, 'A : m x n\nB = Aᵀ A\nf = tr(Aᵀ A) + norm((Aᵀ) A)^2\n');
  assert.deepEqual(analyze(fixed).diagnostics, []);
  // Not NumPy's transpose: no fix (a field-like `.x`, `. T` apart).
  assert.deepEqual(analyze('A : m x n\nB = A.x A\nC = A. T\n').diagnostics.map((d) => d.fixes), [undefined, undefined]);
});
