// The editor's queries in LaTeX math of Markdown notes: hover, inlay hints, semantic tokens, navigation, rename
// (in LaTeX's spelling, keeping \mathbf), the outline, and "Derive ∂f/∂X" — its targets and what it inserts as
// mcalc, LaTeX or NumPy, read back and checked.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { analyze, gradient, type Analysis, type TextEdit } from '../../server/src/core';
import {
  definitionAt, deriveTargetsAt, documentSymbols, gradientInsertion, hoverAt, inlayHints, prepareRenameAt, referencesAt,
  renameAt, semanticTokens, type DeriveTarget, type InsertFormat,
} from '../../server/src/core/queries';
import { covered, offsetOf } from './queries-cursor';

const fixture = (name: string): string => readFileSync(`test/fixtures/latex/${name}`, 'utf8');
const SEED = fixture('seed.md');
const BOLD = fixture('bold-names.md');

function apply(text: string, edits: readonly TextEdit[]): string {
  return [...edits].sort((x, y) => y.span.start - x.span.start)
    .reduce((t, e) => t.slice(0, e.span.start) + e.newText + t.slice(e.span.end), text);
}

describe('hover in math', () => {
  const a = analyze(SEED, 'markdown');
  const hover = (needle: string, delta = 0): { markdown: string; covered: string } => {
    const h = hoverAt(a, offsetOf(SEED, needle, 0, delta), { seed: 1 });
    assert.ok(h, `a hover at ${needle}`);
    return { markdown: h.markdown, covered: covered(SEED, h.span) };
  };

  test('a definition: its value quoted in mcalc, and its shape', () => {
    const h = hover('S=(B');
    assert.equal(h.covered, 'S');
    assert.match(h.markdown, /^```mcalc\nS = \(B ⊗ A\) H {4}# \(p·m\)×k\n```/);
  });

  test('f, stated before the S it uses: a scalar, and what it can be differentiated by', () => {
    const h = hover('f=');
    assert.match(h.markdown, /f = tr\(Sᵀ L S\) {4}# scalar/);
    assert.match(h.markdown, /differentiated with respect to `A`, `B`, `H` and `L`/);
  });

  test('an operator: the sub-expression\'s shape and its operands\', over the LaTeX range', () => {
    const h = hover('\\bigotimes', 2);
    assert.equal(h.covered, '(B\\bigotimes A)');
    assert.equal(h.markdown, '`B ⊗ A` : (p·m)×(q·n)\n\noperands: `B` : p×q and `A` : m×n');
  });

  test('a function written \\mathbf{Tr}, a declared symbol, a size', () => {
    const fn = hover('\\mathbf{Tr}', 3);
    assert.equal(fn.covered, '\\mathbf{Tr}');
    assert.match(fn.markdown, /^```mcalc\ntr\(X\)\n```[\s\S]*Here: `tr\(Sᵀ L S\)` : scalar/);
    assert.match(hover('L \\in').markdown, /^```mcalc\nL : \(p·m\)×\(p·m\)\n```/);
    assert.match(hover('m \\times n').markdown, /^```mcalc\nsize m\n```\n\nSize symbol: 3 uses, in `A` and `L`/);
  });

  test('ordinary math beside it has no hover', () => {
    const text = `${SEED}\nAnd $x^2 + y^2 = 1$ is a circle.\n`;
    assert.equal(hoverAt(analyze(text, 'markdown'), offsetOf(text, 'x^2')), null);
  });
});

describe('inlay hints, semantic tokens and the outline in math', () => {
  const a = analyze(SEED, 'markdown');

  test('each definition\'s shape after its value, inside the $…$', () => {
    assert.deepEqual(inlayHints(a).map((h) => [SEED.slice(h.offset - 2, h.offset + 1), h.label]), [
      ['S)$', ' : scalar'], [')H$', ' : (p·m)×k'],
    ]);
  });

  test('names coloured by what they are, over their LaTeX', () => {
    const line = SEED.split('\n').findIndex((l) => l.includes('f='));
    const start = SEED.split('\n').slice(0, line).join('\n').length + 1;
    const tokens = semanticTokens(a).filter((t) => t.span.start >= start && t.span.start < start + SEED.split('\n')[line]!.length);
    assert.deepEqual(tokens.map((t) => `${covered(SEED, t.span)}:${t.type}`), [
      'f:scalar', '\\mathbf{Tr}:function', 'S:matrix', 'L:matrix', 'S:matrix', 'S:matrix', 'B:matrix', 'A:matrix', 'H:matrix',
    ]);
    const decl = semanticTokens(a).filter((t) => t.span.start < offsetOf(SEED, '$B'));
    assert.deepEqual(decl.map((t) => `${covered(SEED, t.span)}:${t.type}`), ['A:matrix', '\\mathbb{R}:keyword', 'm:size', 'n:size']);
  });

  test('the outline lists the math\'s statements, their values in mcalc', () => {
    assert.deepEqual(documentSymbols(a).map((s) => `${s.name} ${s.kind} ${s.detail}`), [
      'A matrix m×n', 'B matrix p×q', 'H matrix (q·n)×k', 'L matrix (p·m)×(p·m)', 'f definition scalar', 'S definition (p·m)×k',
    ]);
    const claim = `${SEED}\n$$\\frac{\\partial f}{\\partial A} = \\mathbf{0}_{m \\times n}$$\n`;
    const c = documentSymbols(analyze(claim, 'markdown')).find((s) => s.kind === 'claim')!;
    assert.match(c.detail, /^= zeros\(m, n\) — disagrees with the numbers$/);
  });
});

describe('navigation in math', () => {
  const a = analyze(SEED, 'markdown');

  test('a use of S, before its definition in the text, goes to it', () => {
    const d = definitionAt(a, offsetOf(SEED, 'S^T'))!;
    assert.equal(covered(SEED, d.span), 'S=(B\\bigotimes A)H');
    assert.deepEqual(referencesAt(a, offsetOf(SEED, 'S^T'), true).map((s) => covered(SEED, s)), ['S', 'S', 'S']);
  });

  test('references of a bold symbol are its \\mathbf{…}', () => {
    const b = analyze(BOLD, 'markdown');
    assert.deepEqual(referencesAt(b, offsetOf(BOLD, '\\mathbf{A}', 0, 8), false).map((s) => covered(BOLD, s)), ['\\mathbf{A}', '\\mathbf{A}', '\\mathbf{A}']);
  });
});

describe('rename in math', () => {
  const rename = (text: string, needle: string, delta: number, newName: string): { text: string; a: Analysis } => {
    const r = renameAt(analyze(text, 'markdown'), offsetOf(text, needle, 0, delta), newName);
    assert.ok('edits' in r, 'error' in r ? r.error : '');
    const out = apply(text, r.edits);
    return { text: out, a: analyze(out, 'markdown') };
  };

  test('\\mathbf{A} stays bold: only the name inside the command changes', () => {
    const b = analyze(BOLD, 'markdown');
    assert.equal(prepareRenameAt(b, offsetOf(BOLD, '\\mathbf{A}', 0, 8))?.placeholder, 'A');
    const r = renameAt(b, offsetOf(BOLD, '\\mathbf{A}', 0, 8), 'M');
    assert.ok('edits' in r);
    assert.deepEqual(r.edits.map((e) => covered(BOLD, e.span)), ['A', 'A', 'A', 'A']);
    const { text, a } = rename(BOLD, '\\mathbf{A}', 8, 'M');
    assert.equal(text, BOLD.replaceAll('\\mathbf{A}', '\\mathbf{M}'));
    assert.deepEqual([a.diagnostics, [...a.symbols.keys()]], [[], ['M', 'x', 'y', 'r', 'f', 'g']]);
  });

  test('the new name in LaTeX\'s spelling: Greek letters, subscripts, words', () => {
    assert.equal(rename(BOLD, '\\mathbf{A}', 8, 'Λ').text, BOLD.replaceAll('\\mathbf{A}', '\\mathbf{\\Lambda}'));
    assert.equal(rename(BOLD, '\\mathbf{x}', 8, 'x₂').text, BOLD.replaceAll('\\mathbf{x}', '\\mathbf{x_{2}}'));
    const words = rename(SEED, 'S=(B', 0, 'prod');
    assert.match(words.text, /\\mathbf\{Tr\} \(\\mathrm\{prod\}\^T L \\mathrm\{prod\}\)/);
    assert.deepEqual(words.a.diagnostics, []);
    assert.ok(words.a.symbols.has('prod'));
  });

  test('a subscripted bold name keeps its bold; a command is kept apart from the letters after it', () => {
    const text = 'Let $\\mathbf{W}_{1} \\in \\mathbb{R}^{qn \\times n}$ and $f = \\operatorname{tr}(\\mathbf{W}_1^T \\mathbf{W}_{1})$.\n';
    const w = rename(text, 'W}_{1}', 0, 'V');
    assert.equal(w.text, 'Let $\\mathbf{V} \\in \\mathbb{R}^{qn \\times n}$ and $f = \\operatorname{tr}(\\mathbf{V}^T \\mathbf{V})$.\n');
    assert.deepEqual(w.a.diagnostics, []);
    const q = rename(text, 'qn', 0, 'κ');
    assert.match(q.text, /\\mathbb\{R\}\^\{\\kappa n \\times n\}/);
    assert.deepEqual([...q.a.sizes.keys()].sort(), ['n', 'κ']);
  });

  test('sizes in I_{m}: the name inside the braces', () => {
    const text = 'Let $A \\in \\mathbb{R}^{m \\times m}$ and $f = \\operatorname{tr}(A + I_{m})$.\n';
    const r = rename(text, 'm \\times', 0, 'p');
    assert.equal(r.text, 'Let $A \\in \\mathbb{R}^{p \\times p}$ and $f = \\operatorname{tr}(A + I_{p})$.\n');
    assert.deepEqual(r.a.diagnostics, []);
  });

  test('a name with no LaTeX spelling that reads back is refused', () => {
    const r = renameAt(analyze(BOLD, 'markdown'), offsetOf(BOLD, '\\mathbf{A}', 0, 8), 'ж');
    assert.ok('error' in r);
    assert.match(r.error, /no LaTeX spelling/);
    // In an mcalc block, the same name is fine.
    const md = '```mcalc\nA : n x n\nf = tr(A)\n```\n';
    assert.ok('edits' in renameAt(analyze(md, 'markdown'), offsetOf(md, 'A :'), 'ж'));
  });
});

describe('"Derive ∂f/∂X" in math', () => {
  const target = (text: string, needle: string, delta = 0): DeriveTarget => {
    const t = deriveTargetsAt(analyze(text, 'markdown'), offsetOf(text, needle, 0, delta));
    assert.ok(t, `a target at ${needle}`);
    return t;
  };

  test('on f, stated before S, and on any formula of its line', () => {
    const t = target(SEED, 'f=');
    assert.deepEqual([t.of, t.wrt, t.place], ['f', ['A', 'B', 'H', 'L'], 'math']);
    // The paragraph ends the file: after it, with a blank line between.
    assert.deepEqual(t.after, { offset: SEED.length, needsNewline: false, prefix: '', blankAfter: false });
    assert.equal(target(SEED, 'S=(B').of, 'f', 'S is no scalar, but f is on the line');
    assert.equal(deriveTargetsAt(analyze(SEED, 'markdown'), offsetOf(SEED, 'Let')), null);
  });

  test('a list item\'s paragraph: indented like the item; a quote: quoted; the next line not blank: a blank line after', () => {
    const list = target(BOLD, 'f = ');
    assert.deepEqual(list.after, { offset: offsetOf(BOLD, '- Another'), needsNewline: false, prefix: '  ', blankAfter: true });
    const quote = target(BOLD, 'g = ');
    assert.deepEqual([quote.of, quote.after?.prefix, quote.after?.offset], ['g', '> ', BOLD.length]);
  });

  test('a heading is no container; a text without a final line break needs one', () => {
    const text = 'Let $A \\in \\mathbb{R}^{n \\times n}$.\n\n## The loss $f = \\operatorname{tr}(A A)$';
    const t = target(text, 'f = ');
    assert.deepEqual(t.after, { offset: text.length, needsNewline: true, prefix: '', blankAfter: false });
  });

  test('after an mcalc block: after its closing fence; an unclosed block has no after', () => {
    const md = '- item\n\n  ```mcalc\n  A : n x n\n  f = tr(A A)\n  ```\n- next\n';
    const t = target(md, 'f = ');
    assert.equal(t.place, 'fence');
    assert.deepEqual(t.after, { offset: offsetOf(md, '- next'), needsNewline: false, prefix: '  ', blankAfter: true });
    assert.equal(target('```mcalc\nA : n x n\nf = tr(A A)\n', 'f = ').after, null);
    assert.equal(deriveTargetsAt(analyze('A : n x n\nf = tr(A A)\n'), 10)?.after, null);
  });
});

describe('what "Derive" inserts, read back', () => {
  /** Inserts ∂of/∂wrt in a format at a target, and analyses the result. */
  const insert = (text: string, needle: string, format: InsertFormat, wrt = 'A'): { text: string; a: Analysis } => {
    const a = analyze(text, 'markdown');
    const t = deriveTargetsAt(a, offsetOf(text, needle))!;
    const g = gradient(a, t.of, wrt, { check: false });
    assert.ok(g.ok);
    const r = gradientInsertion(a, t, t.of, wrt, format, g.result);
    assert.ok('edit' in r, 'error' in r ? r.error : '');
    assert.equal(r.edit.span.start, r.edit.span.end, 'an insertion: nothing is replaced');
    const out = apply(text, [r.edit]);
    assert.equal(out.slice(0, r.edit.span.start) + out.slice(r.edit.span.start + r.edit.newText.length), text);
    return { text: out, a: analyze(out, 'markdown') };
  };
  const claims = (a: Analysis): number => a.statements.filter((s) => s.kind === 'claim').length;

  test('LaTeX after the seed\'s paragraph: a $$…$$ claim that checks clean', () => {
    const { text, a } = insert(SEED, 'f=', 'latex');
    assert.ok(text.startsWith(SEED));
    assert.match(text.slice(SEED.length), /^\n\$\$\\frac\{\\partial f\}\{\\partial A\} = \\operatorname\{tr\}_\{1\}\\left\(.*\$\$\n$/);
    assert.deepEqual([a.diagnostics, claims(a)], [[], 1]);
  });

  test('LaTeX in a list item and in a quote: indented or quoted, a paragraph of its own', () => {
    const list = insert(BOLD, 'f = ', 'latex', 'x');
    // The note writes its symbols in bold: so does the claim.
    assert.ok(list.text.includes('$f = \\mathbf{r}^\\top \\mathbf{r}$.\n\n  $$\\frac{\\partial f}{\\partial \\mathbf{x}} = 2 \\mathbf{A}^{\\top} \\mathbf{r}$$\n\n- Another item.'), list.text);
    assert.deepEqual([list.a.diagnostics, claims(list.a)], [[], 1]);
    const quote = insert(BOLD, 'g = ', 'latex');
    assert.ok(quote.text.endsWith('\\right)$.\n>\n> $$\\frac{\\partial g}{\\partial \\mathbf{A}} = 2 \\mathbf{A}$$\n'), quote.text);
    assert.deepEqual([quote.a.diagnostics, claims(quote.a)], [[], 1]);
  });

  test('mcalc from math: an ```mcalc block after the paragraph, which checks clean', () => {
    const { text, a } = insert(SEED, 'f=', 'mcalc');
    assert.match(text.slice(SEED.length), /^\n```mcalc\n∂f\/∂A = tr₁\(.*\)\n```\n$/);
    assert.deepEqual([a.diagnostics, claims(a)], [[], 1]);
  });

  test('NumPy: a ```python block after the paragraph, the note unchanged otherwise', () => {
    const { text, a } = insert(BOLD, 'f = ', 'numpy', 'x');
    assert.match(text, /\n\n {2}```python\n {2}import numpy as np\n\n\n {2}def grad_f_wrt_x\(A, x, y\):\n[\s\S]* {2}```\n\n- Another/);
    assert.deepEqual(a.diagnostics, []);
  });

  test('from an mcalc block: mcalc inside it, LaTeX and NumPy after its closing fence', () => {
    const md = '> ```mcalc\n> A : n x n\n> f = tr(A A)\n> ```\n> Prose right after.\n';
    const inside = insert(md, 'f = ', 'mcalc');
    assert.equal(inside.text, '> ```mcalc\n> A : n x n\n> f = tr(A A)\n> ∂f/∂A = 2 Aᵀ\n> ```\n> Prose right after.\n');
    const latex = insert(md, 'f = ', 'latex');
    assert.equal(latex.text, '> ```mcalc\n> A : n x n\n> f = tr(A A)\n> ```\n>\n> $$\\frac{\\partial f}{\\partial A} = 2 A^{\\top}$$\n>\n> Prose right after.\n');
    assert.deepEqual([latex.a.diagnostics, claims(latex.a)], [[], 1]);
    const numpy = insert(md, 'f = ', 'numpy');
    assert.match(numpy.text, /> ```\n>\n> ```python\n> import numpy as np\n>\n>\n> def grad_f_wrt_A\(A\):/);
  });

  test('CRLF notes get CRLF', () => {
    const crlf = SEED.replace(/\n/g, '\r\n');
    const { text, a } = insert(crlf, 'f=', 'latex');
    assert.match(text.slice(crlf.length), /^\r\n\$\$.*\$\$\r\n$/);
    assert.deepEqual(a.diagnostics, []);
  });

  test('a .mcalc file takes mcalc only; an unclosed block takes nothing after it', () => {
    const text = 'A : n x n\nf = tr(A A)\n';
    const a = analyze(text);
    const t = deriveTargetsAt(a, offsetOf(text, 'f'))!;
    const g = gradient(a, 'f', 'A', { check: false });
    assert.ok(g.ok);
    for (const format of ['latex', 'numpy'] as const) {
      const r = gradientInsertion(a, t, 'f', 'A', format, g.result);
      assert.ok('error' in r && /\.mcalc file holds mcalc only/.test(r.error), format);
    }
    const open = '```mcalc\nA : n x n\nf = tr(A A)\n';
    const u = deriveTargetsAt(analyze(open, 'markdown'), offsetOf(open, 'f'))!;
    const r = gradientInsertion(analyze(open, 'markdown'), u, 'f', 'A', 'latex', g.result);
    assert.ok('error' in r && /not closed/.test(r.error));
  });
});
