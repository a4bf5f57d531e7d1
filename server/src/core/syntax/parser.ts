// Parses mcalc statements, one per line. Never throws: a bad line becomes a diagnostic and parsing goes on.
import { append } from '../arrays';
import type { Diagnostic } from '../diagnostics';
import { someChild, type Expr, type Ident, type ShapeSpec, type Statement } from './ast';
import { Cursor } from './cursor';
import { MAX_DEPTH, parseExpr, unexpectedCharacter } from './expr-parser';
import { isProperty, PROPERTIES, RESERVED } from './functions';
import { lex } from './lexer';
import { parseShape } from './shape-parser';
import { cover } from './span';
import type { Token } from './tokens';

export interface ParseResult {
  readonly statements: Statement[];
  readonly diagnostics: Diagnostic[];
}

/**
 * About how much text one token list covers. A long file is parsed a piece at a time: the tokens of a piece are
 * garbage once its statements are made, instead of all of a file's living as long as its parse (a 10,000-line file is
 * 55,000 tokens, and keeping them alive made the collector copy them, twice).
 */
const PIECE = 4096;

/** Parses text[start, end) — a whole .mcalc file or one Markdown block — keeping offsets into `text`. */
export function parse(text: string, start = 0, end = text.length): ParseResult {
  return parseInPieces(text, start, end, PIECE);
}

/** parse() with pieces of about `piece` characters (tests use small ones: the result must not depend on it). */
export function parseInPieces(text: string, start: number, end: number, piece: number): ParseResult {
  if (end - start <= piece) return parseTokens(lex(text, start, end));
  const statements: Statement[] = [];
  const diagnostics: Diagnostic[] = [];
  for (let from = start; from < end;) {
    const cut = statementLineAfter(text, from + piece, end);
    // The piece's tokens run on through the line at the cut, so that the parser sees that a statement starts there,
    // as it would in the whole text (it never continues a statement into such a line); it stops before that line.
    const tokens = lex(text, from, cut === end ? end : lineEnd(text, cut, end));
    const part = parseTokens(tokens, cut);
    append(statements, part.statements);
    append(diagnostics, part.diagnostics);
    from = cut;
  }
  return { statements, diagnostics };
}

function lineEnd(text: string, at: number, end: number): number {
  const nl = text.indexOf('\n', at);
  return nl < 0 || nl >= end ? end : nl;
}

/**
 * The start of the first line at or after `at` (a line start, or the next one) whose tokens start a statement
 * (Cursor.startsStatement: `A :`, `S =`, `grad f`, `∂f/∂X`…); `end` when there is none.
 */
function statementLineAfter(text: string, at: number, end: number): number {
  let line = at <= 0 || text.charCodeAt(at - 1) === 10 ? at : text.indexOf('\n', at) + 1;
  while (line > 0 && line < end) {
    const tokens = lex(text, line, lineEnd(text, line, end));
    if (new Cursor(tokens).startsStatement(0)) return line;
    const next = text.indexOf('\n', line);
    line = next < 0 ? end : next + 1;
  }
  return end;
}

/**
 * Parses a token list ending with eof — from the mcalc lexer or from the LaTeX reader (syntax/latex-lexer.ts) — or,
 * with `stop`, the statements that start before that offset.
 */
export function parseTokens(tokens: readonly Token[], stop = Infinity): ParseResult {
  const c = new Cursor(tokens);
  const statements: Statement[] = [];
  c.skipNewlines();
  while (c.raw().kind !== 'eof' && c.raw().span.start < stop) {
    // Every statement starts afresh: one given up deep inside brackets (E007) leaves them counted open.
    c.abandoned = false;
    c.depth = 0;
    c.normDepth = 0;
    c.nesting = 0;
    const before = c.diagnostics.length;
    const stmt = parseStatement(c);
    if (stmt) statements.push(stmt);
    const t = c.raw();
    if (t.kind !== 'newline' && t.kind !== 'eof') {
      // Report trailing junk only when the statement itself parsed cleanly, to avoid cascades.
      if (c.diagnostics.length === before) {
        // NumPy's X.T: the '.' is what stops the statement; unexpectedCharacter says how mcalc writes a transpose.
        if (t.kind === 'unknown') unexpectedCharacter(c, t, c.raw(1));
        else c.error('E001', t.span, `unexpected '${t.text}' after the end of the statement`);
      }
      c.skipLine();
    }
    c.skipNewlines();
  }
  return { statements, diagnostics: c.diagnostics };
}

