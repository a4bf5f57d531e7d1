// Pratt parser for mcalc expressions. Binding powers live in one table; juxtaposition is a product.
import { diagnostic, type TextEdit } from '../diagnostics';
import type { BinaryOp, Expr } from './ast';
import type { Cursor } from './cursor';
import { FUNCTIONS } from './functions';
import { superscriptValue } from './lexer';
import { cover } from './span';
import type { Token, TokenKind } from './tokens';

/** Binding powers, loosest first (LANGUAGE.md, "Expressions"). */
export const BP = {
  frobenius: 10,
  sum: 20,
  kron: 30,
  product: 40,
  prefix: 45,
  postfix: 60,
} as const;

/** Infix operators: token kind → operator and binding power. */
const INFIX: Partial<Record<TokenKind, { op: BinaryOp; bp: number }>> = {
  colon: { op: 'frobenius', bp: BP.frobenius },
  plus: { op: 'add', bp: BP.sum },
  minus: { op: 'sub', bp: BP.sum },
  kron: { op: 'kron', bp: BP.kron },
  star: { op: 'matmul', bp: BP.product },
  dot: { op: 'matmul', bp: BP.product },
  hadamard: { op: 'hadamard', bp: BP.product },
  ediv: { op: 'ediv', bp: BP.product },
  slash: { op: 'div', bp: BP.product },
};

const CLOSERS = new Set<TokenKind>(['rparen', 'rbrace', 'rangle']);

const POSTFIX = new Set<TokenKind>(['transpose', 'inverse', 'invtranspose', 'superpower', 'caret', 'dotcaret']);

/** Binding power of each binary operator, for printers that decide where parentheses go. */
export function binaryPower(op: BinaryOp): number {
  switch (op) {
    case 'frobenius': return BP.frobenius;
    case 'add': case 'sub': return BP.sum;
    case 'kron': return BP.kron;
    default: return BP.product;
  }
}

/**
 * Deepest tree a statement may have. Every later stage (shapes, calculus, printers) walks trees
 * recursively; this bound keeps them all far from the stack's limit. Real derivations stay under 50.
 */
export const MAX_DEPTH = 300;

export function parseExpr(c: Cursor, rbp = 0): Expr {
  if (c.nesting >= MAX_DEPTH) {
    const t = c.peek();
    c.error('E007', t.span, `the expression is nested more than ${MAX_DEPTH} levels deep; split it into named definitions`);
    c.skipLine();
    c.abandoned = true;
    return { kind: 'error', start: t.span.start, end: t.span.end };
  }
  c.nesting++;
  try {
    return parseExprAt(c, rbp);
  } finally {
    c.nesting--;
  }
}

function parseExprAt(c: Cursor, rbp: number): Expr {
  let left = parsePrefix(c);
  for (;;) {
    const t = c.peek();
    if (POSTFIX.has(t.kind)) {
      if (BP.postfix <= rbp) break;
      left = parsePostfix(c, left);
      continue;
    }
    const infix = INFIX[t.kind];
    if (infix) {
      if (infix.bp <= rbp) break;
      c.next();
      c.skipContinuation();
      // All binary operators are left-associative: the right side binds one step tighter.
      const right = parseExpr(c, infix.bp);
      left = binary(c, infix.op, left, right, t.span.start, t.span.end, false);
      continue;
    }
    if (startsOperand(c, t)) {
      if (BP.product <= rbp) break;
      const right = parseExpr(c, BP.product);
      left = binary(c, 'matmul', left, right, left.end, right.start, true);
      continue;
    }
    break;
  }
  return left;
}

function binary(c: Cursor, op: BinaryOp, left: Expr, right: Expr, opStart: number, opEnd: number, implicit: boolean): Expr {
  const node: Expr = implicit
    ? { kind: 'binary', op, left, right, opStart, opEnd, implicit: true, start: left.start, end: right.end }
    : { kind: 'binary', op, left, right, opStart, opEnd, start: left.start, end: right.end };
  if (op === 'kron') {
    for (const side of [left, right]) {
      if (side.kind === 'binary' && side.op === 'matmul' && !c.parenthesized.has(side)) {
        c.diagnostics.push(diagnostic('H501', side,
          `the product binds tighter than ⊗, so this reads ${side === left ? '(…) ⊗ …' : '… ⊗ (…)'}; add parentheses to make that explicit`,
          { fixes: [{ title: 'Add parentheses around the product', edits: parenthesize(side.start, side.end) }] }));
      }
    }
  }
  if (op === 'matmul' && left.kind === 'binary' && (left.op === 'hadamard' || left.op === 'ediv') && !c.parenthesized.has(left)) {
    // Z ⊙ X Y is (Z ⊙ X) Y, left to right at one power; written so, it is often meant as Z ⊙ (X Y). Either may be
    // meant: both parentheses are offered, the reading as it stands first.
    const sign = left.op === 'hadamard' ? '⊙' : './';
    c.diagnostics.push(diagnostic('H502', node,
      `${sign} and the matrix product bind equally, left to right: this reads (… ${sign} …) …, not … ${sign} (… …); add parentheses to say which is meant`,
      { fixes: [
        { title: `Keep the reading: (… ${sign} …) …`, edits: parenthesize(left.start, left.end) },
        { title: `Read it as … ${sign} (… …)`, edits: parenthesize(left.right.start, node.end) },
      ] }));
  }
  return node;
}

