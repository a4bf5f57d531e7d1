// The printers: mcalc source round-trips through the parser (Unicode and ASCII), and every LaTeX output renders in KaTeX.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import katex from 'katex';
import {
  analyze, latexName, mulberry32, parse, parseExpression, printLatex, printMcalc, printStatement, printStatementLatex, type Expr, type Statement,
} from '../../server/src/core';

/** Every operator and function in every spelling, and the precedence cases where parentheses matter. */
const EXPRESSIONS: readonly string[] = [
  // products and juxtaposition
  'A B', 'A * B', 'A · B', 'A ⋅ B', '2A', '2 A', '2 3', '2 * 3', '(A)(B)', 'A(B)', 'A B C', '(A B) C', 'A (B C)',
  'x\' A x', "A'B'", '2A⁻¹', '2 (A + B)', '(A + B)(A - B)', 'A 2', 'X^2 3', 'X.^2 3', 'A (-B)', 'A * -B',
  // Kronecker
  'kron(A, B)', 'A ⊗ B', 'A ⊗ B ⊗ C', 'A ⊗ (B ⊗ C)', 'A ⊗ (B C)', '(A B) ⊗ C', 'kron(A B, C)', 'A ⊗ B + C',
  '(B ⊗ A) H', 'kron(B, A) * H', '-A ⊗ B',
  // Hadamard, entry-wise division, division by a scalar
  'A .* B', 'A ∘ B', 'A ⊙ B', 'A ./ B', 'A ⊙ B C', 'A B ⊙ C', 'A ⊙ (B C)', '(A ⊙ B) ./ C', 'A ./ (B ⊙ C)',
  'a / b', 'A / 2', 'A / 2 / 3', 'A / (2 / 3)', 'A / s B', 'A / (s t)', 'exp(x) ./ sum(exp(x))', '1 / 2 A',
  // sums
  'A + B', 'A - B', 'A − B', 'A - B - C', 'A - (B - C)', 'A - (B + C)', 'A - B + C', 'A + (B + C)', 'A - (-B)',
  'A + -B C', '-A - B',
  // Frobenius
  'A : B', '⟨A, B⟩', 'A : B : C', 'A : (B : C)', '⟨A, B⟩ C', '⟨A : B, C⟩', 'A + B : C - D', 'A ⊗ B : C ⊗ D',
  '(A : B) + C',
  // transpose, inverse, inverse transpose
  "A'", 'Aᵀ', 'A′', 'A^T', 'A^{T}', 'Aᵀᵀ', 'A^{-1}', 'A^-1', 'A^(-1)', 'inv(A)', 'A⁻¹', 'X⁻ᵀ', 'A^-T', 'A^{-T}',
  '(A⁻¹)ᵀ', '(Aᵀ)⁻¹', "A'^-1", 'A⁻¹ᵀ', '(A B)ᵀ', '(A + B)⁻¹', 'inv(A + B)', '(A + B)^-T', 'inv(A)⁻¹', '(-A)ᵀ',
  '-Aᵀ', "-A'", '(A ⊗ B)ᵀ', '2ᵀ', '(2 A)⁻¹',
  // powers
  'X^2', 'X²', 'X^{3}', 'X¹⁰', 'A^-2', '(X²)³', '(X^2)^3', 'X⁻¹²', '(X²)⁻¹', '-A²', '(-A)²', 'x.^2', 'A.^0.5',
  'A.^-1', '(x.^2).^3', '(A + B).^2', '2^3', '2.5²', 'X^0.5', 'norm(X)^2', '‖X‖²',
  // norms
  '‖A‖', '||A||', '‖X‖_F', 'norm(X)', '‖A B‖', '‖A‖ ‖B‖', 'norm(A ‖B‖)', 'norm(‖A‖ B)', '‖x - y‖',
  // identity and constants
  'I', 'I_n', 'I_3', 'I(n)', 'I(p*m)', 'I(p·m)', 'eye(3)', 'eye(n + 1)', 'I (A + B)', 'I(n²)', 'ones(n)',
  'ones(m, n)', 'zeros(m, n)', 'zeros(2 n, m n)', 'ones(n)ᵀ x', 'I_n ⊗ A', '0', 'I_n₁',
  // functions
  'tr(X)', 'Tr(X)', 'det(X)', 'logdet(X)', 'vec(X)', 'diag(x)', 'sum(X)', 'exp(X)', 'log(X)', 'sin(X)', 'cos(X)',
  'tanh(X)', 'sigmoid(X)', 'sqrt(X)', 'tr(Sᵀ L S)', 'tr(A) B', 'exp(x)ᵀ', 'log(det(X))', 'vec(A X B)',
  'tr₁(M, c)', 'tr_2(M, c)', 'tr₁(A ⊗ B, p·m)',
  // prefix minus, numbers, names
  '-A', '−A', '+A', '--A', '-(-A)', '-A B', '-(A B)', '- A : B', '-2', '1.5e-3', '2.5', '1e21', '0.1 A',
  'Σ⁻¹ μ', 'W₁ W_2', 'α x', 'lambda I', 'x_i y', 's2 x',
  // longer formulas
  'logdet(K + s2 I) + yᵀ (K + s2 I)⁻¹ y', 'norm(A x - b)^2 + lam * x\' * x', "r' * W * r", '(L + Lᵀ) S Hᵀ',
  'Σ⁻¹ (x - μ) (x - μ)ᵀ Σ⁻¹', 'sigmoid(W₂ tanh(W₁ x))', 'sum(log(ones(n) + exp(-y ⊙ (X w))))',
  '-Σ⁻¹ + Σ⁻¹ (x - μ)(x - μ)ᵀ Σ⁻¹', 'exp(x) ./ (ones(n)ᵀ exp(x))', '2 (A X B - C) Bᵀ',
];

