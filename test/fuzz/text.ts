// Generator (a): random text — mcalc's own operators and words, brackets, line breaks of every kind, `$`, backticks,
// LaTeX commands, odd Unicode (lone surrogates, combining marks, bidi controls) and long runs of any of it.
import fc from 'fast-check';

/** Pieces that mean something to the lexer, the parser, the LaTeX reader or the Markdown scanner. */
const PIECES: readonly string[] = [
  // operators and their ASCII spellings
  '⊗', '⊙', '∘', 'ᵀ', '⁻¹', '⁻ᵀ', '·', '⋅', '×', '∂', '‖', 'ℝ', '∈', '⟨', '⟩', '′', '−', '²', '³', '¹⁰', '₁', '₂',
  "'", '^T', '^-1', '^{-1}', '^{T}', '^2', '^', '.^', '.*', './', '*', '/', '+', '-', ':', '=', ',', '_', '|', '||',
  // brackets, open and closed, matched or not
  '(', ')', '[', ']', '{', '}', '((', '))',
  // line structure
  '\n', '\n', '\r\n', '\r', '\t', ' ', ' ', '  ', '\u00a0', '\u2028', '#', '# comment\n', '\\\n',
  // Markdown and math delimiters
  '$', '$$', '\\$', '`', '```', '```mcalc\n', '~~~mcalc\n', '```\n', '> ', '- ', '    ',
  // LaTeX
  '\\', '\\otimes', '\\bigotimes', '\\odot', '\\circ', '\\cdot', '\\times', '\\top', '\\intercal', '\\partial',
  '\\frac{', '\\frac{\\partial f}{\\partial X}', '\\mathrm{tr}', '\\operatorname{', '\\mathbb{R}', '\\in', '\\left(',
  '\\right)', '\\left\\|', '\\right\\|', '\\lVert', '\\rVert', '\\langle', '\\rangle', '\\begin{pmatrix}',
  '\\end{pmatrix}', '\\\\', '&', '\\text{', '\\href{javascript:alert(1)}{x}', '\\alpha', '\\Sigma', '\\log', '\\det',
  '\\quad', '\\,', '\\{', '\\}', '\\mathbf{', '\\boldsymbol{', '\\hat', '\\sqrt{', '\\sum_{i=1}^n', '\\nabla',
  // words
  'grad', 'wrt', 'grad f wrt ', 'tr', 'Tr', 'tr₁', 'tr_2', 'kron', 'det', 'logdet', 'inv', 'vec', 'unvec', 'diag', 'sum',
  'norm', 'exp', 'log', 'sin', 'cos', 'tanh', 'sigmoid', 'sqrt', 'ones', 'zeros', 'I', 'I_n', 'I(', 'eye', 'scalar',
  'vector', 'by', 'x', 'R^', 'symmetric', 'spd', 'diagonal', 'positive', 'orthogonal', 'invertible', 'd', 'd f / d X',
  'toString', 'constructor', '__proto__', 'hasOwnProperty',
  // names and numbers
  'A', 'B', 'X', 'S', 'H', 'L', 'f', 'g', 'x', 'y', 'n', 'm', 'p', 'q', 'k', 'α', 'Σ', 'μ', 'W₁', 'x_i',
  '0', '1', '2', '3', '0.5', '1e-3', '1e309', '1e21', '99999999999999999999', '-0', 'NaN', 'Infinity',
  // ready-made statements, so that later pieces have something to refer to
  'A : n × n\n', 'B : m × n\n', 'x : vector n\n', 's : scalar, positive\n', 'S : n × n, spd\n', 'n = 3\n', 'm = n\n',
  'f = tr(A)\n', 'g = xᵀ A x\n', 'grad f wrt A\n', '∂f/∂A = I\n', 'K = A ⊗ B\n',
  // hostile text for the renderers (hover Markdown, the panel, the preview)
  '<img src=x onerror=alert(1)>', '</script>', '<!--', '-->', '&lt;', '"', '\u0000',
  // odd Unicode
  '\ud800', '\udc00', '\ud835\udc00', '\u0301', '\u202e', '\u200b', '\ufeff', '😀', '👩‍👩‍👧', 'ﬁ', 'İ', 'ß',
];

