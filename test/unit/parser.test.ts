// The parser: every spelling to its canonical tree, precedence, statements, spans, recovery, and no throw on garbage.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { analyze, parse, parseExpression, type Diagnostic, type Expr } from '../../server/src/core';
import { lex } from '../../server/src/core/syntax/lexer';
import { parseInPieces, parseTokens } from '../../server/src/core/syntax/parser';
import { loadSeeds, mutatedFixture } from '../fuzz/mutate';
import { mcalcText } from '../fuzz/text';
import { sexpr, statementSexpr } from '../helpers/sexpr';

/** Parses an expression that must parse cleanly, as an S-expression. */
function tree(text: string): string {
  const { expr, diagnostics } = parseExpression(text);
  assert.deepEqual(diagnostics.filter((d) => d.severity === 'error').map((d) => d.message), [], text);
  return sexpr(expr);
}

function statements(text: string): string {
  const { statements: ss, diagnostics } = parse(text);
  assert.deepEqual(diagnostics.map((d) => d.message), [], text);
  return ss.map(statementSexpr).join(' ');
}

const codes = (ds: readonly Diagnostic[]): string[] => ds.map((d) => d.code);
const spanText = (text: string, e: { start: number; end: number }): string => text.slice(e.start, e.end);

/** [input, canonical tree]: every spelling of LANGUAGE.md maps to one node kind. */
const SPELLINGS: ReadonlyArray<readonly [string, string]> = [
  // products: juxtaposition, *, ·, ⋅ (also glued to numbers and brackets)
  ['A B', '(* A B)'], ['A * B', '(* A B)'], ['A · B', '(* A B)'], ['A ⋅ B', '(* A B)'],
  ['2A', '(* 2 A)'], ['2 A', '(* 2 A)'], ['(A)(B)', '(* A B)'], ['A(B)', '(* A B)'],
  // Kronecker, Hadamard, division
  ['A ⊗ B', '(⊗ A B)'], ['kron(A, B)', '(⊗ A B)'],
  ['A ⊙ B', '(⊙ A B)'], ['A ∘ B', '(⊙ A B)'], ['A .* B', '(⊙ A B)'], ['A ./ B', '(./ A B)'], ['A / 2', '(/ A 2)'],
  // sums, with ASCII and Unicode minus
  ['A + B', '(+ A B)'], ['A - B', '(- A B)'], ['A − B', '(- A B)'],
  // Frobenius: A : B and ⟨A, B⟩
  ['A : B', '(: A B)'], ['⟨A, B⟩', '(: A B)'],
  // transpose: ᵀ ' ′ ^T ^{T}
  ['Aᵀ', "(' A)"], ["A'", "(' A)"], ['A′', "(' A)"], ['A^T', "(' A)"], ['A^{T}', "(' A)"], ['A^⊤', "(' A)"], ['A⊤', "(' A)"],
  // inverse: ⁻¹ ^-1 ^{-1} ^(-1) inv(…); inverse transpose ⁻ᵀ ^-T ^{-T}
  ['A⁻¹', '(inv A)'], ['A^-1', '(inv A)'], ['A^{-1}', '(inv A)'], ['A^(-1)', '(inv A)'], ['inv(A)', '(inv A)'],
  ['X⁻ᵀ', "(' (inv X))"], ['A^-T', "(' (inv A))"], ['A^{-T}', "(' (inv A))"],
  // powers: superscripts, ^k, ^{k}, negative powers, entry-wise .^k
  ['A²', '(^ A 2)'], ['A¹⁰', '(^ A 10)'], ['A^2', '(^ A 2)'], ['A^{3}', '(^ A 3)'], ['A^-2', '(^ (inv A) 2)'],
  ['A.^2', '(.^ A 2)'], ['A.^0.5', '(.^ A 0.5)'], ['A.^-1', '(.^ A -1)'],
  // norms: ‖X‖ ‖X‖_F ||X|| norm(X), and squared
  ['‖X‖', '(norm X)'], ['‖X‖_F', '(norm X)'], ['||X||', '(norm X)'], ['norm(X)', '(norm X)'],
  ['‖X‖²', '(^ (norm X) 2)'], ['norm(X)^2', '(^ (norm X) 2)'],
  // identity and constants
  ['I', 'I'], ['I_n', '(I n)'], ['I_3', '(I 3)'], ['I(n)', '(I n)'], ['eye(n)', '(I n)'],
  ['zeros(m, n)', '(zeros m n)'], ['ones(m, n)', '(ones m n)'], ['ones(n)', '(ones n)'], ['0', '0'],
  // functions
  ['tr(X)', '(tr X)'], ['Tr(X)', '(tr X)'], ['det(X)', '(det X)'], ['logdet(X)', '(logdet X)'], ['vec(X)', '(vec X)'],
  ['diag(x)', '(diag x)'], ['sum(X)', '(sum X)'], ['exp(X)', '(exp X)'], ['log(X)', '(log X)'], ['sin(X)', '(sin X)'],
  ['cos(X)', '(cos X)'], ['tanh(X)', '(tanh X)'], ['sigmoid(X)', '(sigmoid X)'], ['sqrt(X)', '(sqrt X)'],
  // prefix minus (ASCII and Unicode), prefix plus, numbers
  ['-A', '(neg A)'], ['−A', '(neg A)'], ['+A', 'A'], ['--A', '(neg (neg A))'], ['1.5e-3', '0.0015'], ['2.5', '2.5'],
  // names: Greek, subscript digits, underscores
  ['Σ⁻¹ μ', '(* (inv Σ) μ)'], ['W₁ W_2', '(* W₁ W_2)'],
];

