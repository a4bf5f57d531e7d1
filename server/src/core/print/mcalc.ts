// Prints trees back to canonical mcalc source: parsing the output gives the same tree (spans and `implicit` aside).
import { assertNever, type BinaryOp, type Expr, type ShapeSpec, type Statement } from '../syntax/ast';
import { BP, binaryPower } from '../syntax/expr-parser';

export interface McalcPrintOptions {
  /** Plain ASCII spellings: kron(A, B), .*, ', ^-1, *, norm(X), `m x n`, `d f / d X`. Default: Unicode. */
  readonly ascii?: boolean;
}

/** Binding power of something that never needs parentheses (names, numbers, calls, brackets). */
const ATOM = 100;

interface Printed {
  readonly text: string;
  readonly bp: number;
  /** What to write instead of `(text)` when parentheses are needed (⟨A, B⟩ for A : B). */
  readonly bracketed?: string;
}

const atom = (text: string): Printed => ({ text, bp: ATOM });

const SUPERSCRIPTS = '⁰¹²³⁴⁵⁶⁷⁸⁹';

const UNICODE_OPS: Record<Exclude<BinaryOp, 'matmul'>, string> = {
  kron: ' ⊗ ', hadamard: ' ⊙ ', ediv: ' ./ ', div: ' / ', add: ' + ', sub: ' - ', frobenius: ' : ',
};
const ASCII_OPS: Record<Exclude<BinaryOp, 'matmul'>, string> = {
  kron: ' ⊗ ', hadamard: ' .* ', ediv: ' ./ ', div: ' / ', add: ' + ', sub: ' - ', frobenius: ' : ',
};

/** Prints an expression as canonical mcalc source, with the fewest parentheses the binding powers allow. */
export function printMcalc(e: Expr, options: McalcPrintOptions = {}): string {
  return new McalcPrinter(options.ascii ?? false).expr(e).text;
}

/** Prints a statement as one line of canonical mcalc source. */
export function printStatement(s: Statement, options: McalcPrintOptions = {}): string {
  const p = new McalcPrinter(options.ascii ?? false);
  switch (s.kind) {
    case 'declaration': {
      const props = s.properties.map((q) => `, ${q.name}`).join('');
      return `${s.names.map((n) => n.name).join(', ')} : ${p.shape(s.shape)}${props}`;
    }
    case 'definition':
      return `${s.target.name} = ${p.expr(s.value).text}`;
    case 'grad':
      return `grad ${s.of.name} wrt ${s.wrt.map((w) => w.name).join(', ')}`;
    case 'claim':
      return `${options.ascii ? `d ${s.of.name} / d ${s.wrt.name}` : `∂${s.of.name}/∂${s.wrt.name}`} = ${p.expr(s.value).text}`;
    default:
      return assertNever(s);
  }
}

/** A number as the lexer reads it back (`1e-7` and `1e+21` included); negative values print as a prefix minus. */
function formatNumber(v: number): string {
  return String(v);
}

function superscript(k: number): string {
  return [...String(k)].map((d) => SUPERSCRIPTS[Number(d)]).join('');
}

class McalcPrinter {
  constructor(private readonly ascii: boolean) {}

