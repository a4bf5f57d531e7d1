// Pathological input never crashes or hangs the core: it gets one clear diagnostic or a capped computation.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze, gradient } from '../../server/src/core';

function codes(text: string, language: 'mcalc' | 'markdown' = 'mcalc'): string[] {
  return analyze(text, language).diagnostics.map((d) => d.code);
}

test('10,000 nested parentheses: one E007', () => {
  assert.deepEqual(codes(`A : n x n\nf = tr(${'('.repeat(10_000)}A${')'.repeat(10_000)})\n`), ['E007']);
});

test('10,000 nested calls and 10,000 prefix minuses: one E007 each', () => {
  assert.deepEqual(codes(`A : n x n\nf = sum(${'exp('.repeat(10_000)}A${')'.repeat(10_000)})\n`), ['E007']);
  assert.deepEqual(codes(`A : n x n\nf = tr(${'-'.repeat(10_000)}A)\n`), ['E007']);
});

test('E007 starts at a depth of 301 nodes: 300 deep is an expression, 301 is refused', () => {
  // B = -…-A with k minuses is k + 1 nodes deep.
  assert.deepEqual(codes(`A : n x n\nB = ${'-'.repeat(299)}A\n`), []);
  assert.deepEqual(codes(`A : n x n\nB = ${'-'.repeat(300)}A\n`), ['E007']);
});

test('a sum of 20,000 terms: one E007, and the next line is still checked', () => {
  const c = codes(`A : n x n\nf = tr(${'A + '.repeat(20_000)}A)\ng = tr(A) + B\n`);
  assert.deepEqual(c, ['E007', 'E101']);
});

test('a 1,000-factor Kronecker chain is refused; a 200-factor one is typed', () => {
  assert.deepEqual(codes(`A : 2 x 2\nK = ${Array(1000).fill('A').join(' ⊗ ')}\n`), ['E007']);
  const a = analyze(`A : 2 x 2\nK = ${Array(200).fill('A').join(' ⊗ ')}\n`);
  assert.deepEqual(a.diagnostics, []);
});

test('sizes like (m·n·p·q·r·s)^8 are symbolic, not computed', () => {
  const a = analyze('X : (m*n*p*q*r*s)^8 x 1\nY : (s*r*q*p*n*m)^8 x 1\nf = X\' Y\n', 'mcalc', { checkClaims: false });
  assert.deepEqual(a.diagnostics, []);
});

test('a numeric check at huge concrete sizes is capped with a message, not run', () => {
  const a = analyze('n = 100000\nX : n x n\nf = tr(X)\n');
  const out = gradient(a, 'f', 'X');
  assert.ok(out.ok);
  assert.equal(out.result.check?.kind, 'budget');
});

test('a 2 MB Markdown note with 1,000 blocks analyses without trouble', () => {
  const block = (i: number): string => `\`\`\`mcalc\nA${i} : m x n\nv${i} : vector n\nf${i} = norm(A${i} v${i})^2\n\`\`\`\n`;
  const parts: string[] = [];
  for (let i = 0; i < 1000; i++) parts.push(`## Part ${i}\n\n${'Some prose. '.repeat(160)}\n\n${block(i)}\n`);
  const text = parts.join('');
  assert.ok(text.length > 2_000_000);
  assert.deepEqual(codes(text, 'markdown'), []);
});

test('a 10 MB .mcalc file analyses without trouble', () => {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < 10_000_000; i++) {
    const part = `A${i} : m x n\nB${i} = A${i}ᵀ A${i} + I_n   # a comment, to make the line longer\n`;
    parts.push(part);
    size += part.length;
  }
  const a = analyze(parts.join(''), 'mcalc', { checkClaims: false });
  assert.equal(a.diagnostics.length, 0);
  assert.equal(a.statements.length, parts.length * 2);
});

test('200,000 erroneous lines: 200,000 diagnostics, no stack overflow', () => {
  // push(...diagnostics) with this many arguments overflowed the stack.
  const text = Array.from({ length: 200_000 }, (_, i) => `B${i} = A${i} + 1`).join('\n');
  const a = analyze(text, 'mcalc', { checkClaims: false });
  assert.equal(a.diagnostics.length, 200_000);
});

test('names of Object.prototype members are ordinary undeclared names, not functions', () => {
  assert.deepEqual(codes('A : n x n\nx = toString(A)\ny = constructor\nz = hasOwnProperty(A) + valueOf\n'), ['E103', 'E101', 'E103', 'E101']);
});

test('a chain of 3,000 definitions: its claim is checked, its gradient derived, checked and exported to NumPy', () => {
  const n = 3000;
  const chain = Array.from({ length: n - 1 }, (_, i) => `S${i + 1} = S${i} + A`).join('\n');
  const text = `A : n x n\nS0 = A\n${chain}\nf = tr(S${n - 1})\n∂f/∂A = ${n} I_n\n`;
  const a = analyze(text);
  // Each of these walked the chain by recursion and overflowed the stack (the claim's check, the gradient's, NumPy).
  assert.deepEqual(a.diagnostics.map((d) => d.code), []);
  const out = gradient(a, 'f', 'A');
  assert.ok(out.ok, out.ok ? '' : out.message);
  assert.equal(out.result.mcalc, `${n} I_n`);
  assert.ok(out.result.check?.kind === 'checked' && out.result.check.passed);
  assert.match(out.result.numpy, /np\.eye\(n\)/);
  // A wrong claim at the end of the chain is still found wrong.
  assert.deepEqual(codes(text.replace(`∂f/∂A = ${n} I_n`, `∂f/∂A = ${n - 1} I_n`)), ['W401']);
});

test('a chain of 20,000 definitions: the derivation stops at its budget with a message, not a stack overflow', () => {
  const n = 20_000;
  const chain = Array.from({ length: n - 1 }, (_, i) => `S${i + 1} = S${i} + A`).join('\n');
  const a = analyze(`A : n x n\nS0 = A\n${chain}\nf = tr(S${n - 1})\n`, 'mcalc', { checkClaims: false });
  const out = gradient(a, 'f', 'A', { check: false });
  assert.ok(!out.ok);
  assert.match(out.message, /grew beyond \d+ steps/);
});
