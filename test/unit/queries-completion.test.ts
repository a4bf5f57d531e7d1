// completionsAt and signatureHelpAt: what is offered where, backslash symbols, and the active argument of a call.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BACKSLASH_NAMES, completionsAt, signatureHelpAt, type CompletionItem } from '../../server/src/core/queries';
import { lex } from '../../server/src/core/syntax/lexer';
import { at, covered } from './queries-cursor';

const DECLS = 'A : m x n\nB : p x q\nx : vector n\n';

function complete(marked: string, languageId: 'mcalc' | 'markdown' = 'mcalc'): { items: CompletionItem[]; text: string } {
  const { a, offset, text } = at(marked, languageId);
  return { items: completionsAt(a, offset), text };
}

const labels = (items: readonly CompletionItem[]): string[] => items.map((i) => i.label);
const find = (items: readonly CompletionItem[], label: string): CompletionItem | undefined => items.find((i) => i.label === label);

describe('completion: backslash names become symbols', () => {
  test('\\otimes → ⊗, replacing the backslash word', () => {
    const { items, text } = complete(`${DECLS}S = B \\oti¦ A\n`);
    const item = items[0]!;
    assert.equal(item.label, '\\otimes');
    assert.equal(item.insertText, '⊗');
    assert.equal(covered(text, item.replaceSpan!), '\\oti');
    assert.equal(items.length, 1);
  });

  test('the rest of the word after the cursor is replaced too', () => {
    const { items, text } = complete(`${DECLS}S = B \\ot¦im A\n`);
    assert.equal(covered(text, items[0]!.replaceSpan!), '\\otim');
  });

  test('operators and Greek letters a mathematician expects', () => {
    const expect: Record<string, string> = {
      odot: '⊙', circ: '∘', cdot: '·', times: '×', T: 'ᵀ', top: 'ᵀ', inv: '⁻¹', partial: '∂', in: '∈', R: 'ℝ',
      langle: '⟨', rangle: '⟩', norm: '‖', alpha: 'α', beta: 'β', Sigma: 'Σ', lambda: 'λ', mu: 'μ', varepsilon: 'ε', _1: '₁',
    };
    for (const [name, symbol] of Object.entries(expect)) {
      const { items } = complete(`${DECLS}S = \\${name}¦`);
      assert.equal(items[0]?.label, `\\${name}`, name);
      assert.equal(items[0]?.insertText, symbol, name);
    }
  });

  test('an exact name comes first; a prefix offers every match', () => {
    assert.deepEqual(labels(complete('S = \\T¦').items).slice(0, 1), ['\\T']);
    assert.ok(labels(complete('S = \\T¦').items).includes('\\Theta'));
    assert.deepEqual(labels(complete('S = \\inv¦').items), ['\\inv', '\\invT']);
    assert.equal(complete('S = \\¦').items.length, BACKSLASH_NAMES.length);
  });

  test('every Greek letter offered starts a name for the lexer', () => {
    for (const b of BACKSLASH_NAMES.filter((x) => x.kind === 'letter')) {
      const tokens = lex(`${b.symbol}x`);
      assert.equal(tokens[0]!.kind, 'name', b.name);
      assert.equal(tokens[0]!.text, `${b.symbol}x`, b.name);
    }
  });
});