  expr(e: Expr): Printed {
    switch (e.kind) {
      case 'name':
        return atom(e.name);
      case 'number':
        // The parser never makes a negative literal (it makes `neg`), but derived trees may hold one.
        return e.value < 0 ? { text: `-${formatNumber(-e.value)}`, bp: BP.prefix } : atom(formatNumber(e.value));
      case 'identity':
        return atom(this.identity(e.size));
      case 'constant': {
        // zeros takes two sizes; a zero column vector (never parsed, but possible in derived trees) is zeros(n, 1).
        const cols = e.cols ? `, ${this.dimText(e.cols)}` : e.fill === 0 ? ', 1' : '';
        return atom(`${e.fill === 0 ? 'zeros' : 'ones'}(${this.dimText(e.rows)}${cols})`);
      }
      case 'neg': {
        // `--A` would parse, but `-(-A)` is what a reader expects.
        const o = this.expr(e.operand);
        return { text: `-${this.wrap(o, o.bp <= BP.prefix || o.text.startsWith('-'))}`, bp: BP.prefix };
      }
      case 'transpose':
        // ⁻ᵀ (and ASCII ^-T) lex as transpose(inverse(X)).
        if (e.operand.kind === 'inverse') return this.postfix(e.operand.operand, this.ascii ? '^-T' : '⁻ᵀ');
        return this.postfix(e.operand, this.ascii ? "'" : 'ᵀ');
      case 'inverse': {
        if (!this.ascii) return this.postfix(e.operand, '⁻¹');
        const o = this.expr(e.operand);
        return o.bp >= BP.postfix ? { text: `${o.text}^-1`, bp: BP.postfix } : atom(`inv(${o.text})`);
      }
      case 'power': {
        const k = e.exponent;
        // Superscripts only for whole exponents, and not right after another superscript power (X²³ lexes as X^23).
        const sup = !this.ascii && Number.isInteger(k) && k >= 0 && e.operand.kind !== 'power';
        const text = sup ? superscript(k) : `^${formatNumber(k)}`;
        // A power of a transpose or an inverse is bracketed: (Xᵀ)², (X⁻¹)², never Xᵀ² or X⁻¹² (read as X to the −12).
        if (e.operand.kind === 'transpose' || e.operand.kind === 'inverse') {
          return { text: `(${this.expr(e.operand).text})${text}`, bp: BP.postfix };
        }
        return this.postfix(e.operand, text);
      }
      case 'epower':
        return this.postfix(e.operand, `.^${formatNumber(e.exponent)}`);
      case 'binary':
        return this.binary(e);
      case 'call': {
        const arg = this.expr(e.arg).text;
        // Inside ‖…‖ a juxtaposed ‖ closes the norm, so a norm that contains a norm is written norm(…).
        if (e.fn === 'norm' && !this.ascii && !arg.includes('‖')) return atom(`‖${arg}‖`);
        return atom(`${e.fn}(${arg})`);
      }
      case 'ptrace': {
        const fn = this.ascii ? `tr_${e.which}` : e.which === 1 ? 'tr₁' : 'tr₂';
        return atom(`${fn}(${this.expr(e.arg).text}, ${this.dimText(e.block)})`);
      }
      case 'unvec':
        return atom(`unvec(${this.expr(e.arg).text}, ${this.dimText(e.rows)}, ${this.dimText(e.cols)})`);
      case 'error':
        // Not mcalc: an error node has no source to give back, and `?` makes that visible.
        return atom('?');
      default:
        return assertNever(e);
    }
  }

  /** The declared shape: `m × n`, `(q·n) × k`, `vector n`, `scalar`. */
  shape(s: ShapeSpec): string {
    switch (s.kind) {
      case 'matrix':
        return `${this.dimOperand(s.rows)}${this.ascii ? ' x ' : ' × '}${this.dimOperand(s.cols)}`;
      case 'vector':
        return `vector ${this.dimOperand(s.size)}`;
      case 'scalar':
        return 'scalar';
      default:
        return assertNever(s);
    }
  }

  private identity(size: Expr | null): string {
    if (!size) return 'I';
    // I_n and I_3 are single name tokens: only a plain name or a whole number fits after the underscore.
    if (size.kind === 'name' || (size.kind === 'number' && Number.isInteger(size.value) && size.value >= 0)) {
      return `I_${size.kind === 'name' ? size.name : formatNumber(size.value)}`;
    }
    return `I(${this.dimText(size)})`;
  }

