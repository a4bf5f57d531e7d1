// LaTeX math in Markdown: the fixtures of test/fixtures/latex (marks as in test/helpers/fixtures.ts), which math joins
// the scope, silence on ordinary math, one scope with the fences, and claims checked by the numbers.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { spawnSync } from 'node:child_process';
import { analyze, gradient, LineIndex, mulberry32, shapeToString, toRows, type Analysis } from '../../server/src/core';
import { finiteDifferenceGradient } from '../../server/src/core/numeric/fd';
import { chooseSizes, Random, randomPoint } from '../../server/src/core/numeric/random';
import { findMath } from '../../server/src/core/documents/math';
import { scanMarkdown } from '../../server/src/core/documents/markdown';
import { statementSexpr } from '../helpers/sexpr';
import { actualMarks, annotate, parseMarks, type Mark } from '../helpers/fixtures';

const DIR = 'test/fixtures/latex';
const read = (name: string): string => readFileSync(join(DIR, name), 'utf8');
const key = (m: Mark): string => `line ${m.line + 1}, columns [${m.start}, ${m.end}): ${m.code}`;

/** As check() of test/helpers/fixtures.ts, for a Markdown note: its diagnostics are exactly its marks. */
function checkMarkdown(text: string, name: string): Analysis {
  const a = analyze(text, 'markdown');
  const expected = parseMarks(text);
  const actual = actualMarks(text, a.diagnostics);
  assert.deepEqual(actual.map(key).sort(), expected.map(key).sort(),
    `${name}: the diagnostics differ from the marks. With the actual diagnostics it reads:\n\n${annotate(text, a.diagnostics)}\n`);
  for (const want of expected) {
    const got = actual.find((x) => key(x) === key(want))!;
    if (want.message) assert.ok(got.message!.includes(want.message), `${name}, ${key(want)}: "${got.message}" lacks "${want.message}"`);
  }
  return a;
}

/** The statements read from math, as S-expressions. */
const mathOf = (a: Analysis): string[] => a.statements.filter((s) => a.mathStatements.has(s)).map(statementSexpr);

describe('LaTeX fixtures', () => {
  for (const file of readdirSync(DIR).filter((f) => f.endsWith('.md')).sort()) {
    test(file, () => void checkMarkdown(read(file), file));
    test(`${file} with CRLF line endings: the same ranges`, () => {
      const text = read(file).replace(/\r?\n/g, '\r\n');
      const index = new LineIndex(text);
      const at = (t: string, a: Analysis): string[] => a.diagnostics.map((d) =>
        `${d.code} ${JSON.stringify(index.position(d.span.start))} ${t.slice(d.span.start, d.span.end).replace(/\r/g, '')}`);
      const lf = read(file);
      const lfIndex = new LineIndex(lf);
      const want = analyze(lf, 'markdown').diagnostics.map((d) =>
        `${d.code} ${JSON.stringify(lfIndex.position(d.span.start))} ${lf.slice(d.span.start, d.span.end)}`);
      assert.deepEqual(at(text, analyze(text, 'markdown')), want);
    });
  }
});

describe('the seed question', () => {
  test('its own notation reads: declarations, S, and f, stated before S with "where"', () => {
    const a = checkMarkdown(read('seed.md'), 'seed.md');
    assert.deepEqual(mathOf(a), [
      '(decl (A) (m × n))', '(decl (B) (p × q))', '(decl (H) ((* q n) × k))', '(decl (L) ((* p m) × (* p m)))',
      "(def f (tr (* (* (' S) L) S)))", '(def S (* (⊗ B A) H))',
    ]);
    assert.equal(shapeToString(a.symbols.get('S')!.shape!), '(p·m)×k');
    assert.equal(shapeToString(a.symbols.get('f')!.shape!), '1×1');
    // The scope reads f after the S it uses; the statements stay in document order.
    assert.deepEqual([...a.symbols.keys()], ['A', 'B', 'H', 'L', 'S', 'f']);
    for (const wrt of ['A', 'B']) {
      const g = gradient(a, 'f', wrt);
      assert.ok(g.ok && g.result.check?.kind === 'checked' && g.result.check.passed, `∂f/∂${wrt}`);
    }
  });

  test('a wrong size: E201 on the exact range inside $…$, with both shapes, the math quoted in mcalc', () => {
    const text = read('seed-wrong-size.md');
    const d = analyze(text, 'markdown').diagnostics;
    assert.equal(d.length, 1);
    assert.equal(text.slice(d[0]!.span.start, d[0]!.span.end), '(B\\bigotimes A)H');
    // The message quotes the math in mcalc, as every message does: B ⊗ A, not B\bigotimes A.
    assert.equal(d[0]!.message, 'matrix product: B ⊗ A is (p·m)×(q·n) (B is p×q, A is m×n), so H needs q·n rows, but H is (p·n)×k');
    assert.deepEqual(d[0]!.related?.map((r) => text.slice(r.span.start, r.span.end)),
      ['B \\in \\mathbb{R}^{p \\times q}', 'A \\in \\mathbb{R}^{m \\times n}', 'H \\in \\mathbb{R}^{pn \\times k}']);
  });
});

