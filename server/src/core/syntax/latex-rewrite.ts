// The LaTeX reader's token passes: what needs the tokens around a construct (its operand, its argument, the
// statement it ends) rather than the construct alone. Run by lexLatex after the reader.
import { FUNCTIONS } from './functions';
import { isFunctionWord, isInherited } from './latex-commands';
import type { Token, TokenKind } from './tokens';

/** The token the reader leaves for `^{\circ 1/2}`: the printer's square root, applied to the operand before it. */
export const SQRT_MARK = '\u0000sqrt';

const OPEN = new Set<TokenKind>(['lparen', 'lbrace', 'langle']);
const CLOSE = new Set<TokenKind>(['rparen', 'rbrace', 'rangle']);
const POSTFIX = new Set<TokenKind>(['transpose', 'inverse', 'invtranspose']);
const OPERAND_START = new Set<TokenKind>(['name', 'number', 'lparen', 'langle', 'norm', 'partial']);

function synthetic(kind: TokenKind, text: string, at: number, spaceBefore = false): Token {
  return { kind, text, span: { start: at, end: at }, spaceBefore };
}

/** Index of the bracket that matches the one at `k`, searching forward (an opener) or backward (a closer). */
function matching(ts: readonly Token[], k: number): number {
  const step = OPEN.has(ts[k]!.kind) ? 1 : -1;
  let depth = 0;
  for (let j = k; j >= 0 && j < ts.length; j += step) {
    if (OPEN.has(ts[j]!.kind)) depth += step;
    else if (CLOSE.has(ts[j]!.kind)) depth -= step;
    if (depth === 0) return j;
  }
  return -1;
}

/** The passes, in order; null when a construct has nothing to apply to (the formula is not mcalc). */
export function rewriteLatexTokens(input: Token[], unvecSizes: ReadonlyMap<Token, [Token[], Token[]]>): Token[] | null {
  let ts = insertUnvecSizes(input, unvecSizes);
  ts = ts && applySquareRoots(ts);
  if (!ts) return null;
  ts = ts.map((t, k) => (t.kind === 'name' && t.text === 'ℝ' && ts![k + 1]?.kind !== 'caret' ? { ...t, text: 'scalar' } : t));
  ts = foldPowersOfTen(ts);
  ts = wrapBareArguments(ts);
  ts = separateStatements(ts);
  // A name every object inherits (\mathrm{constructor}) is no mcalc name: the parser's tables would find it.
  return ts.some((t) => t.kind === 'unknown' || (t.kind === 'name' && isInherited(t.text))) ? null : ts;
}

/** 10^{-7} is the number 1e-7, and 1.5 \cdot 10^{-7} the number 1.5e-7, as the printer writes them. */
function foldPowersOfTen(ts: Token[]): Token[] {
  const out: Token[] = [];
  for (let k = 0; k < ts.length; k++) {
    const t = ts[k]!;
    const minus = ts[k + 2]?.kind === 'minus';
    const exponent = ts[k + (minus ? 3 : 2)];
    if (t.kind !== 'number' || t.text !== '10' || ts[k + 1]?.kind !== 'caret' || exponent?.kind !== 'number' || !/^[0-9]+$/.test(exponent.text)) {
      out.push(t);
      continue;
    }
    const e = `e${minus ? '-' : ''}${exponent.text}`;
    const [mantissa, times] = [out.at(-2), out.at(-1)];
    const scaled = (times?.kind === 'dot' || times?.kind === 'times') && mantissa?.kind === 'number' && !mantissa.text.includes('e');
    const first = scaled ? mantissa : t;
    if (scaled) out.length -= 2;
    out.push({ kind: 'number', text: `${scaled ? mantissa.text : '1'}${e}`, span: { start: first.span.start, end: exponent.span.end }, spaceBefore: first.spaceBefore });
    k += minus ? 3 : 2;
  }
  return out;
}

/** The two sides of `m \times n` at the top level; one side for a single size. */
export function splitTimes(tokens: Token[]): [Token[]?, Token[]?] {
  const k = tokens.findIndex((t) => t.kind === 'times');
  if (k < 0) return tokens.length ? [tokens] : [];
  if (tokens.slice(k + 1).some((t) => t.kind === 'times')) return [];
  return [tokens.slice(0, k), tokens.slice(k + 1)];
}

/** vec^{-1}_{m \times n}(v) → unvec(v, m, n): the sizes go in after the argument. */
function insertUnvecSizes(ts: Token[], sizes: ReadonlyMap<Token, [Token[], Token[]]>): Token[] | null {
  for (const [name, [rows, cols]] of sizes) {
    const k = ts.indexOf(name);
    if (ts[k + 1]?.kind !== 'lparen') return null;
    const close = matching(ts, k + 1);
    if (close < 0) return null;
    const at = ts[close]!.span.start;
    ts = [...ts.slice(0, close), synthetic('comma', ',', at), ...rows, synthetic('comma', ',', at), ...cols, ...ts.slice(close)];
  }
  return ts;
}

