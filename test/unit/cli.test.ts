// The built command line (`node dist/cli.js`, made by `npm run build`) run as a process: output formats and exit codes.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

const CLI = 'dist/cli.js';

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function mcalc(...args: string[]): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 30_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

let dir = '';
let bad = '';
let hint = '';

before(() => {
  assert.ok(existsSync(CLI), `${CLI} is missing: run \`npm run build\` first`);
  dir = mkdtempSync(join(tmpdir(), 'mcalc-cli-'));
  bad = join(dir, 'bad-h.mcalc');
  writeFileSync(bad, readFileSync('examples/kronecker-trace.mcalc', 'utf8').replace('H : (q·n) × k', 'H : (p·n) × k'));
  hint = join(dir, 'hint.mcalc');
  writeFileSync(hint, 'A : m x n\nB : p x q\nC : q x r\nK = A ⊗ B C\n');
});

after(() => rmSync(dir, { recursive: true, force: true }));

const E201 = 'matrix product: B ⊗ A is (p·m)×(q·n) (B is p×q, A is m×n), so H needs q·n rows, but H is (p·n)×k';

describe('mcalc check', () => {
  test('a byte order mark is not read as text: the file checks clean, and a fence on line 1 still opens a block', () => {
    const file = join(dir, 'bom.mcalc');
    writeFileSync(file, '\uFEFFA : m × n\nB : n × p\nC = A B\n');
    assert.deepEqual(mcalc('check', file), { status: 0, stdout: '', stderr: '' });
    const note = join(dir, 'bom.md');
    writeFileSync(note, '\uFEFF```mcalc\nA : m × n\nC = A A\n```\n');
    const r = mcalc('check', note);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /^.*bom\.md:3:5: error: .*\[E201\]\n$/);
  });

  test('output into a pipe closed early (`| head -1`) ends quietly, without a stack trace', () => {
    // Far more than a pipe's buffer (64 KB), so the writes after head has gone fail.
    const file = join(dir, 'many-errors.mcalc');
    writeFileSync(file, Array.from({ length: 3000 }, (_, i) => `f${i} = undeclared${i}\n`).join(''));
    const r = spawnSync('bash', ['-c', `"${process.execPath}" ${CLI} check "${file}" | head -1`], { encoding: 'utf8', timeout: 30_000 });
    assert.equal(r.status, 0);
    assert.match(r.stdout, /many-errors\.mcalc:1:6: error: 'undeclared0' is not declared/);
    // At most the summary, which goes to stderr before the output is written out.
    assert.doesNotMatch(r.stderr, /EPIPE|Error|\n\s+at /);
  });

  test('a clean file: exit 0 and no output', () => {
    const r = mcalc('check', 'examples/kronecker-trace.mcalc');
    assert.deepEqual(r, { status: 0, stdout: '', stderr: '' });
  });

  test('every shared example is clean', () => {
    const r = mcalc('check', 'examples/kronecker-trace.mcalc', 'examples/least-squares.mcalc',
      'examples/gaussian-likelihood.mcalc', 'examples/derivation-notes.md');
    assert.deepEqual(r, { status: 0, stdout: '', stderr: '' });
  });

  test('the bad H case: exit 1, FILE:LINE:COL: error: message [CODE] with 1-based line 7', () => {
    const r = mcalc('check', bad);
    assert.equal(r.status, 1);
    assert.equal(r.stdout, `${bad}:7:5: error: ${E201} [E201]\n`);
    assert.equal(r.stderr, '1 error, 0 warnings in 1 file\n');
  });

  test('--json: an array of {file, range (0-based), severity, code, message}', () => {
    const r = mcalc('check', bad, '--json');
    assert.equal(r.status, 1);
    assert.deepEqual(JSON.parse(r.stdout), [{
      file: bad,
      range: { start: { line: 6, character: 4 }, end: { line: 6, character: 13 } },
      severity: 'error',
      code: 'E201',
      message: E201,
    }]);
  });

  test('--json on a clean file prints an empty array', () => {
    const r = mcalc('check', '--json', 'examples/least-squares.mcalc');
    assert.equal(r.status, 0);
    assert.deepEqual(JSON.parse(r.stdout), []);
  });

  test('a claim the numbers contradict fails the check (exit 1), with the gradient mcalc derives as a note', () => {
    const file = join(dir, 'det.mcalc');
    // Right at n = 2 only (Cayley–Hamilton): the check's second sizes find it out whatever the first were.
    writeFileSync(file, 'X : n × n\nf = det(X)\n∂f/∂X = tr(X) I - Xᵀ\n');
    const r = mcalc('check', file);
    assert.equal(r.status, 1);
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 2, r.stdout);
    assert.match(lines[0]!, /det\.mcalc:3:1: warning: ∂f\/∂X = tr\(X\) I - Xᵀ disagrees with the numbers: relative error .* at sizes n = [3-6] \(seed 1\) \[W401\]$/);
    assert.equal(lines[1], `${file}:3:1: note: mcalc derives ∂f/∂X = det(X) X⁻ᵀ`);
    assert.equal(r.stderr, '0 errors, 1 warning (1 claim: 1 disagrees) in 1 file\n');
    const json = JSON.parse(mcalc('check', file, '--json').stdout) as { code: string; derived?: string }[];
    assert.deepEqual(json.map((d) => [d.code, d.derived]), [['W401', '∂f/∂X = det(X) X⁻ᵀ']]);
    // The right claim passes, and the file checks clean; the summary says a claim was read and agrees (silence alone
    // could not tell it from a claim never read), and counts one that could not be checked apart.
    writeFileSync(file, 'X : n × n\nf = det(X)\n∂f/∂X = det(X) inv(X)ᵀ\n');
    assert.deepEqual(mcalc('check', file), { status: 0, stdout: '', stderr: '1 claim agrees with the numbers in 1 file\n' });
    writeFileSync(file, 'X : n × n\nf = det(X)\n∂f/∂X = det(X) inv(X)ᵀ\n∂f/∂X = 2 X\nA : n × n\ng = tr(A X)\n∂g/∂X = B\n');
    const mixed = mcalc('check', file);
    assert.equal(mixed.status, 1);
    assert.match(mixed.stderr, /^1 error, 1 warning \(3 claims: 1 agrees with the numbers, 1 disagrees, 1 not checked\) in 1 file\n$/);
  });

  test('--symmetric symmetric: claims on a symmetric X are gradients within symmetric matrices', () => {
    const file = join(dir, 'sym.mcalc');
    writeFileSync(file, 'A : n × n\nX : n × n, symmetric\nf = tr(A X)\n∂f/∂X = (A + Aᵀ) / 2\n');
    const plain = mcalc('check', file);
    assert.equal(plain.status, 1);
    assert.match(plain.stdout, /It agrees along symmetric directions.*\[W401\]\n.*note: mcalc derives ∂f\/∂X = Aᵀ\n$/);
    assert.deepEqual(mcalc('check', file, '--symmetric', 'symmetric'),
      { status: 0, stdout: '', stderr: '1 claim agrees with the numbers in 1 file\n' });
    const bad = mcalc('check', file, '--symmetric', 'both');
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--symmetric must be unconstrained or symmetric/);
  });

  test('--tolerance and --seed reach the claims\' check; bad values are usage errors', () => {
    const file = join(dir, 'tol.mcalc');
    // The missing 2e-6 x is about 1e-6 of the gradient: within the default tolerance, not within 1e-9.
    writeFileSync(file, 'A : m × n\nx : vector n\nb : vector m\nh = norm(A x - b)^2 + 0.000001 xᵀ x\n∂h/∂x = 2 Aᵀ (A x - b)\n');
    assert.equal(mcalc('check', file, '--tolerance', '1e-9').status, 1);
    const seeded = mcalc('check', file, '--tolerance', '1e-9', '--seed', '7');
    assert.match(seeded.stdout, /\(seed 7\) \[W401\]/);
    for (const [flag, value] of [['--tolerance', '2'], ['--tolerance', 'x'], ['--tolerance', ''], ['--seed', '1.5'], ['--seed', ''], ['--seed', '1e3'], ['--seed', '99999999999999999999']] as const) {
      const r = mcalc('check', file, flag, value);
      assert.equal(r.status, 2, `${flag} ${value}`);
      assert.match(r.stderr, new RegExp(`${flag} must be`));
    }
  });

  test('a hint alone is printed but is not an error: exit 0', () => {
    const r = mcalc('check', hint);
    assert.equal(r.status, 0);
    assert.match(r.stdout, new RegExp(`^${hint.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:4:9: hint: .* \\[H501\\]\\n$`));
    const json = JSON.parse(mcalc('check', hint, '--json').stdout) as { severity: string }[];
    assert.deepEqual(json.map((d) => d.severity), ['hint']);
  });

  test('a Markdown file: lines and columns are the Markdown file\'s own', () => {
    const file = 'test/fixtures/markdown/fences.md';
    const r = mcalc('check', file);
    assert.equal(r.status, 1);
    assert.deepEqual(r.stdout.trimEnd().split('\n').map((l) => /^(.*?:\d+:\d+): (\w+): .* \[(\w+)\]$/.exec(l)?.slice(1).join(' ')), [
      `${file}:20:9 error E211`,
      `${file}:27:7 error E201`,
      `${file}:34:8 error E201`,
      `${file}:39:5 error E002`,
    ]);
  });

  test('several files at once: each diagnostic names its file; the summary counts the files', () => {
    const r = mcalc('check', 'examples/least-squares.mcalc', bad, 'test/fixtures/markdown/shared-scope.md');
    assert.equal(r.status, 1);
    const lines = r.stdout.trimEnd().split('\n');
    assert.deepEqual(lines.map((l) => l.replace(/: error: .*\[(\w+)\]$/, ' $1')), [
      `${bad}:7:5 E201`,
      'test/fixtures/markdown/shared-scope.md:7:7 E101',
      'test/fixtures/markdown/shared-scope.md:21:18 E101',
    ]);
    assert.equal(r.stderr, '3 errors, 0 warnings in 3 files\n');
  });

  test('a missing file: exit 2 with a clear message, and the other files are still checked', () => {
    const r = mcalc('check', join(dir, 'nope.mcalc'));
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, `mcalc: cannot read ${join(dir, 'nope.mcalc')}: no such file\n`);
    const both = mcalc('check', join(dir, 'nope.mcalc'), bad);
    assert.equal(both.status, 2);
    assert.match(both.stdout, /\[E201\]/);
    // The summary counts the files read.
    assert.match(both.stderr, / in 1 file\n$/);
  });

  test('a directory is not a file: exit 2', () => {
    const r = mcalc('check', dir);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /cannot read .*: is a directory/);
  });

  test('check without files: exit 2', () => {
    const r = mcalc('check');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /name at least one file/);
  });
});

describe('mcalc usage', () => {
  test('a bad option: exit 2, naming the option and pointing at --help', () => {
    const r = mcalc('check', '--frobnicate', bad);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /--frobnicate/);
    assert.match(r.stderr, /mcalc --help/);
  });

  test('an unknown command: exit 2', () => {
    const r = mcalc('frobnicate');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /unknown command 'frobnicate'/);
  });

  test('--help: exit 0, usage on stdout', () => {
    for (const flag of ['--help', '-h']) {
      const r = mcalc(flag);
      assert.equal(r.status, 0);
      assert.match(r.stdout, /^mcalc .*\n\nUsage:\n/);
      assert.match(r.stdout, /mcalc check FILE/);
      assert.equal(r.stderr, '');
    }
  });

  test('no arguments: the usage on stderr, exit 2', () => {
    const r = mcalc();
    assert.equal(r.status, 2);
    assert.match(r.stderr, /Usage:/);
  });

  test("--version prints package.json's version", () => {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    for (const flag of ['--version', '-v']) assert.deepEqual(mcalc(flag), { status: 0, stdout: `${version}\n`, stderr: '' });
  });
});
