// Random points of the numeric check: reproducible from a seed, sizes honouring the facts, values honouring properties.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../server/src/core';
import { evaluate } from '../../server/src/core/numeric/evaluate';
import * as M from '../../server/src/core/numeric/matrix';
import { chooseSizes, mulberry32, nextSizes, Random, randomPoint } from '../../server/src/core/numeric/random';

const noCheck = { checkClaims: false } as const;

test('mulberry32 and Random are reproducible from a seed', () => {
  const a = mulberry32(42);
  const b = mulberry32(42);
  const xs = Array.from({ length: 100 }, () => a());
  assert.deepEqual(Array.from({ length: 100 }, () => b()), xs);
  assert.ok(xs.every((x) => x >= 0 && x < 1));
  assert.notDeepEqual(Array.from({ length: 100 }, mulberry32(43)), xs);
  const r1 = new Random(7);
  const r2 = new Random(7);
  for (let i = 0; i < 50; i++) assert.equal(r1.normal(), r2.normal());
  // Neighbouring seeds start far apart.
  assert.notEqual(new Random(1).random(), new Random(2).random());
});

test('chooseSizes: small, distinct for up to four free symbols, reproducible', () => {
  const a = analyze('A : m × n\nB : n × p\nC : p × q\n', 'mcalc', noCheck);
  for (let seed = 1; seed <= 50; seed++) {
    const sizes = chooseSizes(a, seed);
    const v = ['m', 'n', 'p', 'q'].map((k) => sizes.get(k)!);
    assert.ok(v.every((x) => x >= 2 && x <= 5), `${v}`);
    assert.equal(new Set(v).size, 4, `distinct at seed ${seed}: ${v}`);
    assert.deepEqual(chooseSizes(a, seed), sizes);
  }
});

test('chooseSizes honours size facts', () => {
  const a = analyze('A : m × n\nB : n × p\nk : scalar\nn = 3\nm = p\n', 'mcalc', noCheck);
  for (let seed = 1; seed <= 30; seed++) {
    const sizes = chooseSizes(a, seed);
    assert.equal(sizes.get('n'), 3);
    assert.equal(sizes.get('m'), sizes.get('p'));
    assert.ok(sizes.get('m')! >= 2 && sizes.get('m')! <= 5);
  }
  const b = analyze('A : m × n\nm = 2 n\n', 'mcalc', noCheck);
  for (let seed = 1; seed <= 10; seed++) {
    const sizes = chooseSizes(b, seed);
    assert.equal(sizes.get('m'), 2 * sizes.get('n')!);
  }
});

test('chooseSizes with more free symbols than small sizes still stays small', () => {
  const a = analyze('A : m × n\nB : p × q\nH : (q·n) × k\n', 'mcalc', noCheck);
  const sizes = chooseSizes(a, 3);
  assert.equal(sizes.size, 5);
  for (const v of sizes.values()) assert.ok(v >= 2 && v <= 5);
});

test('nextSizes: every free size one larger, facts honoured again; none without a free size or with an empty shape', () => {
  const a = analyze('A : m × n\nB : n × p\nC : k × k\nk = 2 n\nq = 3\nD : q × q\n', 'mcalc', noCheck);
  for (let seed = 1; seed <= 20; seed++) {
    const first = chooseSizes(a, seed);
    const next = nextSizes(a, first)!;
    for (const name of ['m', 'n', 'p']) assert.equal(next.get(name), first.get(name)! + 1, `${name} at seed ${seed}`);
    assert.equal(next.get('k'), 2 * next.get('n')!);
    assert.equal(next.get('q'), 3);
  }
  assert.equal(nextSizes(analyze('X : n × n\nn = 4\n', 'mcalc', noCheck), new Map([['n', 4]])), undefined);
  // One larger leaves a vector of m − 2n entries empty (m = 6, n = 3): other sizes, each free one another, that fit.
  const d = analyze('A : m × n\nz : vector (m - 2 n)\n', 'mcalc', noCheck);
  for (let seed = 1; seed <= 20; seed++) {
    const other = nextSizes(d, new Map([['m', 5], ['n', 2]]), seed)!;
    assert.ok(other.get('m') !== 5 && other.get('n') !== 2 && other.get('m')! - 2 * other.get('n')! >= 1, `${[...other]}`);
  }
  // A vector of m − n entries keeps them.
  const b = analyze('A : m × n\nz : vector (m - n)\n', 'mcalc', noCheck);
  assert.deepEqual(nextSizes(b, new Map([['m', 4], ['n', 2]])), new Map([['m', 5], ['n', 3]]));
  // A fact k = n − 3 has no size at n = 3: other sizes, where it has one.
  const c = analyze('A : m × n\nk = n - 3\nB : k × k\n', 'mcalc', noCheck);
  const other = nextSizes(c, new Map([['m', 5], ['n', 2]]))!;
  assert.ok(other.get('m') !== 5 && other.get('n')! >= 4 && other.get('k') === other.get('n')! - 3, `${[...other]}`);
  // Drawn from 2…8 they are distinct too: m = n would let a claim that confuses them pass.
  const e = analyze('A : m × n\nz : vector (m - 2 n)\nX : k × k\n', 'mcalc', noCheck);
  for (let seed = 1; seed <= 200; seed++) {
    const first = chooseSizes(e, seed);
    assert.equal(new Set(['m', 'n', 'k'].map((x) => first.get(x))).size, 3, `chooseSizes at seed ${seed}: ${[...first]}`);
    const other = nextSizes(e, first, seed);
    if (other) assert.equal(new Set(['m', 'n', 'k'].map((x) => other.get(x))).size, 3, `nextSizes at seed ${seed}: ${[...other]}`);
  }
  // No sizes fit at all: none.
  assert.equal(nextSizes(analyze('A : m × n\nz : vector (n - m - 9)\n', 'mcalc', noCheck), new Map([['m', 2], ['n', 3]])), undefined);
});

