// documentSymbols, semanticTokens, foldingRanges and deriveTargetsAt.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { analyze } from '../../server/src/core';
import { deriveTargetsAt, documentSymbols, foldingRanges, semanticTokens } from '../../server/src/core/queries';
import { covered, offsetOf } from './queries-cursor';

const DOC = `n = 3
A : m × n
L : m × m, symmetric, spd
x : vector m
s : scalar
S = A Aᵀ
f = xᵀ L x + s
grad f wrt L, x
∂f/∂s = 1
`;

describe('document symbols', () => {
  test('declarations by shape, definitions, size facts, grad lines and claims, in order', () => {
    const rows = documentSymbols(analyze(DOC)).map((d) => `${d.kind} ${d.name} [${d.detail}] «${covered(DOC, d.selectionSpan)}»`);
    assert.deepEqual(rows, [
      'size n [= 3] «n»',
      'matrix A [m×3] «A»',
      'matrix L [m×m, symmetric, spd] «L»',
      'vector x [m×1] «x»',
      'scalar s [scalar] «s»',
      'definition S [m×m] «S»',
      'definition f [scalar] «f»',
      'gradient ∂f/∂L, ∂f/∂x [m×m, m×1] «f»',
      'claim ∂f/∂s [= 1] «∂f/∂s»',
    ]);
  });

  test('spans hold their selection; a claim the numbers contradict says so', () => {
    const text = 'X : n x n\nf = tr(X)\n∂f/∂X = 2 I_n\n';
    const symbols = documentSymbols(analyze(text));
    for (const d of symbols) assert.ok(d.span.start <= d.selectionSpan.start && d.selectionSpan.end <= d.span.end, d.name);
    assert.equal(symbols.at(-1)!.detail, '= 2 I_n — disagrees with the numbers');
  });

  test('a declaration with an error still shows, with the shape as written', () => {
    const rows = documentSymbols(analyze('A : n x n\nA : m x m\n')).map((d) => `${d.kind} ${d.name} [${d.detail}]`);
    assert.deepEqual(rows, ['matrix A [n×n]', 'matrix A [m x m]']);
  });
});

describe('semantic tokens', () => {
  test('names by shape, sizes, functions, properties and keywords; declarations marked', () => {
    const text = 'A : m x n, positive\nx : vector n\nf = sum(A x) + tr(I_m)\ngrad f wrt A\nd f / d A = ones(m, n)\n';
    const tokens = semanticTokens(analyze(text)).map((t) => `${covered(text, t.span)}:${t.type}${t.declaration ? '*' : ''}`);
    assert.deepEqual(tokens, [
      'A:matrix*', 'm:size*', 'x:keyword', 'n:size*', 'positive:property',
      'x:vector*', 'vector:keyword', 'n:size',
      'f:scalar*', 'sum:function', 'A:matrix', 'x:vector', 'tr:function', 'I_:matrix', 'm:size',
      'grad:keyword', 'f:scalar', 'wrt:keyword', 'A:matrix',
      'd:keyword', 'f:scalar', 'd:keyword', 'A:matrix', 'ones:function', 'm:size', 'n:size',
    ]);
  });

  test('sorted, non-overlapping and on one line, in every example', () => {
    for (const file of ['examples/kronecker-trace.mcalc', 'examples/derivation-notes.md', 'test/fixtures/markdown/fences.md']) {
      const text = readFileSync(file, 'utf8');
      const a = analyze(text, file.endsWith('.md') ? 'markdown' : 'mcalc');
      const tokens = semanticTokens(a);
      assert.ok(tokens.length > 0, file);
      tokens.forEach((t, i) => {
        assert.ok(t.span.start < t.span.end, file);
        assert.ok(!/[\r\n]/.test(covered(text, t.span)), file);
        if (i > 0) assert.ok(tokens[i - 1]!.span.end <= t.span.start, file);
      });
    }
  });

  test('df/dX: the d and the name are separate tokens', () => {
    const text = 'X : n x n\nf = tr(X)\ndf/dX = I\n';
    const tokens = semanticTokens(analyze(text)).slice(-5).map((t) => `${covered(text, t.span)}:${t.type}`);
    assert.deepEqual(tokens, ['d:keyword', 'f:scalar', 'd:keyword', 'X:matrix', 'I:matrix']);
  });
});

