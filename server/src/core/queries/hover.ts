// hoverAt: what the cursor is on — a symbol, a size, a function, a sub-expression's shape, or a gradient request.
import type { Analysis } from '../analysis';
import { dimToString } from '../shapes/dim';
import type { Shape } from '../shapes/shape';
import { children, type Expr, type Statement } from '../syntax/ast';
import { FUNCTIONS, isProperty, PROPERTY_DOCS } from '../syntax/functions';
import { placeOf, type Span } from '../syntax/span';
import { context, occurrenceAt, statementAt, type Occurrence, type QueryContext } from './context';
import { codeBlock, inlineCode, lineNumber, listing, quote, quoteShape, shapeClass, shapeLabel } from './format';
import { claimHover, gradHover, type QueryOptions } from './hover-gradient';
import { variablesOf, isScalarDefinition } from './variables';

export interface HoverInfo {
  readonly span: Span;
  /** Markdown: code-fenced mcalc and prose; user text is always inside code, so it cannot inject Markdown. */
  readonly markdown: string;
}

/** Words that mean something where they stand, and what. */
const KEYWORD_DOCS: Readonly<Record<string, string>> = {
  grad: '`grad f wrt X, Y` asks for ∂f/∂X and ∂f/∂Y of the scalar f',
  wrt: '`grad f wrt X, Y`: the declared symbols to differentiate with respect to',
  scalar: 'the 1×1 shape',
  vector: '`vector n`: an n×1 column vector',
  x: '`m x n`: an m-by-n matrix (also `m × n`, `m by n`)',
  by: '`m by n`: an m-by-n matrix (also `m × n`)',
  R: '`R^(m x n)`, `R^n`: the real matrices or vectors of that size',
  ℝ: '`ℝ^{m×n}`, `ℝ^n`: the real matrices or vectors of that size',
  d: '`d f / d X`: the ASCII spelling of the claimed derivative ∂f/∂X',
};

export function hoverAt(a: Analysis, offset: number, options: QueryOptions = {}): HoverInfo | null {
  const h = hoverInfo(a, offset, options);
  // A plain span: the one found may be a node (every node is its own span), and a hover made in the derivation
  // worker is copied to the server with all it holds.
  return h && { ...h, span: placeOf(h.span) };
}

function hoverInfo(a: Analysis, offset: number, options: QueryOptions): HoverInfo | null {
  if (!(offset >= 0 && offset <= a.text.length)) return null;
  const ctx = context(a);
  const s = statementAt(a, offset);
  if (s?.kind === 'grad') {
    const on = s.wrt.find((w) => w.start <= offset && offset < w.end);
    return gradHover(ctx, s, on ? [on.name] : s.wrt.map((w) => w.name), on ? on : s, options);
  }
  if (s?.kind === 'claim' && offset < s.value.start) {
    return claimHover(ctx, s, { start: s.start, end: s.wrt.end }, options);
  }
  const occ = occurrenceAt(ctx, offset);
  const under = occ && offset < occ.span.end ? occ : undefined;
  if (under) {
    const h = occurrenceHover(ctx, under, s, offset);
    if (h) return h;
  }
  if (s) return expressionHover(ctx, s, offset) ?? declarationHover(ctx, s);
  return null;
}

function occurrenceHover(ctx: QueryContext, o: Occurrence, s: Statement | undefined, offset: number): HoverInfo | null {
  switch (o.kind) {
    case 'symbol': return symbolHover(ctx, o.name, o.span);
    case 'size': return sizeHover(ctx, o.name, o.span);
    case 'function': case 'identity': {
      const info = FUNCTIONS.get(o.kind === 'identity' ? 'I' : o.name);
      const doc = o.kind === 'identity' ? 'the identity matrix (`I` alone: its size is inferred; `I_n`, `I(n)`: n×n)' : info?.doc ?? '';
      const here = s && deepestTyped(ctx, s, offset);
      const shape = here ? `\n\nHere: ${inlineCode(quote(ctx, here.node))} : ${shapeLabel(here.shape)}` : '';
      return { span: o.span, markdown: `${codeBlock(info?.signature ?? o.name)}\n\n${doc}${shape}` };
    }
    case 'property':
      return isProperty(o.name) ? { span: o.span, markdown: `${inlineCode(o.name)} (property): ${PROPERTY_DOCS[o.name]}` } : null;
    case 'keyword': {
      const doc = KEYWORD_DOCS[o.name];
      return doc ? { span: o.span, markdown: `${inlineCode(o.name)}: ${doc}` } : null;
    }
  }
}

