// hoverAt and inlayHints: shapes of sub-expressions, symbols, sizes, functions, gradients and claims; safe Markdown.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze } from '../../server/src/core';
import { hoverAt, inlayHints } from '../../server/src/core/queries';
import { codeBlock, escapeMarkdown, inlineCode } from '../../server/src/core/queries/format';
import { at, covered, offsetOf } from './queries-cursor';

const KRON = `A : m × n
B : p × q
H : (q·n) × k
L : (p·m) × (p·m), symmetric
S = (B ⊗ A) H
f = tr(Sᵀ L S)
grad f wrt A, B
`;

/** The hover at the mark: its Markdown and the text its span covers. */
function hover(marked: string, options?: { gradients?: boolean }): { markdown: string; covers: string } | null {
  const { a, offset, text } = at(marked);
  const h = hoverAt(a, offset, options);
  // Plain offsets, never a node of the tree (a hover made in the derivation worker is copied with all it holds).
  if (h) assert.deepStrictEqual(Object.keys(h.span), ['start', 'end']);
  return h && { markdown: h.markdown, covers: covered(text, h.span) };
}

describe('hover: shapes of sub-expressions', () => {
  test('the smallest enclosing node that has a shape, with normalised dimensions', () => {
    const h = hover(KRON.replace('tr(Sᵀ L S)', 'tr(S¦ᵀ L S)'))!;
    assert.equal(h.covers, 'Sᵀ');
    assert.equal(h.markdown, '`Sᵀ` : k×(p·m)');
  });

  test('the gap of a juxtaposed product is the product', () => {
    const h = hover(KRON.replace('tr(Sᵀ L S)', 'tr(Sᵀ¦ L S)'))!;
    assert.equal(h.covers, 'Sᵀ L');
    assert.match(h.markdown, /^`Sᵀ L` : k×\(p·m\)/);
    assert.match(h.markdown, /operands: `Sᵀ` : k×\(p·m\) and `L` : \(p·m\)×\(p·m\)/);
  });

  test('an operator shows both operand shapes', () => {
    const h = hover(KRON.replace('(B ⊗ A)', '(B ¦⊗ A)'))!;
    assert.equal(h.covers, '(B ⊗ A)');
    assert.match(h.markdown, /`\(B ⊗ A\)` : \(p·m\)×\(q·n\)/);
    assert.match(h.markdown, /`B` : p×q and `A` : m×n/);
  });

  test('size facts normalise the shapes shown', () => {
    const h = hover('n = 3\nA : n x n\nB : 3 x 3\nC = A ¦+ B\n')!;
    assert.match(h.markdown, /`A \+ B` : 3×3/);
  });

  test('nothing on blank space, comments, or Markdown prose', () => {
    assert.equal(hover('A : n x n\n¦\nB = A\n'), null);
    assert.equal(hover('A : n x n  # a co¦mment\n'), null);
    const md = 'Some pro¦se about A.\n\n```mcalc\nA : n x n\n```\n';
    const { a, offset } = at(md, 'markdown');
    assert.equal(hoverAt(a, offset), null);
  });
});