/** The edits that put [start, end) in parentheses (the precedence hints' fixes). */
function parenthesize(start: number, end: number): TextEdit[] {
  return [{ span: { start, end: start }, newText: '(' }, { span: { start: end, end }, newText: ')' }];
}

/** Whether a token can begin an operand written next to the previous one (juxtaposition). */
function startsOperand(c: Cursor, t: Token): boolean {
  switch (t.kind) {
    case 'name':
      return t.text !== 'wrt';
    case 'number':
    case 'lparen':
    case 'langle':
      return true;
    case 'norm':
      return c.normDepth === 0;
    default:
      return false;
  }
}

function parsePrefix(c: Cursor): Expr {
  const t = c.peek();
  switch (t.kind) {
    case 'number':
      c.next();
      return { kind: 'number', value: Number(t.text), start: t.span.start, end: t.span.end };
    case 'minus': {
      c.next();
      const operand = parseExpr(c, BP.prefix);
      return { kind: 'neg', operand, start: t.span.start, end: operand.end };
    }
    case 'plus': {
      c.next();
      return parseExpr(c, BP.prefix);
    }
    case 'lparen': {
      c.next();
      c.depth++;
      const strays = c.strays;
      const inner = parseExpr(c);
      const close = closeBracket(c, 'rparen', ')', t);
      c.depth--;
      if (c.strays !== strays) return strayIn(t, close, inner);
      // The node's span takes in its parentheses, so ranges and hovers cover `(B ⊗ A)` whole.
      const node = inner.kind === 'error' ? inner : ({ ...inner, start: t.span.start, end: close?.span.end ?? inner.end });
      c.parenthesized.add(node);
      return node;
    }
    case 'norm': {
      c.next();
      c.normDepth++;
      c.depth++;
      const strays = c.strays;
      const arg = parseExpr(c);
      c.normDepth--;
      const close = closeBracket(c, 'norm', t.text, t);
      c.depth--;
      let end = close?.span.end ?? arg.end;
      // ‖X‖_F: the Frobenius subscript is allowed and means nothing more.
      const under = c.raw();
      if (close && under.kind === 'unknown' && under.text === '_' && !under.spaceBefore) {
        const f = c.raw(1);
        if (f.kind === 'name' && f.text === 'F' && !f.spaceBefore) {
          c.next();
          c.next();
          end = f.span.end;
        }
      }
      if (c.strays !== strays) return { kind: 'error', start: t.span.start, end };
      return { kind: 'call', fn: 'norm', arg, nameSpan: t.span, start: t.span.start, end };
    }
    case 'langle': {
      c.next();
      c.depth++;
      const strays = c.strays;
      const left = parseExpr(c);
      if (c.at('unknown')) {
        // ⟨A.T, A⟩: the character is the error, not a missing comma; read on to the ⟩.
        const close = readPastStray(c, 'rangle');
        c.depth--;
        return strayIn(t, close, left);
      }
      const comma = c.eat('comma');
      if (!comma) c.error('E001', c.peek().span, 'expected `,` between the two sides of ⟨A, B⟩');
      const right = comma ? parseExpr(c) : ({ kind: 'error', start: c.peek().span.start, end: c.peek().span.end } as Expr);
      const close = closeBracket(c, 'rangle', '⟩', t);
      c.depth--;
      if (c.strays !== strays) return strayIn(t, close, right);
      return {
        kind: 'binary', op: 'frobenius', left, right, opStart: (comma ?? t).span.start, opEnd: (comma ?? t).span.end,
        start: t.span.start, end: close?.span.end ?? right.end,
      };
    }
    case 'name':
      return parseNameOrCall(c);
    default: {
      const span = t.span;
      if (t.kind === 'unknown') {
        c.next();
        c.error('E005', span, `unexpected character '${t.text}'`);
      } else if (t.kind === 'newline' || t.kind === 'eof') {
        c.error('E001', span, 'expected an expression before the end of the line');
      } else if (CLOSERS.has(t.kind)) {
        // Left for its bracket: consumed here, `(A +)` would also report the '(' as never closed.
        c.error('E001', span, `expected an expression, found '${t.text}'`);
      } else {
        c.next();
        c.error('E001', span, `expected an expression, found '${t.text}'`);
      }
      return { kind: 'error', start: span.start, end: span.end };
    }
  }
}

