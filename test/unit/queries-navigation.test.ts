// definitionAt, referencesAt, prepareRenameAt and renameAt: matrix and size symbols, across Markdown blocks.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze, type TextEdit } from '../../server/src/core';
import { definitionAt, prepareRenameAt, referencesAt, renameAt } from '../../server/src/core/queries';
import { at, covered, offsetOf } from './queries-cursor';

const NOTE = `# Notes

\`\`\`mcalc
A : m × n
B : p × q
\`\`\`

Then

> \`\`\`mcalc
> S = B ⊗ A
> f = tr(Sᵀ S) + tr(I_m)
> \`\`\`
`;

/** Applies edits (in any order) to a text. */
function apply(text: string, edits: readonly TextEdit[]): string {
  return [...edits].sort((x, y) => y.span.start - x.span.start)
    .reduce((t, e) => t.slice(0, e.span.start) + e.newText + t.slice(e.span.end), text);
}

describe('definition', () => {
  test('a use of a symbol goes to its declaration or definition', () => {
    const { a, offset, text } = at('A : m x n\nS = A Aᵀ\nf = tr(¦S)\n');
    const d = definitionAt(a, offset)!;
    assert.equal(covered(text, d.nameSpan), 'S');
    assert.equal(covered(text, d.span), 'S = A Aᵀ');
  });

  test('the cursor just after a name still finds it', () => {
    const { a, offset, text } = at('A : m x n\nS = A¦ Aᵀ\n');
    assert.equal(covered(text, definitionAt(a, offset)!.span), 'A : m x n');
  });

  test('a size goes to its size fact, or else to its first use', () => {
    const withFact = at('A : n x n\nB = A + I_¦n\nn = 3\n');
    const d = definitionAt(withFact.a, withFact.offset)!;
    assert.equal(d.nameSpan.start, offsetOf(withFact.text, 'n = 3'));
    assert.equal(covered(withFact.text, d.span), 'n = 3');
    const first = at('A : m x n\nB : n x ¦n\n');
    assert.equal(definitionAt(first.a, first.offset)!.nameSpan.start, offsetOf(first.text, 'n'));
  });

  test('across Markdown blocks, in a block quote', () => {
    const a = analyze(NOTE, 'markdown');
    const d = definitionAt(a, offsetOf(NOTE, 'A\n> f'))!;
    assert.equal(d.nameSpan.start, offsetOf(NOTE, 'A : m'));
  });

  test('nothing on functions, keywords, numbers or blank space', () => {
    const { a, text } = at('A : n x n¦\nf = tr(A) + 2\ngrad f wrt A\n');
    for (const probe of ['tr', '2', 'grad', 'wrt', ' x ']) assert.equal(definitionAt(a, offsetOf(text, probe) + 1), null, probe);
  });
});

describe('references', () => {
  test('every use of a symbol across blocks, with or without the declaration', () => {
    const a = analyze(NOTE, 'markdown');
    const spans = referencesAt(a, offsetOf(NOTE, 'A : m'), true);
    assert.deepEqual(spans.map((s) => s.start), [offsetOf(NOTE, 'A : m'), offsetOf(NOTE, 'A\n> f')]);
    assert.deepEqual(referencesAt(a, offsetOf(NOTE, 'A\n> f'), false).map((s) => s.start), [offsetOf(NOTE, 'A\n> f')]);
  });

  test('a size symbol: its uses in shapes, facts and I_n', () => {
    const a = analyze(NOTE, 'markdown');
    const spans = referencesAt(a, offsetOf(NOTE, 'm ×'), true);
    assert.deepEqual(spans.map((s) => covered(NOTE, s)), ['m', 'm']);
    assert.equal(spans[1]!.start, offsetOf(NOTE, 'I_m') + 2);
  });

  test('grad and claim names are references', () => {
    const text = 'X : n x n\nf = tr(X)\ngrad f wrt X\n∂f/∂X = I\ndf/dX = I\n';
    const a = analyze(text);
    assert.equal(referencesAt(a, 0, true).length, 5);
    assert.equal(referencesAt(a, offsetOf(text, 'f ='), false).length, 3);
  });
});