describe('a note written purely in LaTeX math', () => {
  test('it checks clean, and its gradients derive and pass the numeric check', () => {
    const a = checkMarkdown(read('latex-only.md'), 'latex-only.md');
    assert.deepEqual([...a.symbols.keys()], ['A', 'B', 'H', 'L', 'S', 'f']);
    for (const wrt of ['A', 'B']) {
      const g = gradient(a, 'f', wrt);
      assert.ok(g.ok && g.result.check?.kind === 'checked' && g.result.check.passed, `∂f/∂${wrt}`);
    }
  });

  test('with a wrong size, the error is on the display formula\'s line', () => {
    const text = read('latex-only.md').replace('qn \\times k', 'pn \\times k');
    const [d, ...rest] = analyze(text, 'markdown').diagnostics;
    assert.deepEqual(rest, []);
    assert.equal(d?.code, 'E201');
    assert.equal(text.slice(d.span.start, d.span.end), '(B \\otimes A) H');
    assert.equal(new LineIndex(text).position(d.span.start).line, 9);
  });

  test('the formulas are listed with what each contributed', () => {
    const text = read('latex-only.md');
    const a = analyze(text, 'markdown');
    assert.deepEqual(a.math.map((m) => [m.display, m.statements.length]), [
      [false, 1], [false, 1], [false, 1], [false, 1], [false, 0], [true, 2], [false, 0], [false, 0],
    ]);
    const display = a.math[5]!;
    assert.ok(text.slice(display.span.start, display.span.end).startsWith('$$\n\\begin{aligned}'));
    assert.equal(text.slice(display.content.start - 2, display.content.end + 2), text.slice(display.span.start, display.span.end));
  });
});