/** [input, tree]: binding powers — postfix > prefix minus > product > ⊗ > sum > Frobenius; all left-associative. */
const PRECEDENCE: ReadonlyArray<readonly [string, string]> = [
  ['A B C', '(* (* A B) C)'],
  ['A ⊗ B C', '(⊗ A (* B C))'],
  ['A B ⊗ C', '(⊗ (* A B) C)'],
  ['A ⊗ B ⊗ C', '(⊗ (⊗ A B) C)'],
  ['A ⊗ B + C', '(+ (⊗ A B) C)'],
  ['A + B ⊗ C', '(+ A (⊗ B C))'],
  ['A : B + C', '(: A (+ B C))'],
  ['A + B : C - D', '(: (+ A B) (- C D))'],
  ['A ⊗ B : C ⊗ D', '(: (⊗ A B) (⊗ C D))'],
  ['A : B : C', '(: (: A B) C)'],
  ['A ⊙ B C', '(* (⊙ A B) C)'],
  ['A B ⊙ C', '(⊙ (* A B) C)'],
  ['A / s B', '(* (/ A s) B)'],
  ['A / 2 / 3', '(/ (/ A 2) 3)'],
  ['A - B - C', '(- (- A B) C)'],
  ['A - B + C', '(+ (- A B) C)'],
  ['-A B', '(* (neg A) B)'],
  ['-A ⊗ B', '(⊗ (neg A) B)'],
  ['- A : B', '(: (neg A) B)'],
  ['-Aᵀ', "(neg (' A))"],
  ['-A²', '(neg (^ A 2))'],
  ['A Bᵀ', "(* A (' B))"],
  ['(A B)ᵀ', "(' (* A B))"],
  ['A B⁻¹', '(* A (inv B))'],
  ["x' A x", "(* (* (' x) A) x)"],
  ["A'B'", "(* (' A) (' B))"],
  ['2A⁻¹', '(* 2 (inv A))'],
  ['Aᵀᵀ', "(' (' A))"],
  ["A'^-1", "(inv (' A))"],
  ['A⁻¹ᵀ', "(' (inv A))"],
  ['‖A‖ ‖B‖', '(* (norm A) (norm B))'],
  ['‖A B‖', '(norm (* A B))'],
  ['tr(A) B', '(* (tr A) B)'],
  ['⟨A, B⟩ C', '(* (: A B) C)'],
  ['2(A + B)', '(* 2 (+ A B))'],
  ['(A + B)(A - B)', '(* (+ A B) (- A B))'],
  ['exp(x)ᵀ', "(' (exp x))"],
  ['‖x‖²ᵀ', "(' (^ (norm x) 2))"],
];

