// The mcalc TextMate grammar (syntaxes/mcalc.tmLanguage.json, source.mcalc): the scopes of representative lines, and
// agreement with the lexer and the core over every fixture; and the manifest entries that point at the editor's files.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { analyze } from '../../server/src/core';
import { FUNCTIONS, PROPERTIES } from '../../server/src/core/syntax/functions';
import { lex } from '../../server/src/core/syntax/lexer';
import { INJECTION_GRAMMAR, innermost, loadGrammar, MCALC_GRAMMAR, ownScopes, tokenize } from '../helpers/textmate';

const mcalcFiles = (): string[] => [
  ...readdirSync('examples').filter((f) => f.endsWith('.mcalc')).map((f) => join('examples', f)),
  ...readdirSync('test/fixtures/diagnostics').filter((f) => f.endsWith('.mcalc')).map((f) => join('test/fixtures/diagnostics', f)),
].sort();

/** Representative lines and the innermost scope of each of their non-blank tokens. */
const LINES: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['A, B : m × n, symmetric   # two at once', [
    'A entity.name.variable.declaration.mcalc', ', punctuation.separator.comma.mcalc', 'B entity.name.variable.declaration.mcalc',
    ': keyword.operator.declaration.mcalc', 'm entity.name.type.size.mcalc', '× keyword.operator.times.mcalc', 'n entity.name.type.size.mcalc',
    ', punctuation.separator.comma.mcalc', 'symmetric storage.modifier.property.mcalc',
    '# punctuation.definition.comment.mcalc', 'two at once comment.line.number-sign.mcalc',
  ]],
  ['H ∈ ℝ^{(q·n) × k}', [
    'H entity.name.variable.declaration.mcalc', '∈ keyword.operator.declaration.mcalc', 'ℝ storage.type.real.mcalc',
    '^ keyword.operator.superscript.mcalc', '{ punctuation.section.braces.begin.mcalc', '( punctuation.section.parens.begin.mcalc',
    'q entity.name.type.size.mcalc', '· keyword.operator.arithmetic.product.mcalc', 'n entity.name.type.size.mcalc',
    ') punctuation.section.parens.end.mcalc', '× keyword.operator.times.mcalc', 'k entity.name.type.size.mcalc',
    '} punctuation.section.braces.end.mcalc',
  ]],
  ['W_1 : R^(m x n), invertible', [
    'W_1 entity.name.variable.declaration.mcalc', ': keyword.operator.declaration.mcalc', 'R storage.type.real.mcalc',
    '^ keyword.operator.superscript.mcalc', '( punctuation.section.parens.begin.mcalc', 'm entity.name.type.size.mcalc',
    'x keyword.operator.times.mcalc', 'n entity.name.type.size.mcalc', ') punctuation.section.parens.end.mcalc',
    ', punctuation.separator.comma.mcalc', 'invertible storage.modifier.property.mcalc',
  ]],
  ['x₁ : vector 2n, positive', [
    'x₁ entity.name.variable.declaration.mcalc', ': keyword.operator.declaration.mcalc', 'vector storage.type.vector.mcalc',
    '2 constant.numeric.mcalc', 'n entity.name.type.size.mcalc', ', punctuation.separator.comma.mcalc', 'positive storage.modifier.property.mcalc',
  ]],
  ['σ : scalar', ['σ entity.name.variable.declaration.mcalc', ': keyword.operator.declaration.mcalc', 'scalar storage.type.scalar.mcalc']],
  ['C : 2x3', ['C entity.name.variable.declaration.mcalc', ': keyword.operator.declaration.mcalc', '2 constant.numeric.mcalc',
    'x keyword.operator.times.mcalc', '3 constant.numeric.mcalc']],
  ['Z : n² by n', ['Z entity.name.variable.declaration.mcalc', ': keyword.operator.declaration.mcalc', 'n entity.name.type.size.mcalc',
    '² keyword.operator.power.mcalc', 'by keyword.operator.times.mcalc', 'n entity.name.type.size.mcalc']],
  ['M : n x n, spd, bogus', ['M entity.name.variable.declaration.mcalc', ': keyword.operator.declaration.mcalc', 'n entity.name.type.size.mcalc',
    'x keyword.operator.times.mcalc', 'n entity.name.type.size.mcalc', ', punctuation.separator.comma.mcalc', 'spd storage.modifier.property.mcalc',
    ', punctuation.separator.comma.mcalc', 'bogus invalid.illegal.unknown-property.mcalc']],
  ['S = kron(B, A) * H', [
    'S entity.name.variable.definition.mcalc', '= keyword.operator.assignment.mcalc', 'kron support.function.mcalc',
    '( punctuation.section.parens.begin.mcalc', 'B variable.other.mcalc', ', punctuation.separator.comma.mcalc', 'A variable.other.mcalc',
    ') punctuation.section.parens.end.mcalc', '* keyword.operator.arithmetic.product.mcalc', 'H variable.other.mcalc',
  ]],
  ["f = tr(S' L S) - logdet(Σ)", [
    'f entity.name.variable.definition.mcalc', '= keyword.operator.assignment.mcalc', 'tr support.function.mcalc',
    '( punctuation.section.parens.begin.mcalc', 'S variable.other.mcalc', "' keyword.operator.transpose.mcalc", 'L variable.other.mcalc',
    'S variable.other.mcalc', ') punctuation.section.parens.end.mcalc', '- keyword.operator.arithmetic.minus.mcalc',
    'logdet support.function.mcalc', '( punctuation.section.parens.begin.mcalc', 'Σ variable.other.mcalc', ') punctuation.section.parens.end.mcalc',
  ]],
  ['P = Aᵀ + A^T + A^{-1} + A^-T + A⁻¹ + A⁻ᵀ + A² + A^3 + A.^0.5', [
    'P entity.name.variable.definition.mcalc', '= keyword.operator.assignment.mcalc',
    'A variable.other.mcalc', 'ᵀ keyword.operator.transpose.mcalc', '+ keyword.operator.arithmetic.plus.mcalc',
    'A variable.other.mcalc', '^ keyword.operator.transpose.mcalc', 'T keyword.operator.transpose.mcalc', '+ keyword.operator.arithmetic.plus.mcalc',
    'A variable.other.mcalc', '^ keyword.operator.inverse.mcalc', '{ punctuation.section.braces.begin.mcalc', '- keyword.operator.inverse.mcalc', '1 keyword.operator.inverse.mcalc',
    '} punctuation.section.braces.end.mcalc', '+ keyword.operator.arithmetic.plus.mcalc',
    'A variable.other.mcalc', '^ keyword.operator.inverse-transpose.mcalc', '- keyword.operator.inverse-transpose.mcalc', 'T keyword.operator.inverse-transpose.mcalc', '+ keyword.operator.arithmetic.plus.mcalc',
    'A variable.other.mcalc', '⁻¹ keyword.operator.inverse.mcalc', '+ keyword.operator.arithmetic.plus.mcalc',
    'A variable.other.mcalc', '⁻ᵀ keyword.operator.inverse-transpose.mcalc', '+ keyword.operator.arithmetic.plus.mcalc',
    'A variable.other.mcalc', '² keyword.operator.power.mcalc', '+ keyword.operator.arithmetic.plus.mcalc',
    'A variable.other.mcalc', '^ keyword.operator.power.mcalc', '3 constant.numeric.mcalc', '+ keyword.operator.arithmetic.plus.mcalc',
    'A variable.other.mcalc', '.^ keyword.operator.power.elementwise.mcalc', '0.5 constant.numeric.mcalc',
  ]],
  ['E = A ⊙ B − A ∘ B + A .* B + A ./ B + A / 1.5e-3', [
    'E entity.name.variable.definition.mcalc', '= keyword.operator.assignment.mcalc',
    'A variable.other.mcalc', '⊙ keyword.operator.hadamard.mcalc', 'B variable.other.mcalc', '− keyword.operator.arithmetic.minus.mcalc',
    'A variable.other.mcalc', '∘ keyword.operator.hadamard.mcalc', 'B variable.other.mcalc', '+ keyword.operator.arithmetic.plus.mcalc',
    'A variable.other.mcalc', '.* keyword.operator.hadamard.mcalc', 'B variable.other.mcalc', '+ keyword.operator.arithmetic.plus.mcalc',
    'A variable.other.mcalc', './ keyword.operator.arithmetic.division.elementwise.mcalc', 'B variable.other.mcalc', '+ keyword.operator.arithmetic.plus.mcalc',
    'A variable.other.mcalc', '/ keyword.operator.arithmetic.division.mcalc', '1.5e-3 constant.numeric.mcalc',
  ]],
  ['h = ‖X‖_F^2 + ||Y|| + ⟨A, B⟩ + A : B', [
    'h entity.name.variable.definition.mcalc', '= keyword.operator.assignment.mcalc',
    '‖ keyword.operator.norm.mcalc', 'X variable.other.mcalc', '‖ keyword.operator.norm.mcalc', '_ keyword.operator.norm.mcalc',
    'F keyword.operator.norm.mcalc', '^ keyword.operator.power.mcalc', '2 constant.numeric.mcalc', '+ keyword.operator.arithmetic.plus.mcalc',
    '|| keyword.operator.norm.mcalc', 'Y variable.other.mcalc', '|| keyword.operator.norm.mcalc', '+ keyword.operator.arithmetic.plus.mcalc',
    '⟨ punctuation.section.angle.begin.mcalc', 'A variable.other.mcalc', ', punctuation.separator.comma.mcalc', 'B variable.other.mcalc',
    '⟩ punctuation.section.angle.end.mcalc', '+ keyword.operator.arithmetic.plus.mcalc',
    'A variable.other.mcalc', ': keyword.operator.frobenius.mcalc', 'B variable.other.mcalc',
  ]],
  ['G = I_n + I_3 + I(n) + eye(n) · I + tr₁(M, c) + tr_2(N, c) + Identity', [
    'G entity.name.variable.definition.mcalc', '= keyword.operator.assignment.mcalc',
    'I support.constant.identity.mcalc', '_ support.constant.identity.mcalc', 'n entity.name.type.size.mcalc', '+ keyword.operator.arithmetic.plus.mcalc',
    'I support.constant.identity.mcalc', '_ support.constant.identity.mcalc', '3 constant.numeric.integer.mcalc', '+ keyword.operator.arithmetic.plus.mcalc',
    'I support.constant.identity.mcalc', '( punctuation.section.parens.begin.mcalc', 'n variable.other.mcalc', ') punctuation.section.parens.end.mcalc',
    '+ keyword.operator.arithmetic.plus.mcalc', 'eye support.function.mcalc', '( punctuation.section.parens.begin.mcalc', 'n variable.other.mcalc',
    ') punctuation.section.parens.end.mcalc', '· keyword.operator.arithmetic.product.mcalc', 'I support.constant.identity.mcalc',
    '+ keyword.operator.arithmetic.plus.mcalc', 'tr₁ support.function.mcalc', '( punctuation.section.parens.begin.mcalc', 'M variable.other.mcalc',
    ', punctuation.separator.comma.mcalc', 'c variable.other.mcalc', ') punctuation.section.parens.end.mcalc', '+ keyword.operator.arithmetic.plus.mcalc',
    'tr_2 support.function.mcalc', '( punctuation.section.parens.begin.mcalc', 'N variable.other.mcalc', ', punctuation.separator.comma.mcalc',
    'c variable.other.mcalc', ') punctuation.section.parens.end.mcalc', '+ keyword.operator.arithmetic.plus.mcalc', 'Identity variable.other.mcalc',
  ]],
  ['u = vec(X) + unvec(v, m, n) + diag(x) + ones(n) + zeros(m, n) + exp(x) ⊗ sqrt(y)', [
    'u entity.name.variable.definition.mcalc', '= keyword.operator.assignment.mcalc',
    'vec support.function.mcalc', '( punctuation.section.parens.begin.mcalc', 'X variable.other.mcalc', ') punctuation.section.parens.end.mcalc',
    '+ keyword.operator.arithmetic.plus.mcalc', 'unvec support.function.mcalc', '( punctuation.section.parens.begin.mcalc', 'v variable.other.mcalc',
    ', punctuation.separator.comma.mcalc', 'm variable.other.mcalc', ', punctuation.separator.comma.mcalc', 'n variable.other.mcalc',
    ') punctuation.section.parens.end.mcalc', '+ keyword.operator.arithmetic.plus.mcalc', 'diag support.function.mcalc',
    '( punctuation.section.parens.begin.mcalc', 'x variable.other.mcalc', ') punctuation.section.parens.end.mcalc', '+ keyword.operator.arithmetic.plus.mcalc',
    'ones support.function.mcalc', '( punctuation.section.parens.begin.mcalc', 'n variable.other.mcalc', ') punctuation.section.parens.end.mcalc',
    '+ keyword.operator.arithmetic.plus.mcalc', 'zeros support.function.mcalc', '( punctuation.section.parens.begin.mcalc', 'm variable.other.mcalc',
    ', punctuation.separator.comma.mcalc', 'n variable.other.mcalc', ') punctuation.section.parens.end.mcalc', '+ keyword.operator.arithmetic.plus.mcalc',
    'exp support.function.mcalc', '( punctuation.section.parens.begin.mcalc', 'x variable.other.mcalc', ') punctuation.section.parens.end.mcalc',
    '⊗ keyword.operator.kronecker.mcalc', 'sqrt support.function.mcalc', '( punctuation.section.parens.begin.mcalc', 'y variable.other.mcalc',
    ') punctuation.section.parens.end.mcalc',
  ]],
  ['grad f wrt A, B  # both', [
    'grad keyword.other.grad.mcalc', 'f variable.other.mcalc', 'wrt keyword.other.wrt.mcalc', 'A variable.other.mcalc',
    ', punctuation.separator.comma.mcalc', 'B variable.other.mcalc', '# punctuation.definition.comment.mcalc', 'both comment.line.number-sign.mcalc',
  ]],
  ['∂f/∂A = tr₁((Bᵀ ⊗ I_m) G, q)', [
    '∂ keyword.operator.derivative.mcalc', 'f variable.other.mcalc', '/ keyword.operator.derivative.mcalc', '∂ keyword.operator.derivative.mcalc',
    'A variable.other.mcalc', '= keyword.operator.assignment.mcalc', 'tr₁ support.function.mcalc', '( punctuation.section.parens.begin.mcalc',
    '( punctuation.section.parens.begin.mcalc', 'B variable.other.mcalc', 'ᵀ keyword.operator.transpose.mcalc', '⊗ keyword.operator.kronecker.mcalc',
    'I support.constant.identity.mcalc', '_ support.constant.identity.mcalc', 'm entity.name.type.size.mcalc', ') punctuation.section.parens.end.mcalc',
    'G variable.other.mcalc', ', punctuation.separator.comma.mcalc', 'q variable.other.mcalc', ') punctuation.section.parens.end.mcalc',
  ]],
  ['d f / d X = G', [
    'd keyword.operator.derivative.mcalc', 'f variable.other.mcalc', '/ keyword.operator.derivative.mcalc', 'd keyword.operator.derivative.mcalc',
    'X variable.other.mcalc', '= keyword.operator.assignment.mcalc', 'G variable.other.mcalc',
  ]],
  ['df/dX = 2X', [
    'd keyword.operator.derivative.mcalc', 'f variable.other.mcalc', '/ keyword.operator.derivative.mcalc', 'd keyword.operator.derivative.mcalc',
    'X variable.other.mcalc', '= keyword.operator.assignment.mcalc', '2 constant.numeric.mcalc', 'X variable.other.mcalc',
  ]],
  ['n = 3', ['n entity.name.variable.definition.mcalc', '= keyword.operator.assignment.mcalc', '3 constant.numeric.mcalc']],
  ['B = A @ A^⊤', [
    'B entity.name.variable.definition.mcalc', '= keyword.operator.assignment.mcalc', 'A variable.other.mcalc',
    '@ invalid.illegal.character.mcalc', 'A variable.other.mcalc', '^ keyword.operator.transpose.mcalc', '⊤ keyword.operator.transpose.mcalc',
  ]],
];
describe('the mcalc grammar (source.mcalc)', () => {
  for (const [line, expected] of LINES) {
    test(line, async () => assert.deepEqual(innermost(tokenize(await loadGrammar('source.mcalc'), line)), expected));
  }

  test("every function of the core's table is a support.function, every property a storage.modifier", async () => {
    const grammar = await loadGrammar('source.mcalc');
    for (const name of FUNCTIONS.keys()) {
      const [token] = tokenize(grammar, `y = ${name}(x)`).filter((t) => t.text === name);
      assert.equal(token?.scopes.at(-1), name === 'I' ? 'support.constant.identity.mcalc' : 'support.function.mcalc', name);
    }
    for (const name of PROPERTIES) {
      const [token] = tokenize(grammar, `K : n × n, ${name}`).filter((t) => t.text === name);
      assert.equal(token?.scopes.at(-1), 'storage.modifier.property.mcalc', name);
    }
    assert.deepEqual(innermost(tokenize(grammar, 'y = trace + tr₃ + detA + Tr')).filter((t) => !t.includes('operator')), [
      'y entity.name.variable.definition.mcalc', 'trace variable.other.mcalc', 'tr₃ variable.other.mcalc', 'detA variable.other.mcalc',
      'Tr support.function.mcalc',
    ]);
  });

  test('the whitespace the lexer skips is not invalid; other spaces are', async () => {
    const tokens = tokenize(await loadGrammar('source.mcalc'), 'B = A\u00a0+\tA\u2003+ A');
    assert.deepEqual(tokens.filter((t) => t.scopes.some((s) => s.startsWith('invalid'))).map((t) => t.text), ['\u2003']);
  });

  test('a continuation line is read as an expression', async () => {
    const tokens = tokenize(await loadGrammar('source.mcalc'), 'f = tr(A) +\n    tr(B)');
    assert.deepEqual(innermost(tokens.filter((t) => t.line === 1)), [
      'tr support.function.mcalc', '( punctuation.section.parens.begin.mcalc', 'B variable.other.mcalc', ') punctuation.section.parens.end.mcalc',
    ]);
  });

  test('the examples and the clean fixtures: every token is scoped, none is invalid', async () => {
    const grammar = await loadGrammar('source.mcalc');
    const files = mcalcFiles().filter((f) => f.startsWith('examples') || f.includes('/clean-'));
    assert.ok(files.length >= 20, `${files.length} files`);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const unscoped = tokenize(grammar, text)
        .filter((t) => t.text.trim() !== '' && (ownScopes(t).length === 0 || t.scopes.some((s) => s.startsWith('invalid'))))
        .map((t) => `${file}:${t.line + 1} «${t.text}» ${t.scopes.join(' ')}`);
      assert.deepEqual(unscoped, []);
    }
  });

  test('every fixture: each lexer token starts and ends on a grammar token boundary', async () => {
    const grammar = await loadGrammar('source.mcalc');
    for (const file of mcalcFiles()) {
      const text = readFileSync(file, 'utf8');
      const boundaries = new Set(tokenize(grammar, text).flatMap((t) => [t.start, t.end]));
      const split = lex(text)
        .filter((t) => t.kind !== 'newline' && t.kind !== 'eof')
        .filter((t) => !boundaries.has(t.span.start) || !boundaries.has(t.span.end))
        .map((t) => `${file}: ${t.kind} «${t.text}» at ${t.span.start}`);
      assert.deepEqual(split, []);
    }
  });

  test('every fixture: the invalid characters are exactly the characters the lexer does not know', async () => {
    const grammar = await loadGrammar('source.mcalc');
    let unknowns = 0;
    for (const file of mcalcFiles()) {
      const text = readFileSync(file, 'utf8');
      const invalid = tokenize(grammar, text).filter((t) => t.scopes.includes('invalid.illegal.character.mcalc')).map((t) => t.start);
      // The `_` of ‖X‖_F is an unknown token that the parser accepts as the norm's subscript.
      const unknown = lex(text).filter((t) => t.kind === 'unknown' && !(t.text === '_' && /[‖|]$/.test(text.slice(0, t.span.start))))
        .map((t) => t.span.start);
      assert.deepEqual(invalid, unknown, file);
      unknowns += unknown.length;
    }
    assert.ok(unknowns >= 5, 'the fixtures hold unknown characters');
  });

  test('every fixture: an unknown property is marked invalid exactly where the core reports E004', async () => {
    const grammar = await loadGrammar('source.mcalc');
    let reported = 0;
    for (const file of mcalcFiles()) {
      const text = readFileSync(file, 'utf8');
      const marked = tokenize(grammar, text).filter((t) => t.scopes.includes('invalid.illegal.unknown-property.mcalc')).map((t) => [t.start, t.end]);
      const e004 = analyze(text, 'mcalc').diagnostics.filter((d) => d.code === 'E004').map((d) => [d.span.start, d.span.end]);
      assert.deepEqual(marked, e004, file);
      reported += e004.length;
    }
    assert.ok(reported >= 2, 'the fixtures hold unknown properties');
  });
});