describe('hover: names', () => {
  test('a declared symbol: its declaration, line and properties', () => {
    const h = hover(KRON.replace('tr(Sᵀ L S)', 'tr(Sᵀ ¦L S)'))!;
    assert.equal(h.covers, 'L');
    assert.match(h.markdown, /```mcalc\nL : \(p·m\)×\(p·m\), symmetric\n```/);
    assert.match(h.markdown, /Matrix, declared at line 4; used 1 time\./);
    assert.match(h.markdown, /`symmetric`: Xᵀ = X/);
  });

  test('a vector and a scalar are called so; the size facts are mentioned when they change the shape', () => {
    assert.match(hover('x : vector n\nf = ¦xᵀ x\n')!.markdown, /^```mcalc\nx : n×1\n```\n\nVector, declared at line 1/);
    assert.match(hover('s¦ : scalar\n')!.markdown, /s : scalar[\s\S]*Scalar, declared/);
    assert.match(hover('m = n\nA¦ : m x n\n')!.markdown, /A : n×n[\s\S]*Written `m x n`; the size facts make it n×n/);
  });

  test('a defined symbol: its expression and shape; a scalar lists what it can be differentiated by', () => {
    const h = hover(KRON.replace('tr(Sᵀ L S)', 'tr(Sᵀ L ¦S)'))!;
    assert.equal(h.covers, 'S');
    assert.match(h.markdown, /```mcalc\nS = \(B ⊗ A\) H {4}# \(p·m\)×k\n```/);
    assert.match(h.markdown, /Defined at line 5; used 2 times\./);
    const f = hover(KRON.replace('f = tr', '¦f = tr'))!;
    assert.match(f.markdown, /f = tr\(Sᵀ L S\) {4}# scalar/);
    assert.match(f.markdown, /with respect to `A`, `B`, `H` and `L`/);
  });

  test('a size symbol: its value and where it is used', () => {
    const h = hover('n = 3\nA : n x ¦n\nH : (q·n) x k\nf = sum(A)\n')!;
    assert.equal(h.covers, 'n');
    assert.match(h.markdown, /```mcalc\nsize n = 3\n```/);
    assert.match(h.markdown, /Size symbol: 4 uses, in `A` and `H`\./);
    assert.match(hover('A : ¦m x n\n')!.markdown, /size m\n```\n\nSize symbol: 1 use, in `A`\. No size fact/);
  });

  test('functions, the identity, properties and keywords', () => {
    const k = hover('A : m x n\nB : p x q\nC = kr¦on(B, A)\n')!;
    assert.equal(k.covers, 'kron');
    assert.match(k.markdown, /```mcalc\nkron\(A, B\)\n```\n\nKronecker product; also A ⊗ B/);
    assert.match(k.markdown, /Here: `kron\(B, A\)` : \(p·m\)×\(q·n\)/);
    const p = hover('M : c·a x c·b\nP = tr¦₁(M, c)\n')!;
    assert.match(p.markdown, /tr₁\(M, c\)[\s\S]*partial trace over the first Kronecker factor[\s\S]*: a×b/);
    assert.match(hover('A : n x n\nB = A + ¦I\n')!.markdown, /identity matrix[\s\S]*`I` : n×n/);
    assert.match(hover('A : n x n, sy¦mmetric\n')!.markdown, /^`symmetric` \(property\): Xᵀ = X$/);
    assert.match(hover('x : vec¦tor n\n')!.markdown, /an n×1 column vector/);
  });
});

describe('hover: gradients and claims', () => {
  test('on a grad line: every derived gradient and its numeric check', () => {
    const h = hover(KRON.replace('grad f', 'gr¦ad f'))!;
    assert.equal(h.covers, 'grad f wrt A, B');
    assert.match(h.markdown, /```mcalc\n∂f\/∂A = .+\n∂f\/∂B = .+\n/);
    assert.match(h.markdown, /- `∂f\/∂A` \(m×n\): ✓ agrees with the numbers: relative error [0-9.e+-]+ \(sizes .*m = \d+.*; seed 1\)/);
    assert.match(h.markdown, /- `∂f\/∂B` \(p×q\): ✓/);
  });

  test('on one variable of a grad line: that gradient alone', () => {
    const h = hover(KRON.replace('wrt A, B', 'wrt A, ¦B'))!;
    assert.equal(h.covers, 'B');
    assert.doesNotMatch(h.markdown, /∂f\/∂A/);
    assert.match(h.markdown, /∂f\/∂B = /);
  });

  test('a symmetric variable states the convention', () => {
    const h = hover('X : n x n\nL : n x n, symmetric\nf = tr(Xᵀ L X)\ngrad f wrt ¦L\n')!;
    assert.match(h.markdown, /L is symmetric: this is the unconstrained gradient.*\(setting `mcalc\.gradient\.symmetric`\)/);
  });

  test('without gradients (options.gradients false) the request is described, not derived', () => {
    const h = hover(KRON.replace('grad f', 'gr¦ad f'), { gradients: false })!;
    assert.match(h.markdown, /```mcalc\n∂f\/∂A : m×n\n∂f\/∂B : p×q\n```/);
    assert.doesNotMatch(h.markdown, /agrees/);
  });

  test('what cannot be derived says why', () => {
    const h = hover('A : n x n\nS = A\nf = tr(A)\ngrad ¦f wrt A, S, n\n')!;
    assert.match(h.markdown, /∂f\/∂A = I_n/);
    assert.match(h.markdown, /∂f\/∂S: S is not a declared symbol/);
    assert.match(h.markdown, /∂f\/∂n: n is not a declared symbol/);
  });

  test('a right claim agrees, a wrong one disagrees, and the derived gradient is shown beside it', () => {
    const base = 'A : n x n\nX : n x n\nf = tr(Xᵀ A X)\n';
    const right = hover(`${base}¦∂f/∂X = (A + Aᵀ) X\n`)!;
    assert.equal(right.covers, '∂f/∂X');
    assert.match(right.markdown, /```mcalc\n∂f\/∂X = \(A \+ Aᵀ\) X\n```/);
    assert.match(right.markdown, /Claimed derivative, n×n; it must be n×n, the shape of `X`\./);
    assert.match(right.markdown, /\*\*The claim\*\*: ✓ agrees with the numbers: relative error .* \(sizes n = (\d), again at n = (\d); seed 1\)/);
    const [, n1, n2] = /sizes n = (\d), again at n = (\d)/.exec(right.markdown)!;
    assert.equal(Number(n2), Number(n1) + 1);
    assert.match(right.markdown, /\*\*Derived\*\*:\n\n```mcalc\n∂f\/∂X = /);
    const wrong = hover(`${base}d f / d ¦X = A X\n`)!;
    assert.match(wrong.markdown, /\*\*The claim\*\*: ✗ \*\*disagrees with the numbers\*\*: relative error/);
    const bad = hover(`${base}∂f/∂¦X = A B\n`)!;
    assert.match(bad.markdown, /\*\*The claim\*\*: not checked: the claim has errors/);
  });

  test('a claim true at one size only: the hover says what the W401 says, at the same sizes', () => {
    // Sizes elsewhere in the document do not move the claim's sizes: hover and diagnostic check the same part.
    const text = 'A : p × q\nB : q × r\nX : n × n\nf = det(X)\n¦∂f/∂X = tr(X) I - Xᵀ\n';
    const h = hover(text)!;
    const d = analyze(text.replace('¦', '')).diagnostics;
    assert.deepEqual(d.map((x) => x.code), ['W401']);
    const sizes = /at sizes (n = \d)/.exec(d[0]!.message)![1]!;
    assert.match(h.markdown, new RegExp(`\\*\\*The claim\\*\\*: ✗ \\*\\*disagrees with the numbers\\*\\*: relative error [^(]*\\(sizes ${sizes}; seed 1\\)`));
  });

  test('on the value of a claim: the shape of the sub-expression', () => {
    const h = hover('A : n x n\nX : n x n\nf = tr(Xᵀ A X)\n∂f/∂X = (A + Aᵀ) ¦X\n')!;
    assert.match(h.markdown, /^```mcalc\nX : n×n\n```\n\nMatrix, declared at line 2/);
    const sum = hover('A : n x n\nX : n x n\nf = tr(Xᵀ A X)\n∂f/∂X = (A ¦+ Aᵀ) X\n')!;
    assert.match(sum.markdown, /^`\(A \+ Aᵀ\)` : n×n/);
  });
});

describe('hover: Markdown stays safe', () => {
  test('code is fenced longer than any backtick run in it; inline code likewise', () => {
    assert.equal(codeBlock('a ``` b'), '````mcalc\na ``` b\n````');
    assert.equal(inlineCode('a`b'), '``a`b``');
    assert.equal(inlineCode('`a'), '`` `a ``');
    assert.equal(escapeMarkdown('<b>*x*</b> [l](u)'), '\\<b\\>\\*x\\*\\</b\\> \\[l\\](u)');
  });

  test('gradients in Markdown notes: the whole note is one scope', () => {
    const md = '# Notes\n\n```mcalc\nA : n x n\n```\n\ntext\n\n```mcalc\nf = tr(A A)\ngrad f wrt ¦A\n```\n';
    const { a, offset } = at(md, 'markdown');
    assert.match(hoverAt(a, offset)!.markdown, /∂f\/∂A = 2 ?Aᵀ|∂f\/∂A = .*Aᵀ/);
  });
});

describe('inlay hints', () => {
  test('after each well-typed definition, its shape; none for size facts or definitions with errors', () => {
    const text = `n = 3\n${KRON}T = A + B\nU = S # comment\n`;
    const a = analyze(text);
    const hints = inlayHints(a).map((h) => `${text.slice(h.offset - 3, h.offset)}|${h.label}`);
    assert.deepEqual(hints, [') H| : (p·m)×k', ' S)| : scalar', '= S| : (p·m)×k']);
    assert.equal(inlayHints(a)[0]!.tooltip, 'S is (p·m)×k (inferred)');
  });

  test('only within the range asked for', () => {
    const a = analyze(KRON);
    const f = offsetOf(KRON, 'f = ');
    assert.deepEqual(inlayHints(a, { start: f, end: KRON.length }).map((h) => h.label), [' : scalar']);
  });
});
