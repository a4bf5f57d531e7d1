// `mcalc grad` as a user runs it: the built CLI as a process, every output format, NumPy output run by python3.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import katex from 'katex';

const CLI = 'dist/cli.js';
const KRON = 'examples/kronecker-trace.mcalc';

function mcalc(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

let dir = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'mcalc-grad-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('default output: the closed form, its shape and a passing check, for each grad line', () => {
  const r = mcalc('grad', KRON);
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines[0], '∂f/∂A = tr₁((Bᵀ ⊗ I_m) G, q)    (m×n)');
  assert.match(lines[1]!, /^ {2}numeric check: passed — relative error \d\.\de-\d+ against finite differences at m = \d, n = \d, p = \d, q = \d, k = \d \(seed 1, \d+ evaluations\)$/);
  assert.equal(lines[2], '∂f/∂B = tr₂(G (I_q ⊗ Aᵀ), m)    (p×q)');
  assert.equal(lines.at(-1), 'where G = (L + Lᵀ) S Hᵀ    ((p·m)×(q·n))');
});

test('--wrt A and --wrt B give the same gradients as --wrt A,B; --of names f', () => {
  const one = mcalc('grad', KRON, '--of', 'f', '--wrt', 'A', '--to', 'mcalc');
  const both = mcalc('grad', KRON, '--wrt', 'A,B', '--to', 'mcalc');
  const repeated = mcalc('grad', KRON, '--wrt', 'A', '--wrt', 'B', '--to', 'mcalc');
  assert.equal(one.stdout, '∂f/∂A = tr₁((Bᵀ ⊗ I_m) (L + Lᵀ) S Hᵀ, q)\n');
  assert.equal(both.stdout, repeated.stdout);
  assert.equal(both.stdout.split('\n')[0], one.stdout.trim());
});

test('--to mcalc pastes back into the file as claims that check clean', () => {
  const r = mcalc('grad', KRON, '--to', 'mcalc');
  const file = join(dir, 'claims.mcalc');
  writeFileSync(file, `${readFileSync(KRON, 'utf8')}\n${r.stdout}`);
  const check = mcalc('check', file);
  assert.equal(check.status, 0, check.stdout + check.stderr);
  assert.equal(check.stdout, '');
});

test('--to latex renders in KaTeX', () => {
  const r = mcalc('grad', KRON, '--to', 'latex');
  assert.equal(r.status, 0);
  for (const line of r.stdout.trim().split('\n')) katex.renderToString(line, { throwOnError: true, strict: 'error' });
  assert.match(r.stdout, /^\\frac\{\\partial f\}\{\\partial A\} = \\operatorname\{tr\}_\{1\}/);
});

test('--to latex names as the printer writes them, so the lines read back into a note as claims', () => {
  const block = '```mcalc\nA : n × n\nX : n × n\nf1 = tr(A X)\nnll = tr(Xᵀ A X)\n```\n';
  const file = join(dir, 'names.md');
  writeFileSync(file, block);
  const r = mcalc('grad', file, '--wrt', 'X', '--of', 'f1', '--to', 'latex');
  const s = mcalc('grad', file, '--wrt', 'X', '--of', 'nll', '--to', 'latex');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^\\frac\{\\partial f_\{1\}\}\{\\partial X\} = /);
  assert.match(s.stdout, /^\\frac\{\\partial \\mathrm\{nll\}\}\{\\partial X\} = /);
  const note = join(dir, 'names-claims.md');
  const claims = `${r.stdout}${s.stdout}`.trim().split('\n');
  writeFileSync(note, `${block}\n${claims.map((c) => `$$${c}$$\n`).join('\n')}`);
  assert.deepEqual(mcalc('check', note), { status: 0, stdout: '', stderr: '2 claims agree with the numbers in 1 file\n' });
  // Read back as claims, so a wrong one is found.
  writeFileSync(note, `${block}\n${claims.map((c) => `$$${c.replace(/ = /, ' = 2 ')}$$\n`).join('\n')}`);
  const wrong = mcalc('check', note);
  assert.equal((wrong.stdout.match(/\[W401\]/g) ?? []).length, 2, wrong.stdout);
});

test('--to numpy runs under NumPy alone and returns arrays of the variables\' shapes', () => {
  const r = mcalc('grad', KRON, '--to', 'numpy');
  assert.equal(r.status, 0, r.stderr);
  const file = join(dir, 'grad.py');
  writeFileSync(file, `${r.stdout}
rng = np.random.default_rng(0)
m, n, p, q, k = 2, 3, 4, 2, 3
A, B = rng.standard_normal((m, n)), rng.standard_normal((p, q))
H, L = rng.standard_normal((q * n, k)), rng.standard_normal((p * m, p * m))
print(grad_f_wrt_A(A, B, H, L).shape, grad_f_wrt_B(A, B, H, L).shape)
`);
  const py = spawnSync('python3', [file], { encoding: 'utf8' });
  assert.equal(py.status, 0, py.stderr);
  assert.equal(py.stdout.trim(), '(2, 3) (4, 2)');
  assert.equal(r.stdout.match(/^import /gm)?.length, 1, 'one import for both functions');
});