/** Statements beyond the examples: every declaration spelling and every statement form. */
const STATEMENTS: readonly string[] = [
  'A : m × n', 'A : m x n', 'A : m by n', 'A : ℝ^{m×n}', 'A ∈ ℝ^{m×n}', 'x : ℝ^n', 'x : vector n',
  'x : vector (q n)', 's : scalar', 'A : 2x3', 'A : (q·n) × k', 'A : (q*n) x k', 'A : 2n x (m + n)',
  'A : n² x n^2', 'A : (m - n) × (m - (n + p))', 'A : (q n)² x 2', 'A, B : m x n',
  'A, B, C : n x n, symmetric, spd', 'x : vector n, positive', 'S = A B', 'n = 3', 'm = n', 'grad f wrt A',
  'grad f wrt A, B', '∂f/∂X = 2X', 'd f / d X = 2*X', 'df/dX = 2 X', 'f = A : B', '∂f/∂X = -A⁻ᵀ',
];

/** A tree without positions or spellings: spans (and the places of Idents), operator spans, name spans and the `implicit` flag dropped. */
const POSITIONS = new Set(['span', 'start', 'end', 'opStart', 'opEnd', 'nameSpan', 'implicit']);

function strip(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strip);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (!POSITIONS.has(k)) out[k] = strip(v);
  }
  return out;
}

function parseClean(text: string): Expr {
  const { expr, diagnostics } = parseExpression(text);
  assert.deepEqual(diagnostics.filter((d) => d.severity === 'error').map((d) => d.message), [], `parsing ${text}`);
  return expr;
}

/** Prints, parses the output (which must draw no diagnostic at all, not even the ⊗ hint) and compares. */
function roundTrip(e: Expr, ascii: boolean): string {
  const printed = printMcalc(e, { ascii });
  const back = parseExpression(printed);
  assert.deepEqual(back.diagnostics.map((d) => `${d.code} ${d.message}`), [], `re-parsing ${printed}`);
  assert.deepEqual(strip(back.expr), strip(e), `${printed} parses to another tree`);
  assert.equal(printMcalc(back.expr, { ascii }), printed, 'printing is idempotent');
  return printed;
}