/** X^{\circ 1/2} → sqrt(X), where X is a name, a number, a bracket or a call (the printer brackets all else). */
function applySquareRoots(ts: Token[]): Token[] | null {
  for (let k = ts.findIndex((t) => t.text === SQRT_MARK); k >= 0; k = ts.findIndex((t) => t.text === SQRT_MARK)) {
    const prev = ts[k - 1];
    let start: number;
    if (prev?.kind === 'name' || prev?.kind === 'number') start = k - 1;
    else if (prev?.kind === 'rparen') {
      start = matching(ts, k - 1);
      if (start < 0) return null;
      // A call: a function, or a name glued to its bracket (\sigma\left(x\right) is the sigmoid's, see math.ts).
      const fn = ts[start - 1];
      if (fn?.kind === 'name' && (isFunctionWord(fn.text) || !ts[start]!.spaceBefore)) start--;
    } else return null;
    const first = ts[start]!;
    const mark = ts[k]!;
    ts = [
      ...ts.slice(0, start),
      synthetic('name', 'sqrt', first.span.start, first.spaceBefore),
      synthetic('lparen', '(', first.span.start),
      ...ts.slice(start, k),
      { kind: 'rparen', text: ')', span: mark.span, spaceBefore: false },
      ...ts.slice(k + 1),
    ];
  }
  return ts;
}

/**
 * `\log\det\Sigma`, `\exp x`, `\det A^{-1}`: a function written before a single operand (a name or number with its
 * scripts) applies to it. When more factors follow (`\operatorname{tr} A B`), the reading is unclear: left as is,
 * the parser rejects it and the formula is ignored.
 */
function wrapBareArguments(ts: Token[]): Token[] {
  const out: Token[] = [];
  for (let k = 0; k < ts.length; k++) {
    const t = ts[k]!;
    out.push(t);
    const fn = t.kind === 'name' && isFunctionWord(t.text) ? FUNCTIONS.get(t.text) : undefined;
    const next = ts[k + 1];
    if (!fn || fn.maxArgs !== 1 || t.text === 'eye') continue;
    if (!next || (next.kind !== 'name' && next.kind !== 'number') || isFunctionWord(next.text)) continue;
    let e = k + 2;
    for (;;) {
      const x = ts[e];
      if (x && POSTFIX.has(x.kind)) e++;
      else if ((x?.kind === 'caret' || x?.kind === 'dotcaret') && ts[e + 1]?.kind === 'number') e += 2;
      else if ((x?.kind === 'caret' || x?.kind === 'dotcaret') && ts[e + 1]?.kind === 'minus' && ts[e + 2]?.kind === 'number') e += 3;
      else break;
    }
    const after = ts[e];
    if (after && OPERAND_START.has(after.kind)) continue;
    out.push(synthetic('lparen', '(', next.span.start), ...ts.slice(k + 1, e), synthetic('rparen', ')', ts[e - 1]!.span.end));
    k = e - 1;
  }
  return out;
}

/** Whether the tokens from `j` begin a statement: `x \in`, `S =`, `A, B \in`, `\frac{\partial f}{\partial X}`. */
function startsStatement(ts: readonly Token[], j: number): boolean {
  if (ts[j]?.kind === 'partial') return true;
  while (ts[j]?.kind === 'name' && ts[j + 1]?.kind === 'comma') j += 2;
  const head = ts[j + 1]?.kind;
  return ts[j]?.kind === 'name' && (head === 'in' || head === 'equals' || head === 'colon');
}

/**
 * Commas at the top level: one that ends the formula or comes before prose is punctuation (dropped); one after a
 * whole declaration or definition, before the next (`A \in \mathbb{R}^{m \times n}, x \in \mathbb{R}^n`), separates
 * statements; any other (`A, B \in …`, properties) stays a comma.
 */
function separateStatements(ts: Token[]): Token[] {
  const out: Token[] = [];
  let depth = 0;
  let headed = false;
  ts.forEach((t, k) => {
    if (OPEN.has(t.kind)) depth++;
    else if (CLOSE.has(t.kind)) depth = Math.max(0, depth - 1);
    if (depth > 0) return void out.push(t);
    if (t.kind === 'newline') headed = false;
    else if (t.kind === 'in' || t.kind === 'equals' || t.kind === 'colon') headed = true;
    if (t.kind !== 'comma') return void out.push(t);
    const next = ts[k + 1];
    if (!next || next.kind === 'newline' || next.kind === 'eof') return;
    if (headed && startsStatement(ts, k + 1)) {
      headed = false;
      return void out.push({ ...t, kind: 'newline', text: '\n' });
    }
    out.push(t);
  });
  return out;
}
