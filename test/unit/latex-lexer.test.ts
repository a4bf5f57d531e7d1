// The LaTeX reader: each construct to the mcalc tree, statements and separators, spans into the LaTeX, and null
// (not mcalc) for everything it does not know.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze } from '../../server/src/core';
import { parseLatexExpression, resolveNames } from '../../server/src/core/documents/math';
import { lexLatex } from '../../server/src/core/syntax/latex-lexer';
import { parseTokens } from '../../server/src/core/syntax/parser';
import { sexpr, statementSexpr } from '../helpers/sexpr';

function tree(latex: string, known: readonly string[] = []): string {
  const e = parseLatexExpression(latex, (n) => known.includes(n));
  assert.ok(e, `${latex} should read as an expression`);
  return sexpr(e);
}

/** The statements of a formula, or null when the reader or the parser rejects it. */
function statements(latex: string): string | null {
  const tokens = lexLatex(latex);
  if (!tokens) return null;
  const p = parseTokens(resolveNames(tokens, () => false));
  if (p.diagnostics.some((d) => d.severity === 'error')) return null;
  return p.statements.map(statementSexpr).join(' ');
}

/** [LaTeX, tree]: the constructs of docs/language.md, "LaTeX math in Markdown". */
const READS: ReadonlyArray<readonly [string, string]> = [
  // function names by content
  ['\\mathrm{Tr}(X)', '(tr X)'], ['\\operatorname{tr}(X)', '(tr X)'], ['\\mathbf{Tr} (S^T L S)', "(tr (* (* (' S) L) S))"],
  ['\\text{tr}(X)', '(tr X)'], ['\\det(X)', '(det X)'], ['\\log\\det(X)', '(logdet X)'], ['\\log \\, \\det X', '(logdet X)'],
  ['\\log(x)', '(log x)'], ['\\ln x', '(log x)'], ['\\exp(x)', '(exp x)'], ['\\sin x + \\cos x', '(+ (sin x) (cos x))'],
  ['\\tanh(W x)', '(tanh (* W x))'], ['\\sqrt{X}', '(sqrt X)'], ['\\mathrm{vec}(X)', '(vec X)'],
  ['\\operatorname{diag}(x)', '(diag x)'], ['\\operatorname{sum}(X)', '(sum X)'], ['tr(X) + Tr(Y)', '(+ (tr X) (tr Y))'],
  ['\\log\\det\\Sigma^{-1}', '(logdet (inv Σ))'],
  // operators
  ['A \\otimes B', '(⊗ A B)'], ['B\\bigotimes A', '(⊗ B A)'], ['A \\odot B', '(⊙ A B)'], ['A \\circ B', '(⊙ A B)'],
  ['A \\oslash B', '(./ A B)'], ['A \\cdot B', '(* A B)'], ['\\left\\langle A, B \\right\\rangle', '(: A B)'], ['A : B', '(: A B)'],
  // scripts
  ['A^T', "(' A)"], ['A^\\top', "(' A)"], ['A^{T}', "(' A)"], ['A^{\\top}', "(' A)"], ['A^{\\mathsf T}', "(' A)"],
  ['A^{\\mathsf{T}}', "(' A)"], ['A^\\intercal', "(' A)"], ["A'", "(' A)"], ['A^{-1}', '(inv A)'], ['A^{-T}', "(' (inv A))"],
  ['A^{-\\top}', "(' (inv A))"], ['A^2', '(^ A 2)'], ['A^{2}', '(^ A 2)'], ['A^{-2}', '(^ (inv A) 2)'], ['x^{\\circ 2}', '(.^ x 2)'],
  ['X^{\\circ 1/2}', '(sqrt X)'], ['\\left(A + B\\right)^{\\circ 1/2}', '(sqrt (+ A B))'], ['\\exp\\left(x\\right)^{\\circ 1/2}', '(sqrt (exp x))'],
  // norms
  ['\\|X\\|_F', '(norm X)'], ['\\|X\\|', '(norm X)'], ['\\|X\\|_F^2', '(^ (norm X) 2)'], ['\\lVert X \\rVert', '(norm X)'],
  ['\\left\\lVert A x - b \\right\\rVert_{F}^{2}', '(^ (norm (- (* A x) b)) 2)'], ['\\Vert X \\Vert_{F}', '(norm X)'],
  ['\\left\\lVert A \\left\\lVert B \\right\\rVert_{F} \\right\\rVert_{F}', '(norm (* A (norm B)))'],
  // brackets, sizing and spacing
  ['\\left( A + B \\right) C', '(* (+ A B) C)'], ['\\bigl(A + B\\bigr) C', '(* (+ A B) C)'], ['\\Big[A + B\\Big] C', '(* (+ A B) C)'],
  ['{A + B}^T', "(' (+ A B))"], ['A \\, B \\; C \\! D', '(* (* (* A B) C) D)'],
  // fractions
  ['\\frac{a}{b}', '(/ a b)'], ['\\frac{1}{2} A', '(* (/ 1 2) A)'], ['B \\frac{A}{s}', '(* B (/ A s))'], ['\\tfrac12 A', '(* (/ 1 2) A)'],
  // names: styles, Greek, subscripts, letters as products
  ['\\mathbf{A} \\boldsymbol{x} + \\bm{b}', '(+ (* A x) b)'], ['\\mathit{A}', 'A'], ['\\boldsymbol{\\Sigma}^{-1} \\boldsymbol\\mu', '(* (inv Σ) μ)'],
  ['\\alpha x + \\lambda y', '(+ (* α x) (* λ y))'], ['W_1 x_{i}', '(* W_1 x_i)'], ['\\Sigma_{1}', 'Σ_1'], ['W_{\\mathrm{out}}', 'W_out'],
  ['Ax', '(* A x)'], ['AXB', '(* (* A X) B)'], ['\\mathrm{nll}', 'nll'], ['\\mathbf{Ax}^T', "(' (* A x))"], ['2\\pi', '(* 2 π)'],
  // identities, constants, numbers
  ['I_n', '(I n)'], ['I_{n}', '(I n)'], ['I_3', '(I 3)'], ['I_{p m}', '(I (* p m))'], ['I_{mn}', '(I (* m n))'], ['I (A + B)', '(* I (+ A B))'],
  ['\\mathbf{0}_{m \\times n}', '(zeros m n)'], ['\\mathbf{1}_{n}', '(ones n)'], ['\\mathbf{1}_{n}^{\\top} x', "(* (' (ones n)) x)"],
  ['1.5 \\cdot 10^{-7} A', '(* 1.5e-7 A)'], ['10^{21}', '1e+21'], ['2.5^{2}', '(^ 2.5 2)'],
  // partial traces and unvec, as the printer writes them
  ['\\operatorname{tr}_{1}\\left(M,\\, c\\right)', '(tr₁ M c)'], ['\\operatorname{tr}_2(M, p m)', '(tr₂ M (* p m))'],
  ['\\mathrm{tr}_1(M, c)', '(tr₁ M c)'], ['\\operatorname{vec}^{-1}_{m \\times n}\\left(v\\right)', '(unvec v m n)'],
  // Unicode typed in math
  ['A ⊗ B ⊙ Cᵀ', "(⊗ A (⊙ B (' C)))"],
  // trailing punctuation of the sentence
  ['A B,', '(* A B)'], ['A B.', '(* A B)'],
];