const DOC = `S : n × n, symmetric
P : n × n, spd
Z : m × n, positive
D : n × n, diagonal
Q : n × n, orthogonal
V : n × n, invertible
W : n × n, symmetric, positive
O : n × n, orthogonal, symmetric
s : scalar, positive
x : vector n
`;

const isSymmetric = (a: M.Matrix): boolean => M.toRows(a).every((row, i) => row.every((v, j) => v === M.at(a, j, i)));

function cond(a: M.Matrix): number {
  const inv = M.inverseOf(M.lu(a));
  return inv ? M.norm1(a) * M.norm1(inv) : Infinity;
}

function positiveDefinite(a: M.Matrix): boolean {
  for (let k = 1; k <= a.rows; k++) {
    const lead = M.fromRows(M.toRows(a).slice(0, k).map((row) => row.slice(0, k)));
    if (!(M.determinant(M.lu(lead)) > 0)) return false;
  }
  return true;
}

test('random points honour every property, over 200 seeds', () => {
  const a = analyze(DOC, 'mcalc', noCheck);
  const logdetP = analyze(`${DOC}f = logdet(P)\n`, 'mcalc', noCheck).symbols.get('f')!.value!;
  for (let seed = 1; seed <= 200; seed++) {
    const sizes = chooseSizes(a, seed);
    const n = sizes.get('n')!;
    const p = randomPoint(a, sizes, new Random(seed));
    assert.ok(isSymmetric(p.get('S')!), 'symmetric');
    assert.ok(isSymmetric(p.get('P')!), 'spd is symmetric');
    const ld = evaluate(logdetP, { sizes, values: p, definitions: new Map() });
    assert.ok(ld.ok && Number.isFinite(ld.value.data[0]), `logdet of the spd point is finite at seed ${seed}`);
    assert.ok(positiveDefinite(p.get('P')!), 'spd: every leading minor positive (Sylvester)');
    const z = p.get('Z')!;
    assert.equal(z.rows, sizes.get('m'));
    assert.ok(z.data.every((v) => v >= 0.5 && v <= 2), 'positive entries in [0.5, 2]');
    const d = p.get('D')!;
    assert.ok(M.toRows(d).every((row, i) => row.every((v, j) => (i === j ? Math.abs(v) >= 0.5 : v === 0))), 'diagonal');
    for (const name of ['Q', 'O']) {
      const q = p.get(name)!;
      const qtq = M.matmul(M.transpose(q), q);
      assert.ok(M.sub(qtq, M.identity(n)).data.every((v) => Math.abs(v) < 1e-12), `${name} orthogonal at seed ${seed}`);
    }
    assert.ok(isSymmetric(p.get('O')!), 'orthogonal and symmetric');
    assert.ok(cond(p.get('V')!) < 10, 'invertible points are well conditioned');
    const w = p.get('W')!;
    assert.ok(isSymmetric(w) && w.data.every((v) => v > 0), 'symmetric and positive');
    assert.ok(p.get('s')!.data[0]! > 0, 'positive scalar');
    assert.equal(p.get('x')!.cols, 1);
  }
});

test('random points are reproducible from the seed', () => {
  const a = analyze(DOC, 'mcalc', noCheck);
  const sizes = chooseSizes(a, 5);
  const p1 = randomPoint(a, sizes, new Random(5));
  const p2 = randomPoint(a, sizes, new Random(5));
  for (const [k, v] of p1) assert.deepEqual(M.toRows(p2.get(k)!), M.toRows(v));
  const p3 = randomPoint(a, sizes, new Random(6));
  assert.notDeepEqual(M.toRows(p3.get('x')!), M.toRows(p1.get('x')!));
});

test('tame points: positive entries and square matrices with a positive determinant', () => {
  const a = analyze('X : n × n\ny : vector n\nS : n × n, symmetric\n', 'mcalc', noCheck);
  for (let seed = 1; seed <= 100; seed++) {
    const sizes = chooseSizes(a, seed);
    const p = randomPoint(a, sizes, new Random(seed), { tame: true });
    for (const name of ['X', 'S']) {
      const x = p.get(name)!;
      assert.ok(x.data.every((v) => v > 0), `${name} positive`);
      assert.ok(M.determinant(M.lu(x)) > 0, `${name} det > 0`);
    }
    assert.ok(isSymmetric(p.get('S')!));
    assert.ok(p.get('y')!.data.every((v) => v > 0));
  }
});