/** Parses a single expression (for tests and tools); trailing tokens are reported. */
export function parseExpression(text: string): { expr: Expr; diagnostics: Diagnostic[] } {
  return parseExpressionTokens(lex(text));
}

/** parseExpression over a token list ending with eof. */
export function parseExpressionTokens(tokens: readonly Token[]): { expr: Expr; diagnostics: Diagnostic[] } {
  const c = new Cursor(tokens);
  const expr = parseExpr(c);
  if (c.peek().kind !== 'eof' && c.diagnostics.length === 0) {
    c.error('E001', c.peek().span, `unexpected '${c.peek().text}' after the expression`);
  }
  return { expr, diagnostics: c.diagnostics };
}

function ident(t: Token): Ident {
  return { name: t.text, start: t.span.start, end: t.span.end };
}

function parseStatement(c: Cursor): Statement | undefined {
  const t = c.raw();
  const t1 = c.raw(1);
  if (t.kind === 'partial') return parseClaim(c);
  if (t.kind !== 'name') {
    // A line that starts with an operator was most likely meant to continue the one above.
    const operator = ['plus', 'minus', 'star', 'dot', 'kron', 'hadamard', 'ediv', 'slash', 'colon'].includes(t.kind);
    c.error(t.kind === 'unknown' ? 'E005' : 'E001', t.span,
      t.kind === 'unknown' ? `unexpected character '${t.text}'`
        : operator ? `a statement cannot start with '${t.text}': to continue the line above, end that line with the operator`
          : 'expected a declaration (A : m × n), a definition (S = …), grad f wrt X, or a claim (∂f/∂X = …)');
    return undefined;
  }
  if (t.text === 'grad' && t1.kind === 'name') return parseGrad(c);
  if (t.text === 'd' && t1.kind === 'name' && c.raw(2).kind === 'slash') return parseClaim(c);
  if (t1.kind === 'slash' && c.raw(2).kind === 'name' && c.raw(3).kind === 'equals') return parseClaim(c);
  if (t1.kind === 'colon' || t1.kind === 'in' || t1.kind === 'comma') return parseDeclaration(c);
  if (t1.kind === 'equals') return parseDefinition(c);
  c.error('E001', cover(t.span, t1.span),
    `expected ':' (a declaration such as ${t.text} : m × n) or '=' (a definition such as ${t.text} = …) after ${t.text}`);
  return undefined;
}

function parseDeclaration(c: Cursor): Statement | undefined {
  const first = c.next();
  const names: Ident[] = [ident(first)];
  // What is not the expected token is looked at, not consumed: a line break taken as the missing ':' would make the
  // next line the rest of this statement, and it would be skipped as such.
  while (c.eat('comma')) {
    const n = c.peek();
    if (n.kind !== 'name') {
      c.error('E001', n.span, `expected a name after ',' in the declaration, found '${n.text.trim() || 'the end of the line'}'`);
      return undefined;
    }
    names.push(ident(c.next()));
  }
  for (const n of names) {
    if (RESERVED.has(n.name) || n.name === 'I' || /^I_/.test(n.name)) {
      c.error('E105', n, `${n.name} is a built-in name of mcalc and cannot be declared`);
    }
  }
  const colon = c.peek();
  if (colon.kind !== 'colon' && colon.kind !== 'in') {
    c.error('E001', colon.span, `expected ':' after ${names.map((n) => n.name).join(', ')}`);
    return undefined;
  }
  const colonEnd = c.next().span.end;
  const reported = c.diagnostics.length;
  const shape = parseShape(c);
  if (!shape) {
    // The names are still declared, with a shape that has an error (as `A : m × foo` gives): a later `A B` is
    // then not "A is not declared" on top of the error reported here, which the statement's range takes in.
    const end = Math.max(colonEnd, ...c.diagnostics.slice(reported).map((d) => d.span.end));
    const error: Expr = { kind: 'error', start: colonEnd, end };
    const broken: ShapeSpec = { kind: 'matrix', rows: error, cols: error, start: colonEnd, end };
    return { kind: 'declaration', names: exact(names), shape: broken, properties: NO_PROPERTIES, start: first.span.start, end };
  }
  const properties: Ident[] = [];
  // The statement takes in an unknown property too: its error is the declaration's (a grad of X stops on it).
  let last: { end: number } = shape;
  for (;;) {
    const comma = c.eat('comma');
    const p = c.peek();
    if (!comma) {
      if (p.kind !== 'name' || !isProperty(p.text)) break;
      c.error('E001', p.span, `expected ',' before the property ${p.text}`);
    } else if (p.kind !== 'name') {
      c.error('E001', p.span, `expected a property (${PROPERTIES.join(', ')}) after ','`);
      return undefined;
    }
    c.next();
    last = p.span;
    if (!isProperty(p.text)) {
      c.error('E004', p.span, `unknown property '${p.text}'; the properties are ${PROPERTIES.join(', ')}`);
      continue;
    }
    properties.push(ident(p));
  }
  const end = last;
  return {
    kind: 'declaration', names: exact(names), shape, properties: properties.length ? exact(properties) : NO_PROPERTIES,
    start: first.span.start, end: end.end,
  };
}

