// Generator (c): random well-typed scalar functions over matrices of symbolic sizes n, m and n·m — products, sums,
// transposes, Hadamard products, entry-wise functions, inverses, (log-)determinants, traces and partial traces,
// vec/unvec, diag and Kronecker products — built by shape, so every one of them types. It widens the square-only
// generator of test/unit/gradient-property.test.ts to rectangular and Kronecker shapes.
import fc from 'fast-check';

/** The sizes: n, m, their product (written n·m), and 1. */
export type Dim = 'n' | 'm' | 'nm' | '1';
const DIMS: readonly Dim[] = ['n', 'm', 'nm', '1'];

/** The declarations every generated function may use. */
export const DECLARATIONS: readonly string[] = [
  'X : n × n', 'Q : n × n, symmetric', 'S : n × n, spd', 'Y : m × m', 'T : m × m, spd', 'A : n × m', 'B : m × n',
  'P : n × m, positive', 'x : vector n', 'y : vector m', 's : scalar, positive', 'K : (n·m) × (n·m)', 'k : vector (n·m)',
];

/** The declared symbols, which are the variables a gradient may be taken with respect to. */
export const SYMBOLS: readonly string[] = DECLARATIONS.map((d) => d.split(' ')[0]!);

const COLUMN: Readonly<Record<Dim, string>> = { n: 'x', m: 'y', nm: 'k', 1: 's' };

/** The named leaves of each shape; shapes without one are outer products of column vectors. */
const LEAVES: Readonly<Record<string, readonly string[]>> = {
  'n×n': ['X', 'Q', 'S', 'I_n', 'X'],
  'm×m': ['Y', 'T', 'I_m'],
  'n×m': ['A', 'P'],
  'm×n': ['B'],
  'nm×nm': ['K', 'I(n·m)'],
  'nm×1': ['k', 'vec(A)', 'vec(B)'],
  'n×1': ['x', 'ones(n)'],
  'm×1': ['y'],
  '1×1': ['s', 's', '0.5', '2'],
};

function leaves(r: Dim, c: Dim): readonly string[] {
  const named = LEAVES[`${r}×${c}`];
  if (named) return named;
  if (c === '1') return [COLUMN[r]];
  if (r === '1') return [`${COLUMN[c]}ᵀ`];
  return [`${COLUMN[r]} ${COLUMN[c]}ᵀ`];
}

/** a·b within the sizes we use, or null (n·n is not one of them). */
function times(a: Dim, b: Dim): Dim | null {
  if (a === '1') return b;
  if (b === '1') return a;
  return (a === 'n' && b === 'm') || (a === 'm' && b === 'n') ? 'nm' : null;
}

/** The ways of writing d as a product of two sizes. */
function splits(d: Dim): Array<[Dim, Dim]> {
  const out: Array<[Dim, Dim]> = [];
  for (const a of DIMS) for (const b of DIMS) if (times(a, b) === d) out.push([a, b]);
  return out;
}

const SIZE_TEXT: Readonly<Record<Dim, string>> = { n: 'n', m: 'm', nm: 'n·m', 1: '1' };
const IDENTITY: Readonly<Record<Dim, string>> = { n: 'I_n', m: 'I_m', nm: 'I(n·m)', 1: '1' };
/** A symmetric positive definite matrix of each square size, to keep inverses and log-determinants well posed. */
const SPD: Readonly<Record<Dim, string>> = { n: 'S', m: 'T', nm: '3 I(n·m)', 1: 's' };

type Gen = fc.Arbitrary<string>;

const made = new Map<string, Gen>();

/** An expression of shape r×c, at most `depth` operators deep (arbitraries are immutable: each is built once). */
export function expr(r: Dim, c: Dim, depth: number): Gen {
  const key = `${r}×${c}@${depth}`;
  let g = made.get(key);
  if (!g) made.set(key, (g = build(r, c, depth)));
  return g;
}