function parseNameOrCall(c: Cursor): Expr {
  const t = c.next();
  const after = c.raw();
  const fn = FUNCTIONS.get(t.text);
  // `I(n)` needs the parenthesis right after I; `I (A + B)` is the identity times (A + B).
  const isCall = fn && after.kind === 'lparen' && (t.text !== 'I' || !after.spaceBefore);
  if (isCall) return parseCall(c, t);
  if (t.text === 'I') return { kind: 'identity', size: null, start: t.span.start, end: t.span.end };
  const sub = t.text.startsWith('I_') ? /^I_(.+)$/.exec(t.text) : null;
  if (sub) {
    const rest = sub[1]!;
    const size: Expr = /^[0-9]+$/.test(rest)
      ? { kind: 'number', value: Number(rest), start: t.span.start + 2, end: t.span.end }
      : { kind: 'name', name: rest, start: t.span.start + 2, end: t.span.end };
    return { kind: 'identity', size, start: t.span.start, end: t.span.end };
  }
  if (fn) {
    c.error('E001', t.span, `${t.text} is a function: write ${fn.signature}`);
    return { kind: 'error', start: t.span.start, end: t.span.end };
  }
  return { kind: 'name', name: t.text, start: t.span.start, end: t.span.end };
}

function parseCall(c: Cursor, nameTok: Token): Expr {
  const fn = FUNCTIONS.get(nameTok.text)!;
  const open = c.next();
  c.depth++;
  const strays = c.strays;
  const args: Expr[] = [];
  if (!c.at('rparen')) {
    for (;;) {
      args.push(parseExpr(c));
      if (!c.eat('comma')) break;
    }
  }
  const close = closeBracket(c, 'rparen', ')', open);
  c.depth--;
  if (c.strays !== strays) return strayIn(nameTok, close, args.at(-1) ?? open.span);
  const span = { start: nameTok.span.start, end: close?.span.end ?? (args.at(-1)?.end ?? open.span.end) };
  if (args.length < fn.minArgs || args.length > fn.maxArgs) {
    const want = fn.minArgs === fn.maxArgs ? `${fn.minArgs}` : `${fn.minArgs} or ${fn.maxArgs}`;
    c.error('E104', span, `${nameTok.text} takes ${want} argument${want === '1' ? '' : 's'} (${fn.signature}), not ${args.length}`);
    while (args.length < fn.minArgs) args.push({ kind: 'error', start: span.start, end: span.end });
    args.length = Math.min(args.length, fn.maxArgs);
  }
  return fn.build(args, span, nameTok.span);
}

function closeBracket(c: Cursor, kind: TokenKind, text: string, open: Token): Token | undefined {
  let close = c.eat(kind);
  if (close || c.abandoned) return close;
  if (c.at('unknown')) {
    // A character mcalc does not know ended the expression (NumPy's `tr(A.T A)`, a stray symbol): that character is the
    // error, not the bracket, which is most likely closed further on. Report it, and read on to that bracket.
    close = readPastStray(c, kind);
    if (close) return close;
  }
  c.diagnostics.push(diagnostic('E002', open.span, `'${open.text}' is never closed: expected '${text}'`, {
    related: [{ span: c.peek().span, message: `expected '${text}' here` }],
  }));
  return close;
}

/**
 * A bracket read past an unknown character holds only part of what was written: an error node over all of it, so that
 * no shape is inferred from the part (tr(A.T A) read as tr(A) would add "tr needs a square matrix").
 */
function strayIn(first: Token, close: Token | undefined, last: { end: number }): Expr {
  return { kind: 'error', start: first.span.start, end: close?.span.end ?? last.end };
}

/**
 * E005 for a character mcalc does not know, at `t` (`next` is the token after it). For NumPy's `X.T` the message says
 * how mcalc writes a transpose, and a quick fix writes it (`.T` → `ᵀ`) — not in a shape, where nothing is transposed.
 */
export function unexpectedCharacter(c: Cursor, t: Token, next: Token, transposable = true): void {
  if (c.abandoned) return;
  const numpy = transposable && t.text === '.' && next.kind === 'name' && next.text === 'T' && !next.spaceBefore;
  if (!numpy) {
    c.error('E005', t.span, `unexpected character '${t.text}'`);
    return;
  }
  c.diagnostics.push(diagnostic('E005', t.span, `unexpected character '.': mcalc writes the transpose as Xᵀ or X' (X.T is NumPy's)`, {
    fixes: [{ title: 'Write .T as ᵀ', edits: [{ span: { start: t.span.start, end: next.span.end }, newText: 'ᵀ' }] }],
  }));
}