/**
 * An array of its length, for one the statement keeps: V8 gives an array grown by push() room for 17 elements, and a
 * long document keeps thousands of these lists (a grad's 2 names in 152 bytes where 32 do).
 */
function exact<T>(a: T[]): T[] {
  return a.slice();
}

/** The properties of the declarations that have none (most of them): one array, not one each. */
const NO_PROPERTIES: readonly Ident[] = Object.freeze([]);

/** Whether a tree is more than `limit` nodes deep: it recurses at most `limit` deep, however deep the tree. */
function deeperThan(e: Expr, limit: number): boolean {
  return limit === 0 || someChild(e, deeperThan, limit - 1);
}

/** A value deeper than MAX_DEPTH (a sum of thousands of terms) becomes an error node with E007. */
function bounded(c: Cursor, value: Expr): Expr {
  if (c.abandoned || value.kind === 'error' || !deeperThan(value, MAX_DEPTH)) return value;
  c.error('E007', value, `the expression is more than ${MAX_DEPTH} operations deep; split it into named definitions`);
  return { kind: 'error', start: value.start, end: value.end };
}

function parseDefinition(c: Cursor): Statement | undefined {
  const target = c.next();
  c.next(); // '='
  if (RESERVED.has(target.text) || target.text === 'I') {
    c.error('E105', target.span, `${target.text} is a built-in name of mcalc and cannot be redefined`);
  }
  c.skipContinuation();
  const value = bounded(c, parseExpr(c));
  return { kind: 'definition', target: ident(target), value, start: target.span.start, end: value.end };
}

function parseGrad(c: Cursor): Statement | undefined {
  const kw = c.next();
  const of = c.next();
  const wrtTok = c.raw();
  if (wrtTok.kind !== 'name' || wrtTok.text !== 'wrt') {
    c.error('E001', wrtTok.span, `expected 'wrt' after grad ${of.text} (grad ${of.text} wrt X)`);
    return undefined;
  }
  c.next();
  const wrt: Ident[] = [];
  for (;;) {
    const n = c.raw();
    if (n.kind !== 'name') {
      c.error('E001', n.span, 'expected the name of a declared symbol after wrt');
      return undefined;
    }
    c.next();
    wrt.push(ident(n));
    if (c.raw().kind !== 'comma') break;
    c.next();
  }
  return { kind: 'grad', of: ident(of), wrt: exact(wrt), start: kw.span.start, end: wrt.at(-1)!.end };
}

/** ∂f/∂X = EXPR, d f / d X = EXPR, df/dX = EXPR. */
function parseClaim(c: Cursor): Statement | undefined {
  const start = c.raw();
  const of = claimPart(c);
  if (!of) return undefined;
  if (!c.eat('slash')) {
    c.error('E001', c.raw().span, 'expected \'/\' in the claimed derivative ∂f/∂X');
    return undefined;
  }
  const wrt = claimPart(c);
  if (!wrt) return undefined;
  if (!c.eat('equals')) {
    c.error('E001', c.raw().span, `expected '=' after ∂${of.name}/∂${wrt.name}`);
    return undefined;
  }
  c.skipContinuation();
  const value = bounded(c, parseExpr(c));
  return { kind: 'claim', of, wrt, value, start: start.span.start, end: value.end };
}

/** One side of ∂f/∂X: `∂f`, `d f` or `df`. */
function claimPart(c: Cursor): Ident | undefined {
  const t = c.raw();
  if (t.kind === 'partial' || (t.kind === 'name' && t.text === 'd' && c.raw(1).kind === 'name')) {
    c.next();
    const n = c.raw();
    if (n.kind !== 'name') {
      c.error('E001', n.span, `expected a name after '${t.text}'`);
      return undefined;
    }
    c.next();
    return ident(n);
  }
  if (t.kind === 'name' && t.text.length > 1 && t.text.startsWith('d')) {
    c.next();
    return { name: t.text.slice(1), start: t.span.start + 1, end: t.span.end };
  }
  c.error('E001', t.span, 'expected ∂f/∂X (or d f / d X)');
  return undefined;
}
