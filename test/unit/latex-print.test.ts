// printLatex read back: the LaTeX reader gives the printed tree again, for the printer tests' expressions, every
// statement of the fixtures and examples, and random trees — with the few exceptions listed and explained.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import katex from 'katex';
import {
  analyze, mulberry32, parse, parseExpression, printLatex, printStatementLatex, type Expr, type Statement,
} from '../../server/src/core';
import { parseLatexExpression, resolveNames } from '../../server/src/core/documents/math';
import { lexLatex } from '../../server/src/core/syntax/latex-lexer';
import { parseTokens } from '../../server/src/core/syntax/parser';
import { sexpr, statementSexpr } from '../helpers/sexpr';

/** The printer tests' own list (test/unit/print.test.ts, EXPRESSIONS), read from its source so the two never drift. */
function printerExpressions(): string[] {
  const source = readFileSync('test/unit/print.test.ts', 'utf8');
  const start = source.indexOf('const EXPRESSIONS');
  const body = source.slice(source.indexOf('[', source.indexOf('=', start)) + 1, source.indexOf('\n];', start));
  const literals = body.replace(/\/\/.*$/gm, '').match(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g) ?? [];
  return literals.map((l) => JSON.parse(`"${l.slice(1, -1).replace(/\\'/g, "'").replace(/"/g, '\\"')}"`) as string);
}

/** Every name a tree or statement mentions: the names the reader may resolve a LaTeX spelling to. */
function names(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => names(n, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === 'name' && typeof v === 'string') out.add(v);
      else names(v, out);
    }
  }
  return out;
}

function readBack(e: Expr): Expr | null {
  const known = names(e);
  return parseLatexExpression(printLatex(e), (n) => known.has(n));
}

/**
 * Where the LaTeX cannot give the same tree back, and why. The printer writes (Aᵀ)⁻¹ and (A⁻¹)ᵀ alike, as A^{-\top}
 * (they are equal), which reads as (A⁻¹)ᵀ.
 */
const DIFFERENT: Readonly<Record<string, string>> = {
  '(Aᵀ)⁻¹': "(' (inv A))",
  "A'^-1": "(' (inv A))",
};

describe('printLatex of the printer tests\' expressions reads back as the same tree', () => {
  const list = printerExpressions();
  test('the list is the printer tests\' list', () => {
    assert.ok(list.length >= 150, `${list.length} expressions`);
    assert.ok(list.includes('tr₁(A ⊗ B, p·m)') && list.includes("x' A x"));
  });
  for (const text of list) {
    test(text, () => {
      const e = parseExpression(text).expr;
      const back = readBack(e);
      assert.ok(back, `${printLatex(e)} does not read back`);
      assert.equal(sexpr(back), DIFFERENT[text] ?? sexpr(e), printLatex(e));
    });
  }
});

describe('the new forms of tr₁, tr₂ and unvec', () => {
  const cases: ReadonlyArray<readonly [string, string]> = [
    ['tr₁(M, c)', '\\operatorname{tr}_{1}\\left(M,\\, c\\right)'],
    ['tr₂(A ⊗ B, p·m)', '\\operatorname{tr}_{2}\\left(A \\otimes B,\\, p m\\right)'],
    ['unvec(v, m, n)', '\\operatorname{vec}^{-1}_{m \\times n}\\left(v\\right)'],
    ['unvec(v, m + 1, p·q)', '\\operatorname{vec}^{-1}_{\\left(m + 1\\right) \\times p q}\\left(v\\right)'],
  ];
  for (const [mcalc, latex] of cases) {
    test(mcalc, () => {
      const e = parseExpression(mcalc).expr;
      assert.equal(printLatex(e), latex);
      assert.doesNotThrow(() => katex.renderToString(latex, { throwOnError: true, strict: 'error' }));
      assert.equal(sexpr(readBack(e)!), sexpr(e));
    });
  }
});

/** A statement's LaTeX read back; null when the reader or the parser rejects it. */
function statementBack(s: Statement): Statement | null {
  const tokens = lexLatex(printStatementLatex(s));
  if (!tokens) return null;
  const known = names(s);
  const p = parseTokens(resolveNames(tokens, (n) => known.has(n)));
  return p.diagnostics.some((d) => d.severity === 'error') || p.statements.length !== 1 ? null : p.statements[0]!;
}

describe('printStatementLatex reads back as the same statement', () => {
  const all: Array<[string, Statement]> = [];
  for (const dir of ['examples', 'test/fixtures/diagnostics']) {
    for (const file of readdirSync(dir).sort()) {
      const language = file.endsWith('.md') ? 'markdown' : file.endsWith('.mcalc') ? 'mcalc' : undefined;
      if (!language) continue;
      const text = readFileSync(join(dir, file), 'utf8');
      const a = analyze(text, language, { checkClaims: false });
      const errors = a.diagnostics.filter((d) => d.severity === 'error');
      for (const s of a.statements) {
        if (errors.some((d) => d.span.start < s.end && s.start < d.span.end)) continue;
        all.push([`${file}: ${text.slice(s.start, s.end)}`, s]);
      }
    }
  }
  for (const t of ['A, B, C : n x n, symmetric, spd', 'x : vector n, positive', 'A : n² x n^2', 's : scalar', '∂f/∂X = -A⁻ᵀ', 'n = 3']) {
    all.push([t, parse(t).statements[0]!]);
  }
  test('there are enough of them', () => assert.ok(all.length >= 150, `${all.length} statements`));
  for (const [label, s] of all) {
    test(label, () => {
      const back = statementBack(s);
      // `grad f wrt A, B` prints as the list of the derivatives it asks for: a heading, not a statement.
      if (s.kind === 'grad') return assert.equal(back, null);
      assert.ok(back, `${printStatementLatex(s)} does not read back`);
      assert.equal(statementSexpr(back), statementSexpr(s), printStatementLatex(s));
    });
  }
});