/** At an unknown character inside a bracket: reports it (counted in c.strays) and skips to the bracket's closer. */
function readPastStray(c: Cursor, kind: TokenKind): Token | undefined {
  unexpectedCharacter(c, c.peek(), c.peekSecond());
  c.strays++;
  return skipToCloser(c, kind);
}

const OPENERS = new Set<TokenKind>(['lparen', 'lbrace', 'langle']);

/** Skips to the closer of the bracket being read (brackets opened on the way are passed whole), within the statement. */
function skipToCloser(c: Cursor, kind: TokenKind): Token | undefined {
  let depth = 0;
  for (let t = c.peek(); t.kind !== 'newline' && t.kind !== 'eof'; t = c.peek()) {
    if (depth === 0 && t.kind === kind) return c.next();
    if (OPENERS.has(t.kind)) depth++;
    else if (CLOSERS.has(t.kind) && --depth < 0) return undefined;
    c.next();
  }
  return undefined;
}

function parsePostfix(c: Cursor, operand: Expr): Expr {
  const t = c.next();
  switch (t.kind) {
    case 'transpose':
      return { kind: 'transpose', operand, start: operand.start, end: t.span.end };
    case 'inverse':
      return { kind: 'inverse', operand, start: operand.start, end: t.span.end };
    case 'invtranspose':
      return { kind: 'transpose', operand: { kind: 'inverse', operand, start: operand.start, end: t.span.end }, start: operand.start, end: t.span.end };
    case 'superpower':
      return { kind: 'power', operand, exponent: superscriptValue(t.text), start: operand.start, end: t.span.end };
    case 'caret':
    case 'dotcaret':
      return parseExponent(c, operand, t);
    default:
      return operand;
  }
}

/** After `^` or `.^`: T, ⊤, -1, -T, an integer or a number, bare or in braces or parentheses. */
function parseExponent(c: Cursor, operand: Expr, caret: Token): Expr {
  const open = c.raw().kind === 'lbrace' || c.raw().kind === 'lparen' ? c.next() : undefined;
  let negative = false;
  if (c.raw().kind === 'minus') {
    c.next();
    negative = true;
  }
  const t = c.raw();
  let result: Expr | undefined;
  const end = (): number => t.span.end;
  if (caret.kind === 'caret' && ((t.kind === 'name' && t.text === 'T') || t.kind === 'transpose')) {
    c.next();
    const tr: Expr = negative
      ? { kind: 'transpose', operand: { kind: 'inverse', operand, start: operand.start, end: end() }, start: operand.start, end: end() }
      : { kind: 'transpose', operand, start: operand.start, end: end() };
    result = tr;
  } else if (t.kind === 'number') {
    c.next();
    const k = Number(t.text) * (negative ? -1 : 1);
    if (caret.kind === 'dotcaret') result = { kind: 'epower', operand, exponent: k, start: operand.start, end: end() };
    else if (k === -1) result = { kind: 'inverse', operand, start: operand.start, end: end() };
    else if (k < 0) {
      const inv: Expr = { kind: 'inverse', operand, start: operand.start, end: end() };
      result = { kind: 'power', operand: inv, exponent: -k, start: operand.start, end: end() };
    } else result = { kind: 'power', operand, exponent: k, start: operand.start, end: end() };
  }
  if (!result) {
    const what = caret.kind === 'caret' ? 'T, -1 or an integer' : 'a number';
    c.error('E006', cover(caret.span, t.span), `expected ${what} after '${caret.text}'`);
    if (open) c.skipLine();
    // The bad exponent (`A^x`, `A.^T`) belongs to this error: left behind, it would read as a
    // juxtaposed factor and draw a second, misleading diagnostic.
    const swallow = !open && (t.kind === 'name' || t.kind === 'transpose');
    if (swallow) c.next();
    return { kind: 'error', start: operand.start, end: (swallow ? t : caret).span.end };
  }
  if (open) {
    const closeKind: TokenKind = open.kind === 'lbrace' ? 'rbrace' : 'rparen';
    const close = c.raw().kind === closeKind ? c.next() : undefined;
    if (!close) {
      c.error('E002', open.span, `'${open.text}' is never closed: expected '${closeKind === 'rbrace' ? '}' : ')'}'`);
      return result;
    }
    return { ...result, end: close.span.end };
  }
  return result;
}
