// completionsAt: what may be typed here — names, sizes, functions, properties, keywords, and \backslash symbols.
import type { Analysis } from '../analysis';
import { FUNCTIONS, PROPERTIES, PROPERTY_DOCS } from '../syntax/functions';
import type { Span } from '../syntax/span';
import { backslashMatches } from './backslash';
import { context, lineOf, lineSpan, regionAt, type QueryContext } from './context';
import { shapeLabel } from './format';
import { isScalarDefinition, variablesOf } from './variables';

export interface CompletionItem {
  readonly label: string;
  readonly kind: 'symbol' | 'definition' | 'size' | 'function' | 'keyword' | 'property' | 'operator';
  readonly detail?: string;
  readonly documentation?: string;
  /** What to insert instead of the label; a snippet (`tr($1)`) when `snippet` is true. */
  readonly insertText?: string;
  /** The text the item replaces: the word at the cursor (for a backslash name, from the backslash). */
  readonly replaceSpan?: Span;
  readonly snippet?: boolean;
}

const WORD = /[\p{Lu}\p{Ll}\p{Lt}\p{Lo}\p{Nd}_₀-₉]/u;
const NAME = '[\\p{Lu}\\p{Ll}\\p{Lt}\\p{Lo}][\\p{Lu}\\p{Ll}\\p{Lt}\\p{Lo}\\p{Nd}_₀-₉]*';
const DECLARATION = new RegExp(`^\\s*${NAME}(\\s*,\\s*${NAME})*\\s*[:∈]`, 'u');
const DEFINITION = new RegExp(`^\\s*(${NAME})\\s*=`, 'u');
const GRAD_OF = /^\s*grad\s+$/u;
const GRAD_WRT_KEYWORD = new RegExp(`^\\s*grad\\s+${NAME}\\s+$`, 'u');
const GRAD_WRT = new RegExp(`^\\s*grad\\s+(${NAME})\\s+wrt\\s+(${NAME}\\s*,\\s*)*$`, 'u');
const CLAIM_OF = /^\s*(∂|d\s+)\s*$/u;
const CLAIM_WRT = new RegExp(`^\\s*(?:∂|d\\s+)\\s*(${NAME})\\s*/\\s*(?:∂|d\\s+)\\s*$`, 'u');
/** A line that ends like this continues on the next one (LANGUAGE.md, "Lines and comments"). */
const CONTINUES = /[+\-−*·⋅⊗⊙∘/=,(⟨:{]\s*$/u;

export function completionsAt(a: Analysis, offset: number): CompletionItem[] {
  if (!(offset >= 0 && offset <= a.text.length)) return [];
  const ctx = context(a);
  if (!regionAt(ctx, offset)) return [];
  const line = lineSpan(ctx, lineOf(ctx, offset));
  const before = ctx.source.slice(line.start, offset);
  if (before.includes('#')) return [];
  const slash = /\\[A-Za-z0-9_^|]*$/.exec(before);
  if (slash) return backslashItems(ctx, offset, slash[0]);

  const word = wordAt(ctx.source, offset, line);
  const head = ctx.source.slice(line.start, word.start);
  const items = (list: CompletionItem[]): CompletionItem[] => list.map((i) => ({ ...i, replaceSpan: word }));

  const decl = DECLARATION.exec(head);
  if (decl) {
    const rest = head.slice(decl[0].length);
    if (rest.includes(',')) {
      const written = new Set(ctx.source.slice(line.start, line.end).split(/[\s,]+/));
      return items(PROPERTIES.filter((p) => !written.has(p) || ctx.source.slice(word.start, word.end) === p)
        .map((p) => ({ label: p, kind: 'property', documentation: PROPERTY_DOCS[p] })));
    }
    const shapeWords: CompletionItem[] = rest.trim() === ''
      ? [{ label: 'scalar', kind: 'keyword', documentation: 'the 1×1 shape' }, { label: 'vector', kind: 'keyword', documentation: 'vector n: an n×1 column vector' }]
      : [];
    return items([...sizeItems(ctx), ...shapeWords]);
  }
  if (GRAD_OF.test(head)) return items(scalarItems(ctx));
  if (GRAD_WRT_KEYWORD.test(head)) return items([{ label: 'wrt', kind: 'keyword', documentation: 'grad f wrt X, Y' }]);
  const gradWrt = GRAD_WRT.exec(head);
  if (gradWrt) return items(variableItems(ctx, gradWrt[1]!, head));
  if (CLAIM_OF.test(head)) return items(scalarItems(ctx));
  const claimWrt = CLAIM_WRT.exec(head);
  if (claimWrt) return items(variableItems(ctx, claimWrt[1]!, ''));

  const continuation = isContinuation(ctx, line);
  if (/^\s*$/.test(head) && !continuation) {
    return items([
      { label: 'grad', kind: 'keyword', detail: 'grad f wrt X', documentation: 'ask for the gradient of a scalar', insertText: 'grad ${1:f} wrt ${2:X}', snippet: true },
      ...sizeItems(ctx),
    ]);
  }
  const def = DEFINITION.exec(head);
  if (def && a.sizes.has(def[1]!)) return items(sizeItems(ctx));
  const defining = def?.[1];
  const nextIsParen = ctx.source[word.end] === '(';
  return items([
    ...symbolItems(ctx, word.start, defining),
    ...sizeItems(ctx),
    ...functionItems(nextIsParen),
  ]);
}

/** The identifier around the offset (possibly empty), within its line. */
function wordAt(source: string, offset: number, line: Span): Span {
  let start = offset;
  while (start > line.start && WORD.test(source[start - 1]!)) start--;
  let end = offset;
  while (end < line.end && WORD.test(source[end]!)) end++;
  return { start, end };
}

/** Whether the line continues the statement above (that one ended with an operator or left a bracket open). */
function isContinuation(ctx: QueryContext, line: Span): boolean {
  const a = ctx.analysis;
  if (a.statements.some((s) => s.start < line.start && line.start <= s.end)) return true;
  for (let l = lineOf(ctx, line.start) - 1; l >= 0; l--) {
    const prev = lineSpan(ctx, l);
    const text = ctx.source.slice(prev.start, prev.end).replace(/#.*$/, '');
    if (text.trim() === '') continue;
    return CONTINUES.test(text);
  }
  return false;
}

function backslashItems(ctx: QueryContext, offset: number, typed: string): CompletionItem[] {
  let end = offset;
  while (end < ctx.source.length && /[A-Za-z0-9_^|]/.test(ctx.source[end]!)) end++;
  const replaceSpan = { start: offset - typed.length, end };
  return backslashMatches(typed.slice(1)).map((b) => ({
    label: `\\${b.name}`, kind: 'operator', detail: b.symbol, documentation: b.doc, insertText: b.symbol, replaceSpan,
  }));
}

function symbolItems(ctx: QueryContext, before: number, exclude: string | undefined): CompletionItem[] {
  const out: CompletionItem[] = [];
  for (const sym of ctx.analysis.symbols.values()) {
    // Names are in scope after their statement; a definition cannot use itself (on a continuation line too).
    const own = sym.statementSpan.start <= before && before <= sym.statementSpan.end;
    if (sym.statementSpan.start >= before || own || sym.name === exclude) continue;
    const props = sym.properties.length ? `, ${sym.properties.join(', ')}` : '';
    out.push({ label: sym.name, kind: sym.kind === 'declared' ? 'symbol' : 'definition', detail: `${shapeLabel(sym.shape)}${props}` });
  }
  out.push({ label: 'I', kind: 'function', detail: 'identity', documentation: 'the identity matrix, its size inferred (I_n, I(n) give it)' });
  return out;
}

function sizeItems(ctx: QueryContext): CompletionItem[] {
  return [...ctx.analysis.sizes.values()].map((z) => ({ label: z.name, kind: 'size', detail: 'size' }));
}

function scalarItems(ctx: QueryContext): CompletionItem[] {
  return [...ctx.analysis.symbols.values()]
    .filter(isScalarDefinition)
    .map((s) => ({ label: s.name, kind: 'definition', detail: 'scalar' }));
}

/** For `grad f wrt …` and `∂f/∂…`: f's variables first, then the other declared symbols; none listed twice. */
function variableItems(ctx: QueryContext, of: string, head: string): CompletionItem[] {
  const a = ctx.analysis;
  const listed = new Set(head.split(/[\s,]+/));
  const first = variablesOf(a, of);
  const rest = [...a.symbols.values()].filter((s) => s.kind === 'declared' && !first.includes(s.name)).map((s) => s.name);
  return [...first, ...rest].filter((x) => !listed.has(x)).map((x) => ({
    label: x, kind: 'symbol', detail: shapeLabel(a.symbols.get(x)?.shape),
    ...(first.includes(x) ? {} : { documentation: `${of} does not depend on ${x}` }),
  }));
}

function functionItems(nextIsParen: boolean): CompletionItem[] {
  const out: CompletionItem[] = [];
  for (const [name, info] of FUNCTIONS) {
    if (name === 'Tr' || name === 'I') continue;
    const args = Array.from({ length: info.minArgs }, (_, i) => `$${i + 1}`).join(', ');
    out.push({
      label: name, kind: 'function', detail: info.signature, documentation: info.doc,
      ...(nextIsParen ? {} : { insertText: `${name}(${args})`, snippet: true }),
    });
  }
  return out;
}