describe('where clauses: math may use a definition before the text gives it', () => {
  test('where.md: each definition joins after what it uses, the statements stay in document order', () => {
    const text = read('where.md');
    const a = checkMarkdown(text, 'where.md');
    assert.deepEqual([...a.symbols.keys()], ['A', 'B', 'H', 'L', 'S', 'T', 'g', 'f', 'h']);
    const starts = a.statements.map((s) => s.start);
    assert.deepEqual(starts, [...starts].sort((x, y) => x - y));
    assert.equal(shapeToString(a.symbols.get('T')!.shape!), 'k×k');
    // The claim came before h: it waited for h, and the numbers agree with it (no W401).
    assert.ok(a.statements.some((s) => s.kind === 'claim' && a.mathStatements.has(s)));
    // u = A v (v is nothing) and w = w + A (itself) never join.
    assert.deepEqual(['u', 'w', 'v'].filter((n) => a.symbols.has(n)), []);
  });

  test('gradients go through the definitions in dependency order, and pass the numeric check', () => {
    const a = analyze(read('where.md'), 'markdown');
    for (const wrt of ['A', 'B', 'H', 'L']) {
      const g = gradient(a, 'f', wrt);
      assert.ok(g.ok && g.result.check?.kind === 'checked' && g.result.check.passed, `∂f/∂${wrt}`);
    }
  });

  test('the NumPy export computes S before T, which uses it, and runs under NumPy', () => {
    const a = analyze(read('where.md'), 'markdown');
    const g = gradient(a, 'f', 'A', { check: false });
    assert.ok(g.ok);
    const code = g.result.numpy;
    const order = ['S', 'T'].map((n) => code.search(new RegExp(`^ +${n} = `, 'm')));
    assert.ok(order[0]! > 0 && order[0]! < order[1]!, code);
    const sizes = chooseSizes(a, 5);
    const point = randomPoint(a, sizes, new Random(5));
    const fd = finiteDifferenceGradient(a, 'f', 'A', sizes, point)!;
    const args = Object.fromEntries([...point].map(([k, v]) => [k, toRows(v)]));
    const script = `import json, sys, numpy as np
j = json.load(sys.stdin)
ns = {}
exec(j["code"], ns)
g = ns["grad_f_wrt_A"](*[j["args"][p] for p in ("A", "B", "H", "L")])
print(float(np.linalg.norm(g - np.array(j["fd"])) / max(1.0, np.linalg.norm(j["fd"]))))`;
    const run = spawnSync('python3', ['-c', script], { input: JSON.stringify({ code, args, fd }), encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.ok(Number(run.stdout) < 1e-6, run.stdout);
  });

  test('in mcalc blocks (as in .mcalc files) a name is still used after its definition only', () => {
    const text = 'Let $A \\in \\mathbb{R}^{n \\times n}$.\n\n```mcalc\nf = tr(S)\nS = A A\n```\n';
    assert.deepEqual(analyze(text, 'markdown').diagnostics.map((d) => `${d.code} ${text.slice(d.span.start, d.span.end)}`), ['E101 S']);
    assert.deepEqual(analyze('A : n x n\nf = tr(S)\nS = A A\n').diagnostics.map((d) => d.code), ['E101']);
  });

  test('a math definition may wait for a block\'s, later in the text', () => {
    const text = 'Let $f = \\operatorname{tr}(S)$, where\n\n```mcalc\nA : n x n\nS = A A\n```\n';
    const a = analyze(text, 'markdown');
    assert.deepEqual(a.diagnostics, []);
    assert.deepEqual([...a.symbols.keys()], ['A', 'S', 'f']);
  });

  /** x_0 = x_1 + A, x_1 = x_2 + A, …, x_n = A: every link used before the text defines it. */
  const chain = (n: number): string => {
    const links = Array.from({ length: n }, (_, i) => `$x_{${i}} = x_{${i + 1}} + A$`).join('\n\n');
    return `${links}\n\n$x_{${n}} = A$ and $A \\in \\mathbb{R}^{m \\times m}$ and $f = \\operatorname{tr}(x_{0})$.\n`;
  };

  test('a long chain of definitions in reverse order joins whole (waiting is a loop, not recursion per link)', () => {
    const a = analyze(chain(3000), 'markdown');
    assert.deepEqual(a.diagnostics, []);
    assert.equal(a.symbols.size, 3003);
  });

  test('and differentiates through every link', () => {
    const g = gradient(analyze(chain(200), 'markdown'), 'f', 'A');
    assert.ok(g.ok && g.result.check?.kind === 'checked' && g.result.check.passed);
    assert.equal(g.result.mcalc, '201 I_m');
  });
});

describe('silence on ordinary math', () => {
  test('a note without declarations gets nothing from its math', () => {
    const a = analyze(read('silent.md'), 'markdown');
    assert.deepEqual([a.diagnostics, [...a.symbols.keys()], a.mathStatements.size], [[], [], 0]);
  });

  test('math that names no declared symbol, or an unknown one, is not read', () => {
    const a = analyze(read('silent-declared.md'), 'markdown');
    assert.deepEqual(a.diagnostics, []);
    assert.deepEqual([...a.symbols.keys()], ['A', 'x']);
    // `n = 3` in math is not a size fact: sizes are for the fences to fix.
    assert.equal(a.sizes.get('n')?.value, undefined);
  });

  test('where the math is: not in code spans, fences, indented code, or after an escaped or lone dollar', () => {
    const text = read('silent.md');
    const { spans } = findMath(text, scanMarkdown(text).prose);
    assert.deepEqual(spans.map((m) => text.slice(m.content.start, m.content.end)), [
      'E = mc^2', '\\sum_i x_i^2', 'x^2 + y^2 = 1', '\\int_0^1 f(x)\\,dx', 'e^{i\\pi} + 1 = 0', 'a^2 + b^2 = c^2', 'a = 2',
      'y = Ax + b', '\\alpha + \\beta = \\gamma', 'C = AB', 'S = (B \\otimes A) H',
      '\nf(x) = \\frac{1}{2} x^T A x - b^T x, \\qquad \\nabla f(x) = A x - b\n',
    ]);
  });

  test('the dollar rules: $5 and $10, a closing $ before a digit, $ $ with spaces, an unclosed $', () => {
    const spans = (t: string): string[] => findMath(t, scanMarkdown(t).prose).spans.map((m) => t.slice(m.span.start, m.span.end));
    assert.deepEqual(spans('It costs $5 and $10.'), []);
    assert.deepEqual(spans('From $5 to $x$.'), ['$x$']);
    assert.deepEqual(spans('a $ b $ c, $x$2 and $y$'), ['$y$']);
    assert.deepEqual(spans('$x$, `$y$`, \\$z$ and $$w$$'), ['$x$', '$$w$$']);
    assert.deepEqual(spans('an unclosed $x and $$y'), []);
  });
});

describe('one scope with the fences', () => {
  test('math declares for the fences, and the fences for math, in document order', () => {
    const a = checkMarkdown(read('shared-scope.md'), 'shared-scope.md');
    assert.deepEqual([...a.symbols.keys()], ['A', 'x', 'u', 'y', 's', 'B', 'z', 'g', 'v']);
    assert.deepEqual(mathOf(a), ['(decl (A) (m × n))', '(decl (x) (vector n))', '(def u (* A x))', '(def g (* (\' y) y))', '(def v (* (* A B) x))']);
  });

  test('a fence uses what math declares only after it', () => {
    const text = '```mcalc\ny = A x\n```\n\nLet $A \\in \\mathbb{R}^{m \\times n}$ and $x \\in \\mathbb{R}^{n}$.\n';
    assert.deepEqual(analyze(text, 'markdown').diagnostics.map((d) => `${d.code} ${text.slice(d.span.start, d.span.end)}`), ['E101 A', 'E101 x']);
  });

  test('restatements are silent: the fences win, and a math name already in scope is not declared again', () => {
    const a = checkMarkdown(read('restatements.md'), 'restatements.md');
    assert.deepEqual(mathOf(a), ['(decl (z) (vector n))', "(def w (* (' z) x))", "(def u (* (' z) A))"]);
    assert.equal(a.symbols.get('A')?.statementSpan.start, read('restatements.md').indexOf('A : m × n'));
  });

  test('the statements are in document order; mathStatements tells the math ones apart', () => {
    const a = analyze(read('shared-scope.md'), 'markdown');
    const starts = a.statements.map((s) => s.start);
    assert.deepEqual(starts, [...starts].sort((x, y) => x - y));
    assert.equal(a.statements.filter((s) => !a.mathStatements.has(s)).length, 4);
  });
});

describe('claims in LaTeX', () => {
  const source = readFileSync('examples/kronecker-trace.mcalc', 'utf8').replace(/\ngrad .*\n/, '\n');
  const note = (claims: string[]): string => `# Claims\n\n\`\`\`mcalc\n${source}\`\`\`\n\n${claims.map((c) => `$$${c}$$\n`).join('\n')}`;
  const derived = (wrt: string): string => {
    const g = gradient(analyze(source), 'f', wrt);
    assert.ok(g.ok);
    return g.result.latex;
  };

  test('the LaTeX that gradient() prints for kronecker-trace.mcalc, claimed back, checks clean', () => {
    const text = note(['A', 'B'].map((x) => `\\frac{\\partial f}{\\partial ${x}} = ${derived(x)}`));
    const a = analyze(text, 'markdown');
    assert.deepEqual(a.diagnostics, []);
    assert.deepEqual(mathOf(a).map((s) => s.slice(0, 12)), ['(claim f A (', '(claim f B (']);
  });

  test('the claims fixture is that LaTeX, and its wrong claim draws W401', () => {
    const text = read('claims.md');
    assert.ok(text.includes(derived('A')) && text.includes(derived('B')), 'claims.md holds the printer\'s current LaTeX');
    checkMarkdown(text, 'claims.md');
  });

  test('a wrong claim: W401 on the claim; a claim of the wrong shape: E303', () => {
    const wrong = derived('A').replace('\\left(L + L^{\\top}\\right)', 'L');
    const text = note([`\\frac{\\partial f}{\\partial A} = ${wrong}`, '\\frac{\\partial f}{\\partial A} = B']);
    const ds = analyze(text, 'markdown').diagnostics;
    assert.deepEqual(ds.map((d) => d.code), ['W401', 'E303']);
    assert.ok(text.slice(ds[0]!.span.start, ds[0]!.span.end).startsWith('\\frac{\\partial f}{\\partial A} = \\operatorname{tr}_{1}'));
  });

  test('\\partial f1 and \\partial nll, as a hand writes them, are claims about f1 and nll; a word no one defined is not', () => {
    const block = '```mcalc\nA : n × n\nX : n × n\nf1 = tr(A X)\nnll = tr(Xᵀ A X)\n```\n';
    const claims = ['f_{1}', 'f1', 'nll', '\\mathrm{nll}'].map((f) => `$$\\frac{\\partial ${f}}{\\partial X} = 2 A$$`);
    const wrong = analyze(`${block}\n${claims.join('\n\n')}\n`, 'markdown');
    assert.deepEqual(wrong.diagnostics.map((d) => [d.code, /^∂(\w+)\/∂X/.exec(d.message)?.[1]]), [
      ['W401', 'f1'], ['W401', 'f1'], ['W401', 'nll'], ['W401', 'nll'],
    ]);
    const right = analyze(`${block}\n$$\\frac{\\partial f1}{\\partial X} = A^T$$ $$\\frac{\\partial nll}{\\partial X} = (A + A^T) X$$\n`, 'markdown');
    assert.deepEqual(right.diagnostics, []);
    assert.deepEqual(mathOf(right).filter((s) => s.startsWith('(claim')).length, 2);
    // d for ∂, as mcalc's own df/dX: \frac{df}{dX} and \frac{\mathrm{d} f1}{\mathrm{d} X} are claims too.
    const d = analyze(`${block}\n$$\\frac{df1}{dX} = 2 A$$ $$\\frac{\\mathrm{d} nll}{\\mathrm{d} X} = (A + A^T) X$$\n`, 'markdown');
    assert.deepEqual(d.diagnostics.map((x) => [x.code, /^∂(\w+)\/∂X/.exec(x.message)?.[1]]), [['W401', 'f1']]);
    assert.deepEqual(mathOf(d).filter((s) => s.startsWith('(claim')).length, 2);
    // Inside a statement (g = \frac{d s}{d t}) or with more than a name a side, a d-fraction stays a fraction.
    const frac = analyze('Let $d \\in \\mathbb{R}$, $x \\in \\mathbb{R}^n$, $A \\in \\mathbb{R}^{n \\times n}$, and $g = \\frac{d x^T A x}{d x^T x}$.\n\n$$\\frac{\\partial g}{\\partial x} = A x$$\n', 'markdown');
    assert.deepEqual(frac.diagnostics.map((x) => x.code), ['W401']);
    // xy and f 1 (apart) name nothing defined: ordinary math, silent.
    const other = analyze(`${block}\n$$\\frac{\\partial xy}{\\partial X} = A$$ $$\\frac{\\partial f 1}{\\partial X} = A$$\n`, 'markdown');
    assert.deepEqual(other.diagnostics, []);
    assert.deepEqual(mathOf(other).filter((s) => s.startsWith('(claim')), []);
  });

  test('a fence\'s n = 3 or n = k + 2 is a size fact when the math sizes by n: the math joins, and its claims are checked', () => {
    const math = 'Let $X \\in \\mathbb{R}^{n \\times n}$ and $f = \\operatorname{tr}(X X)$.\n\n$$\\frac{\\partial f}{\\partial X} = 2 X$$\n';
    for (const fence of ['```mcalc\nn = 3\n```\n\n', '']) {
      for (const [before, after] of [[fence, ''], ['', `\n${fence}`]]) {
        const text = `${before}${math}${after}`;
        const a = analyze(text, 'markdown');
        assert.deepEqual(a.diagnostics.map((d) => d.code), ['W401'], text);
        if (fence) assert.match(a.diagnostics[0]!.message, /at sizes n = 3 /);
      }
    }
    const tall = '```mcalc\nn = k + 2\n```\n\nLet $Z \\in \\mathbb{R}^{n \\times k}$ and $p = \\operatorname{tr}(Z^T Z)$.\n\n$$\\frac{\\partial p}{\\partial Z} = 3 Z$$\n';
    const t = analyze(tall, 'markdown').diagnostics;
    assert.deepEqual(t.map((d) => d.code), ['W401']);
    const sizes = /at sizes n = (\d+), k = (\d+)/.exec(t[0]!.message)!;
    assert.equal(Number(sizes[1]), Number(sizes[2]) + 2);
    // n = tr(A) is a matrix's value, not a size: the fence keeps n as a scalar and the math sizing by it is silent.
    const scalar = '```mcalc\nA : m × m\nn = tr(A)\nf = n tr(A A)\n```\n\nLet $Y \\in \\mathbb{R}^{n \\times n}$.\n\n$$\\frac{\\partial f}{\\partial A} = \\operatorname{tr}(A^2) I + 2 \\operatorname{tr}(A) A^T$$\n';
    assert.deepEqual(analyze(scalar, 'markdown').diagnostics, []);
    // A fence's n that no shape uses is a scalar definition, as before.
    assert.deepEqual(analyze('```mcalc\nn = 3\nX : m × m\nf = n tr(X)\n```\n', 'markdown').diagnostics, []);
  });

  test('claims that do not resolve, and claims about a matrix (a Jacobian), are silent', () => {
    const text = [
      'Let $A \\in \\mathbb{R}^{m \\times n}$, $B \\in \\mathbb{R}^{n \\times p}$, $S = A B$ and $f = \\mathrm{Tr}(S^T S)$.',
      '$$\\frac{\\partial g}{\\partial A} = A$$ $$\\frac{\\partial f}{\\partial X} = A$$ $$\\frac{\\partial f}{\\partial S} = 2 S$$',
      '$$\\frac{\\partial S}{\\partial A} = B$$ $$\\frac{\\partial S}{\\partial A} = B^T$$ $$\\frac{\\partial A}{\\partial B} = A$$',
      '$$\\frac{\\partial f}{\\partial A} = 2 S B^T$$', '',
    ].join('\n');
    const a = analyze(text, 'markdown');
    assert.deepEqual(a.diagnostics, []);
    assert.deepEqual(mathOf(a).filter((s) => s.startsWith('(claim')), ['(claim S A B)', "(claim S A (' B))", "(claim f A (* (* 2 S) (' B)))"]);
  });

  test('quick fixes on math write LaTeX', () => {
    const text = 'Let $A \\in \\mathbb{R}^{m \\times n}$ and $B \\in \\mathbb{R}^{m \\times p}$: $C = A B$.\n';
    const d = analyze(text, 'markdown').diagnostics;
    assert.deepEqual(d.map((x) => [x.code, x.fixes?.map((f) => f.edits.map((e) => e.newText))]), [['E201', [['A^{\\top}']]]]);
  });

  test('a name written \\mathbf{A} or W_{1} takes the transpose as it is; anything else in \\left( \\right)', () => {
    const text = 'Let $\\mathbf{A} \\in \\mathbb{R}^{m \\times n}$, $W_{1} \\in \\mathbb{R}^{m \\times n}$, $B \\in \\mathbb{R}^{m \\times p}$: '
      + '$C = \\mathbf{A} B$, $D = W_{1} B$ and $E = (\\mathbf{A} + W_1) B$.\n';
    const d = analyze(text, 'markdown').diagnostics;
    assert.deepEqual(d.map((x) => x.fixes?.map((f) => f.edits.map((e) => e.newText))), [
      [['\\mathbf{A}^{\\top}']], [['W_{1}^{\\top}']], [['\\left(\\mathbf{A} + W_1\\right)^{\\top}']],
    ]);
  });
});

test('the example of docs/language.md, "LaTeX math in Markdown", checks clean and reads every formula', () => {
  const doc = readFileSync('docs/language.md', 'utf8');
  const section = doc.slice(doc.indexOf('## LaTeX math in Markdown'));
  const example = /```markdown\n([\s\S]*?)```/.exec(section)![1]!;
  const a = analyze(example, 'markdown');
  assert.deepEqual(a.diagnostics, []);
  assert.deepEqual(a.math.map((m) => m.statements.length), [1, 1, 1, 1, 1, 1, 1]);
});

test('random math beside declarations never throws (2000 notes, fixed seed)', () => {
  const parts = [
    'A', 'B', 'x', 'S', 'f', ' ', '=', '\\in', '\\mathbb{R}^{m \\times n}', '\\mathbb{R}^n', '^T', '^{-1}', '_1', '_{i}', '\\otimes',
    '\\frac{', '}{', '}', '{', '(', ')', '\\left(', '\\right)', '\\|', '\\mathrm{Tr}', '\\operatorname{tr}_{1}', ',', '\\,', '\\\\',
    '\\partial ', '\\text{where}', '\\mathbf{', '\\sqrt{', '^{\\circ 1/2}', '\\operatorname{vec}^{-1}_{m \\times n}', '\\mathbf{0}_{', '2',
    '$', '`', '\n', '> ', '- ',
  ];
  const next = mulberry32(99);
  const head = 'Let $A \\in \\mathbb{R}^{m \\times n}$, $B \\in \\mathbb{R}^{n \\times n}$, $x \\in \\mathbb{R}^n$.\n\n';
  for (let i = 0; i < 2000; i++) {
    let body = '';
    for (let j = 0; j < 30; j++) body += parts[Math.floor(next() * parts.length)];
    const text = `${head}$${body}$ and $$${body}$$\n`;
    assert.doesNotThrow(() => analyze(text, 'markdown'), text);
  }
});
