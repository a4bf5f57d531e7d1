// KaTeX-compatible LaTeX for trees and statements: the typeset form shown beside results and written back — and
// read back: what it prints, the LaTeX reader (syntax/latex-lexer.ts) reads as the same tree (test/unit/latex-print).
//
// Choices, stated once:
//   A ⊗ B → A \otimes B        A ⊙ B → A \odot B          A ./ B → A \oslash B       A / s → \frac{A}{s}
//   Aᵀ → A^{\top}               A⁻¹ → A^{-1}               A⁻ᵀ, (Aᵀ)⁻¹ → A^{-\top}    (A⁻¹)ᵏ → A^{-k}
//   X^k → X^{k}                 X.^k → X^{\circ k}         sqrt(X) → X^{\circ 1/2}
//   tr(X) → \operatorname{tr}\left(X\right), likewise vec, diag and sum; det → \det, logdet → \log\det,
//   tr₁(M, c) → \operatorname{tr}_{1}\left(M,\, c\right)     unvec(v, m, n) → \operatorname{vec}^{-1}_{m \times n}\left(v\right)
//   exp log sin cos tanh → \exp …, sigmoid → \sigma; ‖X‖ → \left\lVert X \right\rVert_{F}
//   A : B → \left\langle A, B \right\rangle      I_n → I_{n}      zeros(m, n) → \mathbf{0}_{m \times n}   ones(n) → \mathbf{1}_{n}
//   products by juxtaposition (`A B`), `\cdot` only before a number; names as in latex-names.ts.
// Entry-wise functions keep their usual names (\exp X is entry-wise in mcalc, as in the source), but the square
// root is written as a Hadamard power: \sqrt{X} of a matrix would read as the matrix square root.
import { assertNever, type BinaryOp, type Expr, type ShapeSpec, type Statement, type UnaryFunction } from '../syntax/ast';
import { BP, binaryPower } from '../syntax/expr-parser';
import { latexName } from './latex-names';

export { latexName } from './latex-names';

const ATOM = 100;
/** \frac{a}{b} needs no parentheses as a factor, but does under a superscript. */
const FRAC = 50;

interface Printed {
  readonly text: string;
  readonly bp: number;
  /** The operator when the node is a binary one, to bracket mixed products for the reader. */
  readonly op?: BinaryOp;
}

const atom = (text: string): Printed => ({ text, bp: ATOM });
const paren = (text: string): string => `\\left(${text}\\right)`;

const FUNCTIONS: Readonly<Record<Exclude<UnaryFunction, 'norm' | 'sqrt'>, string>> = {
  tr: '\\operatorname{tr}', det: '\\det', logdet: '\\log\\det', vec: '\\operatorname{vec}',
  diag: '\\operatorname{diag}', sum: '\\operatorname{sum}', exp: '\\exp', log: '\\log', sin: '\\sin',
  cos: '\\cos', tanh: '\\tanh', sigmoid: '\\sigma',
};

const INFIX: Readonly<Record<'kron' | 'hadamard' | 'ediv' | 'add' | 'sub', string>> = {
  kron: ' \\otimes ', hadamard: ' \\odot ', ediv: ' \\oslash ', add: ' + ', sub: ' - ',
};

const PRODUCTS = new Set<BinaryOp>(['matmul', 'hadamard', 'ediv']);

export interface LatexPrintOptions {
  /** How to write a symbol's name, where not as latexName has it: a note that writes \mathbf{A} gets \mathbf{A} back. */
  readonly name?: (name: string) => string | undefined;
}

/** The option of the printLatex call under way (printing is synchronous, and names are deep inside the recursion). */
let nameOption: LatexPrintOptions['name'];

/** The LaTeX of an expression. */
export function printLatex(e: Expr, options: LatexPrintOptions = {}): string {
  const outer = nameOption;
  nameOption = options.name;
  try {
    return expr(e).text;
  } finally {
    nameOption = outer;
  }
}

/** The LaTeX of a statement: A \in \mathbb{R}^{m \times n}, S = …, \frac{\partial f}{\partial X} = …. */
export function printStatementLatex(s: Statement): string {
  switch (s.kind) {
    case 'declaration': {
      const props = s.properties.length ? `\\quad \\text{${s.properties.map((p) => p.name).join(', ')}}` : '';
      return `${s.names.map((n) => latexName(n.name)).join(', ')} \\in ${space(s.shape)}${props}`;
    }
    case 'definition':
      return `${latexName(s.target.name)} = ${printLatex(s.value)}`;
    case 'grad':
      return s.wrt.map((w) => partial(s.of.name, w.name)).join(',\\ ');
    case 'claim':
      return `${partial(s.of.name, s.wrt.name)} = ${printLatex(s.value)}`;
    default:
      return assertNever(s);
  }
}

function partial(of: string, wrt: string): string {
  return `\\frac{\\partial ${latexName(of)}}{\\partial ${latexName(wrt)}}`;
}

function space(s: ShapeSpec): string {
  switch (s.kind) {
    case 'matrix':
      return `\\mathbb{R}^{${dimFactor(s.rows)} \\times ${dimFactor(s.cols)}}`;
    case 'vector':
      return `\\mathbb{R}^{${dim(s.size)}}`;
    case 'scalar':
      return '\\mathbb{R}';
    default:
      return assertNever(s);
  }
}

/** 1.5e-7 → 1.5 \cdot 10^{-7}; a negative value (only in derived trees) as a prefix minus. */
function number(v: number): Printed {
  if (v < 0) {
    const p = number(-v);
    return { text: `-${p.bp <= BP.prefix ? paren(p.text) : p.text}`, bp: BP.prefix };
  }
  const [mantissa, exponent] = String(v).split('e');
  if (exponent === undefined) return atom(mantissa!);
  const power = `10^{${exponent.replace(/^\+/, '')}}`;
  return mantissa === '1' ? { text: power, bp: BP.postfix } : { text: `${mantissa} \\cdot ${power}`, bp: BP.product, op: 'matmul' };
}