describe('rename', () => {
  test('prepare: the name and its span, only for symbols and sizes', () => {
    const { a, offset, text } = at('A : n x n\nf = tr(¦A)\n');
    const p = prepareRenameAt(a, offset)!;
    assert.deepEqual({ ...p, text: covered(text, p.span) }, { span: { start: offset, end: offset + 1 }, placeholder: 'A', text: 'A' });
    assert.equal(prepareRenameAt(a, offsetOf(text, 'tr')), null);
    assert.equal(prepareRenameAt(a, offsetOf(text, ' x ') + 1), null);
  });

  test('a symbol, everywhere: declaration, uses, grad line, claims in all spellings', () => {
    const text = 'X : n x n\nf = tr(Xᵀ X)\ngrad f wrt X\n∂f/∂X = 2X\nd f / d X = 2X\ndf/dX = 2X\n';
    const a = analyze(text);
    const r = renameAt(a, offsetOf(text, 'X ='), 'W₁');
    assert.ok('edits' in r);
    assert.equal(apply(text, r.edits), 'W₁ : n x n\nf = tr(W₁ᵀ W₁)\ngrad f wrt W₁\n∂f/∂W₁ = 2W₁\nd f / d W₁ = 2W₁\ndf/dW₁ = 2W₁\n');
    const g = renameAt(a, offsetOf(text, 'f/dX'), 'loss');
    assert.ok('edits' in g);
    assert.equal(apply(text, g.edits), 'X : n x n\nloss = tr(Xᵀ X)\ngrad loss wrt X\n∂loss/∂X = 2X\nd loss / d X = 2X\ndloss/dX = 2X\n');
    assert.ok('edits' in renameAt(analyze(apply(text, g.edits)), 0, 'Y'));
    assert.deepEqual(analyze(apply(text, g.edits)).diagnostics.filter((d) => d.severity === 'error'), []);
  });

  test('a size symbol, in shapes, facts, I_n and expressions, across Markdown blocks', () => {
    const a = analyze(NOTE, 'markdown');
    const r = renameAt(a, offsetOf(NOTE, 'm ×'), 'rows');
    assert.ok('edits' in r);
    const out = apply(NOTE, r.edits);
    assert.match(out, /A : rows × n/);
    assert.match(out, /tr\(I_rows\)/);
    assert.deepEqual(analyze(out, 'markdown').diagnostics, []);
  });

  test('the new name must be a valid, free, non-reserved name', () => {
    const text = 'A : n x n\nB : n x n\nf = tr(A) + C\n';
    const a = analyze(text);
    const error = (name: string, offset = 0): string => {
      const r = renameAt(a, offset, name);
      return 'error' in r ? r.error : 'no error';
    };
    assert.match(error('2A'), /not a valid name/);
    assert.match(error('A B'), /not a valid name/);
    assert.match(error('tr'), /built-in/);
    assert.match(error('I'), /built-in/);
    assert.match(error('I_k'), /built-in/);
    assert.match(error('grad'), /built-in/);
    assert.match(error('B'), /already declared/);
    assert.match(error('n'), /already a size symbol/);
    assert.match(error('C'), /already used/);
    assert.match(error('x', offsetOf(text, 'n x')), /cannot name a size/);
    assert.match(error('symmetric', offsetOf(text, 'n x')), /cannot name a size/);
    assert.match(error('Z', offsetOf(text, 'tr')), /only declared or defined symbols and size symbols/);
    assert.deepEqual(renameAt(a, 0, 'A'), { edits: [] });
    assert.ok('edits' in renameAt(a, 0, 'x'), 'x is a fine matrix name');
  });
});