test('package.json contributes these files under these scope names', () => {
  const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as {
    contributes: {
      languages: { id: string; configuration?: string }[];
      grammars: { language?: string; scopeName: string; path: string; injectTo?: string[]; embeddedLanguages?: Record<string, string> }[];
      snippets: { language: string; path: string }[];
    };
  };
  const { languages, grammars, snippets } = manifest.contributes;
  const scopeOf = (path: string): unknown => (JSON.parse(readFileSync(path, 'utf8')) as { scopeName: unknown }).scopeName;
  assert.equal(languages.find((l) => l.id === 'mcalc')?.configuration, './language-configuration.json');
  const main = grammars.find((g) => g.language === 'mcalc');
  assert.deepEqual([main?.scopeName, main?.path], ['source.mcalc', `./${MCALC_GRAMMAR}`]);
  assert.equal(scopeOf(MCALC_GRAMMAR), 'source.mcalc');
  const injection = grammars.find((g) => g.injectTo);
  assert.deepEqual([injection?.scopeName, injection?.path, injection?.injectTo], ['markdown.mcalc.codeblock', `./${INJECTION_GRAMMAR}`, ['text.html.markdown']]);
  assert.deepEqual(injection?.embeddedLanguages, { 'meta.embedded.block.mcalc': 'mcalc' });
  assert.equal(scopeOf(INJECTION_GRAMMAR), 'markdown.mcalc.codeblock');
  assert.deepEqual(snippets, [{ language: 'mcalc', path: './snippets/mcalc.code-snippets' }]);
});