/** [input, statements]: every statement form, shapes in every spelling. */
const STATEMENTS: ReadonlyArray<readonly [string, string]> = [
  ['A : m × n', '(decl (A) (m × n))'],
  ['A : m x n', '(decl (A) (m × n))'],
  ['A : m by n', '(decl (A) (m × n))'],
  ['A : ℝ^{m×n}', '(decl (A) (m × n))'],
  ['A : R^(m x n)', '(decl (A) (m × n))'],
  ['A : R^{m by n}', '(decl (A) (m × n))'],
  ['A ∈ ℝ^{m×n}', '(decl (A) (m × n))'],
  ['x : ℝ^n', '(decl (x) (vector n))'],
  ['x : R^n', '(decl (x) (vector n))'],
  ['x : ℝ^{n}', '(decl (x) (vector n))'],
  ['x : vector n', '(decl (x) (vector n))'],
  ['x : vector (q n)', '(decl (x) (vector (* q n)))'],
  ['s : scalar', '(decl (s) scalar)'],
  ['A : 2x3', '(decl (A) (2 × 3))'],
  ['A : 2 x 3', '(decl (A) (2 × 3))'],
  ['A : 10x20', '(decl (A) (10 × 20))'],
  ['A : 2×3', '(decl (A) (2 × 3))'],
  ['A : (q·n) × k', '(decl (A) ((* q n) × k))'],
  ['A : (q*n) x k', '(decl (A) ((* q n) × k))'],
  ['A : (q n) x k', '(decl (A) ((* q n) × k))'],
  ['A : 2n x (m + n)', '(decl (A) ((* 2 n) × (+ m n)))'],
  ['A : n² x n^2', '(decl (A) ((^ n 2) × (^ n 2)))'],
  ['A, B : m x n', '(decl (A B) (m × n))'],
  ['A, B, C : n x n, symmetric, spd', '(decl (A B C) (n × n) symmetric spd)'],
  ['S = A B', '(def S (* A B))'],
  ['S = A +\n  B', '(def S (+ A B))'],
  ['S = A ⊗\n  B', '(def S (⊗ A B))'],
  ['S =\n  A', '(def S A)'],
  ['S = (A\n  + B)', '(def S (+ A B))'],
  ['f = tr(\n  A\n)', '(def f (tr A))'],
  ['n = 3', '(def n 3)'],
  ['m = n', '(def m n)'],
  ['grad f wrt A', '(grad f A)'],
  ['grad f wrt A, B', '(grad f A B)'],
  ['∂f/∂X = 2X', '(claim f X (* 2 X))'],
  ['∂f / ∂X = 2X', '(claim f X (* 2 X))'],
  ['d f / d X = 2*X', '(claim f X (* 2 X))'],
  ['df/dX = 2 X', '(claim f X (* 2 X))'],
  ['∂f/∂X =\n  2X', '(claim f X (* 2 X))'],
  ['A : m x n # comment\n# a whole line\n\n   \nS = A', '(decl (A) (m × n)) (def S A)'],
  ['S = A # ⊗ B', '(def S A)'],
  ['S = A +\nT = B', '(def S (+ A <error>)) (def T B)'],
];

describe('every spelling parses to its canonical tree', () => {
  for (const [input, expected] of SPELLINGS) test(input, () => assert.equal(tree(input), expected));
});

describe('precedence and associativity', () => {
  for (const [input, expected] of PRECEDENCE) test(input, () => assert.equal(tree(input), expected));
});

describe('statements', () => {
  for (const [input, expected] of STATEMENTS) {
    test(JSON.stringify(input), () => {
      // The one case with a (deliberate) error compares the tree only.
      if (expected.includes('<error>')) assert.equal(parse(input).statements.map(statementSexpr).join(' '), expected);
      else assert.equal(statements(input), expected);
    });
  }
});

