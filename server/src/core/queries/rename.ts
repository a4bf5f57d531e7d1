// prepareRenameAt and renameAt: rename a matrix symbol or a size symbol everywhere (LaTeX math too), if the new name is valid.
import type { Analysis } from '../analysis';
import type { TextEdit } from '../diagnostics';
import { isProperty, RESERVED } from '../syntax/functions';
import { placeOf, type Span } from '../syntax/span';
import { hasLatexSpelling, latexRenameEdit } from '../documents/math-names';
import { context, formulaOf } from './context';
import { nameAt } from './navigation';

/** The lexer's NAME: a letter (Latin, Greek, …) followed by letters, digits, `_` or subscript digits. */
const NAME = /^[\p{Lu}\p{Ll}\p{Lt}\p{Lo}][\p{Lu}\p{Ll}\p{Lt}\p{Lo}\p{Nd}_₀-₉]*$/u;

/** Words a shape reads as keywords, so a size symbol cannot take them (`m x n`, `vector n`, `ℝ^n`). */
const SHAPE_WORDS = new Set(['x', 'by', 'scalar', 'vector', 'R', 'ℝ']);

export function prepareRenameAt(a: Analysis, offset: number): { span: Span; placeholder: string } | null {
  const o = nameAt(a, offset);
  // A plain span: the occurrence's may be the name's node (every node is its own span).
  return o ? { span: placeOf(o.span), placeholder: o.name } : null;
}

/** Why `name` cannot be the new name of a symbol (or, with `size`, of a size symbol); undefined if it can. */
export function invalidName(a: Analysis, name: string, size: boolean): string | undefined {
  if (!NAME.test(name)) return `'${name}' is not a valid name: a name is a letter followed by letters, digits or _`;
  if (RESERVED.has(name) || name === 'I' || name.startsWith('I_')) return `'${name}' is a built-in name of mcalc`;
  if (size && (SHAPE_WORDS.has(name) || /^x[0-9]+$/.test(name) || isProperty(name))) {
    return `'${name}' cannot name a size: it has a meaning in shapes`;
  }
  if (a.symbols.has(name)) return `'${name}' is already ${a.symbols.get(name)!.kind}`;
  if (a.sizes.has(name)) return `'${name}' is already a size symbol`;
  // Also an undeclared use of the name, which the rename would otherwise capture (not a keyword such as the x of m x n).
  const ctx = context(a);
  const words = new Set(ctx.occurrences.filter((o) => o.kind !== 'symbol' && o.kind !== 'size').map((o) => o.span.start));
  if (ctx.tokens.some((t) => t.kind === 'name' && t.text === name && !words.has(t.span.start))) return `'${name}' is already used in the document`;
  return undefined;
}

/** All the edits of a rename, in document order, or why it cannot be done. */
export function renameAt(a: Analysis, offset: number, newName: string): { edits: TextEdit[] } | { error: string } {
  const o = nameAt(a, offset);
  if (!o) return { error: 'only declared or defined symbols and size symbols can be renamed' };
  if (newName === o.name) return { edits: [] };
  const why = invalidName(a, newName, o.kind === 'size');
  if (why) return { error: why };
  const ctx = context(a);
  const spans = o.kind === 'symbol' ? a.references.get(o.name) ?? [] : a.sizes.get(o.name)?.uses ?? [];
  const sorted = [...spans].sort((x, y) => x.start - y.start).filter((s, i, all) => i === 0 || s.start !== all[i - 1]!.start);
  if (sorted.some((s) => formulaOf(ctx, s)) && !hasLatexSpelling(newName)) {
    return { error: `'${newName}' has no LaTeX spelling that reads back as it, and ${o.name} is written in LaTeX math too` };
  }
  // In LaTeX math, the new name in LaTeX (W₂ → W_{2}) and in the old one's style (\mathbf{A} stays bold).
  const edits = sorted.map((span) => (formulaOf(ctx, span) ? latexRenameEdit(a.text, span, newName) : { span, newText: newName }));
  return { edits };
}
