// Copies of what an analysis reuses from the previous version, moved by the length change of an edit before them.
// Nodes are immutable and their spans are the document's offsets, so a statement after an edit is a copy with every
// span moved; one before it is the same object.
import type { Diagnostic } from '../diagnostics';
import { operatorSpan, type Expr, type Ident, type ShapeSpec, type Statement } from '../syntax/ast';
import type { Span } from '../syntax/span';
import type { Token } from '../syntax/tokens';

export const shiftSpan = (s: Span, d: number): Span => ({ start: s.start + d, end: s.end + d });

/** How a copy moves each span; `nodes`, if given, learns each node's copy. */
interface Mover {
  readonly span: (s: Span) => Span;
  readonly nodes?: Map<Expr, Expr> | undefined;
}

const ident = (i: Ident, m: Mover): Ident => {
  const s = m.span(i);
  return { name: i.name, start: s.start, end: s.end };
};

function copyExpr(e: Expr, m: Mover): Expr {
  const { start, end } = m.span(e);
  let out: Expr;
  switch (e.kind) {
    case 'name': out = { kind: 'name', name: e.name, start, end }; break;
    case 'number': out = { kind: 'number', value: e.value, start, end }; break;
    case 'error': out = { kind: 'error', start, end }; break;
    case 'identity': out = { kind: 'identity', size: e.size && copyExpr(e.size, m), start, end }; break;
    case 'constant': out = { kind: 'constant', fill: e.fill, rows: copyExpr(e.rows, m), cols: e.cols && copyExpr(e.cols, m), start, end }; break;
    case 'neg': case 'transpose': case 'inverse': out = { kind: e.kind, operand: copyExpr(e.operand, m), start, end }; break;
    case 'power': case 'epower': out = { kind: e.kind, operand: copyExpr(e.operand, m), exponent: e.exponent, start, end }; break;
    case 'binary': {
      const left = copyExpr(e.left, m);
      const right = copyExpr(e.right, m);
      const op = m.span(operatorSpan(e));
      out = e.implicit === undefined
        ? { kind: 'binary', op: e.op, left, right, opStart: op.start, opEnd: op.end, start, end }
        : { kind: 'binary', op: e.op, left, right, opStart: op.start, opEnd: op.end, implicit: e.implicit, start, end };
      break;
    }
    case 'call': out = { kind: 'call', fn: e.fn, arg: copyExpr(e.arg, m), nameSpan: m.span(e.nameSpan), start, end }; break;
    case 'unvec': out = {
      kind: 'unvec', arg: copyExpr(e.arg, m), rows: copyExpr(e.rows, m), cols: copyExpr(e.cols, m), nameSpan: m.span(e.nameSpan), start, end,
    }; break;
    case 'ptrace': out = {
      kind: 'ptrace', which: e.which, arg: copyExpr(e.arg, m), block: copyExpr(e.block, m), nameSpan: m.span(e.nameSpan), start, end,
    }; break;
  }
  m.nodes?.set(e, out);
  return out;
}

function copyShape(s: ShapeSpec, m: Mover): ShapeSpec {
  const { start, end } = m.span(s);
  switch (s.kind) {
    case 'scalar': return { kind: 'scalar', start, end };
    case 'vector': return { kind: 'vector', size: copyExpr(s.size, m), start, end };
    case 'matrix': return { kind: 'matrix', rows: copyExpr(s.rows, m), cols: copyExpr(s.cols, m), start, end };
  }
}

function copyStatement(s: Statement, m: Mover): Statement {
  const { start, end } = m.span(s);
  switch (s.kind) {
    case 'declaration': return {
      kind: 'declaration', names: s.names.map((n) => ident(n, m)), shape: copyShape(s.shape, m),
      properties: s.properties.length ? s.properties.map((p) => ident(p, m)) : s.properties, start, end,
    };
    case 'definition': return { kind: 'definition', target: ident(s.target, m), value: copyExpr(s.value, m), start, end };
    case 'grad': return { kind: 'grad', of: ident(s.of, m), wrt: s.wrt.map((w) => ident(w, m)), start, end };
    case 'claim': return { kind: 'claim', of: ident(s.of, m), wrt: ident(s.wrt, m), value: copyExpr(s.value, m), start, end };
  }
}

export function shiftExpr(e: Expr, d: number): Expr {
  return copyExpr(e, { span: (s) => shiftSpan(s, d) });
}

export function shiftStatement(s: Statement, d: number): Statement {
  return d === 0 ? s : copyStatement(s, { span: (x) => shiftSpan(x, d) });
}

/** A copy of a statement with every span moved by `span`; `nodes` learns each expression node's copy. */
export function moveStatement(s: Statement, span: (s: Span) => Span, nodes?: Map<Expr, Expr>): Statement {
  return copyStatement(s, { span, nodes });
}

/** A diagnostic with its range, its related ranges and its fixes' edits moved (all are in the same document). */
export function mapDiagnostic(x: Diagnostic, move: (s: Span) => Span): Diagnostic {
  return {
    code: x.code, severity: x.severity, message: x.message, span: move(x.span),
    ...(x.related ? { related: x.related.map((r) => ({ span: move(r.span), message: r.message })) } : {}),
    ...(x.fixes ? { fixes: x.fixes.map((f) => ({ title: f.title, edits: f.edits.map((e) => ({ span: move(e.span), newText: e.newText })) })) } : {}),
  };
}

export function shiftDiagnostic(x: Diagnostic, d: number): Diagnostic {
  return d === 0 ? x : mapDiagnostic(x, (s) => shiftSpan(s, d));
}

export function shiftToken(t: Token, d: number): Token {
  return { kind: t.kind, text: t.text, span: shiftSpan(t.span, d), spaceBefore: t.spaceBefore };
}