describe('spans', () => {
  test('a parenthesised operand spans its parentheses; juxtaposition is marked with the gap as its operator', () => {
    const text = '(B ⊗ A) H';
    const e = parseExpression(text).expr;
    assert.ok(e.kind === 'binary' && e.implicit);
    assert.equal(spanText(text, e.left), '(B ⊗ A)');
    assert.equal(spanText(text, e), text);
    assert.deepEqual([e.opStart, e.opEnd], [7, 8]);
    const star = parseExpression('A * B').expr;
    assert.ok(star.kind === 'binary' && !star.implicit);
  });

  test('postfix operators, I_n and calls cover their text', () => {
    const text = 'tr(Aᵀ⁻¹ I_n)';
    const e = parseExpression(text).expr;
    assert.ok(e.kind === 'call');
    assert.equal(text.slice(e.nameSpan.start, e.nameSpan.end), 'tr');
    const arg = e.arg;
    assert.ok(arg.kind === 'binary');
    assert.equal(spanText(text, arg.left), 'Aᵀ⁻¹');
    assert.ok(arg.right.kind === 'identity' && arg.right.size);
    assert.equal(spanText(text, arg.right.size), 'n');
  });

  test('statement spans: a declaration reaches its closing parenthesis; claim names are the bare names', () => {
    const text = 'L : (p·m) × (p·m)\ndf/dX = 2 X\n';
    const [decl, claim] = parse(text).statements;
    assert.equal(spanText(text, decl!), 'L : (p·m) × (p·m)');
    assert.ok(claim?.kind === 'claim');
    assert.equal(spanText(text, claim.of), 'f');
    assert.equal(spanText(text, claim.wrt), 'X');
    assert.equal(spanText(text, claim), 'df/dX = 2 X');
  });
});

describe('errors and recovery', () => {
  test('a bad exponent is one error, not a second one for the exponent read as a factor', () => {
    for (const text of ['A^x', 'A.^T', 'A^ B']) assert.deepEqual(codes(parseExpression(text).diagnostics), ['E006'], text);
  });

  test('an operand missing before a closing bracket leaves the bracket closed', () => {
    const d = parse('C = (A +) A').diagnostics;
    assert.deepEqual(d.map((x) => [x.code, x.message]), [['E001', "expected an expression, found ')'"]]);
  });

  test('a property after the shape without a comma is an error, and the property still counts', () => {
    const { statements: ss, diagnostics } = parse('D : n x n symmetric');
    assert.deepEqual(diagnostics.map((d) => d.message), ["expected ',' before the property symmetric"]);
    assert.equal(ss.map(statementSexpr).join(), '(decl (D) (n × n) symmetric)');
  });

  test('a dangling operator at the end of the text is reported at the very end (an empty range)', () => {
    for (const text of ['S = A +', 'S = A +\n', 'S =']) {
      const [d] = parse(text).diagnostics;
      assert.equal(d?.code, 'E001');
      assert.deepEqual(d.span, { start: text.length, end: text.length }, JSON.stringify(text));
    }
  });

  test('with CRLF, an error at the end of a line starts where the line text ends', () => {
    const text = 'S = A +\r\nT = B\r\n';
    const [d] = parse(text).diagnostics;
    assert.equal(d?.code, 'E001');
    assert.deepEqual(d.span, { start: 7, end: 9 });
    assert.equal(parse(text).statements.length, 2);
  });

  test('an open bracket or a dangling operator does not swallow a line that starts a statement', () => {
    const text = 'S = (A\nT = B\nU = C +\nV : m x n\ngrad f wrt A\n∂f/∂X = 0\nd f / d X = 0\n';
    const { statements: ss, diagnostics } = parse(text);
    assert.deepEqual(ss.map((s) => s.kind), ['definition', 'definition', 'definition', 'declaration', 'grad', 'claim', 'claim']);
    assert.deepEqual(codes(diagnostics), ['E002', 'E001']);
  });

  test('each bad line reports its own error and the good lines parse (a broken shape still declares its names)', () => {
    const text = 'A : m x\nB : n x n\nC = (A +\nD = A B\nE = A @ B\nF = tr(A)\n';
    const { statements: ss, diagnostics } = parse(text);
    assert.deepEqual(ss.map((s) => (s.kind === 'declaration' ? s.names[0]!.name : s.kind === 'definition' ? s.target.name : '')),
      ['A', 'B', 'C', 'D', 'E', 'F']);
    assert.deepEqual(codes(diagnostics), ['E003', 'E001', 'E002', 'E005']);
  });
});