describe('LaTeX constructs read as mcalc trees', () => {
  for (const [latex, want] of READS) test(latex, () => assert.equal(tree(latex), want));
});

test('a LaTeX name is the document\'s spelling of it when one is known', () => {
  assert.equal(tree('W_{1} x + \\lambda s_2', ['W₁', 'lambda', 's2']), '(+ (* W₁ x) (* lambda s2))');
  assert.equal(tree('\\epsilon + \\phi', ['ε', 'φ']), '(+ ε φ)');
  assert.equal(tree('I_{n_{1}}', ['n₁']), '(I n₁)');
  // \sigma( is the sigmoid, unless σ is a symbol of the document.
  assert.equal(tree('\\sigma\\left(W x\\right)'), '(sigmoid (* W x))');
  assert.equal(tree('\\sigma\\left(W x\\right)', ['σ']), '(* σ (* W x))');
});

/** Formulas that are not mcalc at all: the reader says null, so nothing about them is ever reported. */
const NOT_MCALC: readonly string[] = [
  '\\sum_i x_i^2', '\\int_0^1 f(x)\\,dx', '|x|', '\\lvert x \\rvert', 'e^{i\\pi}', 'x^*', 'A^H', '\\mathcal{L}', '\\hat{x}',
  '\\frac{\\partial}{\\partial X} \\mathrm{Tr}(A X B)', '\\frac{\\partial \\log\\det X}{\\partial X}', '\\nabla_X f', '\\sqrt[3]{x}',
  '\\|x\\|_2', 'x_{i+1}', '\\{1, 2\\}', 'a < b', 'n!', '\\mathbb{N}', '\\begin{pmatrix} a \\end{pmatrix}', '\\operatorname*{arg\\,min}',
  '\\operatorname{vec}^{-1}_{m}\\left(v\\right)', '50\\%', 'X^T \\mathbf{1}', 'x^\\prime',
  // Words every JavaScript object inherits are no commands, functions or names.
  '\\constructor', '\\toString x', '\\mathrm{toString}(A)', '\\mathrm{hasOwnProperty}(A)', 'A^{\\constructor}',
];

describe('ordinary math is not mcalc', () => {
  for (const latex of NOT_MCALC) test(latex, () => assert.equal(lexLatex(latex), null));
});