function statementRoundTrip(s: Statement, ascii: boolean): string {
  const printed = printStatement(s, { ascii });
  const back = parse(printed);
  assert.deepEqual(back.diagnostics.map((d) => `${d.code} ${d.message}`), [], `re-parsing ${printed}`);
  assert.equal(back.statements.length, 1, printed);
  assert.deepEqual(strip(back.statements[0]), strip(s), `${printed} parses to another statement`);
  return printed;
}

function renders(tex: string): void {
  // strict: 'error' also fails on what KaTeX would only warn about (Unicode text in math mode).
  assert.doesNotThrow(() => katex.renderToString(tex, { throwOnError: true, strict: 'error' }), tex);
}

/** Every statement of the examples: the .mcalc files and the mcalc blocks of the Markdown notes. */
function exampleStatements(): Array<[string, Statement]> {
  const out: Array<[string, Statement]> = [];
  for (const file of readdirSync('examples').sort()) {
    const language = file.endsWith('.md') ? 'markdown' : file.endsWith('.mcalc') ? 'mcalc' : undefined;
    if (!language) continue;
    const text = readFileSync(join('examples', file), 'utf8');
    for (const s of analyze(text, language).statements) out.push([`${file}: ${text.slice(s.start, s.end)}`, s]);
  }
  return out;
}

test('the lists are long enough', () => {
  assert.ok(EXPRESSIONS.length >= 80, `${EXPRESSIONS.length} expressions`);
  assert.ok(exampleStatements().length >= 20, `${exampleStatements().length} example statements`);
});

describe('printMcalc round-trips (Unicode)', () => {
  for (const text of EXPRESSIONS) test(text, () => void roundTrip(parseClean(text), false));
});

describe('printMcalc round-trips (ASCII)', () => {
  for (const text of EXPRESSIONS) {
    test(text, () => {
      const printed = roundTrip(parseClean(text), true);
      // Names keep their letters (W₁ and W_1 are different names); everything else is ASCII.
      assert.match(printed.replace(/[\p{L}\p{N}_]/gu, ''), /^[\x20-\x7e]*$/u, `${printed} is not ASCII`);
    });
  }
});

describe('printStatement round-trips', () => {
  const all: Array<[string, Statement]> = [
    ...exampleStatements(),
    ...STATEMENTS.map((t): [string, Statement] => {
      const { statements, diagnostics } = parse(t);
      assert.deepEqual(diagnostics, [], t);
      return [t, statements[0]!];
    }),
  ];
  for (const [label, s] of all) {
    test(label, () => {
      statementRoundTrip(s, false);
      statementRoundTrip(s, true);
    });
  }
});

