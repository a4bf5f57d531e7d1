// Parses the shape of a declaration: `m × n`, `m x n`, `m by n`, `ℝ^{m×n}`, `R^(m x n)`, `ℝ^n`, `vector n`, `scalar`.
import type { Expr, ShapeSpec } from './ast';
import type { Cursor } from './cursor';
import { isProperty } from './functions';
import { superscriptValue } from './lexer';
import type { Token } from './tokens';
import { unexpectedCharacter } from './expr-parser';

export function parseShape(c: Cursor): ShapeSpec | undefined {
  const t = c.peek();
  if (t.kind === 'name' && t.text === 'scalar') {
    c.next();
    return { kind: 'scalar', start: t.span.start, end: t.span.end };
  }
  if (t.kind === 'name' && t.text === 'vector') {
    c.next();
    const size = parseDim(c);
    return size && { kind: 'vector', size, start: t.span.start, end: size.end };
  }
  if (t.kind === 'name' && (t.text === 'R' || t.text === 'ℝ') && c.peekSecond().kind === 'caret') {
    c.next();
    c.next();
    const open = c.peek().kind === 'lbrace' || c.peek().kind === 'lparen' ? c.next() : undefined;
    if (!open) {
      const size = parseDimAtom(c);
      return size && { kind: 'vector', size, start: t.span.start, end: size.end };
    }
    c.depth++;
    const inner = parseMatrixOrVector(c);
    const close = c.eat(open.kind === 'lbrace' ? 'rbrace' : 'rparen');
    c.depth--;
    if (!close) {
      // A stray character is the error, not the bracket.
      if (c.at('unknown')) unexpectedCharacter(c, c.peek(), c.peekSecond(), false);
      else c.error('E002', open.span, `'${open.text}' is never closed: expected '${open.kind === 'lbrace' ? '}' : ')'}'`);
      return undefined;
    }
    if (!inner) return undefined;
    return { ...inner, start: t.span.start, end: close.span.end };
  }
  const shape = parseMatrixOrVector(c);
  if (shape && shape.kind === 'vector') {
    c.error('E003', shape, `a shape needs two sizes: write ${textOf(shape.size)} × 1, vector ${textOf(shape.size)} or ℝ^${textOf(shape.size)}`);
    return undefined;
  }
  return shape;
}

/** `rows × cols`, or a single size (a vector, inside ℝ^{…}). */
function parseMatrixOrVector(c: Cursor): ShapeSpec | undefined {
  const rows = parseDim(c);
  if (!rows) return undefined;
  const sep = c.peek();
  if (sep.kind === 'times' || (sep.kind === 'name' && (sep.text === 'x' || sep.text === 'by'))) {
    c.next();
    const cols = parseDim(c);
    return cols && { kind: 'matrix', rows, cols, start: rows.start, end: cols.end };
  }
  // `2x3` lexes as 2 and the name x3.
  const glued = sep.kind === 'name' ? /^x([0-9]+)$/.exec(sep.text) : null;
  if (glued) {
    c.next();
    const cols: Expr = { kind: 'number', value: Number(glued[1]), start: sep.span.start + 1, end: sep.span.end };
    return { kind: 'matrix', rows, cols, start: rows.start, end: cols.end };
  }
  return { kind: 'vector', size: rows, start: rows.start, end: rows.end };
}

/** A size: sums and products of positive integers and size symbols, e.g. `q·n`, `2n`, `m + n`, `(q n)`. */
export function parseDim(c: Cursor): Expr | undefined {
  let left = parseDimTerm(c);
  if (!left) return undefined;
  for (;;) {
    const t = c.peek();
    if (t.kind !== 'plus' && t.kind !== 'minus') return left;
    c.next();
    const right = parseDimTerm(c);
    if (!right) return undefined;
    left = { kind: 'binary', op: t.kind === 'plus' ? 'add' : 'sub', left, right, opStart: t.span.start, opEnd: t.span.end, start: left.start, end: right.end };
  }
}

function parseDimTerm(c: Cursor): Expr | undefined {
  let left = parseDimPower(c);
  if (!left) return undefined;
  for (;;) {
    const t = c.peek();
    const explicit = t.kind === 'star' || t.kind === 'dot';
    // `n x n symmetric` lacks a comma; reading `n·symmetric` would hide that.
    if (!explicit && (!startsDimAtom(t) || isProperty(t.text))) return left;
    if (explicit) c.next();
    const right = parseDimPower(c);
    if (!right) return undefined;
    // The operator's place: its token, or for juxtaposition the gap between the operands.
    const opStart: number = explicit ? t.span.start : left.end;
    const opEnd: number = explicit ? t.span.end : right.start;
    left = explicit
      ? { kind: 'binary', op: 'matmul', left, right, opStart, opEnd, start: left.start, end: right.end }
      : { kind: 'binary', op: 'matmul', left, right, opStart, opEnd, implicit: true, start: left.start, end: right.end };
  }
}

function parseDimPower(c: Cursor): Expr | undefined {
  const base = parseDimAtom(c);
  if (!base) return undefined;
  const sup = c.eat('superpower');
  if (sup) return { kind: 'power', operand: base, exponent: superscriptValue(sup.text), start: base.start, end: sup.span.end };
  if (c.peek().kind !== 'caret') return base;
  c.next();
  const brace = c.eat('lbrace');
  const k = c.peek();
  if (k.kind !== 'number' || !Number.isInteger(Number(k.text))) {
    c.error('E003', k.span, 'expected a whole-number exponent in a size');
    return undefined;
  }
  c.next();
  const close = brace ? c.eat('rbrace') : undefined;
  return { kind: 'power', operand: base, exponent: Number(k.text), start: base.start, end: (close ?? k).span.end };
}

function startsDimAtom(t: Token): boolean {
  if (t.kind === 'number' || t.kind === 'lparen') return true;
  return t.kind === 'name' && t.text !== 'x' && t.text !== 'by' && !(t.text.startsWith('x') && /^x[0-9]+$/.test(t.text));
}

function parseDimAtom(c: Cursor): Expr | undefined {
  const t = c.peek();
  if (t.kind === 'number') {
    c.next();
    const value = Number(t.text);
    if (!Number.isInteger(value) || value < 1) {
      c.error('E003', t.span, `a size must be a positive whole number, not ${t.text}`);
      return undefined;
    }
    return { kind: 'number', value, start: t.span.start, end: t.span.end };
  }
  if (t.kind === 'name' && startsDimAtom(t)) {
    c.next();
    return { kind: 'name', name: t.text, start: t.span.start, end: t.span.end };
  }
  if (t.kind === 'lparen') {
    c.next();
    c.depth++;
    const inner = parseDim(c);
    const closed = inner ? c.eat('rparen') : undefined;
    c.depth--;
    if (!inner) return undefined;
    if (!closed) {
      if (c.at('unknown')) unexpectedCharacter(c, c.peek(), c.peekSecond(), false);
      else c.error('E002', t.span, "'(' is never closed: expected ')'");
      return undefined;
    }
    // The span takes in the parentheses, so a declaration's span reaches its closing ')'.
    return { ...inner, start: t.span.start, end: closed.span.end };
  }
  const found = t.kind === 'newline' || t.kind === 'eof' ? 'the end of the line' : `'${t.text}'`;
  c.error('E003', t.span, `expected a shape such as m × n, vector n or scalar, found ${found}`);
  return undefined;
}

function textOf(e: Expr): string {
  switch (e.kind) {
    case 'name': return e.name;
    case 'number': return String(e.value);
    default: return 'n';
  }
}
