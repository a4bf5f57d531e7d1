// Gradients written back in LaTeX are read back: for every derive case (COOKBOOK and RULES), the LaTeX that
// "Derive ∂f/∂X" inserts — `$$\frac{\partial f}{\partial X} = …$$` — joins the note as a claim and checks clean by
// the numbers, beside an mcalc block and in a note written in LaTeX only. A wrong claim printed the same way does not.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  analyze, checkGradient, gradient, latexName, printStatementLatex, type Analysis, type Statement,
} from '../../server/src/core';
import { deriveTargetsAt, gradientInsertion, latexPartial } from '../../server/src/core/queries';
import { COOKBOOK, RULES, type DeriveCase } from './derive-cases';

type Claim = Extract<Statement, { kind: 'claim' }>;

/** What "Derive ∂f/∂X" inserts as LaTeX at f's definition (the text before `f = `), and the note with it. */
function inserted(c: DeriveCase, note: string, before: string): { paragraph: string; note: string } {
  const a = analyze(note, 'markdown');
  // The note's own spelling of X: math declares s2 as s_{2}, which is s_2.
  const wrt = [...a.symbols.keys()].find((n) => latexName(n) === latexName(c.wrt))!;
  const target = deriveTargetsAt(a, note.indexOf(before) + before.length);
  assert.equal(target?.of, c.of, `${c.name}: a derive target at ${c.of}'s definition`);
  const g = gradient(a, c.of, wrt, { check: false });
  assert.ok(g.ok, `${c.name}: ${g.ok ? '' : g.message}`);
  const r = gradientInsertion(a, target, c.of, wrt, 'latex', g.result);
  assert.ok('edit' in r, 'error' in r ? r.error : '');
  const out = note.slice(0, r.edit.span.start) + r.edit.newText + note.slice(r.edit.span.end);
  return { paragraph: r.edit.newText.trim(), note: out };
}

/** The note's one claim, read from its math; and the numbers' verdict on it, asked for directly. */
function claimOf(a: Analysis, label: string): { claim: Claim; passed: boolean } {
  const claims = a.statements.filter((s): s is Claim => s.kind === 'claim' && a.mathStatements.has(s));
  assert.equal(claims.length, 1, `${label}: the claim is read from the math`);
  const claim = claims[0]!;
  const r = checkGradient(a, claim.of.name, claim.wrt.name, claim.value);
  assert.equal(r.kind, 'checked', `${label}: the claim could be checked`);
  return { claim, passed: r.kind === 'checked' && r.passed };
}

const fenced = (c: DeriveCase): string => `# ${c.name}\n\n\`\`\`mcalc\n${c.text}\`\`\`\n`;

/**
 * The case's statements in LaTeX, one formula each, the declared symbols in bold where LaTeX has a bold letter for
 * them (\boldsymbol{A}, \boldsymbol{\Sigma}). Size facts (`n = 3`) have no LaTeX form mcalc reads — math does not fix
 * sizes — so cases with them are left out here (they are covered beside the mcalc block).
 */
function latexOnly(c: DeriveCase): string | undefined {
  const a = analyze(c.text);
  if (a.sizeFacts.size) return undefined;
  const formulas = a.statements.map((s) => {
    const latex = printStatementLatex(s);
    if (s.kind !== 'declaration') return latex;
    const head = s.names.map((n) => latexName(n.name)).join(', ');
    const styled = s.names.map((n) => (/^(?:[A-Za-z]|\\[A-Za-z]+)$/.test(latexName(n.name)) ? `\\boldsymbol{${latexName(n.name)}}` : latexName(n.name))).join(', ');
    return styled + latex.slice(head.length);
  });
  return `# ${c.name}\n\n${formulas.map((f) => `$${f}$`).join('\n\n')}\n`;
}

describe('∂f/∂X inserted as LaTeX reads back as a claim that checks clean', () => {
  for (const c of [...COOKBOOK, ...RULES]) {
    test(c.name, () => {
      const beside = inserted(c, fenced(c), '\nf = ');
      assert.match(beside.paragraph, /^\$\$\\frac\{\\partial f\}\{\\partial .*\$\$$/);
      const besideBlock = analyze(beside.note, 'markdown');
      assert.deepEqual(besideBlock.diagnostics, [], beside.paragraph);
      assert.equal(claimOf(besideBlock, 'beside the block').passed, true, beside.paragraph);
      const note = latexOnly(c);
      if (note === undefined) return;
      const alone = inserted(c, note, '$f = ');
      const a = analyze(alone.note, 'markdown');
      assert.deepEqual(a.diagnostics, [], alone.note);
      assert.deepEqual(a.statements.filter((s) => !a.mathStatements.has(s)), [], 'every statement is read from the math');
      const { claim, passed } = claimOf(a, 'in LaTeX only');
      assert.equal(passed, true, alone.note);
      // About the note's own f and X (spelled as the note spells them: s2 is s_{2}, so s_2).
      assert.deepEqual([a.symbols.get(claim.of.name)?.kind, a.symbols.get(claim.wrt.name)?.kind], ['defined', 'declared']);
    });
  }

  test('the LaTeX-only notes leave out only the cases with size facts', () => {
    const left = [...COOKBOOK, ...RULES].filter((c) => latexOnly(c) === undefined).map((c) => c.name);
    assert.deepEqual(left, ['det of a product', 'size facts']);
  });

  test('a note in bold gets its claim in bold', () => {
    const c = COOKBOOK.find((x) => x.name.startsWith('(109)'))!;
    const { paragraph } = inserted(c, latexOnly(c)!, '$f = ');
    assert.equal(paragraph, '$$\\frac{\\partial f}{\\partial \\boldsymbol{X}} = \\left(\\boldsymbol{B} + \\boldsymbol{B}^{\\top}\\right) \\boldsymbol{X}$$');
  });
});

describe('and a wrong one, printed the same way, does not', () => {
  // Twice the gradient (or, for a zero gradient, a non-zero one): what a slip of the pen would give.
  const cases = [...COOKBOOK, ...RULES].filter((_, i) => i % 7 === 0);
  for (const c of cases) {
    test(c.name, () => {
      const g = gradient(analyze(c.text), c.of, c.wrt, { check: false });
      assert.ok(g.ok);
      const latex = g.result.latex;
      const wrong = /^\\mathbf\{0\}/.test(latex) ? latex.replace(/^\\mathbf\{0\}/, '\\mathbf{1}') : `2 \\left(${latex}\\right)`;
      const a = analyze(`${fenced(c)}\n$$${latexPartial(c.of, c.wrt)} = ${wrong}$$\n`, 'markdown');
      assert.equal(claimOf(a, 'wrong').passed, false, wrong);
      assert.deepEqual(a.diagnostics.map((d) => d.code), ['W401']);
    });
  }
});