describe('canonical mcalc spellings', () => {
  const cases: ReadonlyArray<readonly [string, string, string]> = [
    // [input, Unicode, ASCII]
    ['kron(B, A) * H', '(B ⊗ A) H', 'kron(B, A) * H'],
    ["tr(S' * L * S)", 'tr(Sᵀ L S)', "tr(S' * L * S)"],
    ['A ⊗ (B C)', 'A ⊗ (B C)', 'kron(A, B * C)'],
    ['A - (B - C)', 'A - (B - C)', 'A - (B - C)'],
    ['A (B C)', 'A (B C)', 'A * (B * C)'],
    ['(A B) C', 'A B C', 'A * B * C'],
    ['2 3', '2 · 3', '2 * 3'],
    ['A^{-1}', 'A⁻¹', 'A^-1'],
    ['inv(A + B)', '(A + B)⁻¹', 'inv(A + B)'],
    ['(A⁻¹)ᵀ', 'A⁻ᵀ', 'A^-T'],
    ['(Aᵀ)⁻¹', 'Aᵀ⁻¹', "A'^-1"],
    ['(-A)\'', '(-A)ᵀ', "(-A)'"],
    ['-A\'', '-Aᵀ', "-A'"],
    ['X^3', 'X³', 'X^3'],
    ['(X^2)^3', 'X²^3', 'X^2^3'],
    ['x.^2', 'x.^2', 'x.^2'],
    ['A .* B', 'A ⊙ B', 'A .* B'],
    ['||A||', '‖A‖', 'norm(A)'],
    ['norm(A ‖B‖)', 'norm(A ‖B‖)', 'norm(A * norm(B))'],
    ['⟨A, B⟩ C', '⟨A, B⟩ C', '(A : B) * C'],
    ['eye(n)', 'I_n', 'I_n'],
    ['I(p*m)', 'I(p·m)', 'I(p*m)'],
    ['ones(n)', 'ones(n)', 'ones(n)'],
    ['--A', '-(-A)', '-(-A)'],
    ['tr₁(M, c)', 'tr₁(M, c)', 'tr_1(M, c)'],
  ];
  for (const [input, unicode, ascii] of cases) {
    test(input, () => {
      const e = parseClean(input);
      assert.equal(printMcalc(e), unicode);
      assert.equal(printMcalc(e, { ascii: true }), ascii);
    });
  }

  test('statements', () => {
    const text = 'A, B : m × n, symmetric\nH : (q·n) × k\nx : ℝ^n\nS = (B ⊗ A) H\ngrad f wrt A, B\n∂f/∂X = 2X';
    const printed = parse(text).statements.map((s) => printStatement(s));
    assert.deepEqual(printed, ['A, B : m × n, symmetric', 'H : (q·n) × k', 'x : vector n', 'S = (B ⊗ A) H', 'grad f wrt A, B', '∂f/∂X = 2 X']);
    const ascii = parse(text).statements.map((s) => printStatement(s, { ascii: true }));
    assert.deepEqual(ascii, ['A, B : m x n, symmetric', 'H : (q*n) x k', 'x : vector n', 'S = kron(B, A) * H', 'grad f wrt A, B', 'd f / d X = 2 * X']);
  });
});

describe('printLatex renders in KaTeX', () => {
  for (const text of EXPRESSIONS) test(text, () => renders(printLatex(parseClean(text))));
});

describe('printStatementLatex renders in KaTeX', () => {
  const all = [...exampleStatements(), ...STATEMENTS.map((t): [string, Statement] => [t, parse(t).statements[0]!])];
  for (const [label, s] of all) test(label, () => renders(printStatementLatex(s)));
});