test('--to json: {of, wrt, shape, mcalc, latex, numpy, check, steps}', () => {
  const r = mcalc('grad', KRON, '--wrt', 'A', '--to', 'json', '--seed', '5');
  assert.equal(r.status, 0);
  const j = JSON.parse(r.stdout) as Record<string, unknown> & { check: Record<string, unknown>; steps: unknown[] };
  assert.equal(j.of, 'f');
  assert.equal(j.wrt, 'A');
  assert.equal(j.shape, 'm×n');
  assert.equal(j.mcalc, 'tr₁((Bᵀ ⊗ I_m) (L + Lᵀ) S Hᵀ, q)');
  assert.match(String(j.numpy), /^import numpy as np/);
  assert.equal(j.check.passed, true);
  assert.equal(j.check.seed, 5);
  assert.ok(typeof j.check.relError === 'number' && typeof j.check.evaluations === 'number');
  assert.deepEqual(Object.keys(j.check.sizes as object).sort(), ['k', 'm', 'n', 'p', 'q']);
  assert.equal(j.steps.length, 6);
});

test('Markdown notes: --of and --wrt over the mcalc blocks', () => {
  const r = mcalc('grad', 'examples/derivation-notes.md', '--of', 'f', '--wrt', 'B', '--to', 'mcalc');
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, '∂f/∂B = tr₂((L + Lᵀ) S Hᵀ (I_q ⊗ Aᵀ), m)\n');
});

test('usage errors exit 2 with a clear message', () => {
  const cases: [string[], RegExp][] = [
    [['grad', KRON, '--wrt', 'Z'], /Z is not a declared symbol/],
    [['grad', KRON, '--wrt', 'S'], /S is not a declared symbol/],
    [['grad', KRON, '--of', 'S', '--wrt', 'A'], /S is not a scalar/],
    [['grad', KRON, '--wrt', 'A', '--to', 'pdf'], /--to must be one of/],
    [['grad', KRON, '--wrt', 'A', '--seed', 'x'], /--seed must be a whole number/],
    [['grad', KRON, '--wrt', 'A', '--seed', ''], /--seed must be a whole number/],
    [['grad', KRON, '--wrt', 'A', '--tolerance', '7'], /--tolerance must be a number between 0 and 1/],
    [['grad', 'examples/nope.mcalc', '--wrt', 'A'], /cannot read examples\/nope.mcalc/],
    [['grad'], /name one file/],
  ];
  for (const [args, message] of cases) {
    const r = mcalc(...args);
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr, message);
  }
});

test('an error elsewhere in the file (a claim about another f) does not stop a gradient that does not read it', () => {
  const file = join(dir, 'elsewhere.mcalc');
  writeFileSync(file, 'A : m × n\nB : p × q\nf = tr(Aᵀ A)\ng = tr(Bᵀ B)\n∂g/∂B = A\n');
  const r = mcalc('grad', file, '--of', 'f', '--wrt', 'A', '--to', 'mcalc');
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, '∂f/∂A = 2 A\n');
  assert.match(r.stderr, /^mcalc grad: 1 error elsewhere in .*elsewhere\.mcalc \(mcalc check .* lists them\)\n$/);
  // What the gradient reads does stop it: a redefinition of f or of a symbol it reads, a broken fact on its size.
  // (n = k - k was no error at all, and grad ended in an internal error; so did sizes that later facts make 0 or less.
  // A misspelt property on X is X's error too.)
  for (const text of ['X : n × n\nA : n × n\nf = tr(X)\nf = tr(A X)\n', 'X : n × n\nA : n × n\nf = tr(A X)\nA = X X\n',
    'X : n × n\nn = 0\nf = n tr(X X)\n', 'X : n × n\nn = k - k\nf = tr(X X)\n', 'X : n × k\nn = k - p\nk = p\nf = sum(X)\n',
    'X : n × k\nn = k - 3\nk = 2\nf = sum(X)\n', 'X : (n - m) × n\nm = n\nf = sum(X)\n', 'X : n × n, symetric\nA : n × n\nf = tr(A X)\n']) {
    writeFileSync(file, text);
    const t = mcalc('grad', file, '--of', 'f', '--wrt', 'X');
    assert.equal(t.status, 1, text);
    assert.match(t.stderr, /fix the errors above first/);
  }
  // g's own definition broken.
  writeFileSync(file, 'A : m × n\nB : p × q\nf = tr(Aᵀ A)\ng = tr(B A)\n');
  const s = mcalc('grad', file, '--of', 'g', '--wrt', 'B');
  assert.equal(s.status, 1);
  assert.match(s.stderr, /fix the errors above first/);
});

test('a file with errors is reported and not differentiated (exit 1)', () => {
  const file = join(dir, 'bad.mcalc');
  writeFileSync(file, readFileSync(KRON, 'utf8').replace('H : (q·n) × k', 'H : (p·n) × k'));
  const r = mcalc('grad', file, '--wrt', 'A');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /bad\.mcalc:7:5: error: matrix product/);
  assert.match(r.stderr, /fix the errors above first/);
});

test('a symmetric variable: the convention is stated, and --symmetric symmetric gives sym(G)', () => {
  const file = join(dir, 'sym.mcalc');
  writeFileSync(file, 'X : n × n, symmetric\nA : n × n\nf = tr(A X)\n');
  const plain = mcalc('grad', file, '--wrt', 'X');
  assert.match(plain.stdout, /∂f\/∂X = Aᵀ/);
  // The CLI's own switch, not the editor's setting; no letter that a `where G = …` could also name.
  assert.match(plain.stdout, /unconstrained gradient.* \(--symmetric unconstrained\|symmetric\)\n/);
  assert.doesNotMatch(plain.stdout, /setting|\bG\b/);
  const sym = mcalc('grad', file, '--wrt', 'X', '--symmetric', 'symmetric', '--to', 'mcalc');
  assert.equal(sym.stdout, '∂f/∂X = (A + Aᵀ) / 2\n');
});