function build(r: Dim, c: Dim, depth: number): Gen {
  const leaf = fc.constantFrom(...leaves(r, c));
  if (depth <= 0) return leaf;
  const sub = (rr: Dim, cc: Dim): Gen => expr(rr, cc, depth - 1);
  const p = (g: Gen): Gen => g.map((e) => `(${e})`);
  const options: Array<fc.WeightedArbitrary<string>> = [
    { weight: 4, arbitrary: leaf },
    { weight: 3, arbitrary: fc.constantFrom(...DIMS).chain((k) => fc.tuple(p(sub(r, k)), p(sub(k, c))).map(([a, b]) => `${a} ${b}`)) },
    { weight: 2, arbitrary: fc.tuple(p(sub(r, c)), p(sub(r, c))).map(([a, b]) => `${a} + ${b}`) },
    { weight: 1, arbitrary: fc.tuple(p(sub(r, c)), p(sub(r, c))).map(([a, b]) => `${a} - 2 ${b}`) },
    { weight: 1, arbitrary: fc.tuple(p(sub(r, c)), p(sub(r, c))).map(([a, b]) => `${a} ⊙ ${b}`) },
    { weight: 2, arbitrary: p(sub(c, r)).map((a) => `${a}ᵀ`) },
    { weight: 1, arbitrary: fc.tuple(p(sub('1', '1')), p(sub(r, c))).map(([a, b]) => `${a} ${b}`) },
    { weight: 1, arbitrary: p(sub(r, c)).map((a) => `${a} / s`) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('tanh', 'sin', 'cos', 'sigmoid', 'exp'), sub(r, c)).map(([f, a]) => `${f}(${a})`) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('.^2', '.^3'), p(sub(r, c))).map(([k, a]) => `${a}${k}`) },
  ];
  // Entry-wise functions that need positive arguments get them from a positive symbol.
  if (r === 'n' && c === 'm') {
    options.push({ weight: 1, arbitrary: fc.constantFrom('log(P)', 'sqrt(P)', 'P.^0.5') });
    options.push({ weight: 1, arbitrary: p(sub(r, c)).map((a) => `${a} ./ P`) });
    options.push({ weight: 1, arbitrary: p(sub('nm', '1')).map((v) => `unvec(${v}, n, m)`) });
  }
  if (r === c) {
    options.push({ weight: 1, arbitrary: p(sub(r, r)).map((a) => `${a}^2`) });
    options.push({ weight: 1, arbitrary: fc.constantFrom(...DIMS).chain((k) => sub(r, k)).map((a) => `inv(${SPD[r]} + (${a}) (${a})ᵀ)`) });
    if (r !== '1') options.push({ weight: 1, arbitrary: sub(r, '1').map((v) => `diag(${v})`) });
  }
  if (c === '1' && r !== '1') options.push({ weight: 1, arbitrary: sub(r, r).map((a) => `diag(${a})`) });
  if (r === 'nm' && c === '1') options.push({ weight: 1, arbitrary: fc.constantFrom<[Dim, Dim]>(['n', 'm'], ['m', 'n']).chain(([a, b]) => sub(a, b)).map((a) => `vec(${a})`) });
  // Kronecker products: (a×b) ⊗ (c×d) is (a·c)×(b·d).
  const rs = splits(r);
  const cs = splits(c);
  options.push({
    weight: r === 'nm' || c === 'nm' ? 3 : 1,
    arbitrary: fc.tuple(fc.constantFrom(...rs), fc.constantFrom(...cs)).chain(([[r1, r2], [c1, c2]]) =>
      fc.tuple(p(sub(r1, c1)), p(sub(r2, c2))).map(([a, b]) => `${a} ⊗ ${b}`)),
  });
  // Partial traces: tr₁ of a (o·r)×(o·c) matrix, tr₂ of an (r·o)×(c·o) one, is r×c.
  for (const o of ['n', 'm'] as const) {
    const rr = times(o, r);
    const cc = times(o, c);
    if (rr && cc && rr !== '1') {
      options.push({ weight: 1, arbitrary: sub(rr, cc).map((a) => `tr₁(${a}, ${SIZE_TEXT[o]})`) });
      options.push({ weight: 1, arbitrary: sub(rr, cc).map((a) => `tr₂(${a}, ${SIZE_TEXT[o]})`) });
    }
  }
  return fc.oneof(...options);
}

/** A scalar function: a scalar expression under one of the usual roots (trace, sums, norms, forms, logdet …). */
export function scalarFunction(depth: number): Gen {
  const any = fc.constantFrom(...DIMS);
  const square = any.chain((k) => expr(k, k, depth).map((e) => ({ k, e })));
  const pair = fc.tuple(any, any).chain(([r, c]) => fc.tuple(expr(r, c, depth), expr(r, c, depth)));
  return fc.oneof(
    square.map(({ e }) => `tr(${e})`),
    pair.map(([a]) => `sum(${a})`),
    pair.map(([a]) => `norm(${a})^2`),
    pair.map(([a]) => `‖${a}‖`),
    pair.map(([a, b]) => `⟨${a}, ${b}⟩`),
    pair.map(([a, b]) => `(${a}) : (${b})`),
    pair.map(([a, b]) => `sum((${a}) ⊙ (${b}))`),
    fc.tuple(any, any).chain(([r, c]) => expr(r, c, depth).map((e) => `${COLUMN[r]}ᵀ (${e}) ${COLUMN[c]}`)),
    any.chain((k) => fc.tuple(fc.constant(k), fc.constantFrom(...DIMS)).chain(([kk, j]) => expr(kk, j, depth).map((e) => ({ kk, e }))))
      .map(({ kk, e }) => `logdet(${SPD[kk]} + (${e}) (${e})ᵀ)`),
    square.map(({ k, e }) => `det(${IDENTITY[k]} + 0.1 (${e}))`),
    fc.constantFrom<[Dim, Dim]>(['n', 'm'], ['m', 'n']).chain(([p, q]) => fc.tuple(expr(p, p, depth), expr(q, q, depth)))
      .map(([a, b]) => `tr(K ((${a}) ⊗ (${b})))`),
    expr('1', '1', depth),
  );
}

export interface TypedInput {
  /** The right-hand side of `f = …`, in mcalc. */
  readonly f: string;
  /** Which of the symbols f uses to differentiate by (an index into them, taken modulo their count). */
  readonly pick: number;
  /** How the function is written down. */
  readonly form: 'mcalc' | 'markdown-fence' | 'markdown-math';
}

const FUNCTIONS: readonly Gen[] = [1, 2, 3].map(scalarFunction);

export const typedInput: fc.Arbitrary<TypedInput> = fc.record({
  f: fc.oneof(...FUNCTIONS),
  pick: fc.nat(),
  form: fc.constantFrom<TypedInput['form']>('mcalc', 'markdown-fence', 'markdown-math'),
});