describe('LaTeX of typical expressions', () => {
  const cases: ReadonlyArray<readonly [string, string]> = [
    ['tr(Sᵀ L S)', '\\operatorname{tr}\\left(S^{\\top} L S\\right)'],
    ['(B ⊗ A) H', '\\left(B \\otimes A\\right) H'],
    ['A ⊗ (B C)', 'A \\otimes \\left(B C\\right)'],
    ['logdet(K + s2 I) + yᵀ (K + s2 I)⁻¹ y', '\\log\\det\\left(K + s_{2} I\\right) + y^{\\top} \\left(K + s_{2} I\\right)^{-1} y'],
    ['norm(r)^2 + lam * x\' * x', '\\left\\lVert r \\right\\rVert_{F}^{2} + \\mathrm{lam} x^{\\top} x'],
    ['(A⁻¹)ᵀ', 'A^{-\\top}'],
    ['(Aᵀ)⁻¹', 'A^{-\\top}'],
    ['A^-2', 'A^{-2}'],
    ['x.^2', 'x^{\\circ 2}'],
    ['sqrt(X)', 'X^{\\circ 1/2}'],
    ['A ⊙ B ./ C', '\\left(A \\odot B\\right) \\oslash C'],
    ['A : B', '\\left\\langle A, B \\right\\rangle'],
    ['exp(x) ./ sum(exp(x))', '\\exp\\left(x\\right) \\oslash \\operatorname{sum}\\left(\\exp\\left(x\\right)\\right)'],
    ['a / b', '\\frac{a}{b}'],
    ['1 / 2 A', '\\frac{1}{2} A'],
    ['2 3', '2 \\cdot 3'],
    ['A - (B - C)', 'A - \\left(B - C\\right)'],
    ['-A B', '-A B'],
    ['(-A)ᵀ', '\\left(-A\\right)^{\\top}'],
    ['I_n + I(p·m)', 'I_{n} + I_{p m}'],
    ['zeros(m, n) + ones(m, 1) ones(n)ᵀ', '\\mathbf{0}_{m \\times n} + \\mathbf{1}_{m \\times 1} \\mathbf{1}_{n}^{\\top}'],
    ['sigmoid(W₁ x)', '\\sigma\\left(W_{1} x\\right)'],
    ['Σ⁻¹ μ + alpha x_out', '\\Sigma^{-1} \\mu + \\alpha x_{\\mathrm{out}}'],
    ['1.5e-7 A', '1.5 \\cdot 10^{-7} A'],
  ];
  for (const [input, tex] of cases) {
    test(input, () => {
      assert.equal(printLatex(parseClean(input)), tex);
      renders(tex);
    });
  }

  test('statements', () => {
    const text = 'A, B : m × n, symmetric\nH : (q·n) × k\nx : ℝ^n\ns2 : scalar\nS = (B ⊗ A) H\ngrad f wrt A, B\n∂f/∂X = 2X';
    const printed = parse(text).statements.map(printStatementLatex);
    assert.deepEqual(printed, [
      'A, B \\in \\mathbb{R}^{m \\times n}\\quad \\text{symmetric}',
      'H \\in \\mathbb{R}^{q n \\times k}',
      'x \\in \\mathbb{R}^{n}',
      's_{2} \\in \\mathbb{R}',
      'S = \\left(B \\otimes A\\right) H',
      '\\frac{\\partial f}{\\partial A},\\ \\frac{\\partial f}{\\partial B}',
      '\\frac{\\partial f}{\\partial X} = 2 X',
    ]);
    for (const tex of printed) renders(tex);
  });
});

describe('LaTeX of names', () => {
  const cases: ReadonlyArray<readonly [string, string]> = [
    ['A', 'A'], ['x', 'x'], ['α', '\\alpha'], ['Σ', '\\Sigma'], ['ε', '\\varepsilon'], ['ℓ', '\\ell'],
    ['lambda', '\\lambda'], ['Sigma', '\\Sigma'], ['lam', '\\mathrm{lam}'], ['nll', '\\mathrm{nll}'],
    ['W1', 'W_{1}'], ['W₁', 'W_{1}'], ['W_1', 'W_{1}'], ['s2', 's_{2}'], ['σ2', '\\sigma_{2}'], ['W12', 'W_{12}'],
    ['lambda_1', '\\lambda_{1}'], ['W_out', 'W_{\\mathrm{out}}'], ['x_i', 'x_{i}'], ['a_b_c', 'a_{b_{c}}'],
    ['nll2', '\\mathrm{nll}_{2}'], ['x1y', '\\mathrm{x1y}'], ['σx', '{\\sigma x}'], ['ab_', '{a b \\_}'], ['é', '\\text{é}'],
  ];
  for (const [name, tex] of cases) {
    test(name, () => {
      assert.equal(latexName(name), tex);
      renders(`${tex}^{\\top} + ${tex}`);
    });
  }
});