describe('statements and their separators', () => {
  const cases: ReadonlyArray<readonly [string, string | null]> = [
    ['A \\in \\mathbb{R}^{m \\times n}', '(decl (A) (m × n))'],
    ['x \\in \\mathbb{R}^n', '(decl (x) (vector n))'],
    ['x \\in \\R^{n}', '(decl (x) (vector n))'],
    ['\\lambda \\in \\mathbb{R}', '(decl (λ) scalar)'],
    ['H \\in \\mathbb{R}^{qn \\times k}', '(decl (H) ((* q n) × k))'],
    ['A, B \\in \\mathbb{R}^{n\\times n}', '(decl (A B) (n × n))'],
    ['A \\in \\mathbb{R}^{m\\times n}, x \\in \\mathbb{R}^n', '(decl (A) (m × n)) (decl (x) (vector n))'],
    ['A \\in \\mathbb{R}^{n \\times n} \\quad \\text{symmetric}', '(decl (A) (n × n) symmetric)'],
    ['A \\in \\mathbb{R}^{n \\times n}, \\text{symmetric, spd}', '(decl (A) (n × n) symmetric spd)'],
    ['S=(B\\bigotimes A)H', '(def S (* (⊗ B A) H))'],
    ['f = \\operatorname{tr}(S^T L S), \\quad \\text{where } S = (B \\otimes A) H', "(def f (tr (* (* (' S) L) S))) (def S (* (⊗ B A) H))"],
    ['S = A B \\\\ f = \\mathrm{Tr}(S)', '(def S (* A B)) (def f (tr S))'],
    ['\\begin{aligned} S &= A B \\\\ f &= \\mathrm{Tr}(S) \\end{aligned}', '(def S (* A B)) (def f (tr S))'],
    ['S = A B; \\; f = \\mathrm{Tr}(S)', '(def S (* A B)) (def f (tr S))'],
    ['\\frac{\\partial f}{\\partial A} = 2 A', '(claim f A (* 2 A))'],
    ['\\frac{\\partial f}{\\partial \\mathbf{x}} = \\mathbf{A}^{\\top} \\mathbf{x},', "(claim f x (* (' A) x))"],
    ['f = \\mathrm{Tr}(A), g = \\det(A)', '(def f (tr A)) (def g (det A))'],
    ['f(x) = x^T x', null],
    ['df = (L + L^T) S : dS', null],
    ['A : B = \\mathrm{Tr}(A^T B)', null],
    ['x^2 + y^2 = 1', null],
  ];
  for (const [latex, want] of cases) test(latex, () => assert.equal(statements(latex), want));
});

test('spans are the LaTeX\'s own: a name, a styled name, a command, a script', () => {
  const text = 'S=(B\\bigotimes \\mathbf{A})H^{\\top}';
  const at = (kind: string, tokenText: string): string => {
    const t = lexLatex(text)!.find((x) => x.kind === kind && x.text === tokenText)!;
    return text.slice(t.span.start, t.span.end);
  };
  assert.equal(at('kron', 'bigotimes'), '\\bigotimes');
  assert.equal(at('name', 'A'), '\\mathbf{A}');
  assert.equal(at('transpose', 'ᵀ'), '^{\\top}');
  const p = parseTokens(lexLatex(text)!);
  const s = p.statements[0]!;
  assert.equal(s.kind, 'definition');
  if (s.kind === 'definition') assert.equal(text.slice(s.value.start, s.value.end), '(B\\bigotimes \\mathbf{A})H^{\\top}');
});

test('offsets are those of the whole text: lexLatex reads a range of it', () => {
  const text = 'Let $W_1 \\in \\mathbb{R}^{m \\times n}$.';
  const tokens = lexLatex(text, 5, text.length - 2)!;
  assert.deepEqual(tokens.map((t) => text.slice(t.span.start, t.span.end)), ['W_1', '\\in', '\\mathbb{R}', '^', '{', 'm', '\\times', 'n', '}', '']);
});

test('inherited words in math are ordinary words: a note with them is analysed, silently', () => {
  const text = 'Let $A \\in \\mathbb{R}^{n \\times n}$. $B = \\mathrm{toString}(A)$, $C = \\mathbf{constructor} A$, $x_{constructor} = A$, $D = \\text{valueOf}(A)$.\n';
  assert.deepEqual(analyze(text, 'markdown').diagnostics, []);
});

test('the reader never throws, whatever the input', () => {
  const samples = ['\\', '{', '}', '^', '_', '\\frac', '\\frac{a}', '\\mathbf', '\\left', 'x^', 'x_', '\\sqrt', '\\text{', '$', '\\begin{'];
  for (const s of samples) assert.doesNotThrow(() => lexLatex(s), s);
  // Nesting deeper than any real formula is not read, rather than exhausting the stack.
  assert.equal(lexLatex(`${'\\frac{'.repeat(5000)}x${'}{y}'.repeat(5000)}`), null);
  assert.equal(lexLatex(`${'\\sqrt{'.repeat(5000)}x${'}'.repeat(5000)}`), null);
  assert.ok(lexLatex(`${'\\sqrt{'.repeat(50)}x${'}'.repeat(50)}`));
  const chars = ['\\', '{', '}', '^', '_', 'A', 'x', '1', ' ', '(', ')', ',', '=', '\\frac', '\\mathbf', '\\in', '\\left', '|'];
  let seed = 7;
  for (let k = 0; k < 3000; k++) {
    let s = '';
    for (let j = 0; j < 12; j++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      s += chars[seed % chars.length];
    }
    assert.doesNotThrow(() => lexLatex(s), s);
  }
});