  private binary(e: Extract<Expr, { kind: 'binary' }>): Printed {
    const bp = binaryPower(e.op);
    if (this.ascii && e.op === 'kron') return atom(`kron(${this.expr(e.left).text}, ${this.expr(e.right).text})`);
    const l = this.expr(e.left);
    const r = this.expr(e.right);
    // A product inside ⊗ is parenthesised although it need not be: unbracketed, the parser hints (H501).
    const kronProduct = (side: Expr): boolean => e.op === 'kron' && side.kind === 'binary' && side.op === 'matmul';
    // So is an entry-wise product before a matrix product ((Z ⊙ X) Y), which unbracketed reads as Z ⊙ (X Y) to many (H502).
    const entrywiseFirst = e.op === 'matmul' && e.left.kind === 'binary' && (e.left.op === 'hadamard' || e.left.op === 'ediv');
    const left = this.wrap(l, l.bp < bp || kronProduct(e.left) || entrywiseFirst);
    // Left-associative: a right operand of equal power needs parentheses; so does a leading minus (A - (-B)).
    const right = this.wrap(r, r.bp <= bp || kronProduct(e.right) || r.text.startsWith('-'));
    let op: string;
    if (e.op === 'matmul') {
      // Juxtaposition, except where the right factor would read as part of the left (2 · 3) or as a keyword.
      const explicit = /^[0-9]/.test(right) || /^wrt(?![\p{Lu}\p{Ll}\p{Lt}\p{Lo}\p{Nd}_₀-₉])/u.test(right);
      op = this.ascii ? ' * ' : explicit ? ' · ' : ' ';
    } else {
      op = (this.ascii ? ASCII_OPS : UNICODE_OPS)[e.op];
    }
    const text = `${left}${op}${right}`;
    if (e.op === 'frobenius' && !this.ascii) return { text, bp, bracketed: `⟨${l.text}, ${r.text}⟩` };
    return { text, bp };
  }

  private postfix(operand: Expr, suffix: string): Printed {
    const o = this.expr(operand);
    return { text: `${this.wrap(o, o.bp < BP.postfix)}${suffix}`, bp: BP.postfix };
  }

  private wrap(p: Printed, needed: boolean): string {
    if (!needed) return p.text;
    return p.bracketed ?? `(${p.text})`;
  }

  /** A dimension inside a call (I(p·m), zeros(m, n), tr₁(M, c)): products written with `·`, read by either parser. */
  private dimText(e: Expr): string {
    return this.dim(e).text;
  }

  /** A dimension of a declared shape: sums and products in parentheses, for `(q·n) × k`. */
  private dimOperand(e: Expr): string {
    const d = this.dim(e);
    return this.wrap(d, d.bp <= BP.product);
  }

  /**
   * Dimensions are read by the shape parser too, which knows only names, whole numbers, explicit or
   * juxtaposed products, sums, differences and powers of an atom; so products are explicit (`2·n`, never
   * `2 n` beside a property name) and a power's base is a name, a number or a parenthesis.
   */
  private dim(e: Expr): Printed {
    if (e.kind === 'binary' && (e.op === 'matmul' || e.op === 'add' || e.op === 'sub')) {
      const bp = binaryPower(e.op);
      const l = this.dim(e.left);
      const r = this.dim(e.right);
      const op = e.op === 'matmul' ? (this.ascii ? '*' : '·') : e.op === 'add' ? ' + ' : ' - ';
      return { text: `${this.wrap(l, l.bp < bp)}${op}${this.wrap(r, r.bp <= bp || r.text.startsWith('-'))}`, bp };
    }
    if (e.kind === 'power' && Number.isInteger(e.exponent) && e.exponent >= 0) {
      const base = this.dim(e.operand);
      const simple = e.operand.kind === 'name' || e.operand.kind === 'number';
      const k = this.ascii ? `^${e.exponent}` : superscript(e.exponent);
      return { text: `${simple ? base.text : `(${base.text})`}${k}`, bp: BP.postfix };
    }
    return this.expr(e);
  }
}