const piece: fc.Arbitrary<string> = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom(...PIECES) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 4 }) },
  // a long run of one piece: nesting, long sums, long names, long lines
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...PIECES), fc.integer({ min: 2, max: 400 })).map(([p, k]) => p.repeat(k)) },
);

const soup = (max: number): fc.Arbitrary<string> => fc.array(piece, { maxLength: max }).map((ps) => ps.join(''));

/** A line shaped like a statement, with random text where its parts go: deeper into the parser than soup gets. */
const statementLine: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.constantFrom('A', 'B', 'X', 'x', 'S', 'K', 'A, B', 'Σ'), fc.constantFrom(' : ', ' ∈ ', ':'), soup(6)).map(([n, c, r]) => `${n}${c}${r}`),
  fc.tuple(fc.constantFrom('A', 'B', 'X', 'x', 'S'), fc.constantFrom(' : n × n', ' : m x n', ' : vector n', ' : scalar', ' : (n·m) × (n·m)'),
    fc.constantFrom('', ', spd', ', symmetric', ', positive', ', diagonal', ', orthogonal', ', invertible')).map(([n, sh, p]) => `${n}${sh}${p}`),
  fc.tuple(fc.constantFrom('f', 'g', 'S', 'n', 'm', 'h'), soup(10)).map(([n, r]) => `${n} = ${r}`),
  fc.tuple(fc.constantFrom('f', 'g', 'h'), fc.constantFrom('tr(', 'norm(', 'sum(', 'logdet(', 'det(', '‖', 'xᵀ '), soup(8), fc.constantFrom(')', '', '‖', ' x'))
    .map(([n, o, r, c]) => `${n} = ${o}${r}${c}`),
  fc.tuple(fc.constantFrom('f', 'g', 'x', 'A'), soup(3)).map(([n, r]) => `grad ${n} wrt ${r}`),
  fc.tuple(fc.constantFrom('f', 'g'), fc.constantFrom('A', 'X', 'x', 'S', 'B'), soup(8)).map(([n, x, r]) => `∂${n}/∂${x} = ${r}`),
  soup(8),
);

/** Random mcalc-ish text: a soup of pieces, or lines shaped like statements. */
export const mcalcText: fc.Arbitrary<string> = fc.oneof(
  soup(60),
  fc.tuple(fc.array(statementLine, { maxLength: 14 }), fc.constantFrom('\n', '\r\n', '\n\n')).map(([ls, nl]) => ls.join(nl)),
);

/** Prose around math and code: what Markdown notes are made of, without meaning anything to mcalc. */
const PROSE: readonly string[] = [
  '# Title\n', '## Section\n', 'Some prose. ', 'It costs $5 and $10. ', '\n\n', '\n', '> ', '> > ', '- item ', '1. item ',
  '    indented code\n', '<div>\n', '</div>\n', '*emphasis* ', '`code` ', '``a`b`` ', '\\$ ', '[link](http://x) ',
  '```python\nimport numpy as np\n```\n', '~~~\n', '---\n', '| a | b |\n|---|---|\n',
];

const proseBit: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...PROSE) },
  { weight: 1, arbitrary: piece },
);

/** One part of a Markdown note: prose, an mcalc fence (closed or not, maybe indented or quoted) or math. */
const markdownPart: fc.Arbitrary<string> = fc.oneof(
  fc.array(proseBit, { maxLength: 6 }).map((ps) => ps.join('')),
  fc.tuple(fc.constantFrom('```mcalc\n', '~~~mcalc\n', '```mcalc {.x}\n', '  ```mcalc\n', '> ```mcalc\n', '````mcalc\n', '```MCALC\n'),
    mcalcText, fc.constantFrom('\n```\n', '\n~~~\n', '\n', '```', '\n````\n', '\n> ```\n'))
    .map(([open, body, close]) => `${open}${open.startsWith('>') ? body.replace(/\n/g, '\n> ') : body}${close}`),
  mcalcText.map((m) => `$${m}$`),
  mcalcText.map((m) => `$$${m}$$`),
  mcalcText.map((m) => `\n$$\n${m}\n$$\n`),
);

/** Random Markdown: prose, fences and math in any order. */
export const markdownText: fc.Arbitrary<string> = fc.array(markdownPart, { maxLength: 8 }).map((ps) => ps.join(''));