/** A random tree of the kind the parser makes, as in print.test.ts (without the name `wrt`, a keyword of mcalc). */
function randomTree(next: () => number, depth: number): Expr {
  const span = { start: 0, end: 0 };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const leaf = (): Expr => next() < 0.8
    ? { kind: 'name', name: pick(['A', 'B', 'x', 'α', 'W₁', 'lam', 'σ2']), start: 0, end: 0 }
    : { kind: 'number', value: pick([0, 1, 2, 0.5, 1e-7, 1e21]), start: 0, end: 0 };
  if (depth === 0) return leaf();
  const sub = (): Expr => randomTree(next, depth - 1);
  const dim = (): Expr => pick<Expr>([{ kind: 'name', name: 'n', start: 0, end: 0 }, { kind: 'number', value: 3, start: 0, end: 0 }]);
  switch (Math.floor(next() * 12)) {
    case 0: return leaf();
    case 1: return { kind: 'neg', operand: sub(), start: 0, end: 0 };
    case 2: return { kind: 'transpose', operand: sub(), start: 0, end: 0 };
    case 3: return { kind: 'inverse', operand: sub(), start: 0, end: 0 };
    case 4: return { kind: 'power', operand: sub(), exponent: pick([0, 2, 3, 12, 0.5]), start: 0, end: 0 };
    case 5: return { kind: 'epower', operand: sub(), exponent: pick([2, -1, 0.5]), start: 0, end: 0 };
    case 6: return { kind: 'call', fn: pick(['tr', 'norm', 'exp', 'sqrt', 'sigmoid', 'logdet', 'vec'] as const), arg: sub(), nameSpan: span, start: 0, end: 0 };
    case 7: return pick<Expr>([{ kind: 'identity', size: null, start: 0, end: 0 }, { kind: 'identity', size: dim(), start: 0, end: 0 },
      { kind: 'constant', fill: 1, rows: dim(), cols: null, start: 0, end: 0 }, { kind: 'constant', fill: 0, rows: dim(), cols: dim(), start: 0, end: 0 }]);
    case 8: return next() < 0.5
      ? { kind: 'ptrace', which: pick([1, 2] as const), arg: sub(), block: dim(), nameSpan: span, start: 0, end: 0 }
      : { kind: 'unvec', arg: sub(), rows: dim(), cols: dim(), nameSpan: span, start: 0, end: 0 };
    default: {
      const op = pick(['matmul', 'matmul', 'kron', 'hadamard', 'ediv', 'div', 'add', 'sub', 'frobenius'] as const);
      return { kind: 'binary', op, left: sub(), right: sub(), opStart: 0, opEnd: 0, start: 0, end: 0 };
    }
  }
}

/**
 * A tree with the printer's two identifications made: (Xᵀ)⁻¹ is (X⁻¹)ᵀ (both print X^{-\top}), and a number times a
 * power of ten is one number (2 · 1e21 and 2e21 both print 2 \cdot 10^{21}).
 */
function canonical(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(canonical);
  if (!node || typeof node !== 'object') return node;
  const e = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, canonical(v)])) as Record<string, unknown> & Expr;
  if (e.kind === 'inverse' && e.operand.kind === 'transpose') {
    return { ...e, kind: 'transpose', operand: { ...e, kind: 'inverse', operand: e.operand.operand } };
  }
  if (e.kind === 'binary' && e.op === 'matmul' && e.left.kind === 'number' && e.right.kind === 'number') {
    const ten = /^1e([+-]?[0-9]+)$/.exec(String(e.right.value));
    if (ten && !String(e.left.value).includes('e')) return { kind: 'number', value: Number(`${e.left.value}e${ten[1]}`), start: e.start, end: e.end };
  }
  return e;
}

test('random trees read back as the same tree, up to the printer\'s identifications (1000 trees, fixed seed)', () => {
  const next = mulberry32(20240612);
  let same = 0;
  for (let i = 0; i < 1000; i++) {
    const e = randomTree(next, 4);
    const back = readBack(e);
    assert.ok(back, `${printLatex(e)} does not read back`);
    assert.equal(sexpr(canonical(back) as Expr), sexpr(canonical(e) as Expr), printLatex(e));
    if (sexpr(back) === sexpr(e)) same++;
  }
  assert.ok(same >= 900, `${same} of 1000 read back as the very same tree`);
});