describe('trees the parser never makes (derived results)', () => {
  const num = (value: number): Expr => ({ kind: 'number', value, start: 0, end: 0 });
  const X: Expr = { kind: 'name', name: 'X', start: 0, end: 0 };
  const cases: ReadonlyArray<readonly [Expr, string, string]> = [
    [{ kind: 'binary', op: 'matmul', left: num(-2), right: X, opStart: 0, opEnd: 0, start: 0, end: 0 }, '-2 X', '-2 X'],
    [{ kind: 'binary', op: 'matmul', left: X, right: num(-2), opStart: 0, opEnd: 0, start: 0, end: 0 }, 'X (-2)', 'X \\left(-2\\right)'],
    [{ kind: 'transpose', operand: num(-2), start: 0, end: 0 }, '(-2)ᵀ', '\\left(-2\\right)^{\\top}'],
    [{ kind: 'constant', fill: 0, rows: { kind: 'name', name: 'n', start: 0, end: 0 }, cols: null, start: 0, end: 0 }, 'zeros(n, 1)', '\\mathbf{0}_{n}'],
    [{ kind: 'error', start: 0, end: 0 }, '?', '?'],
  ];
  for (const [e, mcalc, tex] of cases) {
    test(mcalc, () => {
      assert.equal(printMcalc(e), mcalc);
      assert.equal(printLatex(e), tex);
      renders(tex);
    });
  }
});

/** A random tree of the kind the parser makes (no negative literals; a power's exponent ≥ 0). */
function randomTree(next: () => number, depth: number): Expr {
  const span = { start: 0, end: 0 };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const leaf = (): Expr => next() < 0.8
    ? { kind: 'name', name: pick(['A', 'B', 'x', 'α', 'W₁', 'lam', 'wrtx', 'wrt']), start: 0, end: 0 }
    : { kind: 'number', value: pick([0, 1, 2, 0.5, 1e-7, 1e21]), start: 0, end: 0 };
  if (depth === 0) return leaf();
  const sub = (): Expr => randomTree(next, depth - 1);
  const dimension = (): Expr => pick<Expr>([
    { kind: 'name', name: 'n', start: 0, end: 0 }, { kind: 'number', value: 3, start: 0, end: 0 },
    { kind: 'binary', op: 'matmul', left: { kind: 'name', name: 'p', start: 0, end: 0 }, right: { kind: 'name', name: 'm', start: 0, end: 0 }, opStart: 0, opEnd: 0, start: 0, end: 0 },
  ]);
  switch (Math.floor(next() * 12)) {
    case 0: return leaf();
    case 1: return { kind: 'neg', operand: sub(), start: 0, end: 0 };
    case 2: return { kind: 'transpose', operand: sub(), start: 0, end: 0 };
    case 3: return { kind: 'inverse', operand: sub(), start: 0, end: 0 };
    case 4: return { kind: 'power', operand: sub(), exponent: pick([0, 2, 3, 12, 0.5]), start: 0, end: 0 };
    case 5: return { kind: 'epower', operand: sub(), exponent: pick([2, -1, 0.5]), start: 0, end: 0 };
    case 6: return { kind: 'call', fn: pick(['tr', 'norm', 'exp', 'sqrt', 'sigmoid'] as const), arg: sub(), nameSpan: span, start: 0, end: 0 };
    case 7: return pick<Expr>([{ kind: 'identity', size: null, start: 0, end: 0 }, { kind: 'identity', size: dimension(), start: 0, end: 0 },
      { kind: 'constant', fill: 1, rows: dimension(), cols: null, start: 0, end: 0 }, { kind: 'constant', fill: 0, rows: dimension(), cols: dimension(), start: 0, end: 0 }]);
    case 8: return { kind: 'ptrace', which: pick([1, 2] as const), arg: sub(), block: dimension(), nameSpan: span, start: 0, end: 0 };
    default: {
      const op = pick(['matmul', 'matmul', 'kron', 'hadamard', 'ediv', 'div', 'add', 'sub', 'frobenius'] as const);
      return { kind: 'binary', op, left: sub(), right: sub(), opStart: 0, opEnd: 0, start: 0, end: 0 };
    }
  }
}

test('random trees round-trip and render (1000 trees, fixed seed)', () => {
  const next = mulberry32(20240611);
  for (let i = 0; i < 1000; i++) {
    const e = randomTree(next, 4);
    roundTrip(e, false);
    roundTrip(e, true);
    renders(printLatex(e));
  }
});