/** A declared symbol (shape, line, properties) or a defined one (its expression and shape). */
function symbolHover(ctx: QueryContext, name: string, span: Span): HoverInfo | null {
  const a = ctx.analysis;
  const sym = a.symbols.get(name);
  if (!sym) return null;
  const uses = Math.max(0, (a.references.get(name)?.length ?? 1) - 1);
  const usesText = uses === 0 ? 'not used yet' : `used ${uses} time${uses === 1 ? '' : 's'}`;
  const line = lineNumber(ctx, sym.nameSpan.start);
  if (sym.kind === 'declared') {
    const props = sym.properties.length ? `, ${sym.properties.join(', ')}` : '';
    const prose = [`${capital(shapeClass(sym.shape))}, declared at line ${line}; ${usesText}.`];
    for (const p of sym.properties) prose.push(`${inlineCode(p)}: ${PROPERTY_DOCS[p]}`);
    const decl = a.statements.find((st) => st.kind === 'declaration' && st.start === sym.statementSpan.start);
    if (decl?.kind === 'declaration' && usesFacts(ctx, decl.shape)) {
      prose.push(`Written ${inlineCode(quoteShape(ctx, decl.shape))}; the size facts make it ${shapeLabel(sym.shape)}.`);
    }
    return { span, markdown: `${codeBlock(`${name} : ${shapeLabel(sym.shape)}${props}`)}\n\n${prose.join('\n\n')}` };
  }
  const value = sym.value ? quote(ctx, sym.value, 200) : '…';
  const prose = [`Defined at line ${line}; ${usesText}.${sym.shape ? '' : ' Its shape is unknown: the definition has an error.'}`];
  if (isScalarDefinition(sym)) {
    const xs = variablesOf(a, name);
    if (xs.length) prose.push(`A scalar: it can be differentiated with respect to ${listing(xs.map(inlineCode))}.`);
  }
  return { span, markdown: `${codeBlock(`${name} = ${value}    # ${shapeLabel(sym.shape)}`)}\n\n${prose.join('\n\n')}` };
}

/** Whether a size written in this span has a value from a size fact. */
function usesFacts(ctx: QueryContext, span: Span): boolean {
  for (const size of ctx.analysis.sizes.values()) {
    if (size.value && size.uses.some((u) => span.start <= u.start && u.end <= span.end)) return true;
  }
  return false;
}

/** A size symbol: its value if a fact gives one, and where it is used. */
function sizeHover(ctx: QueryContext, name: string, span: Span): HoverInfo | null {
  const a = ctx.analysis;
  const size = a.sizes.get(name);
  if (!size) return null;
  const users: string[] = [];
  for (const u of size.uses) {
    const s = statementAt(a, u.start);
    const who = !s ? undefined
      : s.kind === 'declaration' ? s.names.map((n) => n.name).join(', ')
        : s.kind === 'definition' ? (a.sizeFacts.has(s) ? undefined : s.target.name)
          : s.kind === 'claim' ? `∂${s.of.name}/∂${s.wrt.name}` : undefined;
    if (who && !users.includes(who)) users.push(who);
  }
  const value = size.value ? ` = ${dimToString(size.value)}` : '';
  const count = `${size.uses.length} use${size.uses.length === 1 ? '' : 's'}`;
  const where = users.length ? `, in ${listing(users.map(inlineCode))}` : '';
  const fact = size.value ? '' : ' No size fact fixes it: the numeric check picks a value.';
  return { span, markdown: `${codeBlock(`size ${name}${value}`)}\n\nSize symbol: ${count}${where}.${fact}` };
}


/** The expressions of a statement whose nodes have shapes. */
function roots(s: Statement): Expr[] {
  return s.kind === 'definition' || s.kind === 'claim' ? [s.value] : [];
}

/** The smallest node under the offset that has a shape. */
function deepestTyped(ctx: QueryContext, s: Statement, offset: number): { node: Expr; shape: Shape } | undefined {
  let found: { node: Expr; shape: Shape } | undefined;
  const visit = (e: Expr): void => {
    if (!(e.start <= offset && offset < e.end)) return;
    const sh = ctx.analysis.shapes.get(e);
    if (sh) found = { node: e, shape: sh };
    for (const c of children(e)) visit(c);
  };
  for (const r of roots(s)) visit(r);
  return found;
}

/** `Sᵀ L` : k×(p·m); on an operator, the operands' shapes too. */
function expressionHover(ctx: QueryContext, s: Statement, offset: number): HoverInfo | null {
  const hit = deepestTyped(ctx, s, offset);
  if (!hit) return null;
  const lines = [`${inlineCode(quote(ctx, hit.node))} : ${shapeLabel(hit.shape)}`];
  const e = hit.node;
  if (e.kind === 'binary' && e.opStart <= offset && offset <= e.opEnd) {
    const side = (x: Expr): string => `${inlineCode(quote(ctx, x, 40))} : ${shapeLabel(ctx.analysis.shapes.get(x))}`;
    lines.push(`operands: ${side(e.left)} and ${side(e.right)}`);
  }
  return { span: e, markdown: lines.join('\n\n') };
}

/** Anywhere else on a declaration (its shape, the colon): the first declared name's hover. */
function declarationHover(ctx: QueryContext, s: Statement): HoverInfo | null {
  if (s.kind !== 'declaration') return null;
  const first = s.names.find((n) => ctx.analysis.symbols.get(n.name)?.nameSpan.start === n.start);
  const h = first && symbolHover(ctx, first.name, s);
  return h ?? null;
}

function capital(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