describe('completion: by context', () => {
  test('in an expression: names declared before, with shapes; sizes; functions as snippets', () => {
    const { items, text } = complete(`${DECLS}S = A¦\nT = B\n`);
    assert.deepEqual(find(items, 'A'), { label: 'A', kind: 'symbol', detail: 'm×n', replaceSpan: { start: text.indexOf('A\nT'), end: text.indexOf('A\nT') + 1 } });
    assert.equal(find(items, 'x')?.detail, 'n×1');
    assert.equal(find(items, 'S'), undefined, 'not itself');
    assert.equal(find(items, 'T'), undefined, 'not a later name');
    assert.equal(find(items, 'm')?.kind, 'size');
    assert.deepEqual(find(items, 'tr'), {
      label: 'tr', kind: 'function', detail: 'tr(X)', documentation: 'trace of a square matrix', insertText: 'tr($1)', snippet: true,
      replaceSpan: { start: text.indexOf('A\nT'), end: text.indexOf('A\nT') + 1 },
    });
    assert.equal(find(items, 'kron')?.insertText, 'kron($1, $2)');
    assert.equal(find(items, 'tr₁')?.insertText, 'tr₁($1, $2)');
  });

  test('defined names are definitions; no snippet when the parenthesis is already there', () => {
    const { items } = complete(`${DECLS}S = A\nf = t¦(S)\n`);
    assert.deepEqual({ ...find(items, 'S'), replaceSpan: undefined }, { label: 'S', kind: 'definition', detail: 'm×n', replaceSpan: undefined });
    assert.equal(find(items, 'tr')?.insertText, undefined);
  });

  test('on a continuation line: expression items', () => {
    const { items } = complete(`${DECLS}S = A +\n  ¦\n`);
    assert.ok(find(items, 'A'));
    assert.equal(find(items, 'grad'), undefined);
  });

  test('in a shape: sizes, and scalar/vector first; after the shape\'s comma: properties not yet written', () => {
    const shape = complete(`${DECLS}C : ¦`).items;
    assert.deepEqual(labels(shape).sort(), ['m', 'n', 'p', 'q', 'scalar', 'vector']);
    assert.deepEqual(labels(complete(`${DECLS}C : m x ¦`).items), ['m', 'n', 'p', 'q']);
    const props = complete(`${DECLS}C, D : n x n, symmetric, ¦`).items;
    assert.deepEqual(labels(props), ['spd', 'diagonal', 'positive', 'orthogonal', 'invertible']);
    assert.equal(find(props, 'spd')?.documentation, 'symmetric positive definite');
    assert.equal(find(props, 'spd')?.kind, 'property');
  });

  test('grad lines: the scalars, then wrt, then f\'s variables first', () => {
    const text = `${DECLS}C : k x k\nS = A\nf = xᵀ x\n`;
    assert.deepEqual(labels(complete(`${text}grad ¦`).items), ['f']);
    assert.deepEqual(labels(complete(`${text}grad f ¦`).items), ['wrt']);
    assert.deepEqual(labels(complete(`${text}grad f wrt ¦`).items), ['x', 'A', 'B', 'C']);
    assert.deepEqual(labels(complete(`${text}grad f wrt x, ¦`).items), ['A', 'B', 'C']);
    assert.equal(find(complete(`${text}grad f wrt ¦`).items, 'A')?.documentation, 'f does not depend on A');
  });

  test('claims: ∂ then a scalar, ∂ then a variable', () => {
    const text = `${DECLS}f = xᵀ x\n`;
    assert.deepEqual(labels(complete(`${text}∂¦`).items), ['f']);
    assert.deepEqual(labels(complete(`${text}∂f/∂¦`).items), ['x', 'A', 'B']);
    assert.deepEqual(labels(complete(`${text}d f / d ¦`).items), ['x', 'A', 'B']);
  });

  test('at the start of a statement: the grad keyword (a snippet) and the sizes (for size facts)', () => {
    const items = complete(`${DECLS}¦`).items;
    assert.deepEqual(find(items, 'grad'), {
      label: 'grad', kind: 'keyword', detail: 'grad f wrt X', documentation: 'ask for the gradient of a scalar',
      insertText: 'grad ${1:f} wrt ${2:X}', snippet: true, replaceSpan: { start: DECLS.length, end: DECLS.length },
    });
    assert.deepEqual(labels(complete(`${DECLS}n = ¦`).items), ['m', 'n', 'p', 'q']);
  });

  test('nothing in comments or in Markdown prose', () => {
    assert.deepEqual(complete(`${DECLS}S = A # see \\oti¦`).items, []);
    assert.deepEqual(complete('Prose \\alp¦\n\n```mcalc\nA : n x n\n```\n', 'markdown').items, []);
    assert.ok(complete('Prose\n\n```mcalc\nA : n x n\nB = ¦\n```\n', 'markdown').items.some((i) => i.label === 'A'));
  });
});

describe('signature help', () => {
  const help = (marked: string): ReturnType<typeof signatureHelpAt> => {
    const { a, offset } = at(marked);
    return signatureHelpAt(a, offset);
  };

  test('the signature, its parameters with offsets, and the active one by commas', () => {
    const h = help(`${DECLS}C = kron(A, ¦`)!;
    assert.equal(h.label, 'kron(A, B)');
    assert.deepEqual(h.parameters, ['A', 'B']);
    assert.deepEqual(h.parameterOffsets, [[5, 6], [8, 9]]);
    assert.equal(h.activeParameter, 1);
    assert.equal(h.documentation, 'Kronecker product; also A ⊗ B');
    assert.equal(help(`${DECLS}C = kron(¦A, B)`)!.activeParameter, 0);
  });

  test('offsets point into the parameter list, not at a letter of the name', () => {
    const h = help(`${DECLS}C = unvec(vec(A), m, ¦`)!;
    assert.equal(h.label, 'unvec(v, m, n)');
    assert.equal(h.activeParameter, 2);
    assert.deepEqual(h.parameterOffsets.map(([s, e]) => h.label.slice(s, e)), ['v', 'm', 'n']);
    assert.equal(h.parameterOffsets[0]![0], 6);
  });

  test('the innermost call; nested brackets and ⟨A, B⟩ do not count their commas', () => {
    assert.equal(help(`${DECLS}C = kron(A, vec(¦`)!.label, 'vec(X)');
    assert.equal(help(`${DECLS}C = kron(⟨A, A⟩ ¦`)!.activeParameter, 0);
    assert.equal(help(`${DECLS}C = kron(tr(A) ⟨A, A⟩, ¦`)!.activeParameter, 1);
    assert.equal(help(`${DECLS}C = kron((A + A), ¦`)!.activeParameter, 1);
    assert.equal(help(`${DECLS}C = tr((A ¦`)!.label, 'tr(X)');
  });

  test('of alternatives, the spelling with room for the argument', () => {
    assert.equal(help(`${DECLS}C = ones(¦`)!.label, 'ones(m, n)');
    assert.equal(help(`${DECLS}C = ones(m, ¦`)!.label, 'ones(m, n)');
    assert.match(help(`${DECLS}C = ones(m, ¦`)!.documentation, /ones\(m, n\) \/ ones\(n\)/);
  });

  test('across lines of one statement; none outside a call or in a comment', () => {
    assert.equal(help(`${DECLS}C = kron(A,\n  ¦`)!.activeParameter, 1);
    assert.equal(help(`${DECLS}C = (A ¦`), null);
    assert.equal(help(`${DECLS}C = kron(A, B)¦`), null);
    assert.equal(help(`${DECLS}C = A # kron(A, ¦`), null);
  });
});