function expr(e: Expr): Printed {
  switch (e.kind) {
    case 'name':
      return atom(nameOption?.(e.name) ?? latexName(e.name));
    case 'number':
      return number(e.value);
    case 'identity':
      return atom(e.size ? `I_{${dim(e.size)}}` : 'I');
    case 'constant': {
      const size = e.cols ? `${dimFactor(e.rows)} \\times ${dimFactor(e.cols)}` : dim(e.rows);
      return atom(`\\mathbf{${e.fill}}_{${size}}`);
    }
    case 'neg': {
      const o = expr(e.operand);
      return { text: `-${o.bp <= BP.prefix || o.text.startsWith('-') ? paren(o.text) : o.text}`, bp: BP.prefix };
    }
    case 'transpose':
      return e.operand.kind === 'inverse' ? script(e.operand.operand, '-\\top') : script(e.operand, '\\top');
    case 'inverse':
      // (Aᵀ)⁻¹ = (A⁻¹)ᵀ: one symbol for both.
      return e.operand.kind === 'transpose' ? script(e.operand.operand, '-\\top') : script(e.operand, '-1');
    case 'power':
      if (e.operand.kind === 'inverse' && e.exponent > 0) return script(e.operand.operand, `-${e.exponent}`);
      return script(e.operand, String(e.exponent));
    case 'epower':
      return script(e.operand, `\\circ ${e.exponent}`);
    case 'binary':
      return binary(e);
    case 'call':
      if (e.fn === 'norm') return atom(`\\left\\lVert ${expr(e.arg).text} \\right\\rVert_{F}`);
      if (e.fn === 'sqrt') return script(e.arg, '\\circ 1/2');
      return atom(`${FUNCTIONS[e.fn]}${paren(expr(e.arg).text)}`);
    case 'unvec':
      // The sizes are written, so that the LaTeX reads back (syntax/latex-lexer.ts) as the same unvec(v, m, n).
      return atom(`\\operatorname{vec}^{-1}_{${dimFactor(e.rows)} \\times ${dimFactor(e.cols)}}${paren(expr(e.arg).text)}`);
    case 'ptrace':
      // The block size as a second argument, as in mcalc's tr₁(M, c): without it the LaTeX would not read back.
      return atom(`\\operatorname{tr}_{${e.which}}${paren(`${expr(e.arg).text},\\, ${dim(e.block)}`)}`);
    case 'error':
      return atom('?');
    default:
      return assertNever(e);
  }
}

/** A superscript on an operand; anything but an atom is bracketed, which also avoids a double superscript. */
function script(operand: Expr, sup: string): Printed {
  const o = expr(operand);
  return { text: `${o.bp < ATOM ? paren(o.text) : o.text}^{${sup}}`, bp: BP.postfix };
}

function binary(e: Extract<Expr, { kind: 'binary' }>): Printed {
  if (e.op === 'div') return { text: `\\frac{${expr(e.left).text}}{${expr(e.right).text}}`, bp: FRAC };
  if (e.op === 'frobenius') return atom(`\\left\\langle ${expr(e.left).text}, ${expr(e.right).text} \\right\\rangle`);
  const bp = binaryPower(e.op);
  const l = expr(e.left);
  const r = expr(e.right);
  // Beyond the binding powers, brackets where a reader of LaTeX has no convention: a product inside ⊗,
  // and a matrix, Hadamard or entry-wise quotient product inside a product of another kind.
  const unclear = (p: Printed): boolean =>
    p.op !== undefined && ((e.op === 'kron' && p.op === 'matmul') || (PRODUCTS.has(e.op) && PRODUCTS.has(p.op) && p.op !== e.op));
  const left = l.bp < bp || unclear(l) ? paren(l.text) : l.text;
  const right = r.bp <= bp || unclear(r) || r.text.startsWith('-') ? paren(r.text) : r.text;
  let op: string;
  if (e.op === 'matmul') {
    // Juxtaposition, but 2 3 and 2 \frac{1}{2} would read as one number.
    op = /^[0-9]/.test(right) || (/[0-9]}?$/.test(left) && right.startsWith('\\frac')) ? ' \\cdot ' : ' ';
  } else {
    op = INFIX[e.op];
  }
  return { text: `${left}${op}${right}`, bp, op: e.op };
}

/** A dimension as a subscript or exponent: products juxtaposed (p m), sums plain. */
function dim(e: Expr): string {
  if (e.kind === 'binary' && (e.op === 'matmul' || e.op === 'add' || e.op === 'sub')) {
    const bp = binaryPower(e.op);
    const lp = dimPower(e.left);
    const rp = dimPower(e.right);
    const left = lp < bp ? paren(dim(e.left)) : dim(e.left);
    const right = rp <= bp ? paren(dim(e.right)) : dim(e.right);
    const op = e.op === 'add' ? ' + ' : e.op === 'sub' ? ' - ' : /^[0-9]/.test(right) ? ' \\cdot ' : ' ';
    return `${left}${op}${right}`;
  }
  return expr(e).text;
}

function dimPower(e: Expr): number {
  return e.kind === 'binary' && (e.op === 'matmul' || e.op === 'add' || e.op === 'sub') ? binaryPower(e.op) : ATOM;
}

/** A dimension beside ×: a sum is bracketed, as (m + n) \times k. */
function dimFactor(e: Expr): string {
  return dimPower(e) <= BP.sum ? paren(dim(e)) : dim(e);
}
