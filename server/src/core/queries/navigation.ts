// definitionAt and referencesAt: matrix symbols (declared or defined) and size symbols, across all blocks of a note.
import type { Analysis } from '../analysis';
import type { Span } from '../syntax/span';
import { context, occurrenceAt, sizeDefinition, statementAt, type Occurrence } from './context';

/** The symbol or size under (or just before) the offset: the things that have a definition and references. */
export function nameAt(a: Analysis, offset: number): Occurrence | undefined {
  const o = occurrenceAt(context(a), offset);
  return o && (o.kind === 'symbol' || o.kind === 'size') ? o : undefined;
}

/**
 * Where the name under the cursor is declared or defined: `span` is the whole statement, `nameSpan` the name in it.
 * A size symbol goes to its size fact (`n = 3`) if there is one, else to its first use in a shape.
 */
export function definitionAt(a: Analysis, offset: number): { span: Span; nameSpan: Span } | null {
  const o = nameAt(a, offset);
  if (!o) return null;
  if (o.kind === 'symbol') {
    const sym = a.symbols.get(o.name);
    return sym ? { span: sym.statementSpan, nameSpan: sym.nameSpan } : null;
  }
  const def = sizeDefinition(a, o.name);
  if (!def) return null;
  const s = statementAt(a, def.start);
  return { span: s ? s : def, nameSpan: def };
}

/** Every written use of the name under the cursor, in document order; the declaration only when asked for. */
export function referencesAt(a: Analysis, offset: number, includeDeclaration: boolean): Span[] {
  const o = nameAt(a, offset);
  if (!o) return [];
  const spans = o.kind === 'symbol' ? a.references.get(o.name) ?? [] : a.sizes.get(o.name)?.uses ?? [];
  const decl = o.kind === 'symbol' ? a.symbols.get(o.name)?.nameSpan : sizeDefinition(a, o.name);
  return [...spans]
    .filter((s) => includeDeclaration || s.start !== decl?.start)
    .sort((x, y) => x.start - y.start);
}