/** A small deterministic PRNG (mulberry32), so a failure reproduces. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHABET = [
  'A', 'B', 'x', 'n', 'm', 'f', 'X', ' ', '  ', '\n', '\r\n', '(', ')', '{', '}', '⟨', '⟩', ',', '=', ':', '+', '-', '−',
  '*', '·', '⊗', '⊙', '∘', '.*', './', '/', "'", 'ᵀ', '⁻¹', '⁻ᵀ', '²', '^', 'T', '^-1', '.^', '‖', '||', '×', 'x', 'by',
  '∂', 'd', 'tr', 'kron', 'I', 'I_n', 'eye', 'zeros', 'ones', 'grad', 'wrt', '#', '2', '0', '3.5', 'ℝ^', 'R^', 'vector',
  'scalar', '_F', '$', '@', '~~~', '```mcalc\n', '```\n', '> ', 'tr₁', '∈', 'spd', '\u{1d400}',
];

test('parse and analyze never throw on garbage, and every span lies within the text (2,000 inputs)', () => {
  const random = prng(20240601);
  const within = (text: string, s: { start: number; end: number }): boolean => 0 <= s.start && s.start <= s.end && s.end <= text.length;
  const allExprs = (e: Expr): Expr[] => [e, ...(e.kind === 'binary' ? [...allExprs(e.left), ...allExprs(e.right)] : [])];
  for (let k = 0; k < 2000; k++) {
    let text = '';
    const length = 1 + Math.floor(random() * 40);
    for (let i = 0; i < length; i++) text += ALPHABET[Math.floor(random() * ALPHABET.length)];
    const parsed = parse(text);
    for (const d of parsed.diagnostics) assert.ok(within(text, d.span), `${JSON.stringify(text)}: ${d.code} ${JSON.stringify(d.span)}`);
    for (const s of parsed.statements) {
      assert.ok(within(text, s), JSON.stringify(text));
      if (s.kind === 'definition') for (const e of allExprs(s.value)) assert.ok(within(text, e), JSON.stringify(text));
    }
    assert.ok(within(text, parseExpression(text).expr));
    for (const language of ['mcalc', 'markdown'] as const) {
      for (const d of analyze(text, language).diagnostics) {
        assert.ok(within(text, d.span), `${language} ${JSON.stringify(text)}: ${d.code} ${JSON.stringify(d.span)}`);
        for (const r of d.related ?? []) assert.ok(within(text, r.span));
        for (const e of d.fixes?.flatMap((f) => f.edits) ?? []) assert.ok(within(text, e.span));
      }
    }
  }
});

describe('a long text parsed a piece at a time (parse() cuts where a line starts a statement)', () => {
  const whole = (text: string) => parseTokens(lex(text));
  const same = (text: string, piece: number): void => {
    assert.deepEqual(parseInPieces(text, 0, text.length, piece), whole(text), `pieces of ${piece}`);
  };

  test('every fixture and example, in pieces of every size from 1 to 64 characters', () => {
    // Markdown notes too, read as mcalc: their prose is garbage to the parser, which must come out the same.
    for (const seed of loadSeeds()) for (let piece = 1; piece <= 64; piece++) same(seed.text, piece);
  });

  test('random mcalc text and mutated fixtures, in small pieces', () => {
    const seeds = loadSeeds();
    fc.assert(fc.property(mcalcText, fc.integer({ min: 1, max: 40 }), (text, piece) => same(text, piece)), { numRuns: 3000, seed: 7 });
    fc.assert(fc.property(mutatedFixture(seeds), fc.integer({ min: 1, max: 40 }), (m, piece) => same(m.text, piece)), { numRuns: 2000, seed: 8 });
  });
});

test('a range of a text lexes as that range alone: nothing past its end is read', () => {
  // A window of a document (incremental/region-parse.ts) is parsed from its own slice or from the whole text alike.
  fc.assert(fc.property(fc.string({ unit: fc.constantFrom('1', '.', '5', 'e', 'x', ' ', '\n', '+', 'ᵀ', 'A'), maxLength: 16 }), fc.nat(16), (text, cut) => {
    const end = Math.min(cut, text.length);
    const whole = lex(text, 0, end).map((t) => [t.kind, t.text, t.span.start, t.span.end]);
    const alone = lex(text.slice(0, end)).map((t) => [t.kind, t.text, t.span.start, t.span.end]);
    assert.deepEqual(whole, alone);
  }), { numRuns: 2000, seed: 14 });
  assert.deepEqual(lex('x = 3.5', 0, 5).map((t) => t.text), ['x', '=', '3', '']);
});