describe('folding ranges', () => {
  test('each mcalc block from its fence to its closing fence; unclosed blocks to their end', () => {
    const md = '# T\n\n```mcalc\nA : n x n\n```\n\n```python\nx = 1\n```\n\n~~~mcalc\nB = A\nC = B\n';
    const ranges = foldingRanges(analyze(md, 'markdown')).map((s) => covered(md, s));
    assert.deepEqual(ranges, ['```mcalc\nA : n x n\n```', '~~~mcalc\nB = A\nC = B']);
  });

  test('statements over several lines fold too; CRLF ends stop before the line break', () => {
    const text = 'A : n x n\r\nS = A +\r\n  A\r\n';
    assert.deepEqual(foldingRanges(analyze(text)).map((s) => covered(text, s)), ['S = A +\r\n  A']);
    const md = '```mcalc\r\nA : n x n\r\n```\r\n';
    assert.deepEqual(foldingRanges(analyze(md, 'markdown')).map((s) => covered(md, s)), ['```mcalc\r\nA : n x n\r\n```']);
  });
});

describe('derive targets', () => {
  test('a scalar definition: its variables in declaration order; insert on the next line', () => {
    const a = analyze(DOC);
    const t = deriveTargetsAt(a, offsetOf(DOC, 'xᵀ L'))!;
    assert.deepEqual({ of: t.of, wrt: t.wrt, statement: covered(DOC, t.statementSpan) }, { of: 'f', wrt: ['L', 'x', 's'], statement: 'f = xᵀ L x + s' });
    assert.equal(t.insertOffset, offsetOf(DOC, 'grad'));
    assert.equal(t.needsNewline, false);
    assert.equal(t.indent, '');
  });

  test('a grad line: wrt as listed; a claim: its X; nothing on declarations, non-scalars or size facts', () => {
    const a = analyze(DOC);
    assert.deepEqual(deriveTargetsAt(a, offsetOf(DOC, 'wrt'))!.wrt, ['L', 'x']);
    const claim = deriveTargetsAt(a, offsetOf(DOC, '∂f/∂s') + 2)!;
    assert.deepEqual([claim.of, claim.wrt, claim.insertOffset], ['f', ['s'], DOC.length]);
    for (const probe of ['A : m', 'S = ', 'n = 3']) assert.equal(deriveTargetsAt(a, offsetOf(DOC, probe)), null, probe);
  });

  test('at the end of a text without a final line break, a newline is needed', () => {
    const text = 'X : n x n\nf = tr(X)';
    const t = deriveTargetsAt(analyze(text), text.length)!;
    assert.deepEqual([t.insertOffset, t.needsNewline], [text.length, true]);
  });

  test('Markdown: inside the block, before the closing fence, with the container prefix', () => {
    const md = 'Intro\n\n> ```mcalc\n> X : n x n\n> f = tr(X X)\n> ```\n\nAfter\n';
    const t = deriveTargetsAt(analyze(md, 'markdown'), offsetOf(md, 'f = '))!;
    assert.equal(t.insertOffset, offsetOf(md, '> ```\n'));
    assert.equal(t.needsNewline, false);
    assert.equal(t.indent, '> ');
    assert.equal(deriveTargetsAt(analyze(md, 'markdown'), offsetOf(md, 'After')), null);
  });

  test('a statement over several lines: the line after its last one', () => {
    const text = 'X : n x n\nf = tr(X) +\n  tr(X X)\n# end\n';
    const t = deriveTargetsAt(analyze(text), offsetOf(text, 'f = '))!;
    assert.equal(t.insertOffset, offsetOf(text, '# end'));
    assert.equal(deriveTargetsAt(analyze(text), offsetOf(text, 'tr(X X)'))!.of, 'f');
  });
});
